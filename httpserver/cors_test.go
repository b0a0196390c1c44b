package httpserver_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/httpserver"
)

// raw sends a bodiless request with the given headers and returns the
// answer's status and headers.
func (a *api) raw(method, path string, headers map[string]string) (int, http.Header) {
	a.t.Helper()
	req, err := http.NewRequest(method, a.srv.URL+path, nil)
	require.NoError(a.t, err)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := a.srv.Client().Do(req)
	require.NoError(a.t, err)
	resp.Body.Close()
	return resp.StatusCode, resp.Header
}

// preflight is a browser's preflight of a POST with a token and JSON.
func preflight(origin string) map[string]string {
	return map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "X-Auth-Token, Content-Type"}
}

func TestCORS_PreflightNeedsNoToken(t *testing.T) {
	a := newAPI(t, "sqlite::memory:", nil)
	status, h := a.raw("OPTIONS", "/1.1/users", preflight("https://ui.example.com"))
	assert.Equal(t, 200, status)
	assert.Equal(t, "*", h.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "GET, HEAD, POST, OPTIONS", h.Get("Access-Control-Allow-Methods"))
	assert.Equal(t, "Content-Type, X-Auth-Token, Wazo-Tenant", h.Get("Access-Control-Allow-Headers"))

	status, h = a.raw("OPTIONS", "/1.1/users/42", preflight("https://ui.example.com"))
	assert.Equal(t, 200, status)
	assert.Equal(t, "GET, HEAD, PUT, DELETE, OPTIONS", h.Get("Access-Control-Allow-Methods"))

	status, h = a.raw("OPTIONS", "/1.1/extensions", nil)
	assert.Equal(t, 200, status, "a plain OPTIONS lists the methods too")
	assert.Equal(t, "GET, HEAD, POST, OPTIONS", h.Get("Allow"))
	assert.Empty(t, h.Get("Access-Control-Allow-Methods"), "not a preflight")
}

func TestCORS_PreflightOfUnknownPathIs404(t *testing.T) {
	a := newAPI(t, "sqlite::memory:", nil)
	for _, path := range []string{"/1.1/nothing", "/1.1/users/42/nothing", "/1.1/extensions/abc", "/"} {
		status, h := a.raw("OPTIONS", path, preflight("https://ui.example.com"))
		assert.Equal(t, 404, status, path)
		assert.Empty(t, h.Get("Access-Control-Allow-Methods"), path)
	}
}

func TestCORS_EveryAnswerAllowsTheOrigin(t *testing.T) {
	a := newAPI(t, "sqlite::memory:", nil)
	origin := map[string]string{"Origin": "https://ui.example.com"}
	status, h := a.raw("GET", "/1.1/users", map[string]string{"Origin": "https://ui.example.com", "X-Auth-Token": mainTok})
	assert.Equal(t, 200, status)
	assert.Equal(t, "*", h.Get("Access-Control-Allow-Origin"))
	status, h = a.raw("GET", "/1.1/users", origin)
	assert.Equal(t, 401, status, "no token")
	assert.Equal(t, "*", h.Get("Access-Control-Allow-Origin"), "the browser may read the 401")
	status, h = a.raw("PATCH", "/1.1/users", origin)
	assert.Equal(t, 405, status)
	assert.Equal(t, "*", h.Get("Access-Control-Allow-Origin"))
}

func TestCORS_AllowedOrigins(t *testing.T) {
	a := newAPI(t, "sqlite::memory:", func(c *httpserver.Config) {
		c.CORS.Origins = []string{"https://ui.example.com"}
	})
	status, h := a.raw("OPTIONS", "/1.1/users", preflight("https://ui.example.com"))
	assert.Equal(t, 200, status)
	assert.Equal(t, "https://ui.example.com", h.Get("Access-Control-Allow-Origin"))
	assert.Contains(t, h.Values("Vary"), "Origin")
	assert.NotEmpty(t, h.Get("Access-Control-Allow-Methods"))

	status, h = a.raw("OPTIONS", "/1.1/users", preflight("https://evil.example.com"))
	assert.Equal(t, 200, status)
	assert.Empty(t, h.Get("Access-Control-Allow-Origin"), "another origin is not allowed")
	assert.Empty(t, h.Get("Access-Control-Allow-Methods"))

	_, h = a.raw("GET", "/1.1/users", map[string]string{"Origin": "https://evil.example.com", "X-Auth-Token": mainTok})
	assert.Empty(t, h.Get("Access-Control-Allow-Origin"))
}

func TestCORS_Disabled(t *testing.T) {
	a := newAPI(t, "sqlite::memory:", func(c *httpserver.Config) { c.CORS.Disabled = true })
	status, h := a.raw("OPTIONS", "/1.1/users", preflight("https://ui.example.com"))
	assert.Equal(t, 405, status)
	assert.Empty(t, h.Get("Access-Control-Allow-Origin"))
	_, h = a.raw("GET", "/1.1/users", map[string]string{"Origin": "https://ui.example.com", "X-Auth-Token": mainTok})
	assert.Empty(t, h.Get("Access-Control-Allow-Origin"))
}

package httpserver_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/httpserver"
	"github.com/gopbx/confd/store/storetest"
)

const notFoundBody = `{"message":"The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."}` + "\n"

func TestRoutes_NotFoundAndMethod(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		cases := []struct {
			method, path string
			status       int
			body         string
		}{
			{"GET", "/1.1/nope", 404, notFoundBody},
			{"GET", "/nope", 404, notFoundBody},
			{"GET", "/1.1", 404, notFoundBody},
			{"GET", "/1.1/contexts/abc", 404, notFoundBody},
			{"GET", "/1.1/contexts/-1", 404, notFoundBody},
			{"PUT", "/1.1/extensions/1.5", 404, notFoundBody},
			{"GET", "/1.1/tenants/not-a-uuid", 404, notFoundBody},
			{"PATCH", "/1.1/contexts", 405, notAllowed + "\n"},
			{"DELETE", "/1.1/contexts", 405, notAllowed + "\n"},
			{"POST", "/1.1/contexts/1", 405, notAllowed + "\n"},
			{"GET", "/1.1/contexts/1/contexts", 405, notAllowed + "\n"},
			{"POST", "/1.1/status", 405, notAllowed + "\n"},
		}
		for _, c := range cases {
			r := a.do(c.method, c.path, adminTok, "", nil)
			assert.Equal(t, c.status, r.status, "%s %s", c.method, c.path)
			assert.Equal(t, c.body, r.raw, "%s %s", c.method, c.path)
			assert.Equal(t, "application/json", r.header.Get("Content-Type"), "%s %s", c.method, c.path)
		}
	})
}

// A path value that does not match the route's converter is a missing
// route in wazo-confd: 404 before any token check.
func TestRoutes_BadIDWithoutToken(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.do("GET", "/1.1/contexts/abc", "", "", nil)
		assert.Equal(t, 404, r.status, r.raw)
	})
}

// DELETE /tenants/{uuid} checks the uuid form as GET does.
func TestTenants_Delete_BadUUID(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.do("DELETE", "/1.1/tenants/not-a-uuid", adminTok, "", nil)
		assert.Equal(t, 404, r.status)
		assert.Equal(t, notFoundBody, r.raw)
	})
}

func TestStatus(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		a := newAPI(t, url, func(c *httpserver.Config) {
			c.Checks = map[string]func(context.Context) error{
				"bus_consumer":  func(context.Context) error { return errors.New("down") },
				"master_tenant": func(context.Context) error { return nil },
			}
		})
		r := a.mustStatus(200, "GET", "/1.1/status", readTok, "", nil)
		assert.Equal(t, map[string]any{
			"rest_api":      map[string]any{"status": "ok"},
			"database":      map[string]any{"status": "ok"},
			"bus_consumer":  map[string]any{"status": "fail"},
			"master_tenant": map[string]any{"status": "ok"},
		}, r.obj())
		a.mustStatus(401, "GET", "/1.1/status", "", "", nil)
	})
}

func TestInfos(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		a := newAPI(t, url, func(c *httpserver.Config) { c.Version = "25.01" })
		r := a.mustStatus(200, "GET", "/1.1/infos", subTok, "", nil)
		assert.Equal(t, map[string]any{"uuid": a.c.Info().UUID, "wazo_version": "25.01"}, r.obj())
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, a.c.Info().UUID)
	})
}

// panicky is an Authenticator that panics for one token.
type panicky struct{ httpserver.Authenticator }

func (p panicky) Check(ctx context.Context, token, acl, tenant string) (httpserver.Token, error) {
	if token == "panic" {
		panic("boom")
	}
	return p.Authenticator.Check(ctx, token, acl, tenant)
}

// A handler panic answers 500 with wazo's error list, and the server goes
// on serving.
func TestServer_Panic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		a := newAPI(t, url, func(c *httpserver.Config) { c.Auth = panicky{c.Auth} })
		r := a.do("POST", "/1.1/contexts", "panic", "", map[string]any{"label": "x"})
		assert.Equal(t, 500, r.status)
		assert.Equal(t, []string{"Unexpected error: internal server error"}, r.list())
		evs, cmds := a.delivered()
		assert.Empty(t, evs)
		assert.Empty(t, cmds)
		a.mustCreateContext(mainTok, "", map[string]any{"label": "after the panic"})
	})
}

// Links and Location follow the proxy's scheme and prefix.
func TestContexts_Create_BehindProxy(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		req, err := http.NewRequest("POST", a.srv.URL+"/1.1/contexts", strings.NewReader(`{"label": "proxied"}`))
		require.NoError(t, err)
		req.Header.Set("X-Auth-Token", mainTok)
		req.Header.Set("X-Forwarded-Proto", "https")
		req.Header.Set("X-Script-Name", "/api/confd")
		resp, err := a.srv.Client().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, 201, resp.StatusCode)
		host := strings.TrimPrefix(a.srv.URL, "http://")
		assert.Regexp(t, `^https://`+host+`/api/confd/1\.1/contexts/\d+$`, resp.Header.Get("Location"))
	})
}

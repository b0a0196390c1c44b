package httpserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/httpserver"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/store/storetest"
)

// The tenants and tokens every test starts with: MAIN is a top-level
// tenant, the operator tenant (with the starter dialplan), SUB is MAIN's
// child. STRAY is a
// token's tenant created on its first use, its parent unknown here.
const (
	mainTenant  = "11111111-1111-4111-8111-111111111111"
	subTenant   = "22222222-2222-4222-8222-222222222222"
	strayTenant = "33333333-3333-4333-8333-333333333333"
	adminTok    = "admin-token"
	mainTok     = "main-token"
	subTok      = "sub-token"
	readTok     = "read-token"
	strayTok    = "stray-token"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// api is a real server over a real Client on a fresh database.
type api struct {
	t      *testing.T
	c      *confd.Client
	srv    *httptest.Server
	events *events.Recorder
	reload *reload.Recorder
}

// reply is a decoded answer.
type reply struct {
	status int
	header http.Header
	raw    string
	body   any
}

// list returns the reply's body as a list of strings (wazo's error bodies).
func (r reply) list() []string {
	var out []string
	json.Unmarshal([]byte(r.raw), &out)
	return out
}

// obj returns the reply's body as an object.
func (r reply) obj() map[string]any {
	m, _ := r.body.(map[string]any)
	return m
}

func newAPI(t *testing.T, url string, tweak func(*httpserver.Config)) *api {
	t.Helper()
	a := serve(t, url, mainTenant, tweak,
		httpserver.TokenEntry{Token: mainTok, TenantUUID: mainTenant, ACL: []string{"#"}},
		httpserver.TokenEntry{Token: subTok, TenantUUID: subTenant, ACL: []string{"#"}},
		httpserver.TokenEntry{Token: readTok, TenantUUID: mainTenant, ACL: []string{"confd.#.read"}},
		httpserver.TokenEntry{Token: strayTok, TenantUUID: strayTenant, ACL: []string{"#"}})
	a.mustStatus(201, "POST", "/1.1/tenants", adminTok, "", map[string]any{"uuid": mainTenant, "name": "Main", "slug": "main"})
	a.mustStatus(201, "POST", "/1.1/tenants", adminTok, mainTenant, map[string]any{"uuid": subTenant, "name": "Sub", "slug": "sub"})
	a.settle()
	return a
}

// serve is a real server over a real Client on the database at url, with
// the master admin token, tokens and the operator tenant (Config.OperatorTenant).
func serve(t *testing.T, url, operator string, tweak func(*httpserver.Config), tokens ...httpserver.TokenEntry) *api {
	t.Helper()
	a := &api{t: t, events: &events.Recorder{}, reload: &reload.Recorder{}}
	c, err := confd.New(context.Background(), confd.Config{DatabaseURL: url, Publisher: a.events,
		Reloader: a.reload, RetryInterval: 20 * time.Millisecond, Logger: quiet, OperatorTenant: operator})
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	a.c = c
	cfg := httpserver.Config{ManageTenants: true, Logger: quiet, Auth: httpserver.NewBuiltin(c, adminTok, tokens)}
	if tweak != nil {
		tweak(&cfg)
	}
	a.srv = httptest.NewServer(httpserver.New(c, cfg))
	t.Cleanup(a.srv.Close)
	return a
}

// each runs fn on a fresh api per engine.
func each(t *testing.T, fn func(t *testing.T, a *api)) {
	storetest.Each(t, func(t *testing.T, url string) { fn(t, newAPI(t, url, nil)) })
}

// do sends a request; body is JSON-encoded unless it is a string or []byte.
func (a *api) do(method, path, token, tenant string, body any) reply {
	a.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(a.t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, a.srv.URL+path, rd)
	require.NoError(a.t, err)
	if token != "" {
		req.Header.Set("X-Auth-Token", token)
	}
	if tenant != "" {
		req.Header.Set("Wazo-Tenant", tenant)
	}
	resp, err := a.srv.Client().Do(req)
	require.NoError(a.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(a.t, err)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if len(raw) > 0 {
		require.NoError(a.t, json.Unmarshal(raw, &r.body), "body %q", raw)
	}
	return r
}

func (a *api) mustStatus(status int, method, path, token, tenant string, body any) reply {
	a.t.Helper()
	r := a.do(method, path, token, tenant, body)
	require.Equal(a.t, status, r.status, "%s %s: %s", method, path, r.raw)
	return r
}

// mustCreateContext creates a context of MAIN (or of tenant with token)
// and returns its id and name.
func (a *api) mustCreateContext(token, tenant string, body map[string]any) (int, string) {
	a.t.Helper()
	r := a.mustStatus(201, "POST", "/1.1/contexts", token, tenant, body)
	return int(r.obj()["id"].(float64)), r.obj()["name"].(string)
}

func (a *api) mustCreateExtension(token, exten, context string) int {
	a.t.Helper()
	r := a.mustStatus(201, "POST", "/1.1/extensions", token, "", map[string]any{"exten": exten, "context": context})
	return int(r.obj()["id"].(float64))
}

// total is the "total" of a list seen by the admin token over every tenant.
func (a *api) total(plural string) int {
	a.t.Helper()
	r := a.mustStatus(200, "GET", "/1.1/"+plural+"?recurse=true", adminTok, "", nil)
	return int(r.obj()["total"].(float64))
}

// settle delivers the outbox and forgets what was recorded so far.
func (a *api) settle() {
	a.t.Helper()
	require.NoError(a.t, a.c.Flush(context.Background()))
	a.events.Reset()
	a.reload.Reset()
}

// delivered delivers the outbox and returns the event counts by name and
// the merged Asterisk commands, then forgets them.
func (a *api) delivered() (map[string]int, []string) {
	a.t.Helper()
	require.NoError(a.t, a.c.Flush(context.Background()))
	evs := map[string]int{}
	for _, n := range a.events.Names() {
		evs[n]++
	}
	cmds := a.reload.Merged().Ipbx
	a.events.Reset()
	a.reload.Reset()
	return evs, cmds
}

// scenario is one request and what it must answer and announce.
type scenario struct {
	name     string
	method   string
	path     string
	token    string
	tenant   string
	body     any
	status   int
	want     []string // the exact error list; nil skips
	contains string   // a substring of the raw body; "" skips
	events   map[string]int
	reloads  []string
	// unchanged names a list whose total must not change ("contexts").
	unchanged string
}

func (a *api) run(sc scenario) {
	a.t.Helper()
	before := 0
	if sc.unchanged != "" {
		before = a.total(sc.unchanged)
	}
	a.settle()
	r := a.do(sc.method, sc.path, sc.token, sc.tenant, sc.body)
	assert.Equal(a.t, sc.status, r.status, "body: %s", r.raw)
	if sc.want != nil {
		assert.Equal(a.t, sc.want, r.list(), "body: %s", r.raw)
	}
	if sc.contains != "" {
		assert.Contains(a.t, r.raw, sc.contains)
	}
	evs, cmds := a.delivered()
	want := sc.events
	if want == nil {
		want = map[string]int{}
	}
	assert.Equal(a.t, want, evs, "events")
	sort.Strings(sc.reloads)
	assert.Equal(a.t, sc.reloads, cmds, "reloads")
	if sc.unchanged != "" {
		assert.Equal(a.t, before, a.total(sc.unchanged), "%s total changed", sc.unchanged)
	}
}

func runAll(t *testing.T, scenarios func(a *api) []scenario) {
	each(t, func(t *testing.T, a *api) {
		for _, sc := range scenarios(a) {
			t.Run(sc.name, func(t *testing.T) {
				b := *a
				b.t = t
				b.run(sc)
			})
		}
	})
}

func itemPath(plural string, id int) string { return fmt.Sprintf("/1.1/%s/%d", plural, id) }

func itoa(n int) string { return fmt.Sprint(n) }

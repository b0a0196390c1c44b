package wazoauth_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gopbx/confd/httpserver"
)

// fakeToken is a token known to fakeAuth.
type fakeToken struct {
	tenant string
	user   string // empty: not a user's token (metadata.uuid is null)
	acl    []string
}

// fakeAuth is a small wazo-auth: tokens with ACLs and a tree of tenants.
// It answers like wazo-auth: the token first (404), then the scope (403),
// then the tenant (403).
type fakeAuth struct {
	srv *httptest.Server

	mu       sync.Mutex
	tokens   map[string]fakeToken
	tenants  map[string]httpserver.TenantInfo
	counts   map[string]int         // by "METHOD /route"
	last     map[string]seenRequest // last request by "METHOD /route"
	statuses map[string]int         // forced answers by "METHOD /route"
	delay    time.Duration
}

func newFakeAuth(t *testing.T) *fakeAuth {
	f := &fakeAuth{
		tokens: map[string]fakeToken{
			"tok-root":    {tenant: "t-root", user: "u-root", acl: []string{"confd.#", "auth.tenants.read"}},
			"tok-a":       {tenant: "t-a", user: "u-a", acl: []string{"confd.users.*.read", "confd.users.me.#", "auth.tenants.read"}},
			"tok-noauth":  {tenant: "t-b", user: "u-b", acl: []string{"confd.#"}},
			"tok-service": {tenant: "t-root", acl: []string{"#"}},
		},
		tenants:  map[string]httpserver.TenantInfo{},
		counts:   map[string]int{},
		last:     map[string]seenRequest{},
		statuses: map[string]int{},
	}
	for _, tn := range []httpserver.TenantInfo{
		{UUID: "t-root", Name: "root", Slug: "root", ParentUUID: "t-root"},
		{UUID: "t-a", Name: "a", Slug: "a", ParentUUID: "t-root"},
		{UUID: "t-a1", Name: "a1", Slug: "a1", ParentUUID: "t-a"},
		{UUID: "t-b", Name: "b", Slug: "b", ParentUUID: "t-root"},
	} {
		f.tenants[tn.UUID] = tn
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/0.1/token/{token}", f.token)
	mux.HandleFunc("GET /0.1/tenants", f.listTenants)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// record counts r and returns the status to force, if any.
func (f *fakeAuth) record(route string, r *http.Request) int {
	f.mu.Lock()
	f.counts[route]++
	f.last[route] = seenRequest{path: r.URL.Path, query: r.URL.Query(), header: r.Header.Clone()}
	status, delay := f.statuses[route], f.delay
	f.mu.Unlock()
	time.Sleep(delay)
	return status
}

func (f *fakeAuth) count(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[route]
}

// seenRequest is what fakeAuth keeps of a request.
type seenRequest struct {
	path   string
	query  url.Values
	header http.Header
}

func (f *fakeAuth) lastRequest(route string) seenRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last[route]
}

func (f *fakeAuth) set(fn func(f *fakeAuth)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

// visible tells whether target is from or below it.
func (f *fakeAuth) visible(from, target string) bool {
	for {
		tn, ok := f.tenants[target]
		switch {
		case !ok:
			return false
		case target == from:
			return true
		case tn.ParentUUID == target:
			return false
		}
		target = tn.ParentUUID
	}
}

// token serves HEAD and GET /0.1/token/{token}.
func (f *fakeAuth) token(w http.ResponseWriter, r *http.Request) {
	if status := f.record(r.Method+" /0.1/token", r); status != 0 {
		w.WriteHeader(status)
		return
	}
	f.mu.Lock()
	tok, ok := f.tokens[r.PathValue("token")]
	scope, tenant := r.URL.Query().Get("scope"), r.URL.Query().Get("tenant")
	allowed := ok && (scope == "" || httpserver.NewACLMatcher(tok.acl, tok.user, "").Match(scope))
	visible := ok && (tenant == "" || f.visible(tok.tenant, tenant))
	f.mu.Unlock()
	switch {
	case !ok:
		w.WriteHeader(http.StatusNotFound)
	case !allowed || !visible:
		w.WriteHeader(http.StatusForbidden)
	case r.Method == http.MethodHead:
		w.WriteHeader(http.StatusNoContent)
	default:
		var user any
		if tok.user != "" {
			user = tok.user
		}
		writeJSON(w, map[string]any{"data": map[string]any{
			"token":    r.PathValue("token"),
			"auth_id":  user,
			"acl":      tok.acl,
			"metadata": map[string]any{"uuid": user, "tenant_uuid": tok.tenant, "pbx_user_uuid": user},
		}})
	}
}

// listTenants serves GET /0.1/tenants: the Wazo-Tenant tenant and those
// below it, sorted by name.
func (f *fakeAuth) listTenants(w http.ResponseWriter, r *http.Request) {
	if status := f.record("GET /0.1/tenants", r); status != 0 {
		w.WriteHeader(status)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	tok, ok := f.tokens[r.Header.Get("X-Auth-Token")]
	tenant := r.Header.Get("Wazo-Tenant")
	if tenant == "" {
		tenant = tok.tenant
	}
	if !ok || !slices.Contains(tok.acl, "auth.tenants.read") || !f.visible(tok.tenant, tenant) {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	items := []httpserver.TenantInfo{}
	for uuid, tn := range f.tenants {
		if f.visible(tenant, uuid) {
			items = append(items, tn)
		}
	}
	slices.SortFunc(items, func(a, b httpserver.TenantInfo) int { return strings.Compare(a.Name, b.Name) })
	writeJSON(w, map[string]any{"items": items, "total": len(items), "filtered": len(items)})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

package httpserver_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gopbx/confd/httpserver"
	"github.com/gopbx/confd/store/storetest"
)

// A hosting provider's PBX: two top-level tenants, CUSTOMER created first,
// then OWNER, the provider's own.
const (
	customerTenant = "44444444-4444-4444-8444-444444444444"
	ownerTenant    = "55555555-5555-4555-8555-555555555555"
	customerTok    = "customer-token"
	ownerTok       = "owner-token"
)

// newHosting is the hosting provider's server; operator is
// confd.Config.OperatorTenant.
func newHosting(t *testing.T, url, operator string) *api {
	t.Helper()
	a := serve(t, url, operator, nil,
		httpserver.TokenEntry{Token: customerTok, TenantUUID: customerTenant, ACL: []string{"#"}},
		httpserver.TokenEntry{Token: ownerTok, TenantUUID: ownerTenant, ACL: []string{"#"}})
	for _, uuid := range []string{customerTenant, ownerTenant} {
		a.mustStatus(201, "POST", "/1.1/tenants", adminTok, "", map[string]any{"uuid": uuid, "name": uuid[:8], "slug": "t" + uuid[:7]})
	}
	a.settle()
	return a
}

// eachHosting runs fn on a fresh hosting server per engine.
func eachHosting(t *testing.T, operator string, fn func(t *testing.T, a *api)) {
	storetest.Each(t, func(t *testing.T, url string) { fn(t, newHosting(t, url, operator)) })
}

// globalEdits are the master-tenant-only writes: they concern every tenant.
var globalEdits = []struct{ method, path string }{
	{"POST", "/1.1/registrars"},
	{"PUT", "/1.1/registrars/default"},
	{"POST", "/1.1/sip/transports"},
	{"PUT", "/1.1/asterisk/voicemail/zonemessages"},
}

// assertGlobalRefused checks that tok may neither read the registrars nor
// change any global configuration, as wazo's required_master_tenant.
func assertGlobalRefused(t *testing.T, a *api, tok string) {
	t.Helper()
	assert.Equal(t, 401, a.do("GET", "/1.1/registrars", tok, "", nil).status)
	for _, e := range globalEdits {
		r := a.do(e.method, e.path, tok, "", map[string]any{"main_host": "h", "proxy_main_host": "p", "name": "x"})
		assert.Equal(t, 401, r.status, "%s %s: %s", e.method, e.path, r.raw)
		assert.Equal(t, []string{tok}, r.list(), "%s %s", e.method, e.path)
	}
	evs, _ := a.delivered()
	assert.Empty(t, evs, "nothing changed")
}

// Without CONFD_OPERATOR_TENANT no tenant is the PBX owner: the first
// top-level tenant gets no right from being first.
func TestOperator_NoneByCreationOrder(t *testing.T) {
	eachHosting(t, "", func(t *testing.T, a *api) {
		assertGlobalRefused(t, a, customerTok)
		assertGlobalRefused(t, a, ownerTok)
		a.mustStatus(201, "POST", "/1.1/registrars", adminTok, "", map[string]any{"main_host": "h", "proxy_main_host": "p"})
		assertNotUnallocated(t, a, customerTok, ownerTok)
	})
}

// assertNotUnallocated checks that a device of holder's tenant is not an
// unallocated device for taker's, and that taker sees it as missing.
func assertNotUnallocated(t *testing.T, a *api, holder, taker string) {
	t.Helper()
	free := a.mustCreateDevice(adminTok, "", nil)
	d := a.mustCreateDevice(holder, "", nil)
	assert.Equal(t, false, a.mustStatus(200, "GET", "/1.1/devices/"+d, holder, "", nil).obj()["is_new"])
	for _, tok := range []string{holder, taker} {
		assert.Equal(t, []string{free}, ids(a.mustStatus(200, "GET", "/1.1/devices/unallocated", tok, "", nil)), tok)
	}
	missing := "0123456789abcdef0123456789abcdef"
	for _, path := range []string{"/1.1/devices/%s", "/1.1/devices/%s/lines"} {
		want := a.do("GET", fmt.Sprintf(path, missing), taker, "", nil)
		got := a.do("GET", fmt.Sprintf(path, d), taker, "", nil)
		assert.Equal(t, want.status, got.status, path)
		assert.Equal(t, []string{"Resource Not Found - Device was not found ('id': '" + d + "')"}, got.list(), path)
	}
	a.settle()
	a.run(scenario{method: "PUT", path: "/1.1/devices/unallocated/" + d, token: taker, status: 404,
		want: []string{"Resource Not Found - Device was not found ('id': '" + d + "')"}})
	assert.Equal(t, false, a.mustStatus(200, "GET", "/1.1/devices/"+d, holder, "", nil).obj()["is_new"], "still the holder's")
}

// CONFD_OPERATOR_TENANT makes OWNER, created second, the PBX owner: it may
// change the global configuration and its devices are unallocated; the
// CUSTOMER created first gets nothing from it.
func TestOperator_Configured(t *testing.T) {
	eachHosting(t, ownerTenant, func(t *testing.T, a *api) {
		assertGlobalRefused(t, a, customerTok)
		a.run(scenario{method: "POST", path: "/1.1/registrars", token: ownerTok, status: 201,
			body: map[string]any{"main_host": "h", "proxy_main_host": "p"}, events: map[string]int{"registrar_created": 1}})
		a.run(scenario{method: "PUT", path: "/1.1/registrars/default", token: ownerTok, status: 204,
			body: map[string]any{}, events: map[string]int{"registrar_edited": 1}})
		a.mustStatus(200, "GET", "/1.1/registrars", ownerTok, "", nil)
		assertNotUnallocated(t, a, customerTok, ownerTok)

		owners := a.mustCreateDevice(ownerTok, "", nil)
		assert.Contains(t, ids(a.mustStatus(200, "GET", "/1.1/devices/unallocated", customerTok, "", nil)), owners)
		a.mustStatus(204, "PUT", "/1.1/devices/unallocated/"+owners, customerTok, "", nil)
		assert.Equal(t, customerTenant, a.mustStatus(200, "GET", "/1.1/devices/"+owners, customerTok, "", nil).obj()["tenant_uuid"])
	})
}

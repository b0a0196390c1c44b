package httpserver_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

const (
	notAllowed = `{"message":"The method is not allowed for the requested URL."}`
	randomUUID = "33333333-3333-4333-8333-333333333333"
)

// Authentication is checked before anything else, and a failed check
// leaves nothing behind.
func TestAuth(t *testing.T) {
	label := map[string]any{"label": "x"}
	runAll(t, func(a *api) []scenario {
		id, _ := a.mustCreateContext(mainTok, "", label)
		item := itemPath("contexts", id)
		return []scenario{
			{name: "ErrNoToken", method: "GET", path: "/1.1/contexts", status: 401,
				want: []string{"('', 'confd.contexts.read')"}},
			{name: "ErrUnknownToken", method: "GET", path: "/1.1/contexts", token: "nope", status: 401,
				want: []string{"('nope', 'confd.contexts.read')"}},
			{name: "ErrUnknownTokenOnCreate", method: "POST", path: "/1.1/contexts", token: "nope", body: label, status: 401,
				want: []string{"('nope', 'confd.contexts.create')"}, unchanged: "contexts"},
			{name: "ErrACLWithItemID", method: "DELETE", path: item, token: "nope", status: 401,
				want: []string{"('nope', 'confd.contexts." + itoa(id) + ".delete')"}, unchanged: "contexts"},
			{name: "ReadOnlyCanRead", method: "GET", path: item, token: readTok, status: 200},
			{name: "ErrReadOnlyCreate", method: "POST", path: "/1.1/contexts", token: readTok, body: label, status: 401,
				want: []string{"('read-token', 'confd.contexts.create', None)"}, unchanged: "contexts"},
			{name: "ErrReadOnlyCreateWithTenant", method: "POST", path: "/1.1/contexts", token: readTok, tenant: subTenant, body: label,
				status: 401, want: []string{"('read-token', 'confd.contexts.create', '" + subTenant + "')"}, unchanged: "contexts"},
			{name: "ErrReadOnlyUpdate", method: "PUT", path: item, token: readTok, body: label, status: 401,
				want: []string{"('read-token', 'confd.contexts." + itoa(id) + ".update', None)"}},
			{name: "ErrReadOnlyDelete", method: "DELETE", path: item, token: readTok, status: 401, unchanged: "contexts",
				contains: "confd.contexts." + itoa(id) + ".delete"},
			{name: "ErrSubSelectsParent", method: "GET", path: "/1.1/contexts", token: subTok, tenant: mainTenant, status: 401,
				want: []string{mainTenant}},
			{name: "ErrSubCreatesInParent", method: "POST", path: "/1.1/contexts", token: subTok, tenant: mainTenant, body: label,
				status: 401, want: []string{mainTenant}, unchanged: "contexts"},
			{name: "ErrRandomTenant", method: "GET", path: "/1.1/contexts", token: mainTok, tenant: randomUUID, status: 401,
				want: []string{randomUUID}},
			{name: "ErrAdminRandomTenant", method: "POST", path: "/1.1/contexts", token: adminTok, tenant: randomUUID, body: label,
				status: 401, want: []string{randomUUID}, unchanged: "contexts"},
			{name: "ErrTenantNotUUID", method: "GET", path: "/1.1/contexts", token: mainTok, tenant: "main", status: 401,
				want: []string{"main"}},
			{name: "MainSelectsSub", method: "GET", path: "/1.1/contexts", token: mainTok, tenant: subTenant, status: 200},
			{name: "ErrInfosNoToken", method: "GET", path: "/1.1/infos", status: 401, want: []string{"('', 'confd.infos.read')"}},
		}
	})
}

// Only the built-in master token manages tenants; for everyone else the
// methods do not exist, as in wazo-confd.
func TestTenants_Manage(t *testing.T) {
	tenant := map[string]any{"uuid": randomUUID, "name": "Other", "slug": "other"}
	runAll(t, func(*api) []scenario {
		return []scenario{
			{name: "ErrCreateByTenantToken", method: "POST", path: "/1.1/tenants", token: mainTok, body: tenant, status: 405,
				contains: notAllowed, unchanged: "tenants"},
			{name: "ErrDeleteByTenantToken", method: "DELETE", path: "/1.1/tenants/" + subTenant, token: mainTok, status: 405,
				contains: notAllowed, unchanged: "tenants"},
			{name: "ErrPut", method: "PUT", path: "/1.1/tenants/" + subTenant, token: adminTok, body: tenant, status: 405,
				contains: notAllowed, unchanged: "tenants"},
			{name: "ErrCreateByReadOnly", method: "POST", path: "/1.1/tenants", token: readTok, body: tenant, status: 401,
				want: []string{"('read-token', 'confd.tenants.create', None)"}, unchanged: "tenants"},
			{name: "ErrCreateBadSlug", method: "POST", path: "/1.1/tenants", token: adminTok,
				body: map[string]any{"slug": "no spaces"}, status: 400, unchanged: "tenants",
				want: []string{"Input Error - slug: ['String does not match expected pattern.']"}},
			{name: "ErrCreateDuplicate", method: "POST", path: "/1.1/tenants", token: adminTok,
				body: map[string]any{"uuid": subTenant, "slug": "dup"}, status: 400, unchanged: "tenants", contains: "Tenant already exists"},
			{name: "ErrDeleteWithChildren", method: "DELETE", path: "/1.1/tenants/" + mainTenant, token: adminTok, status: 400,
				unchanged: "tenants", want: []string{"Resource Error - Operation not permitted. The tenant still has sub-tenants"}},
			{name: "GetSubByMain", method: "GET", path: "/1.1/tenants/" + subTenant, token: mainTok, status: 200,
				contains: `"parent_uuid":"` + mainTenant + `"`},
			{name: "ErrGetMainBySub", method: "GET", path: "/1.1/tenants/" + mainTenant, token: subTok, status: 404,
				want: []string{"Resource Not Found - Tenant was not found ('uuid': '" + mainTenant + "')"}},
			{name: "Create", method: "POST", path: "/1.1/tenants", token: adminTok, tenant: subTenant, body: tenant, status: 201,
				contains: `"parent_uuid":"` + subTenant + `"`},
			{name: "Delete", method: "DELETE", path: "/1.1/tenants/" + randomUUID, token: adminTok, status: 204},
		}
	})
}

func TestTenants_List(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(200, "GET", "/1.1/tenants", mainTok, "", nil)
		assert.Equal(t, float64(1), r.obj()["total"])
		r = a.mustStatus(200, "GET", "/1.1/tenants?recurse=true", mainTok, "", nil)
		assert.Equal(t, float64(2), r.obj()["total"])
		r = a.mustStatus(200, "GET", "/1.1/tenants?recurse=true", subTok, "", nil)
		assert.Equal(t, float64(1), r.obj()["total"])
		assert.Contains(t, r.raw, subTenant)
		assert.NotContains(t, r.raw, mainTenant+`","name"`)
	})
}

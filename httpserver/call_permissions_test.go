package httpserver_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func (a *api) mustCreateUserRef(token, tenant, firstname string) (int, string) {
	a.t.Helper()
	r := a.mustStatus(201, "POST", "/1.1/users", token, tenant, map[string]any{"firstname": firstname})
	return int(r.obj()["id"].(float64)), r.obj()["uuid"].(string)
}

func (a *api) mustCreateCallPermission(token, tenant string, body map[string]any) int {
	a.t.Helper()
	r := a.mustStatus(201, "POST", "/1.1/callpermissions", token, tenant, body)
	return int(r.obj()["id"].(float64))
}

func TestCallPermissions_HTTP(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/callpermissions", mainTok, "", map[string]any{"name": "minimal"})
		id := int(r.obj()["id"].(float64))
		href := a.srv.URL + "/1.1/callpermissions/" + itoa(id)
		assert.Equal(t, href, r.header.Get("Location"))
		assert.Equal(t, map[string]any{"id": float64(id), "tenant_uuid": mainTenant, "name": "minimal", "password": nil,
			"mode": "deny", "extensions": []any{}, "enabled": true, "description": nil,
			"links": []any{map[string]any{"rel": "callpermissions", "href": href}},
			"users": []any{}, "groups": []any{}, "outcalls": []any{}}, r.obj())
		evs, cmds := a.delivered()
		assert.Equal(t, map[string]int{"call_permission_created": 1}, evs)
		assert.Empty(t, cmds)
		a.mustStatus(404, "GET", itemPath("callpermissions", id), subTok, "", nil)
		a.mustStatus(404, "PUT", itemPath("callpermissions", id), subTok, "", map[string]any{})
		a.mustStatus(204, "PUT", itemPath("callpermissions", id), mainTok, "", map[string]any{"mode": "allow"})
		got := a.mustStatus(200, "GET", itemPath("callpermissions", id), mainTok, "", nil).obj()
		assert.Equal(t, "allow", got["mode"])
		assert.Equal(t, "minimal", got["name"], "a partial update")
		listed := a.mustStatus(200, "GET", "/1.1/callpermissions?search=allow", mainTok, "", nil).obj()
		assert.Equal(t, float64(1), listed["total"])
		a.mustStatus(404, "GET", "/1.1/callpermissions/abc", mainTok, "", nil)
		a.mustStatus(204, "DELETE", itemPath("callpermissions", id), mainTok, "", nil)
	})
}

func TestCallPermissions_HTTP_ErrInput(t *testing.T) {
	null := json.RawMessage("null")
	post := func(name, field string, value any, want ...string) scenario {
		body := map[string]any{"name": "x", field: value}
		return scenario{name: name, method: "POST", path: "/1.1/callpermissions", token: mainTok, body: body,
			status: 400, want: want, unchanged: "callpermissions"}
	}
	runAll(t, func(a *api) []scenario {
		a.mustCreateCallPermission(mainTok, "", map[string]any{"name": "taken"})
		return []scenario{
			post("ErrName", "name", strings.Repeat("a", 129), "Input Error - name: ['Length must be between 1 and 128.']"),
			post("ErrNameNull", "name", null, "Input Error - name: ['Field may not be null.']"),
			post("ErrNameTaken", "name", "taken", "Resource Error - CallPermission already exists ('name': 'taken')"),
			post("ErrPassword", "password", "invalid", "Input Error - password: ['String does not match expected pattern.']"),
			post("ErrMode", "mode", "invalid", "Input Error - mode: ['Must be one of: allow, deny.']"),
			post("ErrEnabled", "enabled", "invalid", "Input Error - enabled: ['Not a valid boolean.']"),
			post("ErrExtensions", "extensions", "invalid", "Input Error - extensions: ['Not a valid list.']"),
			post("ErrExtensionsNull", "extensions", null, "Input Error - extensions: ['Field may not be null.']"),
			post("ErrDescription", "description", 123, "Input Error - description: ['Not a valid string.']"),
			{name: "ErrNoBody", method: "POST", path: "/1.1/callpermissions", token: mainTok, body: "",
				status: 400, want: []string{"The browser (or proxy) sent a request that this server could not understand."}},
		}
	})
}

func TestUserCallPermission_HTTP(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		user, uuid := a.mustCreateUserRef(mainTok, "", "Alice")
		perm := a.mustCreateCallPermission(mainTok, "", map[string]any{"name": "intl"})
		sub := a.mustCreateCallPermission(subTok, "", map[string]any{"name": "sub"})
		path := func(u any, p int) string { return "/1.1/users/" + keyOf(u) + "/callpermissions/" + itoa(p) }
		assoc := map[string]int{"user_call_permission_associated": 1}
		return []scenario{
			{name: "Associate", method: "PUT", path: path(uuid, perm), token: mainTok, status: 204, events: assoc},
			{name: "AgainByID", method: "PUT", path: path(user, perm), token: mainTok, status: 204},
			{name: "ErrUser", method: "PUT", path: path(999999, perm), token: mainTok, status: 404,
				want: []string{"Resource Not Found - User was not found ('id': 999999)"}},
			{name: "ErrPermission", method: "PUT", path: path(uuid, 999999), token: mainTok, status: 404,
				want: []string{"Resource Not Found - CallPermission was not found ('id': 999999)"}},
			{name: "ErrUserOfParent", method: "PUT", path: path(uuid, sub), token: subTok, status: 404},
			{name: "ErrDifferentTenants", method: "PUT", path: path(uuid, sub), token: mainTok, status: 400,
				contains: "Resource Error - different tenants"},
			{name: "Dissociate", method: "DELETE", path: path(uuid, perm), token: mainTok, status: 204,
				events: map[string]int{"user_call_permission_dissociated": 1}},
			{name: "DissociateAgain", method: "DELETE", path: path(uuid, perm), token: mainTok, status: 204},
			{name: "ErrReadOnlyToken", method: "PUT", path: path(uuid, perm), token: readTok, status: 401},
		}
	})
}

func keyOf(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return itoa(v.(int))
}

func TestGroupCallPermission_HTTP(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		perm := a.mustCreateCallPermission(mainTok, "", map[string]any{"name": "intl"})
		sub := a.mustCreateCallPermission(subTok, "", map[string]any{"name": "sub"})
		group := a.mustStatus(201, "POST", "/1.1/groups", mainTok, "", map[string]any{"label": "Support"}).obj()
		byUUID := "/1.1/groups/" + group["uuid"].(string) + "/callpermissions/"
		byID := "/1.1/groups/" + itoa(int(group["id"].(float64))) + "/callpermissions/"
		return []scenario{
			{name: "Associate", method: "PUT", path: byUUID + itoa(perm), token: mainTok, status: 204,
				events: map[string]int{"group_call_permission_associated": 1}},
			{name: "AgainByID", method: "PUT", path: byID + itoa(perm), token: mainTok, status: 204},
			{name: "ErrGroup", method: "PUT", path: "/1.1/groups/999999/callpermissions/" + itoa(perm), token: mainTok, status: 404,
				want: []string{"Resource Not Found - Group was not found ('id': 999999)"}},
			{name: "ErrPermission", method: "PUT", path: byID + "999999", token: mainTok, status: 404,
				want: []string{"Resource Not Found - CallPermission was not found ('id': 999999)"}},
			{name: "ErrGroupHidden", method: "PUT", path: byUUID + itoa(sub), token: subTok, status: 404},
			{name: "ErrDifferentTenants", method: "PUT", path: byUUID + itoa(sub), token: mainTok, status: 400,
				contains: "Resource Error - different tenants"},
			{name: "Dissociate", method: "DELETE", path: byID + itoa(perm), token: mainTok, status: 204,
				events: map[string]int{"group_call_permission_dissociated": 1}},
		}
	})
}

package httpserver_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCallPickups_HTTP(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/callpickups", mainTok, "", map[string]any{"name": "sales"})
		id := int(r.obj()["id"].(float64))
		href := a.srv.URL + "/1.1/callpickups/" + itoa(id)
		empty := map[string]any{"users": []any{}, "groups": []any{}}
		assert.Equal(t, map[string]any{"id": float64(id), "tenant_uuid": mainTenant, "name": "sales", "description": nil,
			"enabled": true, "links": []any{map[string]any{"rel": "callpickups", "href": href}},
			"interceptors": empty, "targets": empty}, r.obj())
		_, uuid := a.mustCreateUserRef(mainTok, "", "Alice")
		a.settle()
		a.run(scenario{method: "PUT", path: "/1.1/callpickups/" + itoa(id) + "/targets/users", token: mainTok,
			body: map[string]any{"users": []any{map[string]any{"uuid": uuid}}}, status: 204,
			events:  map[string]int{"call_pickup_target_users_associated": 1},
			reloads: []string{"module reload res_pjsip.so", "module reload chan_sccp.so"}})
		got := a.mustStatus(200, "GET", itemPath("callpickups", id), mainTok, "", nil).obj()
		assert.Equal(t, []any{map[string]any{"uuid": uuid, "firstname": "Alice", "lastname": nil}},
			got["targets"].(map[string]any)["users"])
		a.mustStatus(404, "GET", itemPath("callpickups", id), subTok, "", nil)
		a.run(scenario{method: "DELETE", path: itemPath("callpickups", id), token: mainTok, status: 204,
			events:  map[string]int{"call_pickup_deleted": 1},
			reloads: []string{"module reload res_pjsip.so", "module reload chan_sccp.so"}})
	})
}

func TestCallPickupMembers_HTTP_Errors(t *testing.T) {
	null := json.RawMessage("null")
	runAll(t, func(a *api) []scenario {
		id := int(a.mustStatus(201, "POST", "/1.1/callpickups", mainTok, "", map[string]any{"name": "sales"}).obj()["id"].(float64))
		sub := int(a.mustStatus(201, "POST", "/1.1/callpickups", subTok, "", map[string]any{"name": "sub"}).obj()["id"].(float64))
		_, uuid := a.mustCreateUserRef(mainTok, "", "Alice")
		path := "/1.1/callpickups/" + itoa(id) + "/interceptors/users"
		put := func(name string, body any, status int, want ...string) scenario {
			return scenario{name: name, method: "PUT", path: path, token: mainTok, body: body, status: status, want: want}
		}
		user := func(v any) map[string]any { return map[string]any{"users": []any{map[string]any{"uuid": v}}} }
		missing := "99999999-9999-4999-8999-999999999999"
		return []scenario{
			put("ErrUsersNull", map[string]any{"users": null}, 400, "Input Error - users: ['Field may not be null.']"),
			put("ErrUsersMissing", map[string]any{}, 400, "Input Error - users: ['Missing data for required field.']"),
			put("ErrUsersString", map[string]any{"users": "string"}, 400, "Input Error - users: ['Not a valid list.']"),
			put("ErrUUIDInt", user(1), 400, "Input Error - users: {0: {'uuid': ['Not a valid string.']}}"),
			put("ErrUUIDMissing", map[string]any{"users": []any{map[string]any{}}}, 400,
				"Input Error - users: {0: {'uuid': ['Missing data for required field.']}}"),
			put("ErrUserNotFound", user(missing), 400, "Input Error - field 'users': User was not found ('uuid': '"+missing+"')"),
			put("ErrTwice", map[string]any{"users": []any{map[string]any{"uuid": uuid}, map[string]any{"uuid": uuid}}}, 400,
				"Resource Error - Operation not permitted. Cannot associate same user more than once"),
			{name: "ErrPickupNotFound", method: "PUT", path: "/1.1/callpickups/999999/interceptors/users", token: mainTok,
				body: user(uuid), status: 404, want: []string{"Resource Not Found - CallPickup was not found ('id': 999999)"}},
			{name: "ErrPickupOfParent", method: "PUT", path: path, token: subTok, body: user(uuid), status: 404},
			{name: "ErrUserOfParent", method: "PUT", path: "/1.1/callpickups/" + itoa(sub) + "/targets/users", token: subTok,
				body: user(uuid), status: 400, want: []string{"Input Error - field 'users': User was not found ('uuid': '" + uuid + "')"}},
			{name: "ErrDifferentTenants", method: "PUT", path: "/1.1/callpickups/" + itoa(sub) + "/targets/users", token: mainTok,
				body: user(uuid), status: 400, contains: "Resource Error - different tenants"},
			{name: "ErrUUIDPath", method: "PUT", path: "/1.1/callpickups/" + missing + "/targets/users", token: mainTok,
				body: user(uuid), status: 404},
		}
	})
}

func TestCallPickupGroups_HTTP(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		id := int(a.mustStatus(201, "POST", "/1.1/callpickups", mainTok, "", map[string]any{"name": "sales"}).obj()["id"].(float64))
		group := int(a.mustStatus(201, "POST", "/1.1/groups", mainTok, "", map[string]any{"label": "Support"}).obj()["id"].(float64))
		path := "/1.1/callpickups/" + itoa(id) + "/interceptors/groups"
		groups := func(ids ...any) map[string]any {
			l := []any{}
			for _, g := range ids {
				l = append(l, map[string]any{"id": g})
			}
			return map[string]any{"groups": l}
		}
		reloads := []string{"module reload res_pjsip.so", "module reload chan_sccp.so"}
		return []scenario{
			{name: "Set", method: "PUT", path: path, token: mainTok, body: groups(group), status: 204,
				events: map[string]int{"call_pickup_interceptor_groups_associated": 1}, reloads: reloads},
			{name: "SetTargets", method: "PUT", path: "/1.1/callpickups/" + itoa(id) + "/targets/groups", token: mainTok,
				body: groups(group), status: 204, events: map[string]int{"call_pickup_target_groups_associated": 1}, reloads: reloads},
			{name: "ErrGroupNotFound", method: "PUT", path: path, token: mainTok, body: groups(999999), status: 400,
				want: []string{"Input Error - field 'groups': Group was not found ('id': 999999)"}},
			{name: "ErrGroupID", method: "PUT", path: path, token: mainTok, body: groups("abc"), status: 400,
				want: []string{"Input Error - groups: {0: {'id': ['Not a valid integer.']}}"}},
			{name: "ErrTwice", method: "PUT", path: path, token: mainTok, body: groups(group, group), status: 400,
				want: []string{"Resource Error - Operation not permitted. Cannot associate same group more than once"}},
			{name: "Empty", method: "PUT", path: path, token: mainTok, body: groups(), status: 204,
				events: map[string]int{"call_pickup_interceptor_groups_associated": 1}, reloads: reloads},
		}
	})
}

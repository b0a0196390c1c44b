package httpserver_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
)

// mustCreateDevice creates a device with token in tenant (the token's own
// when empty) and returns its id.
func (a *api) mustCreateDevice(token, tenant string, body map[string]any) string {
	a.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	r := a.mustStatus(201, "POST", "/1.1/devices", token, tenant, body)
	return r.obj()["id"].(string)
}

// ids returns the ids of a device list.
func ids(r reply) []string {
	out := []string{}
	for _, it := range r.obj()["items"].([]any) {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	return out
}

func TestDevices_CreateGet(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/devices", mainTok, "", map[string]any{
			"ip": "10.0.0.1", "mac": "AA:BB:CC:DD:EE:FF", "plugin": "zero", "template_id": "defaultconfigdevice",
			"options": map[string]any{"switchboard": true}, "id": "mine", "status": "configured", "tenant_uuid": subTenant, "is_new": true,
		})
		got := r.obj()
		id := got["id"].(string)
		href := a.srv.URL + "/1.1/devices/" + id
		assert.Regexp(t, `^[0-9a-f]{32}$`, id, "id is generated")
		assert.Equal(t, href, r.header.Get("Location"))
		assert.True(t, strings.HasPrefix(r.raw, `{"id":"`+id+`","status":"autoprov","tenant_uuid":"`+mainTenant+`","is_new":true,"ip":"10.0.0.1","mac":"aa:bb:cc:dd:ee:ff","sn":null,`), r.raw)
		assert.Equal(t, map[string]any{"switchboard": true}, got["options"])
		assert.Equal(t, []any{map[string]any{"rel": "devices", "href": href}}, got["links"])
		assert.Equal(t, got, a.mustStatus(200, "GET", "/1.1/devices/"+id, mainTok, "", nil).obj())

		r = a.mustStatus(201, "POST", "/1.1/devices", mainTok, "", map[string]any{"mac": nil, "options": nil})
		for _, k := range []string{"mac", "ip", "plugin", "template_id", "options", "description"} {
			assert.Nil(t, r.obj()[k], k)
		}
		assert.Equal(t, "not_configured", r.obj()["status"])
	})
}

func TestDevices_Errors(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		id := a.mustCreateDevice(mainTok, "", map[string]any{"mac": "aa:aa:aa:aa:aa:01"})
		other := a.mustCreateDevice(mainTok, "", map[string]any{"mac": "aa:aa:aa:aa:aa:02"})
		item := "/1.1/devices/" + id
		var out []scenario
		for _, m := range []string{"POST", "PUT"} {
			path := "/1.1/devices"
			if m == "PUT" {
				path = item
			}
			out = append(out,
				scenario{name: m + "/ErrIP", method: m, path: path, token: mainTok, body: map[string]any{"ip": "abcd1234"},
					status: 400, want: []string{"Input Error - ip: ['String does not match expected pattern.']"}, unchanged: "devices"},
				scenario{name: m + "/ErrSwitchboard", method: m, path: path, token: mainTok, body: map[string]any{"options": map[string]any{"switchboard": "yes"}},
					status: 400, want: []string{"Input Error - options: {'switchboard': ['Not a valid boolean.']}"}, unchanged: "devices"},
				scenario{name: m + "/ErrPlugin", method: m, path: path, token: mainTok, body: map[string]any{"plugin": "invalidplugin"},
					status: 400, want: []string{"Input Error - field 'plugin': Plugin was not found ('plugin': 'invalidplugin')"}, unchanged: "devices"},
				scenario{name: m + "/ErrTemplate", method: m, path: path, token: mainTok, body: map[string]any{"template_id": "x"},
					status: 400, want: []string{"Input Error - field 'template_id': DeviceTemplate was not found ('template_id': 'x')"}, unchanged: "devices"},
				scenario{name: m + "/ErrMACTakenInOtherTenant", method: m, path: path, token: subTok, tenant: "", body: map[string]any{"mac": "AA:AA:AA:AA:AA:02"},
					status: map[string]int{"POST": 400, "PUT": 404}[m], contains: map[string]string{"POST": "Device already exists ('mac': 'aa:aa:aa:aa:aa:02')", "PUT": "Device was not found"}[m], unchanged: "devices"},
				scenario{name: m + "/ErrNoBody", method: m, path: path, token: mainTok, body: "",
					status: 400, want: []string{"The browser (or proxy) sent a request that this server could not understand."}, unchanged: "devices"},
			)
		}
		return append(out,
			scenario{name: "PUT/ErrMACTaken", method: "PUT", path: item, token: mainTok, body: map[string]any{"mac": "aa:aa:aa:aa:aa:02"},
				status: 400, want: []string{"Resource Error - Device already exists ('mac': 'aa:aa:aa:aa:aa:02')"}},
			scenario{name: "PUT/OwnMAC", method: "PUT", path: item, token: mainTok, body: map[string]any{"mac": "AA:AA:AA:AA:AA:01"},
				status: 204, events: map[string]int{"device_edited": 1}},
			scenario{name: "GET/ErrMissing", method: "GET", path: "/1.1/devices/999999", token: mainTok,
				status: 404, want: []string{"Resource Not Found - Device was not found ('id': '999999')"}},
			scenario{name: "GET/ErrBadForm", method: "GET", path: "/1.1/devices/a%20b", token: mainTok,
				status: 404, want: []string{"Resource Not Found - Device was not found ('id': 'a b')"}},
			scenario{name: "GET/ErrOrder", method: "GET", path: "/1.1/devices?order=nope", token: mainTok,
				status: 400, want: []string{"Input Error - order: column 'nope' was not found"}},
			scenario{name: "DELETE/OK", method: "DELETE", path: "/1.1/devices/" + other, token: mainTok,
				status: 204, events: map[string]int{"device_deleted": 1}},
			scenario{name: "DELETE/ErrGone", method: "DELETE", path: "/1.1/devices/" + other, token: mainTok,
				status: 404, want: []string{"Resource Not Found - Device was not found ('id': '" + other + "')"}},
		)
	})
}

func TestDevices_Tenants(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		main := a.mustCreateDevice(mainTok, "", nil)
		sub := a.mustCreateDevice(mainTok, subTenant, nil)
		assert.Equal(t, []string{main}, ids(a.mustStatus(200, "GET", "/1.1/devices", mainTok, "", nil)))
		assert.Equal(t, []string{sub}, ids(a.mustStatus(200, "GET", "/1.1/devices", mainTok, subTenant, nil)))
		assert.ElementsMatch(t, []string{main, sub}, ids(a.mustStatus(200, "GET", "/1.1/devices?recurse=true", mainTok, "", nil)))
		assert.Equal(t, []string{sub}, ids(a.mustStatus(200, "GET", "/1.1/devices?recurse=true", subTok, "", nil)))

		a.mustStatus(200, "GET", "/1.1/devices/"+sub, mainTok, "", nil)
		a.mustStatus(204, "PUT", "/1.1/devices/"+sub, mainTok, "", map[string]any{"sn": "1"})
		a.settle()
		missing := []string{"Resource Not Found - Device was not found ('id': '" + main + "')"}
		for _, rq := range [][2]string{{"GET", ""}, {"PUT", ""}, {"DELETE", ""}, {"GET", "/autoprov"}, {"GET", "/synchronize"}} {
			r := a.do(rq[0], "/1.1/devices/"+main+rq[1], subTok, "", map[string]any{})
			assert.Equal(t, 404, r.status, rq)
			assert.Equal(t, missing, r.list(), rq)
		}
		evs, _ := a.delivered()
		assert.Empty(t, evs)
	})
}

func TestDevices_SearchSort(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		d1 := a.mustCreateDevice(mainTok, "", map[string]any{"ip": "99.20.30.40", "mac": "88:88:88:88:88:88", "model": "SortModel1", "plugin": "zero"})
		d2 := a.mustCreateDevice(mainTok, "", map[string]any{"ip": "99.21.30.40", "mac": "bb:cc:dd:aa:bb:cc", "model": "SortModel2"})
		get := func(q string) []string { return ids(a.mustStatus(200, "GET", "/1.1/devices?"+q, mainTok, "", nil)) }
		assert.Equal(t, []string{d1}, get("search=88:88:88:88:88:88"))
		assert.Equal(t, []string{d1, d2}, get("search=99.2"), "IP prefix, default order ip")
		assert.Equal(t, []string{d2}, get("search=99.21"))
		assert.Equal(t, []string{d1}, get("search=ZER"), "case-insensitive")
		assert.Equal(t, []string{d1, d2}, get("search=autoprov"), "the configuration is searched")
		assert.Equal(t, []string{d2}, get("model=SortModel2"))
		assert.Equal(t, []string{}, get("model=sortmodel2"), "filters are exact")
		assert.Equal(t, []string{d2, d1}, get("order=model&direction=desc"))
		assert.Equal(t, []string{d2}, get("order=mac&offset=1"))
		assert.Equal(t, []string{d1}, get("order=mac&limit=1"))
		r := a.mustStatus(200, "GET", "/1.1/devices?limit=1", mainTok, "", nil)
		assert.Equal(t, float64(2), r.obj()["total"])
	})
}

func TestDevices_Actions(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id := a.mustCreateDevice(mainTok, "", map[string]any{"plugin": "zero", "template_id": "defaultconfigdevice", "options": map[string]any{"switchboard": true}})
		a.settle()
		before, err := a.c.Devices.Get(context.Background(), confd.Scope{}, id)
		require.NoError(t, err)
		a.mustStatus(204, "GET", "/1.1/devices/"+id+"/synchronize", mainTok, "", nil)
		r := a.mustStatus(204, "GET", "/1.1/devices/"+id+"/autoprov", mainTok, "", nil)
		assert.Empty(t, r.raw)
		evs, _ := a.delivered()
		assert.Empty(t, evs, "no device event, as wazo")
		after := a.mustStatus(200, "GET", "/1.1/devices/"+id, mainTok, "", nil).obj()
		assert.Nil(t, after["options"])
		assert.Nil(t, after["template_id"])
		assert.Equal(t, "autoprov", after["status"])
		now, _ := a.c.Devices.Get(context.Background(), confd.Scope{}, id)
		assert.NotEqual(t, *before.Config, *now.Config, "a new autoprov configuration")

		for _, tc := range []struct {
			method, path string
			status       int
		}{
			{"PUT", "/1.1/devices/" + id + "/autoprov", 405},
			{"DELETE", "/1.1/devices/" + id + "/synchronize", 405},
			{"GET", "/1.1/devices/" + id + "/nothing", 404},
			{"PUT", "/1.1/devices/" + id + "/nothing", 404},
			{"GET", "/1.1/devices/unallocated/" + id, 405},
			{"POST", "/1.1/devices/unallocated", 405},
			{"PUT", "/1.1/devices/unallocated", 404},
		} {
			r := a.do(tc.method, tc.path, mainTok, "", nil)
			assert.Equal(t, tc.status, r.status, "%s %s: %s", tc.method, tc.path, r.raw)
		}
	})
}

func TestDevices_Unallocated(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		free := a.mustCreateDevice(adminTok, "", nil)
		operators := a.mustCreateDevice(mainTok, "", nil) // the operator tenant's are unallocated
		taken := a.mustCreateDevice(subTok, "", nil)
		assert.Equal(t, true, a.mustStatus(200, "GET", "/1.1/devices/"+free, adminTok, "", nil).obj()["is_new"])
		assert.Equal(t, true, a.mustStatus(200, "GET", "/1.1/devices/"+operators, mainTok, "", nil).obj()["is_new"])
		assert.Equal(t, false, a.mustStatus(200, "GET", "/1.1/devices/"+taken, subTok, "", nil).obj()["is_new"])
		for _, tok := range []string{mainTok, subTok, readTok} {
			assert.ElementsMatch(t, []string{free, operators}, ids(a.mustStatus(200, "GET", "/1.1/devices/unallocated", tok, "", nil)), tok)
		}
		assert.Equal(t, []string{}, ids(a.mustStatus(200, "GET", "/1.1/devices/unallocated?search=nomatch", mainTok, "", nil)))
		a.settle()

		assert.Equal(t, 401, a.do("PUT", "/1.1/devices/unallocated/"+free, readTok, "", nil).status, "ACL confd.devices.unallocated.{id}.update")
		a.run(scenario{method: "PUT", path: "/1.1/devices/unallocated/" + taken, token: subTok, status: 404,
			want: []string{"Resource Not Found - Device was not found ('id': '" + taken + "')"}})
		a.mustStatus(204, "PUT", "/1.1/devices/unallocated/"+free, mainTok, subTenant, nil)
		require.NoError(t, a.c.Flush(context.Background()))
		require.Equal(t, []string{"device_edited"}, a.events.Names())
		assert.Equal(t, a.c.Tenants.Master(), a.events.Events()[0].TenantUUID, "announced in the tenant it came from, as wazo")
		a.settle()
		got := a.mustStatus(200, "GET", "/1.1/devices/"+free, subTok, "", nil).obj()
		assert.Equal(t, subTenant, got["tenant_uuid"])
		assert.Equal(t, false, got["is_new"])
		assert.Equal(t, []string{operators}, ids(a.mustStatus(200, "GET", "/1.1/devices/unallocated", mainTok, "", nil)))
		a.run(scenario{method: "PUT", path: "/1.1/devices/unallocated/" + free, token: subTok, status: 404,
			want: []string{"Resource Not Found - Device was not found ('id': '" + free + "')"}})
	})
}

package httpserver_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mustCreateTransport creates a SIP transport and returns its uuid.
func (a *api) mustCreateTransport(name string) string {
	a.t.Helper()
	return a.mustStatus(201, "POST", "/1.1/sip/transports", adminTok, "", map[string]any{"name": name}).obj()["uuid"].(string)
}

func TestSIPTransports_CRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		list := a.mustStatus(200, "GET", "/1.1/sip/transports", subTok, "", nil).obj()
		assert.Equal(t, float64(2), list["total"], "every tenant reads the initial transports")

		opts := []any{[]any{"bind", "0.0.0.0:5060"}, []any{"local_net", "192.168.0.0/16"}, []any{"local_net", "10.37.1.0/24"}}
		r := a.mustStatus(201, "POST", "/1.1/sip/transports", adminTok, "", map[string]any{"name": "my-transport", "options": opts,
			"uuid": fakeUUID})
		tr := r.obj()
		uuid := tr["uuid"].(string)
		assert.NotEqual(t, fakeUUID, uuid, "uuid is read-only")
		assert.Equal(t, map[string]any{"uuid": uuid, "name": "my-transport", "options": opts}, tr)
		assert.Equal(t, a.srv.URL+"/1.1/sip/transports/"+uuid, r.header.Get("Location"))
		assert.Equal(t, tr, a.mustStatus(200, "GET", "/1.1/sip/transports/"+uuid, subTok, "", nil).obj())

		a.mustStatus(204, "PUT", "/1.1/sip/transports/"+uuid, adminTok, "", map[string]any{})
		a.mustStatus(204, "PUT", "/1.1/sip/transports/"+uuid, adminTok, "", map[string]any{"name": "renamed"})
		got := a.mustStatus(200, "GET", "/1.1/sip/transports/"+uuid, mainTok, "", nil).obj()
		assert.Equal(t, "renamed", got["name"])
		assert.Equal(t, opts, got["options"], "only the given fields change")

		sip := a.mustCreateSIP("endpoints/sip", mainTok, "", map[string]any{"transport": map[string]any{"uuid": uuid}})
		assert.Equal(t, map[string]any{"uuid": uuid}, sip["transport"])
		fallback := a.mustCreateTransport("fallback")
		r = a.mustStatus(400, "DELETE", "/1.1/sip/transports/"+uuid, adminTok, "", nil)
		assert.Equal(t, []string{"Resource Error - Transport is associated with a EndpointSIP ('transport_uuid': UUID('" + uuid +
			"'), 'endpoint_sip_uuid': UUID('" + sip["uuid"].(string) + "'))"}, r.list())
		a.mustStatus(204, "DELETE", "/1.1/sip/transports/"+uuid+"?fallback="+fallback, adminTok, "", nil)
		got = a.mustStatus(200, "GET", "/1.1/endpoints/sip/"+sip["uuid"].(string), mainTok, "", nil).obj()
		assert.Equal(t, map[string]any{"uuid": fallback}, got["transport"])
		a.mustStatus(404, "GET", "/1.1/sip/transports/"+uuid, mainTok, "", nil)
	})
}

func TestSIPTransports_Search(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		a.mustCreateTransport("sort2")
		a.mustCreateTransport("sort1")
		names := func(query string) []string {
			items := a.mustStatus(200, "GET", "/1.1/sip/transports?"+query, mainTok, "", nil).obj()["items"].([]any)
			out := []string{}
			for _, it := range items {
				out = append(out, it.(map[string]any)["name"].(string))
			}
			return out
		}
		assert.Equal(t, []string{"sort1", "sort2", "transport-udp", "transport-wss"}, names(""))
		assert.Equal(t, []string{"sort2", "sort1"}, names("search=sort&direction=desc"))
		assert.Equal(t, []string{"sort2"}, names("search=sort&offset=1"))
		assert.Equal(t, []string{"sort1"}, names("name=sort1"))
		assert.Equal(t, []string{}, names("name=sort"), "name= is an exact filter")
		a.mustStatus(400, "GET", "/1.1/sip/transports?order=options", mainTok, "", nil)
	})
}

func TestSIPTransports_Routes(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		tr := a.mustCreateTransport("t1")
		a.mustCreateSIP("endpoints/sip", mainTok, "", map[string]any{"name": "endpoint-name"})
		notFound := []string{"Resource Not Found - Transport was not found ('uuid': UUID('" + fakeUUID + "'))"}
		path := "/1.1/sip/transports/" + tr
		reload := []string{"module reload res_pjsip.so"}
		return []scenario{
			{name: "Created", method: "POST", path: "/1.1/sip/transports", token: adminTok, body: map[string]any{"name": "t2"}, status: 201,
				events: map[string]int{"sip_transport_created": 1}, reloads: reload},
			{name: "Edited", method: "PUT", path: path, token: adminTok, body: map[string]any{"options": []any{}}, status: 204,
				events: map[string]int{"sip_transport_edited": 1}, reloads: reload},
			{name: "ErrCreateSub", method: "POST", path: "/1.1/sip/transports", token: subTok, body: map[string]any{"name": "t3"},
				status: 401, want: []string{subTok}, unchanged: "sip/transports"},
			{name: "ErrPutSub", method: "PUT", path: path, token: subTok, body: map[string]any{}, status: 401, want: []string{subTok}},
			{name: "ErrDeleteSub", method: "DELETE", path: path, token: subTok, status: 401, unchanged: "sip/transports"},
			{name: "ErrNameTaken", method: "POST", path: "/1.1/sip/transports", token: adminTok, body: map[string]any{"name": "endpoint-name"},
				status: 400, want: []string{"Resource Error - name already exists ('name': 'endpoint-name')"}, unchanged: "sip/transports"},
			{name: "ErrNameTakenPut", method: "PUT", path: path, token: adminTok, body: map[string]any{"name": "transport-udp"},
				status: 400, want: []string{"Resource Error - Transport already exists ('name': 'transport-udp')"}},
			{name: "ErrOptionKey", method: "POST", path: "/1.1/sip/transports", token: adminTok,
				body: map[string]any{"name": "t3", "options": []any{[]any{"not-a-transport-option", "42"}}}, status: 400,
				contains: "'options: invalid variable (not-a-transport-option)' must be one of (async_operations, bind,", unchanged: "sip/transports"},
			{name: "ErrOptionsNull", method: "PUT", path: path, token: adminTok, body: map[string]any{"options": nil}, status: 400,
				want: []string{"Input Error - options: ['Field may not be null.']"}},
			{name: "ErrGet", method: "GET", path: "/1.1/sip/transports/" + fakeUUID, token: mainTok, status: 404, want: notFound},
			{name: "ErrNotUUID", method: "GET", path: "/1.1/sip/transports/abc", token: mainTok, status: 404, contains: "The requested URL was not found"},
			{name: "ErrDelete", method: "DELETE", path: "/1.1/sip/transports/" + fakeUUID + "?fallback=bad", token: adminTok, status: 404,
				want: notFound},
			{name: "ErrFallbackUUID", method: "DELETE", path: path + "?fallback=bad", token: adminTok, status: 400,
				want: []string{"Input Error - fallback: ['Not a valid UUID.']"}, unchanged: "sip/transports"},
			{name: "ErrFallbackUnknown", method: "DELETE", path: path + "?fallback=" + fakeUUID, token: adminTok, status: 404,
				want: notFound, unchanged: "sip/transports"},
			{name: "ErrEndpointTransport", method: "POST", path: "/1.1/endpoints/sip", token: adminTok,
				body: map[string]any{"name": "t1"}, status: 400, want: []string{"Resource Error - Transport already exists ('name': 't1')"},
				unchanged: "endpoints/sip"},
			{name: "Deleted", method: "DELETE", path: path, token: adminTok, status: 204,
				events: map[string]int{"sip_transport_deleted": 1}, reloads: reload},
		}
	})
}

func TestSIPTransports_Templates(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		items := a.mustStatus(200, "GET", "/1.1/sip/transports?name=transport-udp", mainTok, "", nil).obj()["items"].([]any)
		require.Len(t, items, 1)
		udp := items[0].(map[string]any)["uuid"]
		tpls := a.mustStatus(200, "GET", "/1.1/endpoints/sip/templates?search=global", subTok, "", nil).obj()["items"].([]any)
		require.Len(t, tpls, 1)
		assert.Equal(t, map[string]any{"uuid": udp}, tpls[0].(map[string]any)["transport"], "a new tenant's global template uses transport-udp")
	})
}

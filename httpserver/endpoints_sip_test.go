package httpserver_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fakeUUID = "99999999-9999-4999-9999-999999999999"

// mustCreateSIP creates a SIP endpoint ("endpoints/sip") or template
// ("endpoints/sip/templates") and returns it.
func (a *api) mustCreateSIP(plural, token, tenant string, body map[string]any) map[string]any {
	a.t.Helper()
	return a.mustStatus(201, "POST", "/1.1/"+plural, token, tenant, body).obj()
}

func TestEndpointsSIP_CRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		tpl := a.mustCreateSIP("endpoints/sip/templates", mainTok, "", map[string]any{"label": "tpl", "name": "tpl-1"})
		assert.NotContains(t, tpl, "trunk")
		assert.NotContains(t, tpl, "line")
		r := a.mustStatus(201, "POST", "/1.1/endpoints/sip", mainTok, "", map[string]any{
			"label": "ep", "uuid": fakeUUID, "tenant_uuid": subTenant, "trunk": map[string]any{"id": 1},
			"templates":                []any{map[string]any{"uuid": tpl["uuid"], "label": "ignored"}},
			"endpoint_section_options": []any{[]any{"allow", "!all,ulaw"}, []any{"allow", "!all,alaw"}},
		})
		ep := r.obj()
		uuid := ep["uuid"].(string)
		href := a.srv.URL + "/1.1/endpoints/sip/" + uuid
		assert.Equal(t, href, r.header.Get("Location"))
		assert.NotEqual(t, fakeUUID, uuid, "uuid is read-only")
		assert.Equal(t, mainTenant, ep["tenant_uuid"])
		assert.Nil(t, ep["trunk"])
		assert.Contains(t, ep, "line")
		assert.Len(t, ep["name"], 8)
		assert.Equal(t, []any{map[string]any{"uuid": tpl["uuid"], "label": "tpl"}}, ep["templates"])
		assert.Equal(t, []any{map[string]any{"rel": "endpoint_sip", "href": href}}, ep["links"])
		assert.Equal(t, ep, a.mustStatus(200, "GET", "/1.1/endpoints/sip/"+uuid, mainTok, "", nil).obj())

		a.mustStatus(204, "PUT", "/1.1/endpoints/sip/"+uuid, mainTok, "", map[string]any{"label": nil, "templates": []any{}})
		got := a.mustStatus(200, "GET", "/1.1/endpoints/sip/"+uuid, mainTok, "", nil).obj()
		assert.Nil(t, got["label"])
		assert.Equal(t, []any{}, got["templates"])
		assert.Equal(t, ep["endpoint_section_options"], got["endpoint_section_options"], "only the given fields change")
		assert.Equal(t, ep["name"], got["name"])

		tplPath := "/1.1/endpoints/sip/templates/" + tpl["uuid"].(string)
		a.mustStatus(204, "PUT", tplPath, mainTok, "", map[string]any{"aor_section_options": []any{[]any{"max_contacts", "3"}}})
		a.mustStatus(204, "DELETE", tplPath, mainTok, "", nil)
		a.mustStatus(404, "GET", tplPath, mainTok, "", nil)
		a.mustStatus(204, "DELETE", "/1.1/endpoints/sip/"+uuid, mainTok, "", nil)
		a.mustStatus(404, "GET", "/1.1/endpoints/sip/"+uuid, mainTok, "", nil)
	})
}

func TestEndpointsSIP_Routes(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		ep := a.mustCreateSIP("endpoints/sip", mainTok, "", map[string]any{"name": "ep-1"})["uuid"].(string)
		tpl := a.mustCreateSIP("endpoints/sip/templates", mainTok, "", map[string]any{"name": "tpl-1"})["uuid"].(string)
		notFound := func(resource, u string) []string {
			return []string{"Resource Not Found - " + resource + " was not found ('uuid': UUID('" + u + "'))"}
		}
		return []scenario{
			{name: "ListEndpoints", method: "GET", path: "/1.1/endpoints/sip", token: mainTok, status: 200, contains: ep},
			{name: "ListTemplates", method: "GET", path: "/1.1/endpoints/sip/templates", token: readTok, status: 200, contains: tpl},
			{name: "ErrTemplateAsEndpoint", method: "GET", path: "/1.1/endpoints/sip/" + tpl, token: mainTok, status: 404,
				want: notFound("SIPEndpoint", tpl)},
			{name: "ErrEndpointAsTemplate", method: "DELETE", path: "/1.1/endpoints/sip/templates/" + ep, token: mainTok, status: 404,
				want: notFound("SIPEndpointTemplate", ep), unchanged: "endpoints/sip"},
			{name: "ErrUnknown", method: "PUT", path: "/1.1/endpoints/sip/" + fakeUUID, token: mainTok, body: map[string]any{}, status: 404,
				want: notFound("SIPEndpoint", fakeUUID)},
			{name: "ErrNotUUID", method: "GET", path: "/1.1/endpoints/sip/abc", token: mainTok, status: 404, contains: "The requested URL was not found"},
			{name: "ErrPutTemplates", method: "PUT", path: "/1.1/endpoints/sip/templates", token: mainTok, body: map[string]any{}, status: 405},
			{name: "ErrPostItem", method: "POST", path: "/1.1/endpoints/sip/" + ep, token: mainTok, body: map[string]any{}, status: 405},
			{name: "ErrReadOnlyCreateTemplate", method: "POST", path: "/1.1/endpoints/sip/templates", token: readTok, body: map[string]any{},
				status: 401, unchanged: "endpoints/sip/templates"},
			{name: "ErrSubTenant", method: "GET", path: "/1.1/endpoints/sip/" + ep, token: subTok, status: 404},
			{name: "MergedView", method: "GET", path: "/1.1/endpoints/sip/" + ep + "?view=merged", token: mainTok, status: 200, contains: ep},
			{name: "ErrView", method: "GET", path: "/1.1/endpoints/sip/" + fakeUUID + "?view=all", token: mainTok, status: 400,
				want: []string{"Input Error - view: ['Must be one of: merged.']"}},
			{name: "Edited", method: "PUT", path: "/1.1/endpoints/sip/" + ep, token: mainTok, body: map[string]any{"label": "x"}, status: 204,
				events: map[string]int{"sip_endpoint_edited": 1}, reloads: []string{"module reload res_pjsip.so", "dialplan reload"}},
			{name: "TemplateCreated", method: "POST", path: "/1.1/endpoints/sip/templates", token: mainTok, body: map[string]any{}, status: 201,
				events: map[string]int{"sip_endpoint_template_created": 1}},
			{name: "Created", method: "POST", path: "/1.1/endpoints/sip", token: subTok, body: map[string]any{}, status: 201,
				events: map[string]int{"sip_endpoint_created": 1}},
		}
	})
}

func TestEndpointsSIP_ErrInput(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		tpl := a.mustCreateSIP("endpoints/sip/templates", mainTok, "", map[string]any{"name": "taken"})["uuid"].(string)
		sub := a.mustCreateSIP("endpoints/sip/templates", subTok, "", map[string]any{})["uuid"].(string)
		var out []scenario
		for _, plural := range []string{"endpoints/sip", "endpoints/sip/templates"} {
			post := func(name string, body map[string]any, want string) scenario {
				return scenario{name: plural + "/" + name, method: "POST", path: "/1.1/" + plural, token: mainTok, body: body,
					status: 400, want: []string{want}, unchanged: plural}
			}
			out = append(out,
				post("ErrName", map[string]any{"name": "global"}, "Input Error - name: ['Reserved Asterisk section name']"),
				post("ErrNameTaken", map[string]any{"name": "taken"}, "Resource Error - SIPEndpointTemplate already exists ('name': 'taken')"),
				post("ErrTriple", map[string]any{"aor_section_options": []any{[]any{"a", "b", "c"}}},
					"Input Error - aor_section_options: {0: ['Length must be between 2 and 2.']}"),
				post("ErrKey", map[string]any{"identify_section_options": []any{[]any{"@x", "y"}}},
					"Input Error - 'identify_section_options: invalid variable (@x)' must be one of (match, endpoint, srv_lookups, match_header)"),
				post("ErrTemplateOfSub", map[string]any{"templates": []any{map[string]any{"uuid": sub}}},
					"Input Error - field 'templates': endpoint_sip was not found ('templates': {'uuid': UUID('"+sub+"')"),
				post("ErrTransport", map[string]any{"transport": map[string]any{"uuid": fakeUUID}},
					"Input Error - field 'transport': SIPTransport was not found ('uuid': UUID('"+fakeUUID+"'))"),
			)
		}
		return append(out,
			scenario{name: "ErrItself", method: "PUT", path: "/1.1/endpoints/sip/templates/" + tpl, token: mainTok,
				body: map[string]any{"templates": []any{map[string]any{"uuid": tpl}}}, status: 400,
				want: []string{"Resource Error - Operation not permitted. Cannot use itself as template"}},
			scenario{name: "ErrNameNull", method: "PUT", path: "/1.1/endpoints/sip/templates/" + tpl, token: mainTok,
				body: map[string]any{"name": nil}, status: 400, want: []string{"Input Error - name: ['Field may not be null.']"}},
			scenario{name: "ErrNoBody", method: "PUT", path: "/1.1/endpoints/sip/templates/" + tpl, token: mainTok,
				body: "", status: 400, contains: "could not understand"},
		)
	})
}

func TestEndpointsSIP_MultiTenant(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		sub := a.mustCreateSIP("endpoints/sip", subTok, "", map[string]any{})["uuid"].(string)
		main := a.mustCreateSIP("endpoints/sip", mainTok, "", map[string]any{})["uuid"].(string)
		list := a.mustStatus(200, "GET", "/1.1/endpoints/sip", mainTok, "", nil).obj()
		assert.Equal(t, float64(1), list["total"])
		list = a.mustStatus(200, "GET", "/1.1/endpoints/sip?recurse=true", mainTok, "", nil).obj()
		assert.Equal(t, float64(2), list["total"])
		a.mustStatus(404, "GET", "/1.1/endpoints/sip/"+main, mainTok, subTenant, nil)
		a.mustStatus(204, "PUT", "/1.1/endpoints/sip/"+sub, mainTok, "", map[string]any{"label": "from main"})
		got := a.mustStatus(200, "GET", "/1.1/endpoints/sip/"+sub, subTok, "", nil).obj()
		require.Equal(t, "from main", got["label"])
		assert.Equal(t, subTenant, got["tenant_uuid"])
		a.mustStatus(204, "DELETE", "/1.1/endpoints/sip/"+sub, mainTok, "", nil)
	})
}

package httpserver_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIncalls_HTTP(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, _ := a.mustCreateGroup("", "Support")
		r := a.mustStatus(201, "POST", "/1.1/incalls", mainTok, "", map[string]any{"description": "main number",
			"destination": map[string]any{"type": "group", "group_id": id, "ring_time": 20}})
		in := r.obj()
		assert.Equal(t, map[string]any{"type": "group", "group_id": float64(id), "ring_time": 20.0, "group_label": "Support",
			"group_name": in["destination"].(map[string]any)["group_name"]}, in["destination"])
		incall := int(in["id"].(float64))
		assert.Contains(t, r.header.Get("Location"), itemPath("incalls", incall))
		did := a.mustCreateExtension(mainTok, "1500", "from-extern")
		a.mustStatus(204, "PUT", itemPath("incalls", incall)+"/extensions/"+itoa(did), mainTok, "", nil)
		g := a.mustStatus(200, "GET", itemPath("groups", id), mainTok, "", nil)
		assert.Contains(t, g.raw, `"incalls":[{"id":`+itoa(incall)+`,"extensions":[{"id":`+itoa(did)+`,"exten":"1500","context":"from-extern"`)
	})
}

func TestIncalls_HTTPRules(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		r := a.mustStatus(201, "POST", "/1.1/incalls", mainTok, "", map[string]any{"destination": map[string]any{"type": "none"}})
		incall := int(r.obj()["id"].(float64))
		internal := a.mustCreateExtension(mainTok, "1001", "default")
		did := a.mustCreateExtension(mainTok, "1002", "from-extern")
		p := itemPath("incalls", incall)
		return []scenario{
			{name: "NoDestination", method: "POST", path: "/1.1/incalls", token: mainTok, body: map[string]any{},
				status: 400, want: []string{"Input Error - destination: ['Missing data for required field.']"}, unchanged: "incalls"},
			{name: "NotAnObject", method: "POST", path: "/1.1/incalls", token: mainTok, body: map[string]any{"destination": 1234},
				status: 400, want: []string{"Input Error - destination: {'_schema': ['Invalid input type.']}"}, unchanged: "incalls"},
			{name: "UnknownTarget", method: "POST", path: "/1.1/incalls", token: mainTok, body: map[string]any{"destination": map[string]any{"type": "user", "user_id": 999999}},
				status: 400, want: []string{"Input Error - field 'user_id': User was not found ('user_id': 999999)"}, unchanged: "incalls"},
			{name: "NotImplementedFamily", method: "POST", path: "/1.1/incalls", token: mainTok, body: map[string]any{"destination": map[string]any{"type": "conference", "conference_id": 1}},
				status: 400, want: []string{"Input Error - field 'conference_id': Conference was not found ('conference_id': 1)"}, unchanged: "incalls"},
			{name: "SubCannotSeeMain", method: "PUT", path: p, token: subTok, body: map[string]any{}, status: 404},
			{name: "Edit", method: "PUT", path: p, token: mainTok, body: map[string]any{"caller_id_mode": "prepend", "caller_id_name": "ACME "},
				status: 204, events: map[string]int{"incall_edited": 1}},
			{name: "InternalExtension", method: "PUT", path: p + "/extensions/" + itoa(internal), token: mainTok, status: 400,
				want: []string{"Input Error - ContextType 'internal' cannot be associated ('id': " + itoa(internal) + ", 'context': 'default')"}},
			{name: "Extension", method: "PUT", path: p + "/extensions/" + itoa(did), token: mainTok, status: 204,
				events: map[string]int{"incall_extension_associated": 1}, reloads: []string{"dialplan reload"}},
			{name: "Dissociate", method: "DELETE", path: p + "/extensions/" + itoa(did), token: mainTok, status: 204,
				events: map[string]int{"incall_extension_dissociated": 1}, reloads: []string{"dialplan reload"}},
			{name: "Delete", method: "DELETE", path: p, token: mainTok, status: 204, events: map[string]int{"incall_deleted": 1}},
		}
	})
}

package httpserver_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

var userReloads = []string{"dialplan reload", "module reload app_queue.so", "module reload chan_sccp.so", "module reload res_pjsip.so"}

func TestUsers_CRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Charlie", "caller_id": nil, "ring_seconds": nil})
		u := r.obj()
		assert.Equal(t, `"Charlie"`, u["caller_id"], "null means the default")
		assert.Equal(t, float64(30), u["ring_seconds"])
		assert.Equal(t, false, u["call_record_enabled"])
		assert.Contains(t, r.header.Get("Location"), "/1.1/users/")
		id, uuid := int(u["id"].(float64)), u["uuid"].(string)

		byUUID := a.mustStatus(200, "GET", "/1.1/users/"+uuid, mainTok, "", nil).obj()
		assert.Equal(t, float64(id), byUUID["id"])
		a.mustStatus(404, "GET", "/1.1/users/"+uuid, subTok, "", nil)
		a.mustStatus(404, "GET", "/1.1/users/not-a-user", mainTok, "", nil)

		a.settle()
		a.mustStatus(204, "PUT", itemPath("users", id), mainTok, "", map[string]any{"call_record_enabled": true})
		got := a.mustStatus(200, "GET", "/1.1/users/"+uuid, mainTok, "", nil).obj()
		assert.Equal(t, true, got["call_record_enabled"])
		assert.Equal(t, true, got["call_record_outgoing_internal_enabled"])
		assert.Equal(t, "Charlie", got["firstname"], "partial update")
		evs, cmds := a.delivered()
		assert.Equal(t, map[string]int{"user_edited": 1}, evs)
		assert.Equal(t, userReloads, cmds)

		list := a.mustStatus(200, "GET", "/1.1/users?uuid="+uuid+",00000000-0000-4000-8000-000000000000", mainTok, "", nil).obj()
		assert.Equal(t, float64(1), list["total"], "csv uuid filter")
		a.mustStatus(204, "DELETE", "/1.1/users/"+uuid, mainTok, "", nil)
		a.mustStatus(404, "GET", itemPath("users", id), mainTok, "", nil)
	})
}

func TestUsers_ErrInput(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Taken", "email": "taken@example.com"})
		post := func(name string, body map[string]any, want string) scenario {
			return scenario{name: name, method: "POST", path: "/1.1/users", token: mainTok, body: body,
				status: 400, want: []string{want}, unchanged: "users"}
		}
		return []scenario{
			post("ErrFirstnameMissing", map[string]any{}, "Input Error - firstname: ['Missing data for required field.']"),
			post("ErrLanguage", map[string]any{"firstname": "x", "language": "fr"}, "Input Error - language: ['String does not match expected pattern.']"),
			post("ErrRingSeconds", map[string]any{"firstname": "x", "ring_seconds": 10801},
				"Input Error - ring_seconds: ['Must be greater than or equal to 0 and less than or equal to 10800.']"),
			post("ErrStrictBool", map[string]any{"firstname": "x", "supervision_enabled": "yes"}, "Input Error - supervision_enabled: ['Not a valid boolean.']"),
			post("ErrCallRecordConflict", map[string]any{"firstname": "x", "call_record_enabled": false, "call_record_incoming_external_enabled": true},
				"Input Error - _schema: [\"'call_record_enabled' is deprecated and incompatible with 'call_record_*_enabled' options\"]"),
			post("ErrEmailTaken", map[string]any{"firstname": "x", "email": "taken@example.com"}, "Resource Error - User already exists ('email': 'taken@example.com')"),
		}
	})
}

func TestUsers_UUIDInAnyCase(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		u := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Alice"}).obj()
		upper := strings.ToUpper(u["uuid"].(string))
		got := a.mustStatus(200, "GET", "/1.1/users/"+upper, mainTok, "", nil).obj()
		assert.Equal(t, u["uuid"], got["uuid"])
	})
}

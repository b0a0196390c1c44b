package httpserver_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fullUser(exten string) map[string]any {
	return map[string]any{
		"firstname": "Alice", "lastname": "Smith",
		"lines": []any{map[string]any{
			"context":      "default",
			"extensions":   []any{map[string]any{"exten": exten}},
			"endpoint_sip": map[string]any{"auth_section_options": []any{[]any{"username", "alice"}}},
		}},
		"voicemail": map[string]any{"number": exten, "context": "default"},
	}
}

func TestUsers_CreateWithLinesAndVoicemail(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		a.settle()
		r := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", fullUser("1234"))
		u := r.obj()
		lines := u["lines"].([]any)
		require.Len(t, lines, 1)
		line := lines[0].(map[string]any)
		assert.NotNil(t, line["endpoint_sip"])
		assert.Equal(t, "1234", line["extensions"].([]any)[0].(map[string]any)["exten"])
		assert.Equal(t, "Alice Smith", u["voicemail"].(map[string]any)["name"], "the box is named after the user")
		evs, _ := a.delivered()
		for _, name := range []string{"user_created", "line_created", "sip_endpoint_created", "extension_created",
			"voicemail_created", "line_endpoint_sip_associated", "line_extension_associated", "user_line_associated",
			"user_voicemail_associated"} {
			assert.Equal(t, 1, evs[name], name)
		}

		uuid := u["uuid"].(string)
		a.mustStatus(400, "DELETE", "/1.1/users/"+uuid, mainTok, "", nil) // still has a voicemail
		a.mustStatus(204, "DELETE", "/1.1/users/"+uuid+"?recursive=true", mainTok, "", nil)
		a.mustStatus(404, "GET", "/1.1/users/"+uuid, mainTok, "", nil)
		assert.Equal(t, 0, a.total("lines"))
		assert.Equal(t, 0, a.total("endpoints/sip"))
		assert.Equal(t, 1, a.total("voicemails"), "the box stays, free")
	})
}

func TestUsers_CreateWithLines_AllOrNothing(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		bad := fullUser("9999") // outside the users' range: the association fails late
		twoEndpoints := fullUser("1300")
		twoEndpoints["lines"].([]any)[0].(map[string]any)["endpoint_custom"] = map[string]any{"interface": "x"}
		unknownDevice := fullUser("1301")
		unknownDevice["lines"].([]any)[0].(map[string]any)["device_id"] = "0123456789abcdef0123456789abcdef"
		noEndpoint := fullUser("1302")
		delete(noEndpoint["lines"].([]any)[0].(map[string]any), "endpoint_sip")
		noEndpointNoExten := fullUser("1303")
		delete(noEndpointNoExten["lines"].([]any)[0].(map[string]any), "endpoint_sip")
		delete(noEndpointNoExten["lines"].([]any)[0].(map[string]any), "extensions")
		a.mustStatus(201, "POST", "/1.1/users", mainTok, "", fullUser("1304"))
		otherUsersExten := fullUser("1304") // its extension rings another user's line
		delete(otherUsersExten, "voicemail")
		masters := fullUser("1306") // a master-tenant user, a line in main's context
		delete(masters, "voicemail")
		globalBox := fullUser("1307")
		globalBox["voicemail"].(map[string]any)["accesstype"] = "global"
		badFallback := fullUser("1308")
		badFallback["fallbacks"] = map[string]any{"busy_destination": map[string]any{"type": "user", "user_id": 999999}}
		return []scenario{
			{name: "ErrLineOfAnotherTenant", method: "POST", path: "/1.1/users", token: adminTok, body: masters, status: 400,
				contains: "different tenants", unchanged: "users"},
			{name: "ErrExtensionWithoutEndpoint", method: "POST", path: "/1.1/users", token: mainTok, body: noEndpoint, status: 400,
				contains: "Line must be associated with a Endpoint", unchanged: "users"},
			{name: "ErrLineWithoutEndpoint", method: "POST", path: "/1.1/users", token: mainTok, body: noEndpointNoExten, status: 400,
				contains: "Line must be associated with a Endpoint", unchanged: "lines"},
			{name: "ErrExtensionOfAnotherUser", method: "POST", path: "/1.1/users", token: mainTok, body: otherUsersExten, status: 400,
				contains: "is associated with a", unchanged: "users"},
			{name: "ErrUnknownDevice", method: "POST", path: "/1.1/users", token: mainTok, body: unknownDevice, status: 404,
				contains: "Device was not found", unchanged: "users"},
			{name: "ErrExtensionOutOfRange", method: "POST", path: "/1.1/users", token: mainTok, body: bad, status: 400,
				contains: "outside of range", unchanged: "users"},
			{name: "ErrTwoEndpoints", method: "POST", path: "/1.1/users", token: mainTok, body: twoEndpoints, status: 400,
				contains: "Only one endpoint should be configured on a line", unchanged: "lines"},
			{name: "ErrGlobalVoicemail", method: "POST", path: "/1.1/users", token: mainTok, body: globalBox, status: 400,
				contains: "A global voicemail cannot be associated to users.", unchanged: "voicemails"},
			{name: "ErrFallbackTarget", method: "POST", path: "/1.1/users", token: mainTok, body: badFallback, status: 400,
				contains: "User was not found", unchanged: "users"},
		}
	})
}

func TestUsers_UpdateRecursive(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		u := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", fullUser("1234")).obj()
		path := "/1.1/users/" + u["uuid"].(string) + "?recursive=true"
		delete(u, "call_record_enabled") // deprecated, refused beside call_record_*
		line := u["lines"].([]any)[0].(map[string]any)
		line["endpoint_sip"].(map[string]any)["label"] = "new label"
		line["extensions"].([]any)[0].(map[string]any)["exten"] = "1235"
		u["voicemail"].(map[string]any)["language"] = "es_ES"
		a.mustStatus(204, "PUT", path, mainTok, "", u)
		got := a.mustStatus(200, "GET", "/1.1/users/"+u["uuid"].(string), mainTok, "", nil).obj()
		kept := got["lines"].([]any)[0].(map[string]any)
		assert.Equal(t, line["id"], kept["id"], "the line is edited, not replaced")
		assert.Equal(t, "new label", kept["endpoint_sip"].(map[string]any)["label"])
		assert.Equal(t, "1235", kept["extensions"].([]any)[0].(map[string]any)["exten"])
		vm := a.mustStatus(200, "GET", itemPath("voicemails", int(u["voicemail"].(map[string]any)["id"].(float64))), mainTok, "", nil)
		assert.Equal(t, "es_ES", vm.obj()["language"])

		line["extensions"].([]any)[0].(map[string]any)["id"] = nil
		r := a.mustStatus(400, "PUT", path, mainTok, "", u)
		assert.Contains(t, r.raw, `lines: {0: {'extensions': {0: {'id': ['Field may not be null.']}}}}`)
		delete(line, "endpoint_sip")
		line["extensions"].([]any)[0].(map[string]any)["id"] = kept["extensions"].([]any)[0].(map[string]any)["id"]
		line["endpoint_sccp"] = map[string]any{}
		r = a.mustStatus(400, "PUT", path, mainTok, "", u)
		assert.Equal(t, `["There is already an endpoint associated to the line that is not of type SCCP. `+
			`Cannot update the line with another endpoint type"]`+"\n", r.raw)

		u["lines"] = []any{fullUser("1236")["lines"].([]any)[0]}
		a.mustStatus(204, "PUT", path, mainTok, "", u)
		a.mustStatus(404, "GET", itemPath("lines", int(line["id"].(float64))), mainTok, "", nil)
		got = a.mustStatus(200, "GET", "/1.1/users/"+u["uuid"].(string), mainTok, "", nil).obj()
		assert.Equal(t, "1236", got["lines"].([]any)[0].(map[string]any)["extensions"].([]any)[0].(map[string]any)["exten"])
		assert.Equal(t, 1, a.total("lines"), "the old line is deleted")
	})
}

// POST /users answers with the user as a read shows it, whether it was
// built while created or read back.
func TestUsers_CreateAnswersAsARead(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		webrtc := a.mustStatus(201, "POST", "/1.1/endpoints/sip/templates", mainTok, "", map[string]any{
			"label": "webrtc", "endpoint_section_options": []any{[]any{"webrtc", "yes"}}}).obj()["uuid"]
		box := a.mustStatus(201, "POST", "/1.1/voicemails", mainTok, "", map[string]any{
			"name": "Shared", "number": "1299", "context": "default"}).obj()["id"]
		a.mustCreateExtension(mainTok, "1240", "default")

		twoLines := fullUser("1250")
		twoLines["voicemail"] = map[string]any{"id": box}
		twoLines["lines"] = append(twoLines["lines"].([]any),
			map[string]any{"context": "default", "endpoint_sccp": map[string]any{}, "extensions": []any{map[string]any{"exten": "1251"}}},
			map[string]any{"context": "default", "endpoint_custom": map[string]any{"interface": "custom/answer"}})
		template := fullUser("1260")
		line := template["lines"].([]any)[0].(map[string]any)
		line["endpoint_sip"].(map[string]any)["templates"] = []any{map[string]any{"uuid": webrtc}}
		line["caller_id_name"] = "Reception"
		bare := map[string]any{"firstname": "Bob"}
		forwarded := fullUser("1270")
		forwarded["forwards"] = map[string]any{"busy": map[string]any{"enabled": true, "destination": "1271"}}
		reused := fullUser("1240") // an existing extension: read back
		for name, body := range map[string]map[string]any{"OneLine": fullUser("1234"), "TwoLines": twoLines,
			"Template": template, "Bare": bare, "ReusedExtension": reused, "Forwards": forwarded} {
			created := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", body)
			read := a.mustStatus(200, "GET", "/1.1/users/"+created.obj()["uuid"].(string), mainTok, "", nil)
			assert.JSONEq(t, read.raw, created.raw, name)
		}
	})
}

// POST /users and the recursive PUT take the user's forwards, as wazo:
// those given over disabled ones, each announced.
func TestUsers_CreateAndUpdateWithForwards(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		a.settle()
		body := fullUser("1280")
		body["forwards"] = map[string]any{"noanswer": map[string]any{"enabled": true, "destination": "0601"}}
		u := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", body).obj()
		uuid := u["uuid"].(string)
		fw := a.mustStatus(200, "GET", "/1.1/users/"+uuid+"/forwards", mainTok, "", nil).obj()
		assert.Equal(t, map[string]any{"enabled": true, "destination": "0601"}, fw["noanswer"])
		assert.Equal(t, map[string]any{"enabled": false, "destination": nil}, fw["busy"])
		evs, _ := a.delivered()
		for _, name := range []string{"users_forwards_busy_updated", "users_forwards_noanswer_updated", "users_forwards_unconditional_updated"} {
			assert.Equal(t, 1, evs[name], name)
		}

		edit := a.mustStatus(200, "GET", "/1.1/users/"+uuid, mainTok, "", nil).obj()
		delete(edit, "call_record_enabled") // deprecated, refused beside the call_record_*_enabled it sums up
		edit["forwards"] = map[string]any{"busy": map[string]any{"enabled": true, "destination": "0602"}}
		a.mustStatus(204, "PUT", "/1.1/users/"+uuid+"?recursive=true", mainTok, "", edit)
		fw = a.mustStatus(200, "GET", "/1.1/users/"+uuid+"/forwards", mainTok, "", nil).obj()
		assert.Equal(t, map[string]any{"enabled": true, "destination": "0602"}, fw["busy"])
		assert.Equal(t, map[string]any{"enabled": false, "destination": nil}, fw["noanswer"], "the forwards are replaced")

		edit["fallbacks"] = map[string]any{"fail_destination": map[string]any{"type": "none"}}
		delete(edit, "forwards")
		a.settle()
		a.mustStatus(204, "PUT", "/1.1/users/"+uuid+"?recursive=true", mainTok, "", edit)
		fb := a.mustStatus(200, "GET", "/1.1/users/"+uuid+"/fallbacks", mainTok, "", nil).obj()
		assert.Equal(t, map[string]any{"type": "none"}, fb["fail_destination"], "the recursive PUT takes fallbacks")
		fw = a.mustStatus(200, "GET", "/1.1/users/"+uuid+"/forwards", mainTok, "", nil).obj()
		assert.Equal(t, map[string]any{"enabled": true, "destination": "0602"}, fw["busy"], "a body without forwards leaves them")
		evs, _ = a.delivered()
		assert.Equal(t, 1, evs["user_fallback_edited"])
		assert.Zero(t, evs["users_forwards_busy_updated"])
	})
}

func TestUsers_CreateWithForwards_Refused(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		noDestination := fullUser("1290")
		noDestination["forwards"] = map[string]any{"busy": map[string]any{"enabled": true}}
		tooLong := fullUser("1291")
		tooLong["forwards"] = map[string]any{"busy": map[string]any{"destination": strings.Repeat("1", 129)}}
		return []scenario{
			{name: "ErrEnabledWithoutDestination", method: "POST", path: "/1.1/users", token: mainTok, body: noDestination,
				status: 400, contains: "destination", unchanged: "users"},
			{name: "ErrDestinationTooLong", method: "POST", path: "/1.1/users", token: mainTok, body: tooLong,
				status: 400, contains: "destination", unchanged: "users"},
		}
	})
}

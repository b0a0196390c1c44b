package httpserver_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUserServicesAndForwards(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		u := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Alice"}).obj()
		base := "/1.1/users/" + u["uuid"].(string)
		return []scenario{
			{name: "SetOneService", method: "PUT", path: base + "/services/dnd", token: mainTok,
				body: map[string]any{"enabled": true}, status: 204, events: map[string]int{"users_services_dnd_updated": 1}},
			{name: "SetServices", method: "PUT", path: base + "/services", token: mainTok,
				body: map[string]any{"incallfilter": map[string]any{"enabled": true}}, status: 204,
				events: map[string]int{"users_services_dnd_updated": 1, "users_services_incallfilter_updated": 1}},
			{name: "ErrServiceNotStrict", method: "PUT", path: base + "/services/dnd", token: mainTok,
				body: map[string]any{"enabled": 1}, status: 400, want: []string{"Input Error - enabled: ['Not a valid boolean.']"}},
			{name: "ErrServiceOtherTenant", method: "PUT", path: base + "/services/dnd", token: subTok,
				body: map[string]any{"enabled": true}, status: 404},
			{name: "SetForward", method: "PUT", path: base + "/forwards/busy", token: mainTok,
				body: map[string]any{"enabled": true, "destination": "123"}, status: 204,
				events: map[string]int{"users_forwards_busy_updated": 1}},
			{name: "ErrForwardNullDestination", method: "PUT", path: base + "/forwards/noanswer", token: mainTok,
				body: map[string]any{"enabled": true, "destination": nil}, status: 400, contains: "destination"},
			{name: "ErrForwardTooLong", method: "PUT", path: base + "/forwards", token: mainTok,
				body: map[string]any{"busy": map[string]any{"destination": strings.Repeat("n", 129)}}, status: 400},
		}
	})
	each(t, func(t *testing.T, a *api) {
		u := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Bob"}).obj()
		base := "/1.1/users/" + u["uuid"].(string)
		a.mustStatus(204, "PUT", base+"/services", mainTok, "", map[string]any{"dnd": map[string]any{"enabled": true}})
		a.mustStatus(204, "PUT", base+"/forwards/unconditional", mainTok, "", map[string]any{"enabled": true, "destination": "42"})
		assert.Equal(t, map[string]any{"enabled": true}, a.mustStatus(200, "GET", base+"/services/dnd", mainTok, "", nil).obj())
		assert.Equal(t, map[string]any{"enabled": false}, a.mustStatus(200, "GET", base+"/services/incallfilter", mainTok, "", nil).obj())
		fw := a.mustStatus(200, "GET", base+"/forwards", mainTok, "", nil).obj()
		assert.Equal(t, map[string]any{"enabled": true, "destination": "42"}, fw["unconditional"])
		assert.Equal(t, map[string]any{"enabled": false, "destination": nil}, fw["busy"], "the others stay")
		a.mustStatus(400, "PUT", base+"/forwards/unconditional", mainTok, "", map[string]any{"enabled": true, "destination": nil})
		a.mustStatus(400, "PUT", base+"/services/dnd", mainTok, "", map[string]any{"enabled": "no"})
		assert.Equal(t, map[string]any{"enabled": true, "destination": "42"},
			a.mustStatus(200, "GET", base+"/forwards/unconditional", mainTok, "", nil).obj(), "a refused edit changes nothing")
		assert.Equal(t, map[string]any{"enabled": true}, a.mustStatus(200, "GET", base+"/services/dnd", mainTok, "", nil).obj())
	})
}

func TestUserFallbacks(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		u := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Alice"}).obj()
		base := "/1.1/users/" + u["uuid"].(string) + "/fallbacks"
		none := map[string]any{"type": "none"}
		return []scenario{
			{name: "SetAll", method: "PUT", path: base, token: mainTok, status: 204,
				body:   map[string]any{"noanswer_destination": none, "busy_destination": none, "congestion_destination": none, "fail_destination": none},
				events: map[string]int{"user_fallback_edited": 1}},
			{name: "SetNone", method: "PUT", path: base, token: mainTok, body: map[string]any{}, status: 204,
				events: map[string]int{"user_fallback_edited": 1}},
			{name: "ErrNoBody", method: "PUT", path: base, token: mainTok, status: 400},
			{name: "ErrUnknownTarget", method: "PUT", path: base, token: mainTok, status: 400,
				body: map[string]any{"busy_destination": map[string]any{"type": "user", "user_id": 999999}}, contains: "User was not found"},
			{name: "ErrOtherTenant", method: "PUT", path: base, token: subTok, body: map[string]any{}, status: 404},
			{name: "ErrUnknownUser", method: "GET", path: "/1.1/users/999999/fallbacks", token: mainTok, status: 404,
				contains: "User was not found"},
		}
	})
	each(t, func(t *testing.T, a *api) {
		bob := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Bob"}).obj()
		toBob := map[string]any{"type": "user", "user_id": bob["id"]}
		u := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Alice",
			"fallbacks": map[string]any{"noanswer_destination": toBob}})
		uuid := u.obj()["uuid"].(string)
		fb := a.mustStatus(200, "GET", "/1.1/users/"+uuid+"/fallbacks", mainTok, "", nil).obj()
		assert.Equal(t, "Bob", fb["noanswer_destination"].(map[string]any)["user_firstname"])
		assert.Nil(t, fb["busy_destination"])
		read := a.mustStatus(200, "GET", "/1.1/users/"+uuid, mainTok, "", nil)
		assert.JSONEq(t, read.raw, u.raw, "POST /users answers with the fallbacks as a read shows them")
	})
}

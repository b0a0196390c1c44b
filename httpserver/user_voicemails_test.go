package httpserver_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUserVoicemail_HTTP(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		u := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Alice"}).obj()
		uuid := u["uuid"].(string)
		base := "/1.1/users/" + uuid + "/voicemails"
		empty := a.mustStatus(200, "GET", base, mainTok, "", nil).obj()
		assert.Equal(t, float64(0), empty["total"])

		a.settle()
		r := a.mustStatus(201, "POST", base, mainTok, "", map[string]any{"name": "Alice", "number": "1000", "context": "default"})
		assert.Contains(t, r.header.Get("Location"), "/1.1/voicemails/")
		assert.Equal(t, "Alice", r.obj()["name"])
		evs, _ := a.delivered()
		assert.Equal(t, map[string]int{"voicemail_created": 1, "user_voicemail_associated": 1}, evs)

		listed := a.mustStatus(200, "GET", base, mainTok, "", nil).obj()
		assert.Equal(t, float64(1), listed["total"])
		a.mustStatus(404, "GET", base, subTok, "", nil)
		a.mustStatus(400, "POST", base, mainTok, "", map[string]any{"name": "x", "number": "1001", "context": "default"})
		a.mustStatus(204, "DELETE", base, mainTok, "", nil)
		vmID := int(r.obj()["id"].(float64))
		a.mustStatus(204, "PUT", base+"/"+itoa(vmID), mainTok, "", nil)
		a.mustStatus(404, "PUT", base+"/999999", mainTok, "", nil)
	})
}

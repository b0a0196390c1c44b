package httpserver_test

import (
	"strings"
	"testing"
)

func TestVoicemailZoneMessages_Routes(t *testing.T) {
	const path = "/1.1/asterisk/voicemail/zonemessages"
	ny := map[string]any{"items": []any{map[string]any{"name": "ny", "timezone": "America/New_York", "message": nil}}}
	runAll(t, func(a *api) []scenario {
		return []scenario{
			{name: "GetSub", method: "GET", path: path, token: subTok, status: 200, contains: `"name":"eu-fr"`},
			{name: "Set", method: "PUT", path: path, token: mainTok, body: ny, status: 204,
				events: map[string]int{"voicemail_zonemessages_edited": 1}, reloads: []string{"voicemail reload"}},
			{name: "ErrSetSub", method: "PUT", path: path, token: subTok, body: ny, status: 401, want: []string{subTok}},
			{name: "ErrItemsMissing", method: "PUT", path: path, token: mainTok, body: map[string]any{}, status: 400,
				want: []string{"Input Error - items: ['Missing data for required field.']"}},
			{name: "ErrNameNotString", method: "PUT", path: path, token: mainTok,
				body: map[string]any{"items": []any{map[string]any{"name": 123, "timezone": "x"}}}, status: 400, contains: "name"},
			{name: "ErrNameTooLong", method: "PUT", path: path, token: mainTok,
				body:   map[string]any{"items": []any{map[string]any{"name": strings.Repeat("n", 129), "timezone": "x"}}},
				status: 400, want: []string{"Input Error - items: {0: {'name': ['Longer than maximum length 128.']}}"}},
		}
	})
}

package httpserver_test

import (
	"testing"
)

func TestUserGroups_HTTP(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		id, uuid := a.mustCreateGroup("", "Support")
		user := a.mustUserWithLine("Ann")
		path := "/1.1/users/" + user + "/groups"
		modules := []string{"module reload app_queue.so", "module reload chan_sccp.so", "module reload res_pjsip.so"}
		return []scenario{
			{name: "NoIdentifier", method: "PUT", path: path, token: mainTok, body: map[string]any{"groups": []any{map[string]any{}}},
				status: 400, want: []string{"Input Error - groups: {0: {'_schema': ['One identifier(id or uuid) must be provided']}}"}},
			{name: "NotAnID", method: "PUT", path: path, token: mainTok, body: map[string]any{"groups": []any{map[string]any{"id": uuid}}},
				status: 400, want: []string{"Input Error - groups: {0: {'id': ['Not a valid integer.']}}"}},
			{name: "MissingUser", method: "PUT", path: "/1.1/users/99999999-9999-4999-8999-999999999999/groups", token: mainTok,
				body: map[string]any{"groups": []any{}}, status: 404},
			{name: "SubCannotSeeMain", method: "PUT", path: path, token: subTok, body: map[string]any{"groups": []any{}}, status: 404},
			{name: "Associate", method: "PUT", path: path, token: mainTok, body: map[string]any{"groups": []any{map[string]any{"id": id}}},
				status: 204, events: map[string]int{"user_groups_associated": 1}, reloads: modules},
			{name: "Shown", method: "GET", path: "/1.1/groups/" + uuid, token: mainTok, status: 200, contains: `"uuid":"` + user + `"`},
		}
	})
}

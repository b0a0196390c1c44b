package httpserver_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// notJSON is wazo's answer to a body that is not valid UTF-8 JSON.
var notJSON = []string{badRequest}

// notBoolean is wazo's answer to recurse=<not a boolean> (xivo.mallow's
// Boolean error, a dict, printed as Python does).
var notBoolean = []string{"Input Error - recurse: {'message': 'Not a valid boolean.', 'constraint_id': 'type', 'constraint': 'boolean'}"}

func nul(fields ...string) []string {
	var out []string
	for _, f := range fields {
		out = append(out, fmt.Sprintf("Input Error - field '%s': String must not contain NUL characters", f))
	}
	return out
}

func notUTF8(field string) []string {
	return []string{fmt.Sprintf("Input Error - field '%s': String must be valid UTF-8", field)}
}

func TestBadInput_Body(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		id, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "Keep"})
		post := func(name, path string, body any, want []string) scenario {
			return scenario{name: name, method: "POST", path: "/1.1/" + path, token: mainTok, body: body,
				status: 400, want: want, unchanged: path}
		}
		put := func(name string, body any, want []string) scenario {
			return scenario{name: name, method: "PUT", path: itemPath("contexts", id), token: mainTok, body: body,
				status: 400, want: want}
		}
		return []scenario{
			post("NUL", "contexts", `{"label": "a\u0000b"}`, nul("label")),
			post("NULs", "contexts", `{"label": "\u0000", "description": "x\u0000"}`, nul("description", "label")),
			post("NULInList", "contexts", `{"label": "x", "user_ranges": [{"start": "1000", "end": "1\u0000"}]}`,
				nul("user_ranges.0.end")),
			post("NULInKey", "contexts", `{"label": "x", "a\u0000b": 1}`, nul(`a\u0000b`)),
			post("NULNested", "endpoints/sip", `{"label": "x", "auth_section_options": [["username", "\u0000"]]}`,
				nul("auth_section_options.0.1")),
			post("InvalidUTF8", "contexts", []byte("{\"label\": \"a\xffb\"}"), notJSON),
			post("InvalidUTF8Sequence", "contexts", []byte("{\"label\": \"\xc3\x28\"}"), notJSON),
			post("EncodedSurrogate", "contexts", []byte("{\"label\": \"\xed\xa0\x80\"}"), notJSON),
			post("LoneHighSurrogate", "contexts", `{"label": "\ud800"}`, notJSON),
			post("HighSurrogateThenText", "contexts", `{"label": "\ud83dx"}`, notJSON),
			post("HighSurrogateThenEscape", "contexts", `{"label": "\ud83d\n"}`, notJSON),
			post("LoneLowSurrogate", "contexts", `{"label": "\ude00"}`, notJSON),
			put("PutNUL", `{"label": "\u0000"}`, nul("label")),
			put("PutInvalidUTF8", []byte("{\"label\": \"\xff\"}"), notJSON),
			{name: "Unchanged", method: "GET", path: itemPath("contexts", id), token: mainTok, status: 200, contains: `"label":"Keep"`},
		}
	})
}

// TestBadInput_ValidText shows what the body rules let through: escaped
// surrogate pairs, escaped backslashes before a "u", and text that is
// neither NUL nor invalid.
func TestBadInput_ValidText(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		for sent, want := range map[string]string{`\ud83d\ude00 é`: "😀 é", `\\ud800`: `\ud800`, `\\\\`: `\\`, `\u0001`: "\x01"} {
			r := a.mustStatus(201, "POST", "/1.1/contexts", mainTok, "", `{"label": "`+sent+`"}`)
			assert.Equal(t, want, r.obj()["label"], sent)
		}
	})
}

func TestBadInput_Query(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		id, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "Keep"})
		get := func(query string, want []string) scenario {
			return scenario{name: query, method: "GET", path: "/1.1/contexts?" + query, token: mainTok, status: 400, want: want}
		}
		return []scenario{
			get("search=a%00b", nul("search")),
			get("label=a%00b", nul("label")),
			get("order=%00", nul("order")),
			get("offset=0&limit=1&search=%00", nul("search")),
			get("search=%ff", notUTF8("search")),
			get("label=%C3%28", notUTF8("label")),
			get("a%00b=1", notJSON),
			get("%ff=1", notJSON),
			{name: "DeleteNUL", method: "DELETE", path: itemPath("contexts", id) + "?x=%00", token: mainTok,
				status: 400, want: nul("x"), unchanged: "contexts"},
			{name: "DevicePathNUL", method: "PUT", path: "/1.1/devices/a%00b", token: mainTok, body: map[string]any{},
				status: 400, want: nul("device")},
			{name: "DevicePathUTF8", method: "GET", path: "/1.1/devices/a%ffb", token: mainTok, status: 400, want: notUTF8("device")},
			{name: "RegistrarPathNUL", method: "GET", path: "/1.1/registrars/a%00b", token: adminTok, status: 400, want: nul("registrar")},
			{name: "RegistrarDeleteNUL", method: "DELETE", path: "/1.1/registrars/a%00b", token: adminTok, status: 400,
				want: nul("registrar"), unchanged: "registrars"},
			{name: "SIPPathNUL", method: "GET", path: "/1.1/endpoints/sip/a%00b", token: mainTok, status: 400, want: nul("item")},
		}
	})
}

func TestBadInput_Search(t *testing.T) {
	tooLong := []string{"Input Error - search: ['Longer than maximum length 1000.']"}
	runAll(t, func(a *api) []scenario {
		for _, label := range []string{`50%_off`, `50xxoff`, `a\b`, `ab`} {
			a.mustCreateContext(mainTok, "", map[string]any{"label": label})
		}
		get := func(search string, status, total int, want []string) scenario {
			sc := scenario{name: search[:min(len(search), 12)], method: "GET", path: "/1.1/contexts?search=" + search,
				token: mainTok, status: status, want: want}
			if status == 200 {
				sc.contains = fmt.Sprintf(`"total":%d`, total)
			}
			return sc
		}
		return []scenario{
			get(strings.Repeat("x", 100000), 400, 0, tooLong),
			get(strings.Repeat("é", 1001), 400, 0, tooLong),
			get(strings.Repeat("%25", 1001), 400, 0, tooLong),
			get(strings.Repeat("%25", 1000), 200, 0, nil),
			get(strings.Repeat("é", 1000), 200, 0, nil),
			get("%25_", 200, 1, nil),
			get("0%25", 200, 1, nil),
			get("_o", 200, 1, nil),
			get("%5C", 200, 1, nil),
			get("a%5Cb", 200, 1, nil),
		}
	})
}

func TestBadInput_Booleans(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		ctx, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "Keep"})
		user := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", fullUser("1234")).obj()["uuid"].(string)
		a.mustCreateContext(subTok, "", map[string]any{"label": "Sub"})
		get := func(path string, token string) scenario {
			return scenario{name: path, method: "GET", path: path, token: token, status: 400, want: notBoolean}
		}
		total := func(query string, n int) scenario {
			return scenario{name: query, method: "GET", path: "/1.1/contexts?label=Sub&" + query, token: mainTok,
				status: 200, contains: fmt.Sprintf(`"total":%d`, n)}
		}
		return []scenario{
			get("/1.1/contexts?recurse=maybe", mainTok),
			get("/1.1/contexts?recurse=", mainTok),
			get("/1.1/contexts?recurse=TRUe", mainTok),
			get("/1.1/users?recurse=2", mainTok),
			get("/1.1/devices?recurse=maybe", mainTok),
			get("/1.1/registrars?recurse=maybe", adminTok),
			get("/1.1/tenants?recurse=maybe", adminTok),
			get(fmt.Sprintf("/1.1/contexts/%d/ranges/user?recurse=maybe", ctx), mainTok),
			total("recurse=yes", 1), total("recurse=On", 1), total("recurse=1", 1), total("recurse=T", 1),
			total("recurse=no", 0), total("recurse=OFF", 0), total("recurse=0", 0), total("recurse=f", 0),
			// wazo reads recursive as v.lower() == 'true': "yes" is false.
			{name: "RecursiveYes", method: "DELETE", path: "/1.1/users/" + user + "?recursive=yes", token: mainTok,
				status: 400, contains: "is associated with a", unchanged: "users"},
		}
	})
}

package httpserver_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gopbx/confd/httpserver"
	"github.com/gopbx/confd/store/storetest"
)

const badRequest = "The browser (or proxy) sent a request that this server could not understand."

func ranges(start, end string) map[string]any {
	return map[string]any{"label": "r", "user_ranges": []any{map[string]any{"start": start, "end": end}}}
}

// Every bad context body answers 400 with wazo's messages and stores,
// announces and reloads nothing.
func TestContexts_Create_ErrInput(t *testing.T) {
	post := func(name string, body any, want ...string) scenario {
		return scenario{name: name, method: "POST", path: "/1.1/contexts", token: mainTok, body: body,
			status: 400, want: want, unchanged: "contexts"}
	}
	runAll(t, func(*api) []scenario {
		return []scenario{
			post("ErrLabelRequired", map[string]any{"type": "internal"}, "Input Error - label: ['Missing data for required field.']"),
			post("ErrLabelType", map[string]any{"label": 12}, "Input Error - label: ['Not a valid string.']"),
			post("ErrLabelNull", map[string]any{"label": nil}, "Input Error - label: ['Field may not be null.']"),
			post("ErrLabelTooLong", map[string]any{"label": strings.Repeat("x", 129)}, "Input Error - label: ['Length must be between 1 and 128.']"),
			post("ErrLabelEmpty", map[string]any{"label": ""}, "Input Error - label: ['Length must be between 1 and 128.']"),
			post("ErrType", map[string]any{"label": "x", "type": "bogus"},
				"Input Error - type: ['Must be one of: internal, incall, outcall, services, others.']"),
			post("ErrEnabledNotBool", map[string]any{"label": "x", "enabled": "yes"}, "Input Error - enabled: ['Not a valid boolean.']"),
			post("ErrTwoFields", map[string]any{"label": 1, "enabled": 1},
				"Input Error - enabled: ['Not a valid boolean.']", "Input Error - label: ['Not a valid string.']"),
			post("ErrRangeOrder", ranges("2000", "1000"),
				"Input Error - user_ranges: {0: {'_schema': ['Start of range must be lower than or equal to the end']}}"),
			post("ErrRangeLength", ranges("100", "1000"),
				"Input Error - user_ranges: {0: {'_schema': ['Start and end must be of the same length']}}"),
			post("ErrRangeDigits", ranges("10a0", "1000"), "Input Error - user_ranges: {0: {'start': ['Invalid input.']}}"),
			post("ErrRangeStartMissing", map[string]any{"label": "r", "group_ranges": []any{map[string]any{"end": "1"}}},
				"Input Error - group_ranges: {0: {'start': ['Missing data for required field.']}}"),
			post("ErrRangesNotList", map[string]any{"label": "r", "queue_ranges": "1000-1999"},
				"Input Error - queue_ranges: {'_schema': ['Invalid input type.']}"),
			post("ErrDIDLength", map[string]any{"label": "r", "incall_ranges": []any{map[string]any{"start": "1", "did_length": -1}}},
				"Input Error - incall_ranges: {0: {'did_length': ['Must be greater than or equal to 0.']}}"),
			post("ErrNotJSON", "{label: x}", badRequest),
			post("ErrTrailingGarbage", `{"label": "x"} {}`, badRequest),
			post("ErrEmptyBody", "", badRequest),
			post("ErrNotObject", `["label"]`, "Input Error - _schema: ['Invalid input type.']"),
			post("ErrNullBody", "null", "Input Error - label: ['Missing data for required field.']"),
		}
	})
}

func TestExtensions_Create_ErrInput(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		_, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "Ext"})
		a.mustCreateExtension(mainTok, "1000", name)
		post := func(sc string, body any, want ...string) scenario {
			return scenario{name: sc, method: "POST", path: "/1.1/extensions", token: mainTok, body: body,
				status: 400, want: want, unchanged: "extensions"}
		}
		return []scenario{
			post("ErrExtenRequired", map[string]any{"context": name}, "Input Error - exten: ['Missing data for required field.']"),
			post("ErrContextRequired", map[string]any{"exten": "1"}, "Input Error - context: ['Missing data for required field.']"),
			post("ErrExtenPattern", map[string]any{"exten": "abc", "context": name}, "Input Error - exten: ['String does not match expected pattern.']"),
			post("ErrExtenTooLong", map[string]any{"exten": strings.Repeat("1", 41), "context": name},
				"Input Error - exten: ['Longer than maximum length 40.']"),
			post("ErrExtenType", map[string]any{"exten": 1000, "context": name}, "Input Error - exten: ['Not a valid string.']"),
			post("ErrCommented", map[string]any{"exten": "1", "context": name, "commented": "maybe"}, "Input Error - commented: ['Not a valid boolean.']"),
			{name: "ErrUnknownContextStatus", method: "POST", path: "/1.1/extensions", token: mainTok, status: 400, unchanged: "extensions",
				body: map[string]any{"exten": "1001", "context": "nope"}, contains: "Input Error - field 'context': Context was not found ("},
			post("ErrUnknownContext", map[string]any{"exten": "1001", "context": "nope"},
				"Input Error - field 'context': Context was not found ('context': 'nope')"),
			post("ErrDuplicate", map[string]any{"exten": "1000", "context": name},
				fmt.Sprintf("Resource Error - Extension already exists ('exten': '1000', 'context': '%s')", name)),
			post("ErrNotJSON", "exten=1000", badRequest),
		}
	})
}

func TestContexts_Update_ErrInput(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		id, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "Keep"})
		put := func(sc string, body any, want ...string) scenario {
			return scenario{name: sc, method: "PUT", path: itemPath("contexts", id), token: mainTok, body: body, status: 400, want: want}
		}
		return []scenario{
			put("ErrLabelEmpty", map[string]any{"label": ""}, "Input Error - label: ['Length must be between 1 and 128.']"),
			put("ErrType", map[string]any{"type": "x"}, "Input Error - type: ['Must be one of: internal, incall, outcall, services, others.']"),
			put("ErrRange", ranges("9", "1"), "Input Error - user_ranges: {0: {'_schema': ['Start of range must be lower than or equal to the end']}}"),
			put("ErrNotJSON", "{", badRequest),
			{name: "Unchanged", method: "GET", path: itemPath("contexts", id), token: mainTok, status: 200, contains: `"label":"Keep"`},
		}
	})
}

func TestLists_ErrParams(t *testing.T) {
	get := func(query string, want string) scenario {
		return scenario{name: query, method: "GET", path: "/1.1/contexts?" + query, token: mainTok, status: 400, want: []string{want}}
	}
	runAll(t, func(*api) []scenario {
		return []scenario{
			get("order=foo", "Input Error - order: column 'foo' was not found"),
			get("direction=up", "Input Error - direction: must be 'asc' or 'desc'"),
			get("limit=-1", "Input Error - limit: ['Must be greater than or equal to 0.']"),
			get("limit=abc", "Input Error - limit: ['Not a valid integer.']"),
			get("limit=0", "Input Error - field 'limit': wrong type. Should be a positive number"),
			get("limit=10001", "Input Error - limit: ['Must be less than or equal to 10000.']"),
			get("offset=-1", "Input Error - offset: ['Must be greater than or equal to 0.']"),
			get("offset=x", "Input Error - offset: ['Not a valid integer.']"),
			{name: "limit=10000", method: "GET", path: "/1.1/extensions?limit=10000", token: mainTok, status: 200},
			{name: "extensions order", method: "GET", path: "/1.1/extensions?order=label", token: mainTok, status: 400,
				want: []string{"Input Error - order: column 'label' was not found"}},
		}
	})
}

func TestContexts_Create_ErrBodyTooLarge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		a := newAPI(t, url, func(c *httpserver.Config) { c.MaxBodyBytes = 128 })
		a.run(scenario{method: "POST", path: "/1.1/contexts", token: mainTok, status: 413, unchanged: "contexts",
			body: map[string]any{"label": strings.Repeat("x", 200)},
			want: []string{"Request Entity Too Large - body over the size limit"}})
		// A body under the limit still works.
		a.mustCreateContext(mainTok, "", map[string]any{"label": "small"})
	})
}

package httpserver_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func contextIDs(ids ...int) map[string]any {
	list := []any{}
	for _, id := range ids {
		list = append(list, map[string]any{"id": id})
	}
	return map[string]any{"contexts": list}
}

func TestContexts_SetContexts(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		parent, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "parent"})
		b, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "b"})
		c, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "c"})
		path := fmt.Sprintf("/1.1/contexts/%d/contexts", parent)
		a.settle()
		a.run(scenario{method: "PUT", path: path, token: mainTok, body: contextIDs(c, b), status: 204,
			events: map[string]int{"contexts_associated": 1}, reloads: []string{"dialplan reload"}})

		got := a.mustStatus(200, "GET", itemPath("contexts", parent), mainTok, "", nil).obj()
		included := got["contexts"].([]any)
		require.Len(t, included, 2)
		first := included[0].(map[string]any)
		assert.Equal(t, float64(c), first["id"], "in the given order")
		assert.Equal(t, "c", first["label"])
		assert.Equal(t, []any{map[string]any{"rel": "contexts", "href": fmt.Sprintf("%s/1.1/contexts/%d", a.srv.URL, c)}}, first["links"])
		assert.Equal(t, float64(b), included[1].(map[string]any)["id"])

		a.mustStatus(204, "PUT", path, mainTok, "", contextIDs())
		got = a.mustStatus(200, "GET", itemPath("contexts", parent), mainTok, "", nil).obj()
		assert.Equal(t, []any{}, got["contexts"])
	})
}

func TestContexts_SetContexts_Err(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		parent, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "parent"})
		other, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "other"})
		subCtx, _ := a.mustCreateContext(subTok, "", map[string]any{"label": "sub"})
		path := fmt.Sprintf("/1.1/contexts/%d/contexts", parent)
		put := func(name string, body any, status int, want ...string) scenario {
			return scenario{name: name, method: "PUT", path: path, token: mainTok, body: body, status: status, want: want}
		}
		return []scenario{
			put("ErrSelf", contextIDs(parent), 400, "Resource Error - Operation not permitted. Cannot include context inside itself"),
			put("ErrTwice", contextIDs(other, other), 400, "Resource Error - Operation not permitted. Cannot include same context more than once"),
			put("ErrUnknown", contextIDs(other, 99999), 400, "Input Error - field 'contexts': Context was not found ('id': 99999)"),
			put("ErrDifferentTenants", contextIDs(subCtx), 400, fmt.Sprintf(
				"Resource Error - different tenants ('context_tenant_uuid': '%s', 'included_tenant_uuid': '%s')", mainTenant, subTenant)),
			put("ErrMissing", map[string]any{}, 400, "Input Error - contexts: ['Missing data for required field.']"),
			put("ErrIDType", map[string]any{"contexts": []any{map[string]any{"id": "x"}}}, 400,
				"Input Error - contexts: {0: {'id': ['Not a valid integer.']}}"),
			put("ErrNotJSON", "[", 400, badRequest),
			{name: "ErrParentMissing", method: "PUT", path: "/1.1/contexts/99999/contexts", token: mainTok, body: contextIDs(other),
				status: 404, want: []string{"Resource Not Found - Context was not found ('id': 99999)"}},
			{name: "ErrParentOfOtherTenant", method: "PUT", path: path, token: subTok, body: contextIDs(subCtx),
				status: 404, want: []string{fmt.Sprintf("Resource Not Found - Context was not found ('id': %d)", parent)}},
			{name: "ErrIncludedOfOtherTenant", method: "PUT", path: fmt.Sprintf("/1.1/contexts/%d/contexts", subCtx), token: subTok,
				body: contextIDs(other), status: 400, want: []string{fmt.Sprintf("Input Error - field 'contexts': Context was not found ('id': %d)", other)}},
			{name: "ErrBadID", method: "PUT", path: "/1.1/contexts/abc/contexts", token: mainTok, body: contextIDs(other), status: 404},
			{name: "Unchanged", method: "GET", path: itemPath("contexts", parent), token: mainTok, status: 200, contains: `"contexts":[]`},
		}
	})
}

func TestContexts_Ranges(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "r",
			"user_ranges": []any{map[string]any{"start": "1000", "end": "1009"}, map[string]any{"start": "1020", "end": "1029"}}})
		a.mustCreateExtension(mainTok, "1005", name)
		a.mustCreateExtension(mainTok, "1020", name)
		base := fmt.Sprintf("/1.1/contexts/%d/ranges/user", id)
		rg := func(start, end string) any { return map[string]any{"start": start, "end": end} }
		cases := []struct {
			query string
			total int
			items []any
		}{
			{"", 3, []any{rg("1000", "1004"), rg("1006", "1009"), rg("1021", "1029")}},
			{"availability=available", 3, []any{rg("1000", "1004"), rg("1006", "1009"), rg("1021", "1029")}},
			{"availability=all", 2, []any{rg("1000", "1009"), rg("1020", "1029")}},
			{"search=7", 2, []any{rg("1007", "1007"), rg("1027", "1027")}},
			{"search=100", 2, []any{rg("1000", "1004"), rg("1006", "1009")}},
			{"limit=1&offset=1", 3, []any{rg("1006", "1009")}},
			{"offset=5", 3, []any{}},
			{"order=end&direction=desc&limit=1", 3, []any{rg("1021", "1029")}},
		}
		for _, c := range cases {
			r := a.mustStatus(200, "GET", base+"?"+c.query, mainTok, "", nil)
			assert.Equal(t, float64(c.total), r.obj()["total"], c.query)
			assert.Equal(t, c.items, r.obj()["items"], c.query)
		}
		r := a.mustStatus(200, "GET", fmt.Sprintf("/1.1/contexts/%d/ranges/group", id), mainTok, "", nil)
		assert.Equal(t, `{"total":0,"items":[]}`+"\n", r.raw)
	})
}

func TestContexts_Ranges_Err(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		id, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "r"})
		get := func(query string, status int, want ...string) scenario {
			return scenario{name: query, method: "GET", path: fmt.Sprintf("/1.1/contexts/%d/ranges/user?%s", id, query),
				token: mainTok, status: status, want: want}
		}
		return []scenario{
			get("availability=some", 400, "Input Error - availability: ['Must be one of: available, all.']"),
			get("order=middle", 400, "Input Error - order: ['Must be one of: start, end.']"),
			get("direction=up", 400, "Input Error - direction: ['Must be one of: asc, desc.']"),
			get("limit=-1", 400, "Input Error - limit: ['Must be greater than or equal to 0.']"),
			get("offset=-1", 400, "Input Error - offset: ['Must be greater than or equal to 0.']"),
			get("offset=x", 400, "Input Error - offset: ['Not a valid integer.']"),
			get("limit=abc", 400, "Input Error - limit: ['Not a valid integer.']"),
			{name: "ErrUnknownKind", method: "GET", path: fmt.Sprintf("/1.1/contexts/%d/ranges/foo", id), token: mainTok, status: 404},
			{name: "ErrMissingContext", method: "GET", path: "/1.1/contexts/99999/ranges/user", token: mainTok, status: 404,
				want: []string{"Resource Not Found - Context was not found ('id': 99999)"}},
			{name: "ErrContextOfParent", method: "GET", path: fmt.Sprintf("/1.1/contexts/%d/ranges/user", id), token: subTok,
				status: 404, want: []string{fmt.Sprintf("Resource Not Found - Context was not found ('id': %d)", id)}},
			{name: "ErrACL", method: "GET", path: fmt.Sprintf("/1.1/contexts/%d/ranges/user", id), token: "nope", status: 401,
				want: []string{fmt.Sprintf("('nope', 'confd.contexts.%d.ranges.user.read')", id)}},
		}
	})
}

// Incall ranges are listed by their last did_length digits, the form of
// incall extensions (wazo's RangeFilter).
func TestContexts_Ranges_IncallDIDLength(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "did", "type": "incall",
			"incall_ranges": []any{map[string]any{"start": "5551000", "end": "5551009", "did_length": 4}}})
		a.mustCreateExtension(mainTok, "1005", name)
		r := a.mustStatus(200, "GET", fmt.Sprintf("/1.1/contexts/%d/ranges/incall", id), mainTok, "", nil)
		assert.Equal(t, []any{map[string]any{"start": "1000", "end": "1004"}, map[string]any{"start": "1006", "end": "1009"}}, r.obj()["items"])
	})
}

func TestContexts_Ranges_LimitZero(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "r", "user_ranges": []any{map[string]any{"start": "1000", "end": "1009"}}})
		r := a.mustStatus(200, "GET", fmt.Sprintf("/1.1/contexts/%d/ranges/user?limit=0", id), mainTok, "", nil)
		assert.Equal(t, float64(1), r.obj()["total"])
		assert.Equal(t, []any{}, r.obj()["items"])
	})
}

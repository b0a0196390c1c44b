package httpserver_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContexts_Create(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/contexts", mainTok, "", map[string]any{
			"label": "Sales", "type": "internal", "description": "floor 2",
			"user_ranges": []any{map[string]any{"start": "1000", "end": "1099"}},
			"name":        "ignored", "tenant_uuid": subTenant, "id": 999,
		})
		got := r.obj()
		id := int(got["id"].(float64))
		href := fmt.Sprintf("%s/1.1/contexts/%d", a.srv.URL, id)
		assert.Equal(t, href, r.header.Get("Location"))
		assert.Equal(t, "application/json", r.header.Get("Content-Type"))
		assert.NotEqual(t, 999, id, "id is read-only")
		assert.Equal(t, mainTenant, got["tenant_uuid"], "tenant_uuid is read-only")
		assert.Equal(t, "ctx-main-internal-"+got["uuid"].(string), got["name"])
		assert.Equal(t, "Sales", got["label"])
		assert.Equal(t, "floor 2", got["description"])
		assert.Equal(t, true, got["enabled"])
		assert.Equal(t, []any{map[string]any{"start": "1000", "end": "1099"}}, got["user_ranges"])
		assert.Equal(t, []any{}, got["incall_ranges"])
		assert.Equal(t, []any{}, got["contexts"])
		assert.Equal(t, []any{map[string]any{"rel": "contexts", "href": href}}, got["links"])

		again := a.mustStatus(200, "GET", itemPath("contexts", id), mainTok, "", nil)
		assert.Equal(t, got, again.obj())
	})
}

func TestContexts_Create_LabelFromName(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/contexts", mainTok, "", map[string]any{"name": "legacy"})
		assert.Equal(t, "legacy", r.obj()["label"])
		assert.True(t, strings.HasPrefix(r.obj()["name"].(string), "ctx-main-internal-"))
	})
}

func TestContexts_Update_Partial(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "Old", "type": "incall",
			"description": "keep", "incall_ranges": []any{map[string]any{"start": "5000", "end": "5099", "did_length": 2}}})
		before := a.mustStatus(200, "GET", itemPath("contexts", id), mainTok, "", nil).obj()

		r := a.mustStatus(204, "PUT", itemPath("contexts", id), mainTok, "", map[string]any{"label": "New", "name": "x", "tenant_uuid": subTenant})
		assert.Empty(t, r.raw)

		after := a.mustStatus(200, "GET", itemPath("contexts", id), mainTok, "", nil).obj()
		assert.Equal(t, "New", after["label"])
		after["label"] = "Old"
		assert.Equal(t, before, after, "only label changes")
		assert.Equal(t, name, after["name"])

		a.mustStatus(204, "PUT", itemPath("contexts", id), mainTok, "", map[string]any{"description": nil, "enabled": false})
		after = a.mustStatus(200, "GET", itemPath("contexts", id), mainTok, "", nil).obj()
		assert.Nil(t, after["description"])
		assert.Equal(t, false, after["enabled"])
		assert.Equal(t, "New", after["label"])
	})
}

func TestContexts_Delete(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "Gone"})
		r := a.mustStatus(204, "DELETE", itemPath("contexts", id), mainTok, "", nil)
		assert.Empty(t, r.raw)
		want := []string{fmt.Sprintf("Resource Not Found - Context was not found ('id': %d)", id)}
		for _, method := range []string{"GET", "PUT", "DELETE"} {
			r := a.do(method, itemPath("contexts", id), mainTok, "", map[string]any{"label": "x"})
			assert.Equal(t, 404, r.status, method)
			assert.Equal(t, want, r.list(), method)
		}
	})
}

func TestContexts_Delete_ErrInUse(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "Used"})
		ext := a.mustCreateExtension(mainTok, "1000", name)
		a.run(scenario{method: "DELETE", path: itemPath("contexts", id), token: mainTok, status: 400, unchanged: "contexts",
			want: []string{fmt.Sprintf("Resource Error - Context is associated with a Extension ('context_id': %d, 'extension_id': %d)", id, ext)}})
	})
}

// labels returns the labels of a context list, in order.
func labels(r reply) []string {
	var out []string
	for _, it := range r.obj()["items"].([]any) {
		out = append(out, it.(map[string]any)["label"].(string))
	}
	return out
}

func TestContexts_List(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		a.mustCreateContext(mainTok, "", map[string]any{"label": "zz-b", "type": "incall"})
		a.mustCreateContext(mainTok, "", map[string]any{"label": "zz-a"})
		a.mustCreateContext(mainTok, "", map[string]any{"label": "zz-c", "type": "outcall"})

		all := a.mustStatus(200, "GET", "/1.1/contexts", mainTok, "", nil)
		assert.Equal(t, float64(6), all.obj()["total"], "3 starter contexts and 3 new ones")
		assert.Len(t, all.obj()["items"], 6)

		cases := []struct {
			query  string
			total  int
			labels []string
		}{
			{"search=ZZ-&order=label", 3, []string{"zz-a", "zz-b", "zz-c"}},
			{"search=zz-&order=label&direction=desc", 3, []string{"zz-c", "zz-b", "zz-a"}},
			{"search=zz-&order=label&limit=1&offset=1", 3, []string{"zz-b"}},
			{"search=zz-&order=label&offset=2", 3, []string{"zz-c"}},
			{"search=zz-&order=label&limit=2", 3, []string{"zz-a", "zz-b"}},
			{"search=zz-&type=incall", 1, []string{"zz-b"}},
			{"type=outcall&order=label", 2, []string{"Outcalls", "zz-c"}},
			{"label=zz-a", 1, []string{"zz-a"}},
			{"label=zz", 0, nil},
			{"search=nothing-like-this", 0, nil},
			{"id=abc", 0, nil},
		}
		for _, c := range cases {
			r := a.mustStatus(200, "GET", "/1.1/contexts?"+c.query, mainTok, "", nil)
			assert.Equal(t, float64(c.total), r.obj()["total"], c.query)
			assert.Equal(t, c.labels, labels(r), c.query)
		}
		empty := a.mustStatus(200, "GET", "/1.1/contexts?search=none", mainTok, "", nil)
		assert.Equal(t, "{\"total\":0,\"items\":[]}\n", empty.raw, "items is [] not null")
	})
}

func TestContexts_List_Links(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "linked"})
		r := a.mustStatus(200, "GET", "/1.1/contexts?label=linked", mainTok, "", nil)
		items := r.obj()["items"].([]any)
		require.Len(t, items, 1)
		href := fmt.Sprintf("%s/1.1/contexts/%d", a.srv.URL, id)
		assert.Equal(t, []any{map[string]any{"rel": "contexts", "href": href}}, items[0].(map[string]any)["links"])
	})
}

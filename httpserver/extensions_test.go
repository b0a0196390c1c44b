package httpserver_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExtensions_Create(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		_, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "Ext"})
		r := a.mustStatus(201, "POST", "/1.1/extensions", mainTok, "", map[string]any{"exten": "1000", "context": name, "tenant_uuid": subTenant})
		got := r.obj()
		id := int(got["id"].(float64))
		href := fmt.Sprintf("%s/1.1/extensions/%d", a.srv.URL, id)
		assert.Equal(t, href, r.header.Get("Location"))
		assert.Equal(t, mainTenant, got["tenant_uuid"])
		assert.Equal(t, "1000", got["exten"])
		assert.Equal(t, name, got["context"])
		assert.Equal(t, true, got["enabled"])
		assert.Equal(t, false, got["commented"])
		assert.Equal(t, []any{}, got["lines"])
		assert.Equal(t, []any{map[string]any{"rel": "extensions", "href": href}}, got["links"])

		again := a.mustStatus(200, "GET", itemPath("extensions", id), mainTok, "", nil)
		assert.Equal(t, got, again.obj())
	})
}

func TestExtensions_Create_Commented(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		_, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "Ext"})
		r := a.mustStatus(201, "POST", "/1.1/extensions", mainTok, "", map[string]any{"exten": "_1XXX", "context": name, "commented": "true"})
		assert.Equal(t, false, r.obj()["enabled"])
		assert.Equal(t, true, r.obj()["commented"])
	})
}

func TestExtensions_Update_Partial(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		_, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "Ext"})
		id := a.mustCreateExtension(mainTok, "1000", name)
		r := a.mustStatus(204, "PUT", itemPath("extensions", id), mainTok, "", map[string]any{"enabled": false})
		assert.Empty(t, r.raw)
		got := a.mustStatus(200, "GET", itemPath("extensions", id), mainTok, "", nil).obj()
		assert.Equal(t, "1000", got["exten"])
		assert.Equal(t, name, got["context"])
		assert.Equal(t, false, got["enabled"])
		assert.Equal(t, true, got["commented"])

		a.mustStatus(204, "PUT", itemPath("extensions", id), mainTok, "", map[string]any{"exten": "1001"})
		got = a.mustStatus(200, "GET", itemPath("extensions", id), mainTok, "", nil).obj()
		assert.Equal(t, "1001", got["exten"])
		assert.Equal(t, false, got["enabled"], "enabled kept")
	})
}

func TestExtensions_Update_ErrDuplicate(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		_, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "Ext"})
		a.mustCreateExtension(mainTok, "1000", name)
		id := a.mustCreateExtension(mainTok, "1001", name)
		a.run(scenario{method: "PUT", path: itemPath("extensions", id), token: mainTok, body: map[string]any{"exten": "1000"}, status: 400,
			want: []string{fmt.Sprintf("Resource Error - Extension already exists ('exten': '1000', 'context': '%s')", name)}})
		got := a.mustStatus(200, "GET", itemPath("extensions", id), mainTok, "", nil).obj()
		assert.Equal(t, "1001", got["exten"], "nothing changed")
		// Saving an extension unchanged is not a duplicate of itself.
		a.mustStatus(204, "PUT", itemPath("extensions", id), mainTok, "", map[string]any{"exten": "1001"})
	})
}

func TestExtensions_Delete(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		_, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "Ext"})
		id := a.mustCreateExtension(mainTok, "1000", name)
		a.mustStatus(204, "DELETE", itemPath("extensions", id), mainTok, "", nil)
		want := []string{fmt.Sprintf("Resource Not Found - Extension was not found ('id': %d)", id)}
		for _, method := range []string{"GET", "PUT", "DELETE"} {
			r := a.do(method, itemPath("extensions", id), mainTok, "", map[string]any{"exten": "1"})
			assert.Equal(t, 404, r.status, method)
			assert.Equal(t, want, r.list(), method)
		}
		// The number is free again.
		a.mustCreateExtension(mainTok, "1000", name)
	})
}

func extens(r reply) []string {
	var out []string
	for _, it := range r.obj()["items"].([]any) {
		out = append(out, it.(map[string]any)["exten"].(string))
	}
	return out
}

func TestExtensions_List(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		_, internal := a.mustCreateContext(mainTok, "", map[string]any{"label": "In"})
		_, incall := a.mustCreateContext(mainTok, "", map[string]any{"label": "Did", "type": "incall"})
		for _, e := range []string{"1002", "1000", "1001"} {
			a.mustCreateExtension(mainTok, e, internal)
		}
		a.mustCreateExtension(mainTok, "5551000", incall)

		cases := []struct {
			query  string
			total  int
			extens []string
		}{
			{"", 4, []string{"1000", "1001", "1002", "5551000"}},
			{"context=" + internal, 3, []string{"1000", "1001", "1002"}},
			{"type=incall", 1, []string{"5551000"}},
			{"type=internal&direction=desc", 3, []string{"1002", "1001", "1000"}},
			{"search=1000", 2, []string{"1000", "5551000"}},
			{"order=exten&direction=desc&limit=2", 4, []string{"5551000", "1002"}},
			{"limit=2&offset=1", 4, []string{"1001", "1002"}},
			{"offset=10", 4, nil},
			{"exten=1001", 1, []string{"1001"}},
			{"context=nope", 0, nil},
		}
		for _, c := range cases {
			r := a.mustStatus(200, "GET", "/1.1/extensions?"+c.query, mainTok, "", nil)
			assert.Equal(t, float64(c.total), r.obj()["total"], c.query)
			assert.Equal(t, c.extens, extens(r), c.query)
		}
	})
}

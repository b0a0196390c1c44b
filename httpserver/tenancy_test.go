package httpserver_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// An object of MAIN is, for SUB's token, exactly like a missing id.
func TestTenancy_ItemOfParentIsNotFound(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "main only"})
		ext := a.mustCreateExtension(mainTok, "1000", name)
		a.settle()
		for _, it := range []struct {
			plural string
			id     int
			res    string
		}{{"contexts", id, "Context"}, {"extensions", ext, "Extension"}} {
			missing := a.do("GET", itemPath(it.plural, 99999), subTok, "", nil)
			for _, method := range []string{"GET", "PUT", "DELETE"} {
				r := a.do(method, itemPath(it.plural, it.id), subTok, "", map[string]any{"label": "stolen", "exten": "1999"})
				assert.Equal(t, 404, r.status, "%s %s", method, it.plural)
				assert.Equal(t, []string{fmt.Sprintf("Resource Not Found - %s was not found ('id': %d)", it.res, it.id)}, r.list())
				assert.Equal(t, missing.status, r.status)
			}
		}
		got := a.mustStatus(200, "GET", itemPath("contexts", id), mainTok, "", nil).obj()
		assert.Equal(t, "main only", got["label"], "SUB's PUT changed nothing")
		a.mustStatus(200, "GET", itemPath("extensions", ext), mainTok, "", nil)
		evs, cmds := a.delivered()
		assert.Empty(t, evs)
		assert.Empty(t, cmds)
	})
}

func TestTenancy_Lists(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		_, mainCtx := a.mustCreateContext(mainTok, "", map[string]any{"label": "tt-main"})
		_, subCtx := a.mustCreateContext(subTok, "", map[string]any{"label": "tt-sub"})
		a.mustCreateExtension(mainTok, "1000", mainCtx)
		a.mustCreateExtension(subTok, "1000", subCtx)

		cases := []struct {
			token, tenant, query string
			want                 []string
		}{
			{subTok, "", "", []string{"tt-sub"}},
			{subTok, "", "recurse=true", []string{"tt-sub"}},
			{mainTok, "", "", []string{"tt-main"}},
			{mainTok, "", "recurse=true", []string{"tt-main", "tt-sub"}},
			{mainTok, subTenant, "", []string{"tt-sub"}},
			{readTok, "", "recurse=1", []string{"tt-main", "tt-sub"}},
			{adminTok, "", "", nil},
			{adminTok, "", "recurse=yes", []string{"tt-main", "tt-sub"}},
		}
		for _, c := range cases {
			r := a.mustStatus(200, "GET", "/1.1/contexts?search=tt-&order=label&"+c.query, c.token, c.tenant, nil)
			assert.Equal(t, c.want, labels(r), "%s %s %s", c.token, c.tenant, c.query)
			assert.Equal(t, float64(len(c.want)), r.obj()["total"])
		}
		r := a.mustStatus(200, "GET", "/1.1/extensions", subTok, "", nil)
		assert.Equal(t, []string{"1000"}, extens(r))
		assert.Contains(t, r.raw, subCtx)
		assert.NotContains(t, r.raw, mainCtx)
		r = a.mustStatus(200, "GET", "/1.1/extensions?recurse=true", mainTok, "", nil)
		assert.Equal(t, float64(2), r.obj()["total"])
	})
}

func TestTenancy_Create_ErrContextOfParent(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		_, mainCtx := a.mustCreateContext(mainTok, "", map[string]any{"label": "main"})
		a.run(scenario{method: "POST", path: "/1.1/extensions", token: subTok, status: 400, unchanged: "extensions",
			body: map[string]any{"exten": "1000", "context": mainCtx}, contains: "Input Error - field 'context': Context was not found"})
		// Nor by naming MAIN's context from a SUB extension.
		_, subCtx := a.mustCreateContext(subTok, "", map[string]any{"label": "sub"})
		ext := a.mustCreateExtension(subTok, "1000", subCtx)
		a.run(scenario{method: "PUT", path: itemPath("extensions", ext), token: subTok, status: 400,
			body: map[string]any{"context": mainCtx}, contains: "Context was not found"})
		// MAIN sees both contexts, but an extension cannot change tenant.
		a.run(scenario{method: "PUT", path: itemPath("extensions", ext), token: mainTok, status: 400,
			body: map[string]any{"context": mainCtx},
			want: []string{fmt.Sprintf("Resource Error - different tenants ('current_tenant_uuid': '%s', 'context_tenant_uuid': '%s')", subTenant, mainTenant)}})
		got := a.mustStatus(200, "GET", itemPath("extensions", ext), subTok, "", nil).obj()
		assert.Equal(t, subCtx, got["context"])
	})
}

// A parent tenant may read and edit its children's objects; they stay
// in the child's tenant.
func TestTenancy_ParentEditsChild(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, name := a.mustCreateContext(subTok, "", map[string]any{"label": "child"})
		a.mustStatus(200, "GET", itemPath("contexts", id), mainTok, "", nil)
		a.run(scenario{method: "PUT", path: itemPath("contexts", id), token: mainTok, body: map[string]any{"label": "by parent"},
			status: 204, events: map[string]int{"context_edited": 1}, reloads: []string{"dialplan reload"}})
		got := a.mustStatus(200, "GET", itemPath("contexts", id), subTok, "", nil).obj()
		assert.Equal(t, "by parent", got["label"])
		assert.Equal(t, subTenant, got["tenant_uuid"])

		// MAIN creating in SUB with the header stores the object in SUB.
		r := a.mustStatus(201, "POST", "/1.1/extensions", mainTok, subTenant, map[string]any{"exten": "1000", "context": name})
		assert.Equal(t, subTenant, r.obj()["tenant_uuid"])
		r = a.mustStatus(201, "POST", "/1.1/contexts", mainTok, subTenant, map[string]any{"label": "made by parent"})
		assert.Equal(t, subTenant, r.obj()["tenant_uuid"])
		assert.Contains(t, r.obj()["name"], "ctx-sub-internal-")
		a.mustStatus(204, "DELETE", itemPath("contexts", int(r.obj()["id"].(float64))), mainTok, "", nil)
	})
}

package httpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/httpserver"
	"github.com/gopbx/confd/store/storetest"
)

// mustCreateEndpoint creates an endpoint of kind (custom, iax, sccp) with
// token and returns its id.
func (a *api) mustCreateEndpoint(kind, token string, body map[string]any) int {
	a.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	r := a.mustStatus(201, "POST", "/1.1/endpoints/"+kind, token, "", body)
	return int(r.obj()["id"].(float64))
}

// jsonKeys returns the keys of a JSON object in the order they appear.
func jsonKeys(t *testing.T, raw string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(raw))
	_, err := dec.Token()
	require.NoError(t, err)
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		require.NoError(t, err)
		keys = append(keys, k.(string))
		var skip json.RawMessage
		require.NoError(t, dec.Decode(&skip))
	}
	return keys
}

func TestEndpointsCustom_CRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/endpoints/custom", mainTok, "", map[string]any{
			"interface": "Local/100@default", "interface_suffix": "", "id": 99, "tenant_uuid": subTenant, "line": map[string]any{"id": 1}})
		id := int(r.obj()["id"].(float64))
		href := fmt.Sprintf("%s/1.1/endpoints/custom/%d", a.srv.URL, id)
		assert.Equal(t, href, r.header.Get("Location"))
		assert.Equal(t, map[string]any{"id": float64(id), "tenant_uuid": mainTenant, "interface": "Local/100@default",
			"interface_suffix": nil, "enabled": true, "links": []any{map[string]any{"rel": "endpoint_custom", "href": href}},
			"trunk": nil, "line": nil}, r.obj())
		assert.Equal(t, []string{"id", "tenant_uuid", "interface", "interface_suffix", "enabled", "links", "trunk", "line"},
			jsonKeys(t, r.raw), "wazo's field order")
		evs, cmds := a.delivered()
		assert.Equal(t, map[string]int{"custom_endpoint_created": 1}, evs)
		assert.Empty(t, cmds)
		assert.Equal(t, r.obj(), a.mustStatus(200, "GET", itemPath("endpoints/custom", id), mainTok, "", nil).obj())

		a.run(scenario{method: "PUT", path: itemPath("endpoints/custom", id), token: mainTok, status: 204,
			body: map[string]any{"interface_suffix": "x", "enabled": false}, events: map[string]int{"custom_endpoint_edited": 1}})
		a.run(scenario{method: "PUT", path: itemPath("endpoints/custom", id), token: mainTok, status: 204,
			body: map[string]any{"interface": "custom/after"}, events: map[string]int{"custom_endpoint_edited": 1}})
		got := a.mustStatus(200, "GET", itemPath("endpoints/custom", id), mainTok, "", nil).obj()
		assert.Equal(t, "custom/after", got["interface"])
		assert.Equal(t, "x", got["interface_suffix"])
		assert.Equal(t, false, got["enabled"], "not reset to its default")

		a.run(scenario{method: "DELETE", path: itemPath("endpoints/custom", id), token: mainTok, status: 204,
			events: map[string]int{"custom_endpoint_deleted": 1}})
		a.run(scenario{method: "GET", path: itemPath("endpoints/custom", id), token: mainTok, status: 404,
			want: []string{fmt.Sprintf("Resource Not Found - CustomEndpoint was not found ('id': %d)", id)}})
	})
}

// iaxDefaultOptions are the options of an IAX endpoint created without any.
var iaxDefaultOptions = []any{
	[]any{"amaflags", "default"}, []any{"trunk", "no"}, []any{"auth", "plaintext,md5"}, []any{"sendani", "no"},
	[]any{"qualify", "no"}, []any{"qualifysmoothing", "no"}, []any{"qualifyfreqok", "60000"},
	[]any{"qualifyfreqnotok", "10000"}, []any{"requirecalltoken", "no"},
}

func TestEndpointsIAX_CRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/endpoints/iax", mainTok, "", map[string]any{})
		got := r.obj()
		id := int(got["id"].(float64))
		href := fmt.Sprintf("%s/1.1/endpoints/iax/%d", a.srv.URL, id)
		assert.Equal(t, href, r.header.Get("Location"))
		assert.Regexp(t, `^[a-z0-9]{8}$`, got["name"])
		delete(got, "name")
		assert.Equal(t, map[string]any{"id": float64(id), "tenant_uuid": mainTenant, "type": "friend", "host": "dynamic",
			"options": iaxDefaultOptions, "links": []any{map[string]any{"rel": "endpoint_iax", "href": href}}, "trunk": nil}, got)
		assert.Equal(t, []string{"id", "tenant_uuid", "name", "type", "host", "options", "links", "trunk"}, jsonKeys(t, r.raw))
		evs, cmds := a.delivered()
		assert.Equal(t, map[string]int{"iax_endpoint_created": 1}, evs)
		assert.Empty(t, cmds)

		a.run(scenario{method: "PUT", path: itemPath("endpoints/iax", id), token: mainTok, status: 204,
			body:   map[string]any{"options": [][]string{{"allow", "g723"}, {"foo", "a"}, {"foo", "b"}, {"secret", ""}}},
			events: map[string]int{"iax_endpoint_edited": 1}, reloads: []string{"iax2 reload"}})
		a.run(scenario{method: "PUT", path: itemPath("endpoints/iax", id), token: mainTok, status: 204,
			body: map[string]any{"name": "renamed", "host": "10.0.0.1"}, events: map[string]int{"iax_endpoint_edited": 1}, reloads: []string{"iax2 reload"}})
		got = a.mustStatus(200, "GET", itemPath("endpoints/iax", id), mainTok, "", nil).obj()
		assert.Equal(t, "renamed", got["name"])
		assert.Equal(t, "10.0.0.1", got["host"])
		opts := got["options"].([]any)
		assert.Contains(t, opts, []any{"allow", "g723"})
		assert.Equal(t, []any{[]any{"foo", "a"}, []any{"foo", "b"}}, opts[len(opts)-2:], "kept by a PUT without options")

		a.run(scenario{method: "DELETE", path: itemPath("endpoints/iax", id), token: mainTok, status: 204,
			events: map[string]int{"iax_endpoint_deleted": 1}, reloads: []string{"iax2 reload"}})
		a.run(scenario{method: "DELETE", path: itemPath("endpoints/iax", id), token: mainTok, status: 404,
			want: []string{fmt.Sprintf("Resource Not Found - IAXEndpoint was not found ('id': %d)", id)}})
	})
}

func TestEndpointsIAX_List(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		one := a.mustCreateEndpoint("iax", mainTok, map[string]any{"name": "sort1", "type": "friend", "host": "search"})
		two := a.mustCreateEndpoint("iax", mainTok, map[string]any{"name": "sort2", "type": "peer", "host": "hidden"})
		ids := func(query string) []int {
			r := a.mustStatus(200, "GET", "/1.1/endpoints/iax?"+query, mainTok, "", nil)
			var out []int
			for _, it := range r.obj()["items"].([]any) {
				out = append(out, int(it.(map[string]any)["id"].(float64)))
			}
			return out
		}
		assert.Equal(t, []int{one, two}, ids("search=sort"))
		assert.Equal(t, []int{two, one}, ids("search=sort&order=name&direction=desc"))
		assert.Equal(t, []int{two}, ids("search=sort&offset=1"))
		assert.Equal(t, []int{one}, ids("search=search"))
		assert.Equal(t, []int{two}, ids("type=peer"))
		assert.Equal(t, []int{one}, ids("host=search"))
		a.run(scenario{method: "GET", path: "/1.1/endpoints/iax?order=id", token: mainTok, status: 400,
			want: []string{"Input Error - order: column 'id' was not found"}})
	})
}

func TestEndpointsSCCP_CRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/endpoints/sccp", mainTok, "", map[string]any{})
		id := int(r.obj()["id"].(float64))
		href := fmt.Sprintf("%s/1.1/endpoints/sccp/%d", a.srv.URL, id)
		assert.Equal(t, href, r.header.Get("Location"))
		assert.Equal(t, map[string]any{"id": float64(id), "tenant_uuid": mainTenant, "options": []any{},
			"links": []any{map[string]any{"rel": "endpoint_sccp", "href": href}}, "line": nil}, r.obj())
		assert.Equal(t, []string{"id", "tenant_uuid", "options", "links", "line"}, jsonKeys(t, r.raw))
		evs, cmds := a.delivered()
		assert.Equal(t, map[string]int{"sccp_endpoint_created": 1}, evs)
		assert.Empty(t, cmds)

		reloads := []string{"dialplan reload", "module reload chan_sccp.so"}
		a.run(scenario{method: "PUT", path: itemPath("endpoints/sccp", id), token: mainTok, status: 204,
			body:   map[string]any{"options": [][]string{{"allow", "alaw"}, {"cid_num", "100"}, {"disallow", "all"}, {"cid_name", "Bob"}}},
			events: map[string]int{"sccp_endpoint_edited": 1}, reloads: reloads})
		got := a.mustStatus(200, "GET", itemPath("endpoints/sccp", id), mainTok, "", nil).obj()
		assert.Equal(t, []any{[]any{"cid_name", "Bob"}, []any{"cid_num", "100"}, []any{"disallow", "all"}, []any{"allow", "alaw"}}, got["options"])
		a.run(scenario{method: "PUT", path: itemPath("endpoints/sccp", id), token: mainTok, status: 204,
			body: map[string]any{"options": [][]string{}}, events: map[string]int{"sccp_endpoint_edited": 1}, reloads: reloads})
		got = a.mustStatus(200, "GET", itemPath("endpoints/sccp", id), mainTok, "", nil).obj()
		assert.Equal(t, []any{[]any{"cid_name", "Bob"}, []any{"cid_num", "100"}}, got["options"], "the caller id stays")

		a.run(scenario{method: "DELETE", path: itemPath("endpoints/sccp", id), token: mainTok, status: 204,
			events: map[string]int{"sccp_endpoint_deleted": 1}, reloads: reloads})
		a.run(scenario{method: "PUT", path: itemPath("endpoints/sccp", id), token: mainTok, status: 404, body: map[string]any{},
			want: []string{fmt.Sprintf("Resource Not Found - SCCPEndpoint was not found ('id': %d)", id)}})
	})
}

func TestEndpoints_ErrInput(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		custom := a.mustCreateEndpoint("custom", mainTok, map[string]any{"interface": "custom/taken"})
		iax := a.mustCreateEndpoint("iax", mainTok, map[string]any{"name": "taken"})
		sccp := a.mustCreateEndpoint("sccp", mainTok, nil)
		a.mustCreateEndpoint("custom", subTok, map[string]any{"interface": "custom/sub"})
		bad := func(name, method, path, plural string, body any, want ...string) scenario {
			return scenario{name: name, method: method, path: path, token: mainTok, body: body, status: 400, want: want, unchanged: plural}
		}
		cPath, iPath, sPath := itemPath("endpoints/custom", custom), itemPath("endpoints/iax", iax), itemPath("endpoints/sccp", sccp)
		return []scenario{
			bad("CustomMissing", "POST", "/1.1/endpoints/custom", "endpoints/custom", map[string]any{}, "Input Error - interface: ['Missing data for required field.']"),
			bad("CustomPattern", "PUT", cPath, "endpoints/custom", map[string]any{"interface": "custom/&&&~~~"}, "Input Error - interface: ['String does not match expected pattern.']"),
			bad("CustomEnabled", "PUT", cPath, "endpoints/custom", map[string]any{"enabled": nil}, "Input Error - enabled: ['Field may not be null.']"),
			bad("CustomDuplicate", "POST", "/1.1/endpoints/custom", "endpoints/custom", map[string]any{"interface": "custom/taken"},
				"Resource Error - CustomEndpoint already exists ('interface': 'custom/taken')"),
			bad("CustomDuplicateOfSub", "PUT", cPath, "endpoints/custom", map[string]any{"interface": "custom/sub"},
				"Resource Error - CustomEndpoint already exists ('interface': 'custom/sub')"),
			bad("CustomNoBody", "POST", "/1.1/endpoints/custom", "endpoints/custom", "{", "The browser (or proxy) sent a request that this server could not understand."),
			bad("IAXName", "POST", "/1.1/endpoints/iax", "endpoints/iax", map[string]any{"name": "ûsername"}, "Input Error - name: ['String does not match expected pattern.']"),
			bad("IAXType", "PUT", iPath, "endpoints/iax", map[string]any{"type": "invalid_choice"}, "Input Error - type: ['Must be one of: friend, peer, user.']"),
			bad("IAXDuplicate", "POST", "/1.1/endpoints/iax", "endpoints/iax", map[string]any{"name": "taken"}, "Resource Error - IAXEndpoint already exists ('name': 'taken')"),
			bad("IAXOptionPair", "POST", "/1.1/endpoints/iax", "endpoints/iax", map[string]any{"options": []any{[]any{"too", "much", "value"}}},
				"Input Error - options: {0: ['Length must be 2.']}"),
			bad("IAXOptionValue", "PUT", iPath, "endpoints/iax", map[string]any{"options": [][]string{{"amaflags", "never"}}},
				"Input Error - options: {'amaflags': ['Must be one of: default, omit, billing, documentation.']}"),
			bad("SCCPOptionNull", "PUT", sPath, "endpoints/sccp", map[string]any{"options": []any{[]any{"none_value", nil}}},
				"Input Error - options: {0: {1: ['Field may not be null.']}}"),
			bad("SCCPUnknown", "POST", "/1.1/endpoints/sccp", "endpoints/sccp", map[string]any{"options": [][]string{{"cid_name", "a"}, {"foo", "bar"}}},
				"Unknown SCCP options: foo"),
			bad("SCCPTooLong", "PUT", sPath, "endpoints/sccp", map[string]any{"options": [][]string{{"cid_num", strings.Repeat("1", 81)}}},
				"Input Error - options: {'cid_num': ['Longer than maximum length 80.']}"),
		}
	})
}

func TestEndpoints_Tenancy(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		for _, it := range []struct {
			kind, res string
			main, sub map[string]any
		}{
			{"custom", "CustomEndpoint", map[string]any{"interface": "custom/main"}, map[string]any{"interface": "custom/sub"}},
			{"iax", "IAXEndpoint", nil, nil}, {"sccp", "SCCPEndpoint", nil, nil},
		} {
			plural := "endpoints/" + it.kind
			main := a.mustCreateEndpoint(it.kind, mainTok, it.main)
			sub := a.mustCreateEndpoint(it.kind, subTok, it.sub)
			a.settle()
			for _, method := range []string{"GET", "PUT", "DELETE"} {
				r := a.do(method, itemPath(plural, main), subTok, "", map[string]any{})
				assert.Equal(t, 404, r.status, "%s %s", method, plural)
				assert.Equal(t, []string{fmt.Sprintf("Resource Not Found - %s was not found ('id': %d)", it.res, main)}, r.list())
			}
			evs, cmds := a.delivered()
			assert.Empty(t, evs)
			assert.Empty(t, cmds)
			list := func(token, query string) []any {
				return a.mustStatus(200, "GET", "/1.1/"+plural+"?"+query, token, "", nil).obj()["items"].([]any)
			}
			assert.Len(t, list(subTok, "recurse=true"), 1, plural)
			assert.Len(t, list(mainTok, ""), 1, plural)
			assert.Len(t, list(mainTok, "recurse=true"), 2, plural)
			got := a.mustStatus(200, "GET", itemPath(plural, sub), mainTok, "", nil).obj()
			assert.Equal(t, subTenant, got["tenant_uuid"], "a parent reads its child's endpoint")
			a.mustStatus(204, "PUT", itemPath(plural, sub), mainTok, "", map[string]any{})
			assert.Equal(t, subTenant, a.mustStatus(200, "GET", itemPath(plural, sub), mainTok, "", nil).obj()["tenant_uuid"])
		}
	})
}

// aclSpy records the ACLs the server asks the authenticator for.
type aclSpy struct {
	httpserver.Authenticator
	mu   sync.Mutex
	acls []string
}

func (s *aclSpy) Check(ctx context.Context, token, acl, tenant string) (httpserver.Token, error) {
	s.mu.Lock()
	s.acls = append(s.acls, acl)
	s.mu.Unlock()
	return s.Authenticator.Check(ctx, token, acl, tenant)
}

func TestEndpoints_ACL(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		spy := &aclSpy{}
		a := newAPI(t, url, func(c *httpserver.Config) { spy.Authenticator = c.Auth; c.Auth = spy })
		for _, kind := range []string{"custom", "iax", "sccp"} {
			spy.mu.Lock()
			spy.acls = nil
			spy.mu.Unlock()
			id := a.mustCreateEndpoint(kind, mainTok, map[string]any{"interface": "custom/acl"})
			path := itemPath("endpoints/"+kind, id)
			a.mustStatus(200, "GET", "/1.1/endpoints/"+kind, mainTok, "", nil)
			a.mustStatus(200, "GET", path, mainTok, "", nil)
			a.mustStatus(204, "PUT", path, mainTok, "", map[string]any{})
			a.mustStatus(204, "DELETE", path, mainTok, "", nil)
			acl := "confd.endpoints." + kind
			spy.mu.Lock()
			assert.Equal(t, []string{acl + ".create", acl + ".read", fmt.Sprintf("%s.%d.read", acl, id),
				fmt.Sprintf("%s.%d.update", acl, id), fmt.Sprintf("%s.%d.delete", acl, id)}, spy.acls)
			spy.mu.Unlock()
		}
		a.run(scenario{method: "POST", path: "/1.1/endpoints/sccp", token: readTok, body: map[string]any{}, status: 401, unchanged: "endpoints/sccp"})
	})
}

package httpserver

import (
	"cmp"
	"context"
	"net/http"
	"strings"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// associationRoutes are the PUT (associate) and DELETE (dissociate) routes
// of the line's endpoint and extension and of the user's lines.
func (s *Server) associationRoutes() []route {
	var rs []route
	for _, ep := range []struct{ kind, wildcard string }{{"sip", "endpoint_uuid"}, {"sccp", "endpoint_id"}, {"custom", "endpoint_id"}} {
		path := "/lines/{line_id}/endpoints/" + ep.kind + "/{" + ep.wildcard + "}"
		acl := "confd.lines.{line_id}.endpoints." + ep.kind + ".{" + ep.wildcard + "}"
		assoc := func(c *confd.Client) func(context.Context, confd.Scope, int, string, string) error {
			return c.AssociateLineEndpoint
		}
		dissoc := func(c *confd.Client) func(context.Context, confd.Scope, int, string, string) error {
			return c.DissociateLineEndpoint
		}
		rs = append(rs,
			route{"PUT", path, acl + ".update", lineEndpoint(ep.kind, ep.wildcard, assoc)},
			route{"DELETE", path, acl + ".delete", lineEndpoint(ep.kind, ep.wildcard, dissoc)})
	}
	rs = append(rs, pairRoutes("/lines/{line_id}/extensions/{extension_id}",
		intFirst(s.c.AssociateLineExtension), intFirst(s.c.DissociateLineExtension))...)
	rs = append(rs, pairRoutes("/users/{user_ref}/lines/{line_id}", s.c.AssociateUserLine, s.c.DissociateUserLine)...)
	return append(rs,
		route{"PUT", "/users/{user_ref}/lines", "confd.users.{user_ref}.lines.update", setUserLines},
		route{"POST", "/lines/{line_id}/extensions", "confd.lines.{line_id}.extensions.create", createLineExtension},
	)
}

var lineIDsSchema = &resources.Schema{Fields: []resources.Field{
	resources.ListOf("lines", resources.Obj("", &resources.Schema{Fields: []resources.Field{
		resources.Int("id").Req(),
	}})).Req(),
}}

// setUserLines is PUT /users/{id}/lines {"lines": [{"id"}...]}.
func setUserLines(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	user, _ := parseKey("ref", q.r.PathValue("user_ref"))
	if _, err := q.c.Users.Get(q.ctx, scope, user); err != nil {
		return err
	}
	fields, err := q.body(lineIDsSchema, false)
	if err != nil {
		return err
	}
	if err := q.c.SetUserLines(q.ctx, scope, user, idsOf(fields["lines"])); err != nil {
		return err
	}
	return q.noContent()
}

// idsOf reads the ids of a loaded list of {"id": n} objects.
func idsOf(v any) []int {
	var ids []int
	for _, o := range v.([]any) {
		ids = append(ids, int(o.(map[string]any)["id"].(int64)))
	}
	return ids
}

func lineEndpoint(kind, wildcard string, pick func(*confd.Client) func(context.Context, confd.Scope, int, string, string) error) func(q *request) error {
	return func(q *request) error {
		scope, err := q.itemScope()
		if err != nil {
			return err
		}
		line, _ := parseKey("int", q.r.PathValue("line_id"))
		if err := pick(q.c)(q.ctx, scope, line.(int), kind, q.r.PathValue(wildcard)); err != nil {
			return err
		}
		return q.noContent()
	}
}

// createLineExtension is POST /lines/{id}/extensions: a new extension,
// given to the line at once.
func createLineExtension(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	line, _ := parseKey("int", q.r.PathValue("line_id"))
	if _, err := q.c.Lines.Get(q.ctx, scope, line); err != nil {
		return err
	}
	fields, err := q.body(resources.ExtensionSchema, false)
	if err != nil {
		return err
	}
	x := &resources.Extension{TenantUUID: q.tenant}
	if err := resources.Apply(fields, x); err != nil {
		return err
	}
	if err := q.c.CreateLineExtension(q.ctx, scope, line.(int), x); err != nil {
		return err
	}
	q.w.Header().Set("Location", baseURL(q.r)+"/extensions/"+keyString(x.ID))
	return q.json(http.StatusCreated, x)
}

// pairFunc associates or dissociates two objects named by the path: the
// first by its key (an int id, or a uuid for {*_ref} and {*_uuid}), the
// second by its integer id.
type pairFunc func(ctx context.Context, s confd.Scope, first any, second int) error

// pairRoutes are the PUT (associate) and DELETE (dissociate) routes of a
// path "/<plural>/{first}/<plural>/{second_id}"; the ACL is the path's.
func pairRoutes(path string, associate, dissociate pairFunc) []route {
	acl := "confd" + strings.ReplaceAll(path, "/", ".")
	return []route{
		{"PUT", path, acl + ".update", pairHandler(path, associate)},
		{"DELETE", path, acl + ".delete", pairHandler(path, dissociate)},
	}
}

// pairHandler reads the path's two keys and calls do; the route already
// checked their form.
func pairHandler(path string, do pairFunc) func(q *request) error {
	var names []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") {
			names = append(names, strings.Trim(seg, "{}"))
		}
	}
	return func(q *request) error {
		scope, err := q.itemScope()
		if err != nil {
			return err
		}
		first, _ := parseKey(cmp.Or(wildcardKind(names[0]), "int"), q.r.PathValue(names[0]))
		second, _ := parseKey("int", q.r.PathValue(names[1]))
		if err := do(q.ctx, scope, first, second.(int)); err != nil {
			return err
		}
		return q.noContent()
	}
}

// intFirst adapts an association whose first object is named by an int id.
func intFirst(f func(context.Context, confd.Scope, int, int) error) pairFunc {
	return func(ctx context.Context, s confd.Scope, first any, second int) error {
		return f(ctx, s, first.(int), second)
	}
}

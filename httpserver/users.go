package httpserver

import (
	"net/http"
	"slices"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// userRoutes are the generic user and line routes, but for creation with
// lines and voicemail and for recursive deletion.
func (s *Server) userRoutes() []route {
	c := s.c
	users := family[resources.User]{"users", "ref", resources.UserSchema, c.Users}
	rs := replace(crudWith(users, resources.UserCreateSchema),
		route{"POST", "/users", "confd.users.create", createUser},
		route{"PUT", "/users/{ref}", "confd.users.{ref}.update", updateUser(users)},
		route{"GET", "/users", "confd.users.read", listUsers},
		route{"DELETE", "/users/{ref}", "confd.users.{ref}.delete", deleteUser})
	return append(rs, replace(crudWith(family[resources.Line]{"lines", "int", resources.LineSchema, c.Lines}, resources.LineCreateSchema),
		route{"DELETE", "/lines/{id}", "confd.lines.{id}.delete", deleteLine},
		route{"POST", "/lines", "confd.lines.create", createLine})...)
}

// replace swaps the routes of the same method and path.
func replace(rs []route, with ...route) []route {
	for i := range rs {
		for _, w := range with {
			if rs[i].method == w.method && rs[i].path == w.path {
				rs[i] = w
			}
		}
	}
	return rs
}

// userLineSchema is a line of POST /users and POST /lines: the line with
// its device, one endpoint and its extensions.
var userLineSchema = func() *resources.Schema {
	s := withFields(resources.LineCreateSchema, resources.Str("device_id").Null())
	s.Checks = []func(map[string]any) string{oneEndpoint}
	return s
}()

// userIncallsField is the incalls of POST /users: each with its numbers,
// an extension by id or an exten@context; the incall's own fields are
// checked and, as in wazo, not kept.
var userIncallsField = resources.NestedList("incalls", userIncallSchema)

var userIncallSchema = &resources.Schema{Fields: []resources.Field{
	resources.Str("preprocess_subroutine").Len(-1, 79).Null(), resources.Str("greeting_sound").Len(-1, 255).Null(),
	resources.Str("caller_id_mode").In("prepend", "overwrite", "append").Null(),
	resources.Str("caller_id_name").Len(-1, 80).Null(), resources.Str("description").Null(),
	resources.ListOf("extensions", resources.Obj("", &resources.Schema{Fields: []resources.Field{
		resources.Int("id"), resources.Str("exten").Len(-1, 40), resources.Str("context")}})),
}}

func oneEndpoint(m map[string]any) string {
	n := 0
	for _, k := range []string{"endpoint_sip", "endpoint_sccp", "endpoint_custom"} {
		if m[k] != nil {
			n++
		}
	}
	if n > 1 {
		return "Only one endpoint should be configured on a line"
	}
	return ""
}

// createUserSchema is POST /users: the user, its lines and its voicemail.
var createUserSchema = resources.UserListSchema(
	userPartFields(resources.NestedList("lines", userLineSchema), userIncallsField)...)

func createUser(q *request) error {
	fields, err := q.body(createUserSchema, false)
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	n, err := newUser(fields)
	if err != nil {
		return err
	}
	n.User.TenantUUID = q.tenant
	if err := q.c.CreateUserWith(q.ctx, scope, n); err != nil {
		return err
	}
	q.w.Header().Set("Location", baseURL(q.r)+"/users/"+keyString(n.User.ID))
	return q.json(http.StatusCreated, n.User)
}

// listUsers is GET /users, whole or as a flat view (?view=summary|directory).
func listUsers(q *request) error {
	view := q.r.URL.Query().Get("view")
	if view != "" && !slices.Contains(confd.UserViews, view) {
		return resources.ErrInput("view '%s' does not exist", view)
	}
	scope, err := q.listScope()
	if err != nil {
		return err
	}
	p, err := q.c.Users.ParseList(q.r.URL.Query())
	if err != nil {
		return err
	}
	items, total, err := q.c.Users.List(q.ctx, scope, p)
	if err != nil {
		return err
	}
	if view == "" {
		return q.json(http.StatusOK, list[resources.User]{Total: total, Items: items})
	}
	views := make([]map[string]any, len(items))
	for i := range items {
		views[i] = q.c.UserView(q.ctx, &items[i], view)
	}
	return q.json(http.StatusOK, list[map[string]any]{Total: total, Items: views})
}

func deleteUser(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	ref, _ := parseKey("ref", q.r.PathValue("ref"))
	if truthy(q.r.URL.Query().Get("recursive")) {
		err = q.c.DeleteUserRecursive(q.ctx, scope, ref)
	} else {
		err = q.c.Users.Delete(q.ctx, scope, ref)
	}
	if err != nil {
		return err
	}
	return q.noContent()
}

// createLine is POST /lines, with an endpoint and extensions if given.
// The answer shows the new endpoint whole.
func createLine(q *request) error {
	fields, err := q.body(userLineSchema, false)
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	nl, err := newLine(fields)
	if err != nil {
		return err
	}
	nl.Line.TenantUUID = q.tenant
	if err := q.c.CreateLineWith(q.ctx, scope, &nl); err != nil {
		return err
	}
	l := nl.Line
	switch {
	case nl.EndpointSIP != nil:
		l.EndpointSIP = nl.EndpointSIP
	case nl.EndpointSCCP != nil:
		l.EndpointSCCP = nl.EndpointSCCP
	case nl.EndpointCustom != nil:
		l.EndpointCustom = nl.EndpointCustom
	}
	q.w.Header().Set("Location", baseURL(q.r)+"/lines/"+keyString(l.ID))
	return q.json(http.StatusCreated, l)
}

func deleteLine(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	id, _ := parseKey("int", q.r.PathValue("id"))
	if truthy(q.r.URL.Query().Get("recursive")) {
		err = q.c.DeleteLineRecursive(q.ctx, scope, id.(int))
	} else {
		err = q.c.Lines.Delete(q.ctx, scope, id)
	}
	if err != nil {
		return err
	}
	return q.noContent()
}

package httpserver

import (
	"net/http"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

var (
	serviceSchema  = &resources.Schema{Fields: []resources.Field{resources.StrictBoolean("enabled").Req()}}
	servicesSchema = &resources.Schema{Fields: []resources.Field{
		resources.Obj("dnd", serviceSchema), resources.Obj("incallfilter", serviceSchema)}}
	forwardSchema = &resources.Schema{Fields: []resources.Field{
		resources.StrictBoolean("enabled"), resources.Str("destination").Len(-1, 128).Null()}}
	forwardsSchema = &resources.Schema{Fields: []resources.Field{resources.Obj("busy", forwardSchema),
		resources.Obj("noanswer", forwardSchema), resources.Obj("unconditional", forwardSchema)}}
)

// userServiceRoutes are /users/{ref}/services and /users/{ref}/forwards,
// whole or one by name, with wazo's ACLs (incallfilter shares dnd's).
func (s *Server) userServiceRoutes() []route {
	rs := []route{
		{"GET", "/users/{ref}/services", "confd.users.{ref}.services.read", userServices("")},
		{"PUT", "/users/{ref}/services", "confd.users.{ref}.services.update", setUserServices("")},
		{"GET", "/users/{ref}/forwards", "confd.users.{ref}.forwards.read", userForwards("")},
		{"PUT", "/users/{ref}/forwards", "confd.users.{ref}.forwards.update", setUserForwards("")},
	}
	for _, n := range confd.UserServiceNames {
		rs = append(rs,
			route{"GET", "/users/{ref}/services/" + n, "confd.users.{ref}.services.dnd.read", userServices(n)},
			route{"PUT", "/users/{ref}/services/" + n, "confd.users.{ref}.services.dnd.update", setUserServices(n)})
	}
	for _, n := range confd.UserForwardNames {
		rs = append(rs,
			route{"GET", "/users/{ref}/forwards/" + n, "confd.users.{ref}.forwards." + n + ".read", userForwards(n)},
			route{"PUT", "/users/{ref}/forwards/" + n, "confd.users.{ref}.forwards." + n + ".update", setUserForwards(n)})
	}
	return rs
}

func (q *request) user() (*resources.User, confd.Scope, error) {
	scope, err := q.itemScope()
	if err != nil {
		return nil, scope, err
	}
	ref, _ := parseKey("ref", q.r.PathValue("ref"))
	u, err := q.c.Users.Get(q.ctx, scope, ref)
	return u, scope, err
}

// pick returns the named member of a JSON object, or the whole when name
// is empty.
func pick(v any, name string) (any, error) {
	if name == "" {
		return v, nil
	}
	var m map[string]any
	if err := resources.Apply(v, &m); err != nil {
		return nil, err
	}
	return m[name], nil
}

func userServices(name string) func(q *request) error {
	return func(q *request) error {
		u, _, err := q.user()
		if err != nil {
			return err
		}
		v, err := pick(u.Services, name)
		if err != nil {
			return err
		}
		return q.json(http.StatusOK, v)
	}
}

func userForwards(name string) func(q *request) error {
	return func(q *request) error {
		u, _, err := q.user()
		if err != nil {
			return err
		}
		v, err := pick(u.Forwards, name)
		if err != nil {
			return err
		}
		return q.json(http.StatusOK, v)
	}
}

// setUserServices merges the body over the user's services and sets them.
func setUserServices(name string) func(q *request) error {
	return func(q *request) error {
		u, scope, err := q.user()
		if err != nil {
			return err
		}
		svc := u.Services
		if err := mergeBody(q, name, serviceSchema, servicesSchema, &svc); err != nil {
			return err
		}
		names := confd.UserServiceNames
		if name != "" {
			names = []string{name}
		}
		if err := q.c.SetUserServices(q.ctx, scope, u.ID, svc, names...); err != nil {
			return err
		}
		return q.noContent()
	}
}

// setUserForwards merges the body over the user's forwards and sets them.
func setUserForwards(name string) func(q *request) error {
	return func(q *request) error {
		u, scope, err := q.user()
		if err != nil {
			return err
		}
		fw := u.Forwards
		if err := mergeBody(q, name, forwardSchema, forwardsSchema, &fw); err != nil {
			return err
		}
		names := confd.UserForwardNames
		if name != "" {
			names = []string{name}
		}
		if err := q.c.SetUserForwards(q.ctx, scope, u.ID, fw, names...); err != nil {
			return err
		}
		return q.noContent()
	}
}

// mergeBody loads the body (one member when name is set, else the whole)
// and applies it over dst.
func mergeBody(q *request, name string, one, all *resources.Schema, dst any) error {
	schema := all
	if name != "" {
		schema = one
	}
	fields, err := q.body(schema, false)
	if err != nil {
		return err
	}
	var patch any = fields
	if name != "" {
		patch = map[string]any{name: fields}
	}
	return resources.Apply(patch, dst)
}

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
// whole or one by name, with wazo's ACLs (incallfilter shares dnd's), and
// /users/{ref}/fallbacks.
func (s *Server) userServiceRoutes() []route {
	rs := []route{
		{"GET", "/users/{ref}/services", "confd.users.{ref}.services.read", userServices("")},
		{"PUT", "/users/{ref}/services", "confd.users.{ref}.services.update", setUserServices("")},
		{"GET", "/users/{ref}/forwards", "confd.users.{ref}.forwards.read", userForwards("")},
		{"PUT", "/users/{ref}/forwards", "confd.users.{ref}.forwards.update", setUserForwards("")},
		{"GET", "/users/{ref}/fallbacks", "confd.users.{ref}.fallbacks.read", userFallbacks},
		{"PUT", "/users/{ref}/fallbacks", "confd.users.{ref}.fallbacks.update", setUserFallbacks},
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

// userFallbacks is GET /users/{ref}/fallbacks.
func userFallbacks(q *request) error {
	u, _, err := q.user()
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, u.Fallbacks)
}

// setUserFallbacks is PUT /users/{ref}/fallbacks: a fallback absent from
// the body is removed, as in wazo.
func setUserFallbacks(q *request) error {
	u, scope, err := q.user()
	if err != nil {
		return err
	}
	fields, err := q.body(resources.UserFallbacksSchema, false)
	if err != nil {
		return err
	}
	var fb resources.UserFallbacks
	if err := resources.Apply(fields, &fb); err != nil {
		return err
	}
	if err := q.c.Users.SetFallbacks(q.ctx, scope, u.ID, fb); err != nil {
		return err
	}
	return q.noContent()
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

// userSettings are a user's services or forwards: how to read them from
// the user, their body schemas (one by name, all), and how to set them.
type userSettings[T any] struct {
	of       func(u *resources.User) T
	one, all *resources.Schema
	set      func(q *request, s confd.Scope, userID int, v T, names ...string) error
	names    []string
}

var (
	services = userSettings[resources.Services]{
		of: func(u *resources.User) resources.Services { return u.Services }, one: serviceSchema, all: servicesSchema,
		set: func(q *request, s confd.Scope, id int, v resources.Services, names ...string) error {
			return q.c.SetUserServices(q.ctx, s, id, v, names...)
		},
		names: confd.UserServiceNames}
	forwards = userSettings[resources.Forwards]{
		of: func(u *resources.User) resources.Forwards { return u.Forwards }, one: forwardSchema, all: forwardsSchema,
		set: func(q *request, s confd.Scope, id int, v resources.Forwards, names ...string) error {
			return q.c.SetUserForwards(q.ctx, s, id, v, names...)
		},
		names: confd.UserForwardNames}
)

func userServices(name string) func(q *request) error    { return services.get(name) }
func setUserServices(name string) func(q *request) error { return services.put(name) }
func userForwards(name string) func(q *request) error    { return forwards.get(name) }
func setUserForwards(name string) func(q *request) error { return forwards.put(name) }

// get answers the settings, or the one named.
func (us userSettings[T]) get(name string) func(q *request) error {
	return func(q *request) error {
		u, _, err := q.user()
		if err != nil {
			return err
		}
		v, err := pick(us.of(u), name)
		if err != nil {
			return err
		}
		return q.json(http.StatusOK, v)
	}
}

// put merges the body over the user's settings and sets them (the one
// named, or all).
func (us userSettings[T]) put(name string) func(q *request) error {
	return func(q *request) error {
		u, scope, err := q.user()
		if err != nil {
			return err
		}
		v := us.of(u)
		if err := mergeBody(q, name, us.one, us.all, &v); err != nil {
			return err
		}
		names := us.names
		if name != "" {
			names = []string{name}
		}
		if err := us.set(q, scope, u.ID, v, names...); err != nil {
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

package httpserver

import (
	"context"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// callPickupRoutes are the routes of call pickups and of their members.
func (s *Server) callPickupRoutes() []route {
	c := s.c
	rs := crud(family[resources.CallPickup]{"callpickups", "int", resources.CallPickupSchema, c.CallPickups})
	base, acl := "/callpickups/{call_pickup_id}/", "confd.callpickups.{call_pickup_id}."
	for _, side := range []struct {
		path   string
		users  func(context.Context, confd.Scope, int, []string) error
		groups func(context.Context, confd.Scope, int, []int) error
	}{
		{"interceptors", c.CallPickups.SetInterceptorUsers, c.CallPickups.SetInterceptorGroups},
		{"targets", c.CallPickups.SetTargetUsers, c.CallPickups.SetTargetGroups},
	} {
		rs = append(rs,
			route{"PUT", base + side.path + "/users", acl + side.path + ".users.update", setPickupUsers(side.users)},
			route{"PUT", base + side.path + "/groups", acl + side.path + ".groups.update", setPickupGroups(side.groups)})
	}
	return rs
}

// setPickupUsers is PUT /callpickups/{id}/<side>/users {"users": [{"uuid"}]}:
// the call pickup is looked up before the body is read, as in wazo.
func setPickupUsers(set func(context.Context, confd.Scope, int, []string) error) func(q *request) error {
	return func(q *request) error {
		scope, id, err := pickupOfPath(q)
		if err != nil {
			return err
		}
		fields, err := q.body(resources.CallPickupUsersSchema, false)
		if err != nil {
			return err
		}
		var uuids []string
		for _, o := range fields["users"].([]any) {
			uuids = append(uuids, o.(map[string]any)["uuid"].(string))
		}
		if err := set(q.ctx, scope, id, uuids); err != nil {
			return err
		}
		return q.noContent()
	}
}

// setPickupGroups is PUT /callpickups/{id}/<side>/groups {"groups": [{"id"}]}.
func setPickupGroups(set func(context.Context, confd.Scope, int, []int) error) func(q *request) error {
	return func(q *request) error {
		scope, id, err := pickupOfPath(q)
		if err != nil {
			return err
		}
		fields, err := q.body(resources.CallPickupGroupsSchema, false)
		if err != nil {
			return err
		}
		if err := set(q.ctx, scope, id, idsOf(fields["groups"])); err != nil {
			return err
		}
		return q.noContent()
	}
}

// pickupOfPath checks that the path's call pickup is visible.
func pickupOfPath(q *request) (confd.Scope, int, error) {
	scope, err := q.itemScope()
	if err != nil {
		return scope, 0, err
	}
	id, _ := parseKey("int", q.r.PathValue("call_pickup_id"))
	_, err = q.c.CallPickups.Get(q.ctx, scope, id)
	return scope, id.(int), err
}

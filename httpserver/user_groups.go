package httpserver

import "github.com/gopbx/confd/resources"

// userGroupRoute is PUT /users/{id}/groups: the groups a user is a member of.
func (s *Server) userGroupRoute() route {
	return route{"PUT", "/users/{user_ref}/groups", "confd.users.{user_ref}.groups.update", setUserGroups}
}

// setUserGroups is PUT /users/{id}/groups {"groups": [{"id" or "uuid"}]}.
func setUserGroups(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if _, err := q.c.Users.Get(q.ctx, scope, userRef(q)); err != nil {
		return err
	}
	fields, err := q.body(resources.UserGroupsSchema, false)
	if err != nil {
		return err
	}
	var body struct {
		Groups []resources.GroupRef `json:"groups"`
	}
	if err := resources.Apply(fields, &body); err != nil {
		return err
	}
	if err := q.c.SetUserGroups(q.ctx, scope, userRef(q), body.Groups); err != nil {
		return err
	}
	return q.noContent()
}

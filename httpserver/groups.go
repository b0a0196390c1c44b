package httpserver

import (
	"net/http"

	"github.com/gopbx/confd/resources"
)

// groupRoutes are the routes of ring groups (addressed by id or uuid):
// CRUD, members, extension, fallbacks, and the groups of a user.
func (s *Server) groupRoutes() []route {
	rs := crud(family[resources.Group]{"groups", "ref", resources.GroupSchema, s.c.Groups})
	g, acl := "/groups/{group_ref}", "confd.groups.{group_ref}"
	rs = append(rs, pairRoutes(g+"/extensions/{extension_id}", s.c.Groups.AssociateExtension, s.c.Groups.DissociateExtension)...)
	return append(rs,
		route{"PUT", g + "/members/users", acl + ".members.users.update", setGroupMemberUsers},
		route{"PUT", g + "/members/extensions", acl + ".members.extensions.update", setGroupMemberExtensions},
		route{"GET", g + "/fallbacks", acl + ".fallbacks.read", getGroupFallbacks},
		route{"PUT", g + "/fallbacks", acl + ".fallbacks.update", setGroupFallbacks},
		s.userGroupRoute(),
	)
}

func groupRef(q *request) any {
	ref, _ := parseKey("ref", q.r.PathValue("group_ref"))
	return ref
}

// groupBody checks that the group exists, then reads the body into v, as
// wazo does (404 before 400).
func groupBody(q *request, schema *resources.Schema, v any) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if _, err := q.c.Groups.Get(q.ctx, scope, groupRef(q)); err != nil {
		return err
	}
	fields, err := q.body(schema, false)
	if err != nil {
		return err
	}
	return resources.Apply(fields, v)
}

// setGroupMemberUsers is PUT /groups/{id}/members/users {"users": [{"uuid", "priority"}]}.
func setGroupMemberUsers(q *request) error {
	var body struct {
		Users []resources.GroupUserMember `json:"users"`
	}
	if err := groupBody(q, resources.GroupUsersSchema, &body); err != nil {
		return err
	}
	scope, _ := q.itemScope()
	if err := q.c.Groups.SetMemberUsers(q.ctx, scope, groupRef(q), body.Users); err != nil {
		return err
	}
	return q.noContent()
}

// setGroupMemberExtensions is PUT /groups/{id}/members/extensions
// {"extensions": [{"exten", "context", "priority"}]}.
func setGroupMemberExtensions(q *request) error {
	var body struct {
		Extensions []resources.GroupExtensionMember `json:"extensions"`
	}
	if err := groupBody(q, resources.GroupExtensionsSchema, &body); err != nil {
		return err
	}
	scope, _ := q.itemScope()
	if err := q.c.Groups.SetMemberExtensions(q.ctx, scope, groupRef(q), body.Extensions); err != nil {
		return err
	}
	return q.noContent()
}

func getGroupFallbacks(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	fb, err := q.c.Groups.Fallbacks(q.ctx, scope, groupRef(q))
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, fb)
}

// setGroupFallbacks is PUT /groups/{id}/fallbacks: a fallback absent from
// the body is removed, as in wazo.
func setGroupFallbacks(q *request) error {
	var fb resources.GroupFallbacks
	if err := groupBody(q, resources.GroupFallbacksSchema, &fb); err != nil {
		return err
	}
	scope, _ := q.itemScope()
	if err := q.c.Groups.SetFallbacks(q.ctx, scope, groupRef(q), fb); err != nil {
		return err
	}
	return q.noContent()
}

package httpserver

import (
	"context"
	"strings"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// callPermissionRoutes are the routes of call permissions and of their
// associations with users and groups.
func (s *Server) callPermissionRoutes() []route {
	c := s.c
	rs := crud(family[resources.CallPermission]{"callpermissions", "int", resources.CallPermissionSchema, c.CallPermissions})
	rs = append(rs, pairRoutes("/users/{user_ref}/callpermissions/{call_permission_id}",
		c.AssociateUserCallPermission, c.DissociateUserCallPermission)...)
	return append(rs, s.groupCallPermissionRoutes()...)
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
		first, _ := parseKey(keyKind(names[0]), q.r.PathValue(names[0]))
		second, _ := parseKey("int", q.r.PathValue(names[1]))
		if err := do(q.ctx, scope, first, second.(int)); err != nil {
			return err
		}
		return q.noContent()
	}
}

// keyKind is the key kind of a path wildcard, after its name.
func keyKind(name string) string {
	switch {
	case name == "ref" || strings.HasSuffix(name, "_ref"):
		return "ref"
	case name == "uuid" || strings.HasSuffix(name, "_uuid"):
		return "uuid"
	}
	return "int"
}

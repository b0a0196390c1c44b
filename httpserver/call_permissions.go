package httpserver

import "github.com/gopbx/confd/resources"

// callPermissionRoutes are the routes of call permissions and of their
// associations with users and groups.
func (s *Server) callPermissionRoutes() []route {
	c := s.c
	rs := crud(family[resources.CallPermission]{"callpermissions", "int", resources.CallPermissionSchema, c.CallPermissions})
	rs = append(rs, pairRoutes("/users/{user_ref}/callpermissions/{call_permission_id}",
		c.AssociateUserCallPermission, c.DissociateUserCallPermission)...)
	return append(rs, s.groupCallPermissionRoutes()...)
}

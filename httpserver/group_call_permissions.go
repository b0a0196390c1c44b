package httpserver

// groupCallPermissionRoutes are PUT and DELETE
// /groups/{id or uuid}/callpermissions/{id}.
func (s *Server) groupCallPermissionRoutes() []route {
	return pairRoutes("/groups/{group_ref}/callpermissions/{call_permission_id}",
		s.c.AssociateGroupCallPermission, s.c.DissociateGroupCallPermission)
}

package httpserver

import "github.com/gopbx/confd/resources"

// incallRoutes are the routes of incoming call routes: CRUD and their
// extensions.
func (s *Server) incallRoutes() []route {
	rs := crud(family[resources.Incall]{"incalls", "int", resources.IncallSchema, s.c.Incalls})
	return append(rs, pairRoutes("/incalls/{incall_id}/extensions/{extension_id}",
		intFirst(s.c.Incalls.AssociateExtension), intFirst(s.c.Incalls.DissociateExtension))...)
}

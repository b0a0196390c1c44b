package httpserver

import (
	"strings"

	"github.com/gopbx/confd/resources"
)

// endpointRoutes are the five CRUD routes of each non-SIP endpoint kind,
// under /endpoints/<kind>; their ACLs read confd.endpoints.<kind>....
func (s *Server) endpointRoutes() []route {
	c := s.c
	var rs []route
	rs = append(rs, crud(family[resources.EndpointCustom]{"endpoints/custom", "int", resources.EndpointCustomSchema, c.EndpointsCustom})...)
	rs = append(rs, crud(family[resources.EndpointIAX]{"endpoints/iax", "int", resources.EndpointIAXSchema, c.EndpointsIAX})...)
	rs = append(rs, crud(family[resources.EndpointSCCP]{"endpoints/sccp", "int", resources.EndpointSCCPSchema, c.EndpointsSCCP})...)
	for i := range rs {
		rs[i].acl = strings.ReplaceAll(rs[i].acl, "/", ".")
	}
	return rs
}

package httpserver

import (
	"regexp"

	"github.com/gopbx/confd/resources"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// routes is the API: one line per route, or one generic line per family.
func (s *Server) routes() []route {
	c := s.c
	var rs []route
	rs = append(rs, crud(family[resources.Context]{"contexts", "int", resources.ContextSchema, c.Contexts})...)
	rs = append(rs, crud(family[resources.Extension]{"extensions", "int", resources.ExtensionSchema, c.Extensions})...)
	rs = append(rs, s.userRoutes()...)
	rs = append(rs, s.associationRoutes()...)
	rs = append(rs, s.lineDeviceRoutes()...)
	rs = append(rs, s.userVoicemailRoutes()...)
	rs = append(rs, s.userServiceRoutes()...)
	rs = append(rs, s.zoneMessageRoutes()...)
	rs = append(rs, s.userLineSIPRoute())
	rs = append(rs, s.voicemailRoutes()...)
	rs = append(rs, s.endpointRoutes()...)
	rs = append(rs, s.deviceRoutes()...)
	rs = append(rs, s.sipRoutes()...)
	rs = append(rs, s.phoneNumberRoutes()...)
	rs = append(rs, s.registrarRoutes()...)
	rs = append(rs, s.sipTransportRoutes()...)
	rs = append(rs, s.groupRoutes()...)
	rs = append(rs, s.incallRoutes()...)
	rs = append(rs, s.scheduleRoutes()...)
	rs = append(rs, s.callPermissionRoutes()...)
	rs = append(rs, s.callPickupRoutes()...)
	return append(rs,
		route{"PUT", "/contexts/{id}/contexts", "confd.contexts.{id}.contexts.update", setContexts},
		route{"GET", "/contexts/{id}/ranges/{kind}", "confd.contexts.{id}.ranges.{kind}.read", listRanges},
		route{"GET", "/tenants", "confd.tenants.read", listTenants},
		route{"POST", "/tenants", "confd.tenants.create", createTenant},
		route{"GET", "/tenants/{uuid}", "confd.tenants.{uuid}.read", getTenant},
		route{"DELETE", "/tenants/{uuid}", "confd.tenants.{uuid}.delete", deleteTenant},
		route{"GET", "/infos", "confd.infos.read", getInfos},
		route{"GET", "/status", "confd.status.read", getStatus},
	)
}

package httpserver

import (
	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// sipTransportRoutes are the routes of SIP transports: every tenant may
// read them, only the master tenant may write them.
func (s *Server) sipTransportRoutes() []route {
	f := family[confd.SIPTransport]{"sip/transports", "uuid", resources.SIPTransportSchema, s.c.SIPTransports}
	return []route{
		{"GET", "/sip/transports", "confd.sip.transports.read", f.list},
		{"POST", "/sip/transports", "confd.sip.transports.create", masterTenantOnly(createItem[confd.SIPTransport](f, f.schema))},
		{"GET", "/sip/transports/{uuid}", "confd.sip.transports.{uuid}.read", f.get},
		{"PUT", "/sip/transports/{uuid}", "confd.sip.transports.{uuid}.update", masterTenantOnly(f.update)},
		{"DELETE", "/sip/transports/{uuid}", "confd.sip.transports.{uuid}.delete", masterTenantOnly(deleteSIPTransport)},
	}
}

// sipTransportDeleteSchema reads DELETE's query: ?fallback=<transport uuid>.
var sipTransportDeleteSchema = &resources.Schema{Fields: []resources.Field{resources.UUIDField("fallback")}}

// deleteSIPTransport deletes a transport; with ?fallback= the endpoints
// and templates that use it move to the fallback transport. As wazo, a
// missing transport is reported before a bad fallback.
func deleteSIPTransport(q *request) error {
	m, id := q.c.SIPTransports, q.r.PathValue("uuid")
	if _, err := m.Get(q.ctx, confd.Scope{}, id); err != nil {
		return err
	}
	params := map[string]any{}
	if v, ok := q.r.URL.Query()["fallback"]; ok {
		params["fallback"] = v[0]
	}
	loaded, err := sipTransportDeleteSchema.Load(params, false)
	if err != nil {
		return err
	}
	fallback, _ := loaded["fallback"].(string)
	if err := m.DeleteWithFallback(q.ctx, confd.Scope{}, id, fallback); err != nil {
		return err
	}
	return q.noContent()
}

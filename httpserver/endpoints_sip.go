package httpserver

import (
	"net/http"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// sipRoutes are the CRUD routes of /endpoints/sip and
// /endpoints/sip/templates, and the merged view of an endpoint.
//
// "templates" and an endpoint's uuid share the wildcard {item}: a literal
// /endpoints/sip/templates next to /endpoints/sip/{uuid} would make the
// server's any-method 405 pattern of the one conflict with the GET of the
// other in ServeMux. sipItem tells them apart.
func (s *Server) sipRoutes() []route {
	ep := sipFamily(s.c.EndpointsSIP, "endpoints/sip")
	tp := sipFamily(s.c.EndpointSIPTemplates, "endpoints/sip/templates")
	item, tpl := "/endpoints/sip/{item}", "/endpoints/sip/templates/{uuid}"
	return []route{
		{"GET", "/endpoints/sip", "confd.endpoints.sip.read", ep.list},
		{"POST", "/endpoints/sip", "confd.endpoints.sip.create", createSIP(ep)},
		{"GET", item, "confd.endpoints.sip.{item}.read", sipItem(tp.list, getSIPEndpoint(s.c.EndpointsSIP))},
		{"POST", item, "confd.endpoints.sip.{item}.create", sipItem(createSIP(tp), nil)},
		{"PUT", item, "confd.endpoints.sip.{item}.update", sipItem(nil, ep.update)},
		{"DELETE", item, "confd.endpoints.sip.{item}.delete", sipItem(nil, ep.delete)},
		{"GET", tpl, "confd.endpoints.sip.templates.{uuid}.read", tp.get},
		{"PUT", tpl, "confd.endpoints.sip.templates.{uuid}.update", tp.update},
		{"DELETE", tpl, "confd.endpoints.sip.templates.{uuid}.delete", tp.delete},
	}
}

func sipFamily(m manager[resources.EndpointSIP], path string) family[resources.EndpointSIP] {
	return family[resources.EndpointSIP]{path, "uuid", resources.EndpointSIPSchema, m}
}

func createSIP(f family[resources.EndpointSIP]) func(q *request) error {
	return createItem[resources.EndpointSIP, *resources.EndpointSIP](f, f.schema)
}

// sipItem serves /endpoints/sip/{item}: the templates collection when
// item is "templates", else the endpoint whose uuid it is. A nil handler
// answers 405, a value that is neither 404, as wazo's routes do.
func sipItem(templates, endpoint func(q *request) error) func(q *request) error {
	return func(q *request) error {
		v := q.r.PathValue("item")
		h := endpoint
		switch {
		case v == "templates":
			h = templates
		case !uuidPattern.MatchString(v):
			notFound(q.w, q.r)
			return nil
		}
		if h == nil {
			methodNotAllowed(q.w, q.r)
			return nil
		}
		q.r.SetPathValue("uuid", v)
		return h(q)
	}
}

// getSIPEndpoint is GET /endpoints/sip/{uuid}[?view=merged].
func getSIPEndpoint(m *confd.EndpointsSIP) func(q *request) error {
	return func(q *request) error {
		get := m.Get
		if v, ok := q.r.URL.Query()["view"]; ok {
			if v[0] != "merged" {
				return resources.ErrInput("view: ['Must be one of: merged.']")
			}
			get = m.Merged
		}
		scope, err := q.itemScope()
		if err != nil {
			return err
		}
		v, err := get(q.ctx, scope, q.r.PathValue("uuid"))
		if err != nil {
			return err
		}
		return q.json(http.StatusOK, v)
	}
}

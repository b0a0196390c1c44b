package httpserver

import "github.com/gopbx/confd/resources"

// incallRoutes are the routes of incoming call routes: CRUD and their
// extensions.
func (s *Server) incallRoutes() []route {
	rs := crud(family[resources.Incall]{"incalls", "int", resources.IncallSchema, s.c.Incalls})
	p, acl := "/incalls/{incall_id}/extensions/{extension_id}", "confd.incalls.{incall_id}.extensions.{extension_id}"
	return append(rs,
		route{"PUT", p, acl + ".update", incallExtension(true)},
		route{"DELETE", p, acl + ".delete", incallExtension(false)},
	)
}

func incallExtension(associate bool) func(q *request) error {
	return func(q *request) error {
		scope, err := q.itemScope()
		if err != nil {
			return err
		}
		incall, _ := parseKey("int", q.r.PathValue("incall_id"))
		ext, _ := parseKey("int", q.r.PathValue("extension_id"))
		if associate {
			err = q.c.Incalls.AssociateExtension(q.ctx, scope, incall.(int), ext.(int))
		} else {
			err = q.c.Incalls.DissociateExtension(q.ctx, scope, incall.(int), ext.(int))
		}
		if err != nil {
			return err
		}
		return q.noContent()
	}
}

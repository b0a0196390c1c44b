package httpserver

import (
	"net/http"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// registrarRoutes are the routes of SIP registrars, all for the master
// tenant only. A registrar id is any string: the wildcard is {registrar}.
func (s *Server) registrarRoutes() []route {
	f := family[confd.Registrar]{"registrars", "", resources.RegistrarSchema, s.c.Registrars}
	return []route{
		{"GET", "/registrars", "confd.registrars.read", masterTenantOnly(f.list)},
		{"POST", "/registrars", "confd.registrars.create", masterTenantOnly(createItem[confd.Registrar](f, f.schema))},
		{"GET", "/registrars/{registrar}", "confd.registrars.{registrar}.read", masterTenantOnly(getRegistrar)},
		{"PUT", "/registrars/{registrar}", "confd.registrars.{registrar}.update", masterTenantOnly(updateRegistrar)},
		{"DELETE", "/registrars/{registrar}", "confd.registrars.{registrar}.delete", masterTenantOnly(deleteRegistrar)},
	}
}

func getRegistrar(q *request) error {
	v, err := q.c.Registrars.Get(q.ctx, confd.Scope{}, q.r.PathValue("registrar"))
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, v)
}

// updateRegistrar is a partial update; a registrar's id never changes.
func updateRegistrar(q *request) error {
	fields, bodyErr := q.body(resources.RegistrarSchema, true)
	err := q.c.Registrars.Edit(q.ctx, confd.Scope{}, q.r.PathValue("registrar"), func(v *confd.Registrar) error {
		if bodyErr != nil {
			return bodyErr
		}
		delete(fields, "id")
		return resources.Apply(fields, v)
	})
	if err != nil {
		return err
	}
	return q.noContent()
}

func deleteRegistrar(q *request) error {
	if err := q.c.Registrars.Delete(q.ctx, confd.Scope{}, q.r.PathValue("registrar")); err != nil {
		return err
	}
	return q.noContent()
}

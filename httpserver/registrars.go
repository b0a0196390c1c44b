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
	v, err := q.c.Registrars.Get(q.ctx, confd.Scope{}, q.r.PathValue("registrar"))
	if err != nil {
		return err
	}
	fields, err := q.body(resources.RegistrarSchema, true)
	if err != nil {
		return err
	}
	delete(fields, "id")
	if err := resources.Apply(fields, v); err != nil {
		return err
	}
	if err := q.c.Registrars.Update(q.ctx, confd.Scope{}, v); err != nil {
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

// masterTenantOnly restricts h, as wazo's required_master_tenant does, to
// tokens whose own tenant (not the Wazo-Tenant header's) is the master
// tenant (the built-in one, or the root of wazo-auth's tree) or the
// operator tenant (the PBX owner's, see confd.Tenants.Operator): global
// objects (registrars, transports) concern every tenant, and a customer's
// admin may not change them. Others get 401 with the token as message.
func masterTenantOnly(h func(q *request) error) func(q *request) error {
	return func(q *request) error {
		ok, err := q.topTenantToken()
		if err != nil {
			return err
		}
		if !ok {
			return &AuthError{Kind: TenantForbidden, Tenant: q.tok.ID}
		}
		return h(q)
	}
}

// topTenantToken reports whether the token's own tenant is the master or
// the operator tenant; the request's tenant is created first if it is new.
func (q *request) topTenantToken() (bool, error) {
	master := q.c.Tenants.Master()
	if q.tok.Master || q.tok.TenantUUID == master {
		return true, nil
	}
	if _, err := q.tenants(); err != nil {
		return false, err
	}
	t, err := q.c.Tenants.Get(q.ctx, confd.Scope{}, q.tok.TenantUUID)
	if resources.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if p := t.ParentUUID; p == nil || *p == t.UUID {
		return true, nil
	}
	operator, err := q.c.Tenants.Operator(q.ctx)
	return err == nil && operator == t.UUID, err
}

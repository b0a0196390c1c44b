package httpserver

import (
	"net/http"

	"github.com/gopbx/confd/resources"
)

func listTenants(q *request) error {
	scope, err := q.listScope()
	if err != nil {
		return err
	}
	p, err := q.c.Tenants.ParseList(q.r.URL.Query())
	if err != nil {
		return err
	}
	items, total, err := q.c.Tenants.List(q.ctx, scope, p)
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, list[resources.Tenant]{Total: total, Items: items})
}

func getTenant(q *request) error {
	uuid := q.r.PathValue("uuid")
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	t, err := q.c.Tenants.Get(q.ctx, scope, uuid)
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, t)
}

// createTenant is POST /tenants: only the built-in master token may create
// tenants; for everyone else the method does not exist, as in wazo-confd.
// The new tenant is a child of the tenant the request acts in.
func createTenant(q *request) error {
	if !q.cfg.ManageTenants || !q.tok.Master {
		methodNotAllowed(q.w, q.r)
		return nil
	}
	fields, err := q.body(resources.TenantSchema, false)
	if err != nil {
		return err
	}
	t := &resources.Tenant{}
	if err := resources.Apply(fields, t); err != nil {
		return err
	}
	if _, err := q.tenants(); err != nil {
		return err
	}
	if err := q.c.Tenants.Create(q.ctx, q.tenant, t); err != nil {
		return err
	}
	q.w.Header().Set("Location", baseURL(q.r)+"/tenants/"+t.UUID)
	return q.json(http.StatusCreated, t)
}

func deleteTenant(q *request) error {
	if !q.cfg.ManageTenants || !q.tok.Master {
		methodNotAllowed(q.w, q.r)
		return nil
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if err := q.c.Tenants.Delete(q.ctx, scope, q.r.PathValue("uuid")); err != nil {
		return err
	}
	q.known.Delete(q.r.PathValue("uuid"))
	return q.noContent()
}

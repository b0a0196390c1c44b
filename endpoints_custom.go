package confd

import (
	"context"
	"math/rand/v2"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// The three non-SIP endpoint families (custom, IAX, SCCP) share one
// mechanism, endpointFamily: tenant handling, links, events named
// <kind>_endpoint_<verb> and reloads on edit and delete. Each kind adds its
// own rules in its endpointSpec.

// endpoint is what endpointFamily needs of an endpoint struct.
type endpoint[T any] interface {
	*T
	Resource
	SetTenant(uuid string)
	SetLinks(l []resources.Link)
}

// endpointSpec is what one endpoint kind adds to the shared mechanism.
type endpointSpec[T any] struct {
	// kind names the path (/endpoints/<kind>), the link (endpoint_<kind>)
	// and the events (<kind>_endpoint_created).
	kind  string
	table store.Table
	// check applies the kind's rules before a write.
	check func(ctx context.Context, tx *store.Tx, v *T) error
	// loaded completes an endpoint read from the database (optional).
	loaded func(v *T)
	// payload is the event data.
	payload func(v *T) map[string]any
	// reload is asked after an edit or a delete, never after a create.
	reload reload.Request
}

// endpointFamily builds the family of an endpoint kind.
func endpointFamily[T any, PT endpoint[T]](spec endpointSpec[T]) *family[T] {
	return &family[T]{
		table: spec.table,
		prepare: func(ctx context.Context, tx *store.Tx, _ Scope, old, v *T) error {
			if err := endpointTenant(ctx, tx, PT(old), PT(v)); err != nil {
				return err
			}
			if spec.check == nil {
				return nil
			}
			return spec.check(ctx, tx, v)
		},
		load: func(ctx context.Context, db bun.IDB, items []*T) error {
			for _, v := range items {
				PT(v).SetLinks(endpointLink(ctx, spec.kind, PT(v).GetID()))
				if spec.loaded != nil {
					spec.loaded(v)
				}
				if err := loadEndpointLine(ctx, db, spec.kind, PT(v)); err != nil {
					return err
				}
			}
			return nil
		},
		events: func(op Op, _, v *T) []events.Event {
			verb := [...]string{"created", "edited", "deleted"}[op]
			name := spec.kind + "_endpoint_" + verb
			rk := "config." + spec.kind + "_endpoint." + verb
			return []events.Event{tenantEvent(name, rk, PT(v).GetTenant(), spec.payload(v))}
		},
		reload: func(op Op, _, _ *T) reload.Request {
			if op == Created {
				return reload.Request{}
			}
			return spec.reload
		},
	}
}

// loadEndpointLine shows the line an endpoint serves, for the kinds a line
// can use.
func loadEndpointLine(ctx context.Context, db bun.IDB, kind string, v Resource) error {
	k, ok := endpointKinds[kind]
	setter, can := v.(interface {
		SetLine(*resources.EndpointRelation)
	})
	if !ok || !can {
		return nil
	}
	var ids []int
	if err := db.NewSelect().Table("lines").Column("id").Where(k.column+" = ?", v.GetID()).Scan(ctx, &ids); err != nil {
		return err
	}
	if len(ids) > 0 {
		setter.SetLine(&resources.EndpointRelation{ID: ids[0], Links: link(ctx, "lines", ids[0])})
	}
	return nil
}

// endpointTenant keeps an endpoint in its tenant; a new one needs an
// existing tenant.
func endpointTenant[T any, PT endpoint[T]](ctx context.Context, tx *store.Tx, old, v PT) error {
	if old != nil {
		v.SetTenant(old.GetTenant())
		return nil
	}
	return checkTenantExists(ctx, tx, v.GetTenant())
}

// endpointLink is wazo's link of an endpoint: rel endpoint_<kind>, href
// .../endpoints/<kind>/<id>.
func endpointLink(ctx context.Context, kind string, id any) []resources.Link {
	l := link(ctx, "endpoints/"+kind, id)
	l[0].Rel = "endpoint_" + kind
	return l
}

// endpointName returns name, or when it is empty a new 8-character name
// [a-z0-9] unused in table, as wazo generates them.
func endpointName(ctx context.Context, tx *store.Tx, table, name string) (string, error) {
	const pool = "abcdefghijklmnopqrstuvwxyz0123456789"
	for name == "" {
		b := make([]byte, 8)
		for i := range b {
			b[i] = pool[rand.IntN(len(pool))]
		}
		used, err := store.Exists(ctx, tx, table, "name = ?", string(b))
		if err != nil {
			return "", err
		}
		if !used {
			name = string(b)
		}
	}
	return name, nil
}

// EndpointCustom is a custom endpoint, re-exported for library users.
type EndpointCustom = resources.EndpointCustom

// EndpointsCustom manages custom endpoints: free-form dial strings whose
// interface is unique on the whole PBX.
type EndpointsCustom struct {
	*Manager[resources.EndpointCustom, *resources.EndpointCustom]
}

var endpointCustomTable = tableSpec{resource: "CustomEndpoint", class: "CustomSchema", search: "endpoint_custom", key: "id"}.table()

func newEndpointsCustom(c *Client) *EndpointsCustom {
	fam := endpointFamily(endpointSpec[resources.EndpointCustom]{
		kind: "custom", table: endpointCustomTable, check: checkCustomInterface,
		payload: func(v *resources.EndpointCustom) map[string]any {
			return map[string]any{"id": v.ID, "tenant_uuid": v.TenantUUID, "interface": v.Interface,
				"trunk": resources.RelationID(v.Trunk), "line": resources.RelationID(v.Line)}
		},
	})
	return &EndpointsCustom{&Manager[resources.EndpointCustom, *resources.EndpointCustom]{c: c, fam: fam}}
}

// checkCustomInterface refuses an interface another custom endpoint, of
// any tenant, already has.
func checkCustomInterface(ctx context.Context, tx *store.Tx, v *resources.EndpointCustom) error {
	dup, err := store.Find[resources.EndpointCustom](ctx, tx, endpointCustomTable, nil, "interface = ? AND id <> ?", v.Interface, v.ID)
	if err != nil {
		return err
	}
	if dup != nil {
		return resources.ErrExists("CustomEndpoint", "interface", v.Interface)
	}
	return nil
}

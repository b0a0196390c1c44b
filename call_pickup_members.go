package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// The two sides of a call pickup, as stored.
const (
	pickupInterceptor = "interceptor"
	pickupTarget      = "target"
)

// pickupSide returns the member lists of one side of p.
func pickupSide(p *resources.CallPickup, side string) *resources.CallPickupMembers {
	if side == pickupInterceptor {
		return &p.Interceptors
	}
	return &p.Targets
}

type callPickupUser struct {
	bun.BaseModel `bun:"table:call_pickup_users"`
	CallPickupID  int    `bun:"call_pickup_id,pk"`
	Category      string `bun:"category,pk"`
	UserID        int    `bun:"user_id,pk"`
}

// SetInterceptorUsers replaces the users (by uuid) who may pick up the
// calls of call pickup id's targets.
func (m *CallPickups) SetInterceptorUsers(ctx context.Context, s Scope, id int, userUUIDs []string) error {
	return m.setUsers(ctx, s, id, pickupInterceptor, userUUIDs)
}

// SetTargetUsers replaces the users (by uuid) whose calls call pickup id's
// interceptors may pick up.
func (m *CallPickups) SetTargetUsers(ctx context.Context, s Scope, id int, userUUIDs []string) error {
	return m.setUsers(ctx, s, id, pickupTarget, userUUIDs)
}

// setUsers checks, as wazo does, that every user exists (400 otherwise),
// is of the call pickup's tenant and comes once, then replaces the side.
func (m *CallPickups) setUsers(ctx context.Context, s Scope, id int, side string, uuids []string) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		p, err := store.Get[resources.CallPickup](ctx, tx, callPickupTable, id, s.Tenants)
		if err != nil {
			return err
		}
		rows := make([]callPickupUser, 0, len(uuids))
		found := make([]string, 0, len(uuids))
		seen := map[int]bool{}
		for _, uuid := range uuids {
			u, err := store.Find[resources.User](ctx, tx, userTable, s.Tenants, "uuid = ?", uuid)
			if err != nil {
				return err
			}
			if u == nil {
				return resources.ErrInputNotFound("users", "User", "uuid", uuid)
			}
			if u.TenantUUID != p.TenantUUID {
				return resources.ErrDifferentTenants("call_pickup_tenant_uuid", p.TenantUUID, "user_tenant_uuid", u.TenantUUID)
			}
			if seen[u.ID] {
				return resources.ErrNotPermitted("Cannot associate same user more than once")
			}
			seen[u.ID] = true
			found = append(found, u.UUID)
			rows = append(rows, callPickupUser{CallPickupID: id, Category: side, UserID: u.ID})
		}
		if err := replaceRows(ctx, tx, &rows, "call_pickup_users", "call_pickup_id = ? AND category = ?", id, side); err != nil {
			return err
		}
		data := map[string]any{"call_pickup_id": id, "user_uuids": found}
		return m.announceMembers(ctx, tx, p, side, "users", data)
	})
}

// announceMembers reloads the channel drivers and emits
// call_pickup_<side>_<kind>_associated.
func (m *CallPickups) announceMembers(ctx context.Context, tx *store.Tx, p *resources.CallPickup, side, kind string, data map[string]any) error {
	tx.Reload(callPickupReload)
	name := "call_pickup_" + side + "_" + kind + "_associated"
	key := "config.callpickups." + side + "s." + kind + ".updated"
	return tx.Emit(ctx, withOrigin(m.c, tenantEvent(name, key, p.TenantUUID, data))...)
}

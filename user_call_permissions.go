package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

type userCallPermission struct {
	bun.BaseModel    `bun:"table:user_call_permissions"`
	UserID           int `bun:"user_id,pk"`
	CallPermissionID int `bun:"call_permission_id,pk"`
}

// AssociateUserCallPermission gives the user (id or uuid) the call
// permission permID, of the same tenant; associating them again does
// nothing.
func (c *Client) AssociateUserCallPermission(ctx context.Context, s Scope, userRef any, permID int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, p, linked, err := userCallPermissionPair(ctx, tx, s, userRef, permID)
		if err != nil || linked {
			return err
		}
		if u.TenantUUID != p.TenantUUID {
			return resources.ErrDifferentTenants("user_tenant_uuid", u.TenantUUID, "call_permission_tenant_uuid", p.TenantUUID)
		}
		row := &userCallPermission{UserID: u.ID, CallPermissionID: p.ID}
		if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return store.FormatError(err, "UserCallPermission")
		}
		return c.userCallPermissionEvent(ctx, tx, u, p.ID, "associated")
	})
}

// DissociateUserCallPermission takes the call permission permID away from
// the user (id or uuid); nothing happens when they are not associated.
func (c *Client) DissociateUserCallPermission(ctx context.Context, s Scope, userRef any, permID int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, p, linked, err := userCallPermissionPair(ctx, tx, s, userRef, permID)
		if err != nil || !linked {
			return err
		}
		row := &userCallPermission{UserID: u.ID, CallPermissionID: p.ID}
		if _, err := tx.NewDelete().Model(row).WherePK().Exec(ctx); err != nil {
			return err
		}
		return c.userCallPermissionEvent(ctx, tx, u, p.ID, "dissociated")
	})
}

// userCallPermissionPair loads the user, then the call permission (both
// NotFound when missing or invisible) and whether they are associated.
func userCallPermissionPair(ctx context.Context, tx *store.Tx, s Scope, userRef any, permID int) (*resources.User, *resources.CallPermission, bool, error) {
	u, err := store.Get[resources.User](ctx, tx, userTable, userRef, s.Tenants)
	if err != nil {
		return nil, nil, false, err
	}
	p, err := store.Get[resources.CallPermission](ctx, tx, callPermissionTable, permID, s.Tenants)
	if err != nil {
		return nil, nil, false, err
	}
	linked, err := store.Exists(ctx, tx, "user_call_permissions", "user_id = ? AND call_permission_id = ?", u.ID, p.ID)
	return u, p, linked, err
}

func (c *Client) userCallPermissionEvent(ctx context.Context, tx *store.Tx, u *resources.User, permID int, verb string) error {
	data := map[string]any{"user_uuid": u.UUID, "call_permission_id": permID}
	key := "config.users." + u.UUID + ".callpermissions." + assocAction(verb)
	return tx.Emit(ctx, withOrigin(c, userEvent("user_call_permission_"+verb, key, u, data))...)
}

// userCallPermissionRefs lists each user's call permissions as wazo shows
// them inside a user: {id, name, links}.
func userCallPermissionRefs(ctx context.Context, db bun.IDB, userIDs []int) (map[int][]resources.NamedRef, error) {
	return callPermissionRefs(ctx, db, "user_call_permissions", "user_id", userIDs)
}

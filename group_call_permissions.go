package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

type groupCallPermission struct {
	bun.BaseModel    `bun:"table:group_call_permissions"`
	GroupID          int `bun:"group_id,pk"`
	CallPermissionID int `bun:"call_permission_id,pk"`
}

// AssociateGroupCallPermission gives the group (id or uuid) the call
// permission permID, of the same tenant; associating them again does
// nothing.
func (c *Client) AssociateGroupCallPermission(ctx context.Context, s Scope, groupRef any, permID int) error {
	return c.groupCallPermission(ctx, s, groupRef, permID, "associated")
}

// DissociateGroupCallPermission takes the call permission permID away
// from the group (id or uuid); nothing happens when they are not
// associated.
func (c *Client) DissociateGroupCallPermission(ctx context.Context, s Scope, groupRef any, permID int) error {
	return c.groupCallPermission(ctx, s, groupRef, permID, "dissociated")
}

func (c *Client) groupCallPermission(ctx context.Context, s Scope, groupRef any, permID int, verb string) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		g, err := getGroup(ctx, tx, s, groupRef)
		if err != nil {
			return err
		}
		p, err := store.Get[resources.CallPermission](ctx, tx, callPermissionTable, permID, s.Tenants)
		if err != nil {
			return err
		}
		row := &groupCallPermission{GroupID: g.ID, CallPermissionID: p.ID}
		linked, err := store.Exists(ctx, tx, "group_call_permissions", "group_id = ? AND call_permission_id = ?", g.ID, p.ID)
		if err != nil || linked == (verb == "associated") {
			return err
		}
		if verb == "associated" {
			if g.TenantUUID != p.TenantUUID {
				return resources.ErrDifferentTenants("group_tenant_uuid", g.TenantUUID, "call_permission_tenant_uuid", p.TenantUUID)
			}
			_, err = tx.NewInsert().Model(row).Exec(ctx)
		} else {
			_, err = tx.NewDelete().Model(row).WherePK().Exec(ctx)
		}
		if err != nil {
			return store.FormatError(err, "GroupCallPermission")
		}
		key := "config.groups." + g.UUID + ".callpermissions." + assocAction(verb)
		data := map[string]any{"call_permission_id": p.ID}
		return tx.Emit(ctx, groupEvent(c, "group_call_permission_"+verb, key, g, data)...)
	})
}

// loadCallPermissionGroups lists the groups of each call permission:
// {uuid, id, name, links}.
func loadCallPermissionGroups(ctx context.Context, db bun.IDB, byID map[int]*resources.CallPermission, ids []int) error {
	groups, err := relatedGroups(ctx, db, "group_call_permissions", "call_permission_id", ids)
	for id, gs := range groups {
		byID[id].Groups = append(byID[id].Groups, gs...)
	}
	return err
}

// groupCallPermissionRefs lists each group's call permissions as wazo
// shows them inside a group: {id, name, links}.
func groupCallPermissionRefs(ctx context.Context, db bun.IDB, groupIDs []int) (map[int][]resources.NamedRef, error) {
	return callPermissionRefs(ctx, db, "group_call_permissions", "group_id", groupIDs)
}

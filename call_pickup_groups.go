package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

type callPickupGroup struct {
	bun.BaseModel `bun:"table:call_pickup_groups"`
	CallPickupID  int    `bun:"call_pickup_id,pk"`
	Category      string `bun:"category,pk"`
	GroupID       int    `bun:"group_id,pk"`
}

// SetInterceptorGroups replaces the groups whose members may pick up the
// calls of call pickup id's targets.
func (m *CallPickups) SetInterceptorGroups(ctx context.Context, s Scope, id int, groupIDs []int) error {
	return m.setGroups(ctx, s, id, pickupInterceptor, groupIDs)
}

// SetTargetGroups replaces the groups whose members' calls call pickup
// id's interceptors may pick up.
func (m *CallPickups) SetTargetGroups(ctx context.Context, s Scope, id int, groupIDs []int) error {
	return m.setGroups(ctx, s, id, pickupTarget, groupIDs)
}

// setGroups checks, as wazo does, that every group exists (400 otherwise),
// is of the call pickup's tenant and comes once, then replaces the side.
func (m *CallPickups) setGroups(ctx context.Context, s Scope, id int, side string, groupIDs []int) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		p, err := store.Get[resources.CallPickup](ctx, tx, callPickupTable, id, s.Tenants)
		if err != nil {
			return err
		}
		rows := make([]callPickupGroup, 0, len(groupIDs))
		seen := map[int]bool{}
		for _, gid := range groupIDs {
			g, err := getGroup(ctx, tx, s, gid)
			if resources.IsNotFound(err) {
				return resources.ErrInputNotFound("groups", "Group", "id", gid)
			}
			if err != nil {
				return err
			}
			if g.TenantUUID != p.TenantUUID {
				return resources.ErrDifferentTenants("call_pickup_tenant_uuid", p.TenantUUID, "group_tenant_uuid", g.TenantUUID)
			}
			if seen[g.ID] {
				return resources.ErrNotPermitted("Cannot associate same group more than once")
			}
			seen[g.ID] = true
			rows = append(rows, callPickupGroup{CallPickupID: id, Category: side, GroupID: g.ID})
		}
		if err := replaceRows(ctx, tx, &rows, "call_pickup_groups", "call_pickup_id = ? AND category = ?", id, side); err != nil {
			return err
		}
		data := map[string]any{"call_pickup_id": id, "group_ids": groupIDs}
		return m.announceMembers(ctx, tx, p, side, "groups", data)
	})
}

// loadCallPickupGroups adds the groups on each side of the call pickups:
// {id, name}.
func loadCallPickupGroups(ctx context.Context, db bun.IDB, byID map[int]*resources.CallPickup, ids []int) error {
	var rows []struct {
		CallPickupID int    `bun:"call_pickup_id"`
		Category     string `bun:"category"`
		ID           int    `bun:"id"`
		Name         string `bun:"name"`
	}
	err := db.NewSelect().TableExpr("call_pickup_groups AS a").Join("JOIN groups AS g ON g.id = a.group_id").
		ColumnExpr("a.call_pickup_id, a.category, g.id, g.name").Where("a.call_pickup_id IN (?)", bun.List(ids)).
		OrderExpr("a.call_pickup_id, g.id").Scan(ctx, &rows)
	for _, r := range rows {
		m := pickupSide(byID[r.CallPickupID], r.Category)
		m.Groups = append(m.Groups, resources.RelatedGroup{ID: r.ID, Name: r.Name})
	}
	return err
}

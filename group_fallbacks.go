package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Fallbacks returns where the unanswered calls of group ref (id or uuid) go.
func (m *Groups) Fallbacks(ctx context.Context, s Scope, ref any) (*resources.GroupFallbacks, error) {
	g, err := m.Get(ctx, s, ref)
	if err != nil {
		return nil, err
	}
	return &g.Fallbacks, nil
}

// SetFallbacks replaces the fallbacks of group ref: a nil destination is
// none. Each destination's target must exist in the group's tenant.
func (m *Groups) SetFallbacks(ctx context.Context, s Scope, ref any, fb resources.GroupFallbacks) error {
	if err := resources.Check(resources.GroupFallbacksSchema, fb); err != nil {
		return err
	}
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		g, err := getGroup(ctx, tx, s, ref)
		if err != nil {
			return err
		}
		err = saveDestinations(ctx, tx, destOwnerGroup, g.ID, g.TenantUUID,
			eventDestination{destEventNoAnswer, fb.NoAnswer}, eventDestination{destEventCongestion, fb.Congestion})
		if err != nil {
			return err
		}
		data := map[string]any{"id": g.ID, "uuid": g.UUID}
		return tx.Emit(ctx, withOrigin(m.c, tenantEvent("group_fallback_edited", "config.groups.fallbacks.edited", g.TenantUUID, data))...)
	})
}

// loadGroupFallbacks shows each group's fallbacks, with their display fields.
func loadGroupFallbacks(ctx context.Context, db bun.IDB, byID map[int]*resources.Group, ids []int) error {
	dests, err := loadDestinations(ctx, db, destOwnerGroup, ids)
	for id, events := range dests {
		byID[id].Fallbacks = resources.GroupFallbacks{NoAnswer: events[destEventNoAnswer], Congestion: events[destEventCongestion]}
	}
	return err
}

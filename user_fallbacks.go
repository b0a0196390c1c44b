package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Fallbacks returns where the unanswered calls of user ref (id or uuid) go.
func (m *Users) Fallbacks(ctx context.Context, s Scope, ref any) (*resources.UserFallbacks, error) {
	u, err := m.Get(ctx, s, ref)
	if err != nil {
		return nil, err
	}
	return &u.Fallbacks, nil
}

// SetFallbacks replaces the fallbacks of user ref: a nil destination is
// none. Each destination's target must exist in the user's tenant.
func (m *Users) SetFallbacks(ctx context.Context, s Scope, ref any, fb resources.UserFallbacks) error {
	if err := resources.Check(resources.UserFallbacksSchema, fb); err != nil {
		return err
	}
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, err := store.Get[resources.User](ctx, tx, userTable, ref, s.Tenants)
		if err != nil {
			return err
		}
		return m.c.setUserFallbacks(ctx, tx, u, fb)
	})
}

func (c *Client) setUserFallbacks(ctx context.Context, tx *store.Tx, u *resources.User, fb resources.UserFallbacks) error {
	err := saveDestinations(ctx, tx, destOwnerUser, u.ID, u.TenantUUID, eventDestination{destEventNoAnswer, fb.NoAnswer},
		eventDestination{destEventBusy, fb.Busy}, eventDestination{destEventCongestion, fb.Congestion}, eventDestination{destEventFail, fb.Fail})
	if err != nil {
		return err
	}
	ev := userEvent("user_fallback_edited", "config.users.fallbacks.edited", u, userData(u))
	return tx.Emit(ctx, withOrigin(c, ev)...)
}

// loadUserFallbacks shows each user's fallbacks, with their display fields.
func loadUserFallbacks(ctx context.Context, db bun.IDB, items []*resources.User) error {
	ids := make([]int, len(items))
	for i, u := range items {
		ids[i] = u.ID
	}
	dests, err := loadDestinations(ctx, db, destOwnerUser, ids)
	for _, u := range items {
		e := dests[u.ID]
		u.Fallbacks = resources.UserFallbacks{NoAnswer: e[destEventNoAnswer], Busy: e[destEventBusy],
			Congestion: e[destEventCongestion], Fail: e[destEventFail]}
	}
	return err
}

package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// AssociateUserSchedule gives the user (id or uuid) the schedule
// scheduleID, of the same tenant; a user has at most one schedule, and
// associating the same pair again does nothing.
func (c *Client) AssociateUserSchedule(ctx context.Context, s Scope, userRef any, scheduleID int) error {
	return c.userSchedule(ctx, s, userRef, scheduleID, "associated")
}

// DissociateUserSchedule takes the schedule scheduleID from the user (id
// or uuid); nothing happens when the user does not have it.
func (c *Client) DissociateUserSchedule(ctx context.Context, s Scope, userRef any, scheduleID int) error {
	return c.userSchedule(ctx, s, userRef, scheduleID, "dissociated")
}

func (c *Client) userSchedule(ctx context.Context, s Scope, userRef any, scheduleID int, verb string) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, err := store.Get[resources.User](ctx, tx, userTable, userRef, s.Tenants)
		if err != nil {
			return err
		}
		sched, err := getSchedule(ctx, tx, s, scheduleID)
		if err != nil {
			return err
		}
		x := owned{id: u.ID, tenant: u.TenantUUID, metaKey: "user_id", metaVal: u.ID}
		do := userScheduleOwner.dissociate
		if verb == "associated" {
			do = userScheduleOwner.associate
		}
		if changed, err := do(ctx, tx, x, sched); err != nil || !changed {
			return err
		}
		data := map[string]any{"user_uuid": u.UUID, "schedule_id": sched.ID}
		ev := userEvent("user_schedule_"+verb, "config.users.schedules."+assocAction(verb), u, data)
		return tx.Emit(ctx, withOrigin(c, ev)...)
	})
}

// userScheduleRefs lists each user's schedule as wazo shows it inside a
// user: {id, name, links}.
func userScheduleRefs(ctx context.Context, db bun.IDB, userIDs []int) (map[int][]resources.NamedRef, error) {
	return ownerScheduleRefs(ctx, db, userScheduleOwner, userIDs)
}

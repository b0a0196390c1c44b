package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// AssociateIncallSchedule gives the incall incallID the schedule
// scheduleID, of the same tenant; an incall has at most one schedule, and
// associating the same pair again does nothing.
func (c *Client) AssociateIncallSchedule(ctx context.Context, s Scope, incallID, scheduleID int) error {
	return c.incallSchedule(ctx, s, incallID, scheduleID, "associated")
}

// DissociateIncallSchedule takes the schedule scheduleID from the incall
// incallID; nothing happens when the incall does not have it.
func (c *Client) DissociateIncallSchedule(ctx context.Context, s Scope, incallID, scheduleID int) error {
	return c.incallSchedule(ctx, s, incallID, scheduleID, "dissociated")
}

func (c *Client) incallSchedule(ctx context.Context, s Scope, incallID, scheduleID int, verb string) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		in, err := store.Get[resources.Incall](ctx, tx, incallTable, incallID, s.Tenants)
		if err != nil {
			return err
		}
		sched, err := getSchedule(ctx, tx, s, scheduleID)
		if err != nil {
			return err
		}
		x := owned{id: in.ID, tenant: in.TenantUUID, metaKey: "incall_id", metaVal: in.ID}
		do := incallScheduleOwner.dissociate
		if verb == "associated" {
			do = incallScheduleOwner.associate
		}
		if changed, err := do(ctx, tx, x, sched); err != nil || !changed {
			return err
		}
		data := map[string]any{"incall_id": in.ID, "schedule_id": sched.ID}
		ev := tenantEvent("incall_schedule_"+verb, "config.incalls.schedules."+assocAction(verb), in.TenantUUID, data)
		return tx.Emit(ctx, withOrigin(c, ev)...)
	})
}

// loadScheduleIncalls lists the incalls of each schedule: {id, links}.
func loadScheduleIncalls(ctx context.Context, db bun.IDB, byID map[int]*resources.Schedule, ids []int) error {
	var rows []struct {
		ScheduleID int `bun:"schedule_id"`
		IncallID   int `bun:"incall_id"`
	}
	err := db.NewSelect().Table("incall_schedules").Column("schedule_id", "incall_id").
		Where("schedule_id IN (?)", bun.List(ids)).OrderExpr("schedule_id, incall_id").Scan(ctx, &rows)
	for _, r := range rows {
		v := byID[r.ScheduleID]
		v.Incalls = append(v.Incalls, resources.LinkRef{ID: r.IncallID, Links: link(ctx, "incalls", r.IncallID)})
	}
	return err
}

// incallScheduleRefs lists each incall's schedule as wazo shows it inside
// an incall: {id, name, links}.
func incallScheduleRefs(ctx context.Context, db bun.IDB, incallIDs []int) (map[int][]resources.NamedRef, error) {
	return ownerScheduleRefs(ctx, db, incallScheduleOwner, incallIDs)
}

// loadIncallSchedules fills the incalls' schedules: a loader of the
// incalls' family.
func loadIncallSchedules(ctx context.Context, db bun.IDB, byID map[int]*resources.Incall, ids []int) error {
	refs, err := incallScheduleRefs(ctx, db, ids)
	for id, s := range refs {
		byID[id].Schedules = s
	}
	return err
}

package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// AssociateGroupSchedule gives the group (id or uuid) the schedule
// scheduleID, of the same tenant; a group has at most one schedule, and
// associating the same pair again does nothing.
func (c *Client) AssociateGroupSchedule(ctx context.Context, s Scope, groupRef any, scheduleID int) error {
	return c.groupSchedule(ctx, s, groupRef, scheduleID, "associated")
}

// DissociateGroupSchedule takes the schedule scheduleID from the group (id
// or uuid); nothing happens when the group does not have it.
func (c *Client) DissociateGroupSchedule(ctx context.Context, s Scope, groupRef any, scheduleID int) error {
	return c.groupSchedule(ctx, s, groupRef, scheduleID, "dissociated")
}

func (c *Client) groupSchedule(ctx context.Context, s Scope, groupRef any, scheduleID int, verb string) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		g, err := getGroup(ctx, tx, s, groupRef)
		if err != nil {
			return err
		}
		sched, err := getSchedule(ctx, tx, s, scheduleID)
		if err != nil {
			return err
		}
		x := owned{id: g.ID, tenant: g.TenantUUID, metaKey: "group_uuid", metaVal: g.UUID}
		do := groupScheduleOwner.dissociate
		if verb == "associated" {
			do = groupScheduleOwner.associate
		}
		if changed, err := do(ctx, tx, x, sched); err != nil || !changed {
			return err
		}
		data := map[string]any{"schedule_id": sched.ID}
		return tx.Emit(ctx, groupEvent(c, "group_schedule_"+verb, "config.groups.schedules."+assocAction(verb), g, data)...)
	})
}

// loadScheduleGroups lists the groups of each schedule: {id, uuid, name, links}.
func loadScheduleGroups(ctx context.Context, db bun.IDB, byID map[int]*resources.Schedule, ids []int) error {
	groups, err := relatedGroups(ctx, db, "group_schedules", "schedule_id", ids)
	for id, gs := range groups {
		byID[id].Groups = append(byID[id].Groups, gs...)
	}
	return err
}

// groupScheduleRefs lists each group's schedule as wazo shows it inside a
// group: {id, name, links}.
func groupScheduleRefs(ctx context.Context, db bun.IDB, groupIDs []int) (map[int][]resources.NamedRef, error) {
	return ownerScheduleRefs(ctx, db, groupScheduleOwner, groupIDs)
}

// loadGroupAccess fills the groups' schedules and call permissions: a
// loader of the groups' family.
func loadGroupAccess(ctx context.Context, db bun.IDB, byID map[int]*resources.Group, ids []int) error {
	scheds, err := groupScheduleRefs(ctx, db, ids)
	if err != nil {
		return err
	}
	perms, err := groupCallPermissionRefs(ctx, db, ids)
	if err != nil {
		return err
	}
	for id, g := range byID {
		if s := scheds[id]; s != nil {
			g.Schedules = s
		}
		if p := perms[id]; p != nil {
			g.CallPermissions = p
		}
	}
	return nil
}

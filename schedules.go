package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Schedules manages schedules: open periods, exceptional periods with
// their destination, and the closed destination. They are given to users,
// groups and incalls with AssociateUserSchedule, AssociateGroupSchedule
// and AssociateIncallSchedule.
type Schedules struct {
	*Manager[resources.Schedule, *resources.Schedule]
}

var scheduleTable = tableSpec{resource: "Schedule", class: "ScheduleSchema", search: "schedule", key: "id"}.table()

// The owner of a schedule's destinations, and their events: "closed" and
// "exceptional:<index of the period>".
const (
	destOwnerSchedule    = "schedule"
	destEventClosed      = "closed"
	destEventExceptional = "exceptional:"
)

func newSchedules(c *Client) *Schedules {
	fam := &family[resources.Schedule]{
		table:        scheduleTable,
		prepare:      prepareSchedule,
		afterWrite:   saveScheduleDestinations,
		beforeDelete: dropScheduleDestinations,
		load:         loadSchedules,
		events:       crudEvents[resources.Schedule]("schedule", "schedule"),
	}
	return &Schedules{&Manager[resources.Schedule, *resources.Schedule]{c: c, fam: fam}}
}

// prepareSchedule keeps the id and tenant of an existing schedule and
// stores the exceptional periods' times apart from their destinations.
func prepareSchedule(_ context.Context, _ *store.Tx, _ Scope, old, v *resources.Schedule) error {
	if old != nil {
		v.ID, v.TenantUUID = old.ID, old.TenantUUID
	}
	v.ExceptionalTimes = make([]resources.SchedulePeriod, len(v.ExceptionalPeriods))
	for i, p := range v.ExceptionalPeriods {
		v.ExceptionalTimes[i] = p.SchedulePeriod
	}
	return nil
}

// saveScheduleDestinations replaces the schedule's destinations; each
// target must exist in the schedule's tenant.
func saveScheduleDestinations(ctx context.Context, tx *store.Tx, _, v *resources.Schedule) error {
	if err := deleteDestinations(ctx, tx, destOwnerSchedule, v.ID); err != nil {
		return err
	}
	if err := saveDestination(ctx, tx, destOwnerSchedule, v.ID, destEventClosed, v.TenantUUID, &v.ClosedDestination); err != nil {
		return err
	}
	for i := range v.ExceptionalPeriods {
		d := &v.ExceptionalPeriods[i].Destination
		if err := saveDestination(ctx, tx, destOwnerSchedule, v.ID, destEventExceptional+itoa(i), v.TenantUUID, d); err != nil {
			return err
		}
	}
	return nil
}

func dropScheduleDestinations(ctx context.Context, tx *store.Tx, v *resources.Schedule) error {
	return deleteDestinations(ctx, tx, destOwnerSchedule, v.ID)
}

// loadSchedules adds links, destinations (none for a deleted target) and
// the users, groups and incalls the schedules are given to.
func loadSchedules(ctx context.Context, db bun.IDB, items []*resources.Schedule) error {
	byID := make(map[int]*resources.Schedule, len(items))
	ids := make([]int, len(items))
	for i, v := range items {
		v.Links = link(ctx, "schedules", v.ID)
		// A reload replaces the relations.
		v.Incalls, v.Users, v.Groups = []resources.LinkRef{}, []resources.RelatedUser{}, []resources.RelatedGroup{}
		byID[v.ID], ids[i] = v, v.ID
	}
	dests, err := loadDestinations(ctx, db, destOwnerSchedule, ids)
	if err != nil {
		return err
	}
	for _, v := range items {
		v.ClosedDestination = destinationOrNone(dests[v.ID][destEventClosed])
		v.ExceptionalPeriods = make([]resources.ScheduleExceptionalPeriod, len(v.ExceptionalTimes))
		for i, p := range v.ExceptionalTimes {
			d := destinationOrNone(dests[v.ID][destEventExceptional+itoa(i)])
			v.ExceptionalPeriods[i] = resources.ScheduleExceptionalPeriod{SchedulePeriod: p, Destination: d}
		}
	}
	users, err := relatedUsers(ctx, db, "user_schedules", "schedule_id", ids)
	for _, r := range users {
		byID[r.Owner].Users = append(byID[r.Owner].Users, r.user(ctx, true))
	}
	if err != nil {
		return err
	}
	if err := loadScheduleGroups(ctx, db, byID, ids); err != nil {
		return err
	}
	return loadScheduleIncalls(ctx, db, byID, ids)
}

func destinationOrNone(d *resources.Destination) resources.Destination {
	if d == nil {
		return resources.NoneDestination()
	}
	return *d
}

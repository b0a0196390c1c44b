package confd

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// scheduleOwner is a family whose objects have at most one schedule
// (users, groups, incalls), kept in table as (column, schedule_id).
type scheduleOwner struct {
	resource string // "User"
	table    string // "user_schedules"
	column   string // "user_id"
}

var (
	userScheduleOwner   = scheduleOwner{"User", "user_schedules", "user_id"}
	groupScheduleOwner  = scheduleOwner{"Group", "group_schedules", "group_id"}
	incallScheduleOwner = scheduleOwner{"Incall", "incall_schedules", "incall_id"}
)

// owned is one object of an owner family, as the association sees it:
// its row id, tenant, and how wazo names it in "is associated" errors.
type owned struct {
	id      int
	tenant  string
	metaKey string
	metaVal any
}

// current returns the id of the schedule of the object, 0 for none.
func (o scheduleOwner) current(ctx context.Context, db bun.IDB, id int) (int, error) {
	var ids []int
	err := db.NewSelect().Table(o.table).Column("schedule_id").Where("? = ?", bun.Ident(o.column), id).Scan(ctx, &ids)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

// associate gives x the schedule, as wazo does: nothing when it already
// has it, then the same tenant, then no other schedule. It reports
// whether anything changed.
func (o scheduleOwner) associate(ctx context.Context, tx *store.Tx, x owned, sched *resources.Schedule) (bool, error) {
	cur, err := o.current(ctx, tx, x.id)
	if err != nil || cur == sched.ID {
		return false, err
	}
	if x.tenant != sched.TenantUUID {
		return false, resources.ErrDifferentTenants(strings.ToLower(o.resource)+"_tenant_uuid", x.tenant,
			"schedule_tenant_uuid", sched.TenantUUID)
	}
	if cur != 0 {
		return false, resources.ErrAssociated(o.resource, "Schedule", x.metaKey, x.metaVal, "schedule_id", cur)
	}
	_, err = tx.NewRaw("INSERT INTO ? (?, schedule_id) VALUES (?, ?)", bun.Ident(o.table), bun.Ident(o.column), x.id, sched.ID).Exec(ctx)
	return err == nil, store.FormatError(err, o.resource+"Schedule")
}

// dissociate takes the schedule from x if x has it, and reports whether
// anything changed.
func (o scheduleOwner) dissociate(ctx context.Context, tx *store.Tx, x owned, sched *resources.Schedule) (bool, error) {
	cur, err := o.current(ctx, tx, x.id)
	if err != nil || cur != sched.ID {
		return false, err
	}
	_, err = tx.NewDelete().Table(o.table).Where("? = ?", bun.Ident(o.column), x.id).Exec(ctx)
	return err == nil, err
}

// getSchedule loads schedule id visible in s, for an association.
func getSchedule(ctx context.Context, db bun.IDB, s Scope, id int) (*resources.Schedule, error) {
	return store.Get[resources.Schedule](ctx, db, scheduleTable, id, s.Tenants)
}

// ownerScheduleRefs lists the schedule of each object of an owner family
// as {id, name, links}.
func ownerScheduleRefs(ctx context.Context, db bun.IDB, o scheduleOwner, ids []int) (map[int][]resources.NamedRef, error) {
	var rows []struct {
		Owner int     `bun:"owner"`
		ID    int     `bun:"id"`
		Name  *string `bun:"name"`
	}
	err := db.NewSelect().TableExpr("? AS a", bun.Ident(o.table)).Join("JOIN schedules AS s ON s.id = a.schedule_id").
		ColumnExpr("a.? AS owner, s.id, s.name", bun.Ident(o.column)).Where("a.? IN (?)", bun.Ident(o.column), bun.List(ids)).
		Scan(ctx, &rows)
	out := map[int][]resources.NamedRef{}
	for _, r := range rows {
		out[r.Owner] = append(out[r.Owner], resources.NamedRef{ID: r.ID, Name: r.Name, Links: link(ctx, "schedules", r.ID)})
	}
	return out, err
}

package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Incall is an incoming call route.
type Incall = resources.Incall

// Incalls manages incoming call routes: their destination and their
// extensions (DIDs).
type Incalls struct {
	*Manager[resources.Incall, *resources.Incall]
}

// incallExten is the incall's extension, for search and sort.
const incallExten = "(SELECT e.exten FROM incall_extensions AS ie JOIN extensions AS e ON e.id = ie.extension_id " +
	"WHERE ie.incall_id = ?TableAlias.id)"

var incallTable = store.Table{
	Resource: "Incall", Key: "id", Tenant: "tenant_uuid",
	Search: store.SearchSpec{Default: "exten", Columns: map[string]store.Column{
		"id": {Type: store.IntColumn}, "preprocess_subroutine": {}, "greeting_sound": {}, "description": {},
		"exten": {Expr: incallExten},
		"user_id": {Type: store.IntColumn, Expr: "(SELECT d.user_id FROM destinations AS d WHERE d.owner = 'incall' " +
			"AND d.owner_id = CAST(?TableAlias.id AS TEXT) AND d.event = 'answer')"},
	}, Search: []string{"preprocess_subroutine", "greeting_sound", "description", "exten"}},
}

func newIncalls(c *Client) *Incalls {
	fam := &family[resources.Incall]{
		table:        incallTable,
		prepare:      prepareIncall,
		afterWrite:   saveIncallDestination,
		load:         loadIncalls,
		beforeDelete: dropIncallRelations,
		events:       crudEvents[resources.Incall]("incall", "incall"),
	}
	return &Incalls{&Manager[resources.Incall, *resources.Incall]{c: c, fam: fam}}
}

// prepareIncall keeps the id and tenant of an existing incall.
func prepareIncall(_ context.Context, _ *store.Tx, _ Scope, old, v *resources.Incall) error {
	if old != nil {
		v.ID, v.TenantUUID = old.ID, old.TenantUUID
	}
	return nil
}

// saveIncallDestination stores the destination once its target is checked
// in the incall's tenant.
func saveIncallDestination(ctx context.Context, tx *store.Tx, _, v *resources.Incall) error {
	return saveDestination(ctx, tx, destOwnerIncall, v.ID, destEventAnswer, v.TenantUUID, &v.Destination)
}

// loadIncalls adds links, the destination (none when its target was
// deleted) and the extensions. Schedules are added by their family.
func loadIncalls(ctx context.Context, db bun.IDB, items []*resources.Incall) error {
	byID := make(map[int]*resources.Incall, len(items))
	ids := make([]int, len(items))
	for i, v := range items {
		v.Links = link(ctx, "incalls", v.ID)
		v.Destination = resources.NoneDestination()
		v.Extensions, v.Schedules = []resources.ExtensionBrief{}, []resources.NamedRef{} // a reload replaces them
		byID[v.ID], ids[i] = v, v.ID
	}
	dests, err := loadDestinations(ctx, db, destOwnerIncall, ids)
	if err != nil {
		return err
	}
	for id, events := range dests {
		if d := events[destEventAnswer]; d != nil {
			byID[id].Destination = *d
		}
	}
	rows, err := incallExtensionRows(ctx, db, ids)
	for _, r := range rows {
		v := byID[r.OwnerID]
		v.Extensions = append(v.Extensions, r.brief(ctx))
	}
	if err != nil {
		return err
	}
	return loadIncallSchedules(ctx, db, byID, ids)
}

func incallExtensionRows(ctx context.Context, db bun.IDB, ids []int) ([]extensionBriefRow, error) {
	var rows []extensionBriefRow
	err := db.NewSelect().TableExpr("incall_extensions AS o").Join("JOIN extensions AS e ON e.id = o.extension_id").
		ColumnExpr("o.incall_id AS owner_id, e.id, e.exten, e.context").Where("o.incall_id IN (?)", bun.List(ids)).
		OrderExpr("e.id").Scan(ctx, &rows)
	return rows, err
}

// incallBriefs lists incalls as shown inside a group or a user: id,
// extensions and links.
func incallBriefs(ctx context.Context, db bun.IDB, ids []int) ([]resources.IncallBrief, error) {
	out := make([]resources.IncallBrief, len(ids))
	index := map[int]int{}
	for i, id := range ids {
		out[i] = resources.IncallBrief{ID: id, Extensions: []resources.ExtensionBrief{}, Links: link(ctx, "incalls", id)}
		index[id] = i
	}
	rows, err := incallExtensionRows(ctx, db, ids)
	for _, r := range rows {
		b := &out[index[r.OwnerID]]
		b.Extensions = append(b.Extensions, r.brief(ctx))
	}
	return out, err
}

// dropIncallRelations removes the incall's destination; its extension is
// freed by the database.
func dropIncallRelations(ctx context.Context, tx *store.Tx, v *resources.Incall) error {
	return deleteDestinations(ctx, tx, destOwnerIncall, v.ID)
}

package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// CallPermissions manages call permissions: extensions a user, group or
// outcall may (mode allow) or may not (mode deny) call, optionally behind
// a password. Associations: AssociateUserCallPermission and
// AssociateGroupCallPermission.
type CallPermissions struct {
	*Manager[resources.CallPermission, *resources.CallPermission]
}

// callPermissionTable searches every column, as wazo does; "enabled" is
// searched as the text true/false on both engines.
var callPermissionTable = store.Table{
	Resource: "CallPermission", Key: "id", Tenant: "tenant_uuid",
	Search: store.SearchSpec{Default: "name", Columns: map[string]store.Column{
		"id": {Type: store.IntColumn}, "name": {}, "description": {}, "mode": {},
		"enabled":      {Type: store.BoolColumn},
		"enabled_text": {Expr: "(CASE WHEN ?TableAlias.enabled THEN 'true' ELSE 'false' END)"},
	}, Search: []string{"id", "name", "description", "mode", "enabled_text"}},
}

func newCallPermissions(c *Client) *CallPermissions {
	fam := &family[resources.CallPermission]{
		table:   callPermissionTable,
		prepare: prepareCallPermission,
		load:    loadCallPermissions,
		events:  crudEvents[resources.CallPermission]("call_permission", "call_permission"),
	}
	return &CallPermissions{&Manager[resources.CallPermission, *resources.CallPermission]{c: c, fam: fam}}
}

// prepareCallPermission keeps the id and tenant of an existing permission
// and checks that its name is free in its tenant.
func prepareCallPermission(ctx context.Context, tx *store.Tx, _ Scope, old, v *resources.CallPermission) error {
	if old != nil {
		v.ID, v.TenantUUID = old.ID, old.TenantUUID
	}
	dup, err := store.Find[resources.CallPermission](ctx, tx, callPermissionTable, []string{v.TenantUUID}, "name = ? AND id <> ?", v.Name, v.ID)
	if err != nil {
		return err
	}
	if dup != nil {
		return resources.ErrExists("CallPermission", "name", v.Name)
	}
	return nil
}

// loadCallPermissions adds links and the users, groups and outcalls each
// permission is given to.
func loadCallPermissions(ctx context.Context, db bun.IDB, items []*resources.CallPermission) error {
	byID := make(map[int]*resources.CallPermission, len(items))
	ids := make([]int, len(items))
	for i, v := range items {
		v.Links = link(ctx, "callpermissions", v.ID)
		v.Users, v.Groups = []resources.RelatedUser{}, []resources.RelatedGroup{} // a reload replaces them
		byID[v.ID], ids[i] = v, v.ID
	}
	users, err := relatedUsers(ctx, db, "user_call_permissions", "call_permission_id", ids)
	if err != nil {
		return err
	}
	for _, r := range users {
		byID[r.Owner].Users = append(byID[r.Owner].Users, r.user(ctx, true))
	}
	return loadCallPermissionGroups(ctx, db, byID, ids)
}

// relatedUserRow is a user found through an association table.
type relatedUserRow struct {
	Owner     int     `bun:"owner"`
	ID        int     `bun:"id"`
	UUID      string  `bun:"uuid"`
	Firstname string  `bun:"firstname"`
	Lastname  *string `bun:"lastname"`
}

func (r relatedUserRow) user(ctx context.Context, links bool) resources.RelatedUser {
	u := resources.RelatedUser{UUID: r.UUID, Firstname: r.Firstname, Lastname: r.Lastname}
	if links {
		u.Links = link(ctx, "users", r.ID)
	}
	return u
}

// relatedUsers lists the users of an association table whose ownerCol is
// among ids, by owner then user id.
func relatedUsers(ctx context.Context, db bun.IDB, table, ownerCol string, ids []int, where ...string) ([]relatedUserRow, error) {
	var rows []relatedUserRow
	q := db.NewSelect().TableExpr(table+" AS a").Join("JOIN users AS u ON u.id = a.user_id").
		ColumnExpr("a."+ownerCol+" AS owner, u.id, u.uuid, u.firstname, u.lastname").
		Where("a."+ownerCol+" IN (?)", bun.List(ids))
	for _, w := range where {
		q.Where(w)
	}
	err := q.OrderExpr("a."+ownerCol+", u.id").Scan(ctx, &rows)
	return rows, err
}

// relatedGroups lists, for each owner of an association table whose
// ownerCol is among ids, its groups by id, as {id, uuid, name, links}.
func relatedGroups(ctx context.Context, db bun.IDB, table, ownerCol string, ids []int) (map[int][]resources.RelatedGroup, error) {
	out := map[int][]resources.RelatedGroup{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		Owner int    `bun:"owner"`
		ID    int    `bun:"id"`
		UUID  string `bun:"uuid"`
		Name  string `bun:"name"`
	}
	err := db.NewSelect().TableExpr("? AS a", bun.Ident(table)).Join("JOIN groups AS g ON g.id = a.group_id").
		ColumnExpr("a.? AS owner, g.id, g.uuid, g.name", bun.Ident(ownerCol)).Where("a.? IN (?)", bun.Ident(ownerCol), bun.List(ids)).
		OrderExpr("owner, g.id").Scan(ctx, &rows)
	for _, r := range rows {
		out[r.Owner] = append(out[r.Owner], resources.RelatedGroup{ID: r.ID, UUID: r.UUID, Name: r.Name, Links: link(ctx, "groups", r.UUID)})
	}
	return out, err
}

// callPermissionRefs lists, for each owner of an association table
// (column among ids), its call permissions as {id, name, links}.
func callPermissionRefs(ctx context.Context, db bun.IDB, table, column string, ids []int) (map[int][]resources.NamedRef, error) {
	var rows []struct {
		Owner int    `bun:"owner"`
		ID    int    `bun:"id"`
		Name  string `bun:"name"`
	}
	err := db.NewSelect().TableExpr("? AS a", bun.Ident(table)).
		Join("JOIN call_permissions AS p ON p.id = a.call_permission_id").
		ColumnExpr("a.? AS owner, p.id, p.name", bun.Ident(column)).Where("a.? IN (?)", bun.Ident(column), bun.List(ids)).
		OrderExpr("owner, p.id").Scan(ctx, &rows)
	out := map[int][]resources.NamedRef{}
	for _, r := range rows {
		out[r.Owner] = append(out[r.Owner], resources.NamedRef{ID: r.ID, Name: resources.Ptr(r.Name), Links: link(ctx, "callpermissions", r.ID)})
	}
	return out, err
}

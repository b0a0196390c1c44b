package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

type groupExtension struct {
	bun.BaseModel `bun:"table:group_extensions"`
	GroupID       int `bun:"group_id,pk"`
	ExtensionID   int `bun:"extension_id"`
}

var groupExtensionReload = reload.Commands("dialplan reload")

// AssociateExtension makes extension extensionID call group ref (id or
// uuid): one extension per group and one group per extension, an extension
// used by nothing else, in an internal context, inside its group ranges
// unless a pattern, of the group's tenant. Associating the same pair again
// does nothing.
func (m *Groups) AssociateExtension(ctx context.Context, s Scope, ref any, extensionID int) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		g, x, err := groupAndExtension(ctx, tx, s, ref, extensionID)
		if err != nil {
			return err
		}
		var current groupExtension
		err = tx.NewSelect().Model(&current).Where("group_id = ?", g.ID).Scan(ctx)
		switch {
		case err == nil && current.ExtensionID == x.ID:
			return nil
		case err == nil:
			return resources.ErrAssociated("Group", "Extension", "group_id", g.ID, "extension_id", current.ExtensionID)
		case !store.IsNoRows(err):
			return err
		}
		if err := checkGroupExtension(ctx, tx, g, x); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(&groupExtension{GroupID: g.ID, ExtensionID: x.ID}).Exec(ctx); err != nil {
			return store.FormatError(err, "GroupExtension")
		}
		return m.announceExtension(ctx, tx, g, x, "associated")
	})
}

func checkGroupExtension(ctx context.Context, tx *store.Tx, g *resources.Group, x *resources.Extension) error {
	kind, id, err := extensionUse(ctx, tx, x.ID)
	if err != nil {
		return err
	}
	if kind == "group" {
		return resources.ErrAssociated("Group", "Extension", "group_id", id, "extension_id", x.ID)
	}
	if kind != "" {
		return resources.ErrAssociated("Extension", kind, "extension_id", x.ID, "associated_id", itoa(id))
	}
	c, err := extensionContext(ctx, tx, x, resources.ContextInternal)
	if err != nil {
		return err
	}
	if !x.IsPattern() && !c.InRange(resources.RangeGroup, x.Exten) {
		return resources.ErrOutsideRange(x.Exten, x.Context)
	}
	if x.TenantUUID != g.TenantUUID {
		return resources.ErrDifferentTenants("extension_tenant_uuid", x.TenantUUID, "group_tenant_uuid", g.TenantUUID)
	}
	return nil
}

// DissociateExtension takes extension extensionID from group ref;
// dissociating a pair that is not associated does nothing.
func (m *Groups) DissociateExtension(ctx context.Context, s Scope, ref any, extensionID int) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		g, x, err := groupAndExtension(ctx, tx, s, ref, extensionID)
		if err != nil {
			return err
		}
		res, err := tx.NewDelete().Model((*groupExtension)(nil)).Where("group_id = ? AND extension_id = ?", g.ID, x.ID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return m.announceExtension(ctx, tx, g, x, "dissociated")
	})
}

func (m *Groups) announceExtension(ctx context.Context, tx *store.Tx, g *resources.Group, x *resources.Extension, verb string) error {
	tx.Reload(groupExtensionReload)
	rk := "config.groups.extensions." + assocAction(verb)
	return tx.Emit(ctx, groupEvent(m.c, "group_extension_"+verb, rk, g, map[string]any{"extension_id": x.ID})...)
}

// groupAndExtension loads both; the extension row stays locked until
// commit on PostgreSQL, so that concurrent uses of one extension run one
// after the other.
func groupAndExtension(ctx context.Context, tx *store.Tx, s Scope, ref any, extensionID int) (*resources.Group, *resources.Extension, error) {
	g, err := getGroup(ctx, tx, s, ref)
	if err != nil {
		return nil, nil, err
	}
	x, err := lockedExtension(ctx, tx, s, extensionID)
	return g, x, err
}

func lockedExtension(ctx context.Context, tx *store.Tx, s Scope, id int) (*resources.Extension, error) {
	if tx.Engine == store.Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT id FROM extensions WHERE id = ? FOR UPDATE", id); err != nil {
			return nil, err
		}
	}
	return store.Get[resources.Extension](ctx, tx, extensionTable, id, s.Tenants)
}

// extensionUse tells what calls extension id, as wazo's extension
// type/typeval: "user" (the main user of a line it rings, or 0), "group"
// or "incall" with the object's id; "" when it is free.
func extensionUse(ctx context.Context, db bun.IDB, id int) (string, int, error) {
	for _, use := range []struct{ kind, query string }{
		{"group", "SELECT group_id FROM group_extensions WHERE extension_id = ?"},
		{"incall", "SELECT incall_id FROM incall_extensions WHERE extension_id = ?"},
		{"user", "SELECT COALESCE((SELECT ul.user_id FROM user_lines AS ul WHERE ul.line_id = le.line_id AND ul.main_user), 0) " +
			"FROM line_extensions AS le WHERE le.extension_id = ?"},
	} {
		var ids []int
		if err := db.NewRaw(use.query, id).Scan(ctx, &ids); err != nil {
			return "", 0, err
		}
		if len(ids) > 0 {
			return use.kind, ids[0], nil
		}
	}
	return "", 0, nil
}

// extensionContext returns the extension's context, which must be of type
// want: "ContextType 'x' cannot be associated" otherwise.
func extensionContext(ctx context.Context, tx *store.Tx, x *resources.Extension, want string) (*resources.Context, error) {
	c, err := contextByName(ctx, tx, nil, x.Context)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, resources.ErrInputNotFound("context", "Context", "name", x.Context)
	}
	if c.Type != want {
		return nil, resources.ErrInput("ContextType '%s' cannot be associated%s", c.Type, resources.Meta{"id", x.ID, "context", x.Context})
	}
	return c, nil
}

// loadGroupExtensions lists each group's extension.
func loadGroupExtensions(ctx context.Context, db bun.IDB, byID map[int]*resources.Group, ids []int) error {
	var rows []extensionBriefRow
	err := db.NewSelect().TableExpr("group_extensions AS o").Join("JOIN extensions AS e ON e.id = o.extension_id").
		ColumnExpr("o.group_id AS owner_id, e.id, e.exten, e.context").Where("o.group_id IN (?)", bun.List(ids)).
		OrderExpr("e.id").Scan(ctx, &rows)
	for _, r := range rows {
		g := byID[r.OwnerID]
		g.Extensions = append(g.Extensions, r.brief(ctx))
	}
	return err
}

// extensionBriefRow is an extension of an owner (group or incall).
type extensionBriefRow struct {
	OwnerID int    `bun:"owner_id"`
	ID      int    `bun:"id"`
	Exten   string `bun:"exten"`
	Context string `bun:"context"`
}

func (r extensionBriefRow) brief(ctx context.Context) resources.ExtensionBrief {
	return resources.ExtensionBrief{ID: r.ID, Exten: r.Exten, Context: r.Context, Links: link(ctx, "extensions", r.ID)}
}

// loadExtensionOwners shows the group or incall each extension calls.
func loadExtensionOwners(ctx context.Context, db bun.IDB, items []*resources.Extension) error {
	byID := make(map[int]*resources.Extension, len(items))
	ids := make([]int, len(items))
	for i, x := range items {
		byID[x.ID], ids[i] = x, x.ID
	}
	var groups []struct {
		ExtensionID int    `bun:"extension_id"`
		ID          int    `bun:"id"`
		UUID        string `bun:"uuid"`
		Name        string `bun:"name"`
	}
	err := db.NewSelect().TableExpr("group_extensions AS ge").Join("JOIN groups AS g ON g.id = ge.group_id").
		ColumnExpr("ge.extension_id, g.id, g.uuid, g.name").Where("ge.extension_id IN (?)", bun.List(ids)).Scan(ctx, &groups)
	if err != nil {
		return err
	}
	for _, g := range groups {
		byID[g.ExtensionID].Group = &resources.ExtenRef{ID: g.ID, UUID: g.UUID, Name: g.Name, Links: link(ctx, "groups", g.UUID)}
	}
	var incalls []incallExtension
	err = db.NewSelect().Model(&incalls).Where("extension_id IN (?)", bun.List(ids)).Scan(ctx)
	for _, v := range incalls {
		byID[v.ExtensionID].Incall = &resources.ExtenRef{ID: v.IncallID, Links: link(ctx, "incalls", v.IncallID)}
	}
	return err
}

// checkExtensionNotUsed refuses to delete an extension that calls a group
// or an incall.
func checkExtensionNotUsed(x *resources.Extension) error {
	for kind, ref := range map[string]*resources.ExtenRef{"group": x.Group, "incall": x.Incall} {
		if ref != nil {
			return resources.ErrAssociated("Extension", kind, "extension_id", x.ID, "associated_id", ref.ID)
		}
	}
	return nil
}

// checkExtensionEdit keeps an edited extension usable by its group (an
// internal context, inside the group ranges) or incall (an incall
// context, inside the incall ranges); patterns skip the range check.
func checkExtensionEdit(c *resources.Context, old, v *resources.Extension) error {
	for _, use := range []struct {
		ref               *resources.ExtenRef
		contextType, kind string
	}{{old.Group, resources.ContextInternal, resources.RangeGroup}, {old.Incall, resources.ContextIncall, resources.RangeIncall}} {
		if use.ref == nil {
			continue
		}
		if c.Type != use.contextType {
			return resources.ErrInput("ContextType '%s' cannot be associated", c.Type)
		}
		if !v.IsPattern() && !c.InRange(use.kind, v.Exten) {
			return resources.ErrOutsideRange(v.Exten, v.Context)
		}
	}
	return nil
}

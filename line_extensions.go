package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

type lineExtension struct {
	bun.BaseModel `bun:"table:line_extensions"`
	LineID        int `bun:"line_id,pk"`
	ExtensionID   int `bun:"extension_id"`
}

var lineExtensionReload = reload.Commands("dialplan reload", "module reload app_queue.so", "module reload res_pjsip.so")

// AssociateLineExtension gives line lineID the extension extensionID: the
// line needs an endpoint and no extension yet; the extension must be in an
// internal context, inside its user ranges unless a pattern, of the same
// tenant, and not ring the lines of another main user.
func (c *Client) AssociateLineExtension(ctx context.Context, s Scope, lineID, extensionID int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		l, x, err := lineAndExtension(ctx, tx, s, lineID, extensionID)
		if err != nil {
			return err
		}
		if same, err := store.Exists(ctx, tx, "line_extensions", "line_id = ? AND extension_id = ?", l.ID, x.ID); err != nil || same {
			return err // associating the same pair again does nothing
		}
		if err := checkLineExtension(ctx, tx, l, x); err != nil {
			return err
		}
		return c.recordLineExtension(ctx, tx, l, x)
	})
}

// recordLineExtension stores the checked pair and announces it.
func (c *Client) recordLineExtension(ctx context.Context, tx *store.Tx, l *resources.Line, x *resources.Extension) error {
	if err := tx.ExecLater(ctx, tx.NewInsert().Model(&lineExtension{LineID: l.ID, ExtensionID: x.ID})); err != nil {
		return store.FormatError(err, "LineExtension")
	}
	return c.announceLineExtension(ctx, tx, l, x, "associated")
}

// attachNewExtension gives the line created in this transaction, still
// without users and extensions, the extension just created with it.
func (c *Client) attachNewExtension(ctx context.Context, l *resources.Line, x *resources.Extension) error {
	if !l.HasEndpoint() {
		return resources.ErrMissingAssociation("Line", "Endpoint", "line_id", l.ID)
	}
	if err := checkExtensionForLine(ctx, c.tx, x); err != nil {
		return err
	}
	l.Extensions = append(l.Extensions, resources.LineExtensionRef{ID: x.ID, Exten: x.Exten, Context: x.Context,
		Links: link(ctx, "extensions", x.ID)})
	return c.recordLineExtension(ctx, c.tx, l, x)
}

// lineAndExtension loads both; on PostgreSQL the extension row stays
// locked until commit, so that concurrent associations of one extension
// run one after the other and each sees the others' lines.
func lineAndExtension(ctx context.Context, tx *store.Tx, s Scope, lineID, extensionID int) (*resources.Line, *resources.Extension, error) {
	l, err := store.Get[resources.Line](ctx, tx, lineTable, lineID, s.Tenants)
	if err != nil {
		return nil, nil, err
	}
	if tx.Engine == store.Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT id FROM extensions WHERE id = ? FOR UPDATE", extensionID); err != nil {
			return nil, nil, err
		}
	}
	x, err := store.Get[resources.Extension](ctx, tx, extensionTable, extensionID, s.Tenants)
	return l, x, err
}

func checkLineExtension(ctx context.Context, tx *store.Tx, l *resources.Line, x *resources.Extension) error {
	if l.TenantUUID != x.TenantUUID {
		return resources.ErrDifferentTenants("extension_tenant_uuid", x.TenantUUID, "line_tenant_uuid", l.TenantUUID)
	}
	if !l.HasEndpoint() {
		return resources.ErrMissingAssociation("Line", "Endpoint", "line_id", l.ID)
	}
	var current lineExtension
	if err := tx.NewSelect().Model(&current).Where("line_id = ?", l.ID).Scan(ctx); err == nil {
		return resources.ErrAssociated("Line", "Extension", "line_id", l.ID, "extension_id", current.ExtensionID)
	} else if !store.IsNoRows(err) {
		return err
	}
	if err := checkExtensionForLine(ctx, tx, x); err != nil {
		return err
	}
	return checkSameMainUser(ctx, tx, l.ID, x.ID)
}

// checkExtensionForLine: an internal context, and inside its user ranges.
func checkExtensionForLine(ctx context.Context, tx *store.Tx, x *resources.Extension) error {
	c, err := contextByName(ctx, tx, nil, x.Context)
	if err != nil || c == nil {
		return err
	}
	if c.Type != resources.ContextInternal {
		return resources.ErrInput("ContextType '%s' cannot be associated%s", c.Type, resources.Meta{"id", x.ID, "context", x.Context})
	}
	if !x.IsPattern() && !c.InRange(resources.RangeUser, x.Exten) {
		return resources.ErrOutsideRange(x.Exten, x.Context)
	}
	return nil
}

// checkSameMainUser refuses an extension that already rings the line of
// another main user than the line's.
func checkSameMainUser(ctx context.Context, tx *store.Tx, lineID, extensionID int) error {
	var owners []struct {
		UserID int `bun:"user_id"`
		LineID int `bun:"line_id"`
	}
	err := tx.NewSelect().TableExpr("user_lines AS ul").ColumnExpr("ul.user_id, ul.line_id").
		Where("ul.main_user").
		Where("ul.line_id = ? OR ul.line_id IN (SELECT le.line_id FROM line_extensions AS le WHERE le.extension_id = ?)", lineID, extensionID).
		Scan(ctx, &owners)
	if err != nil {
		return err
	}
	for _, o := range owners {
		if o.UserID != owners[0].UserID {
			other := o
			if o.LineID == lineID {
				other = owners[0]
			}
			return resources.ErrAssociated("User", "Line", "user_id", other.UserID, "line_id", other.LineID)
		}
	}
	return nil
}

// DissociateLineExtension takes the extension from the line, unless the
// line is on a device; dissociating a pair that is not associated does
// nothing.
func (c *Client) DissociateLineExtension(ctx context.Context, s Scope, lineID, extensionID int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		l, x, err := lineAndExtension(ctx, tx, s, lineID, extensionID)
		if err != nil {
			return err
		}
		res, err := tx.NewDelete().Model((*lineExtension)(nil)).Where("line_id = ? AND extension_id = ?", l.ID, x.ID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if err := lineHasNoDevice(ctx, tx, l.ID); err != nil {
			return err
		}
		return c.announceLineExtension(ctx, tx, l, x, "dissociated")
	})
}

func (c *Client) announceLineExtension(ctx context.Context, tx *store.Tx, l *resources.Line, x *resources.Extension, verb string) error {
	tx.Reload(lineExtensionReload)
	action := assocAction(verb)
	data := map[string]any{"line_id": l.ID, "extension_id": x.ID}
	return tx.Emit(ctx, withOrigin(c, tenantEvent("line_extension_"+verb, "config.line_extension_associated."+action, l.TenantUUID, data))...)
}

// loadLineExtensions shows each line's extensions.
func loadLineExtensions(ctx context.Context, db bun.IDB, items []*resources.Line) error {
	if len(items) == 0 {
		return nil
	}
	byID := map[int]*resources.Line{}
	ids := make([]int, len(items))
	for i, l := range items {
		byID[l.ID], ids[i] = l, l.ID
		l.Extensions = []resources.LineExtensionRef{} // a reload replaces them
	}
	var rows []struct {
		LineID  int    `bun:"line_id"`
		ID      int    `bun:"id"`
		Exten   string `bun:"exten"`
		Context string `bun:"context"`
	}
	err := db.NewSelect().TableExpr("line_extensions AS le").Join("JOIN extensions AS e ON e.id = le.extension_id").
		ColumnExpr("le.line_id, e.id, e.exten, e.context").Where("le.line_id IN (?)", bun.List(ids)).Scan(ctx, &rows)
	for _, r := range rows {
		l := byID[r.LineID]
		l.Extensions = append(l.Extensions, resources.LineExtensionRef{ID: r.ID, Exten: r.Exten, Context: r.Context,
			Links: link(ctx, "extensions", r.ID)})
	}
	return err
}

// CreateLineExtension creates x and gives it to line lineID, in one
// transaction: both happen or neither.
func (c *Client) CreateLineExtension(ctx context.Context, s Scope, lineID int, x *resources.Extension) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		if _, err := tx.Lines.Get(ctx, s, lineID); err != nil {
			return err
		}
		if err := tx.Extensions.Create(ctx, s, x); err != nil {
			return err
		}
		return tx.AssociateLineExtension(ctx, s, lineID, x.ID)
	})
}

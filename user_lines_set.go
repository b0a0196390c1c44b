package confd

import (
	"context"
	"slices"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// SetUserLines replaces the user's lines by lineIDs, in order: the first
// is the main line. Lines leaving and joining follow the rules of
// DissociateUserLine and AssociateUserLine.
func (c *Client) SetUserLines(ctx context.Context, s Scope, userRef any, lineIDs []int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, err := store.Get[resources.User](ctx, tx, userTable, userRef, s.Tenants)
		if err != nil {
			return err
		}
		lines, err := wantedLines(ctx, tx, s, u, lineIDs)
		if err != nil {
			return err
		}
		var current []userLine
		if err := tx.NewSelect().Model(&current).Where("user_id = ?", u.ID).Scan(ctx); err != nil {
			return err
		}
		if err := c.dropUserLines(ctx, tx, u, current, lineIDs); err != nil {
			return err
		}
		if err := c.addUserLines(ctx, tx, u, current, lines); err != nil {
			return err
		}
		return orderUserLines(ctx, tx, u.ID, lineIDs)
	})
}

// wantedLines loads the lines of the new list: visible, same tenant, once each.
func wantedLines(ctx context.Context, tx *store.Tx, s Scope, u *resources.User, ids []int) ([]*resources.Line, error) {
	var out []*resources.Line
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			return nil, resources.ErrResource("Cannot associate same line more than once ('line_id': %d)", id)
		}
		l, err := store.Get[resources.Line](ctx, tx, lineTable, id, s.Tenants)
		if err != nil {
			return nil, resources.ErrInputNotFound("lines", "Line", "id", id)
		}
		if l.TenantUUID != u.TenantUUID {
			return nil, resources.ErrDifferentTenants("user_tenant_uuid", u.TenantUUID, "line_tenant_uuid", l.TenantUUID)
		}
		out = append(out, l)
	}
	return out, nil
}

func (c *Client) dropUserLines(ctx context.Context, tx *store.Tx, u *resources.User, current []userLine, keep []int) error {
	for i := range current {
		ul := &current[i]
		if slices.Contains(keep, ul.LineID) {
			continue
		}
		if err := c.removeUserLine(ctx, tx, ul); err != nil {
			return err
		}
		l, err := store.Get[resources.Line](ctx, tx, lineTable, ul.LineID, nil)
		if err != nil {
			return err
		}
		if err := c.announceUserLine(ctx, tx, u, l, ul, "dissociated"); err != nil {
			return err
		}
	}
	return nil
}

func (c *Client) addUserLines(ctx context.Context, tx *store.Tx, u *resources.User, current []userLine, lines []*resources.Line) error {
	for _, l := range lines {
		if slices.ContainsFunc(current, func(ul userLine) bool { return ul.LineID == l.ID }) {
			continue
		}
		if err := c.addUserLine(ctx, tx, u, l); err != nil {
			return err
		}
	}
	return nil
}

// orderUserLines numbers the user's lines as listed; the first is main.
func orderUserLines(ctx context.Context, tx *store.Tx, userID int, ids []int) error {
	if _, err := tx.NewUpdate().Table("user_lines").Set("main_line = ?", false).Where("user_id = ?", userID).Exec(ctx); err != nil {
		return err
	}
	for i, id := range ids {
		_, err := tx.NewUpdate().Table("user_lines").Set("position = ?", i).Set("main_line = ?", i == 0).
			Where("user_id = ? AND line_id = ?", userID, id).Exec(ctx)
		if err != nil {
			return err
		}
	}
	return nil
}

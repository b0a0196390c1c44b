package confd

import (
	"context"
	"errors"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

type userLine struct {
	bun.BaseModel `bun:"table:user_lines"`
	UserID        int  `bun:"user_id,pk"`
	LineID        int  `bun:"line_id,pk"`
	MainUser      bool `bun:"main_user"`
	MainLine      bool `bun:"main_line"`
	Position      int  `bun:"position"`
}

var userLineReload = reload.Commands("dialplan reload", "module reload res_pjsip.so")

// AssociateUserLine gives user userRef (id or uuid) the line lineID. The
// line needs an endpoint and the same tenant; the first user of a line is
// its main user, the first line of a user its main line (the database keeps
// one of each, whatever the concurrency). Associating again does nothing.
func (c *Client) AssociateUserLine(ctx context.Context, s Scope, userRef any, lineID int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, l, err := userAndLine(ctx, tx, s, userRef, lineID)
		if err != nil {
			return err
		}
		if exists, err := store.Exists(ctx, tx, "user_lines", "user_id = ? AND line_id = ?", u.ID, l.ID); err != nil || exists {
			return err
		}
		return c.addUserLine(ctx, tx, u, l)
	})
}

// addUserLine checks and records a new user-line pair, and announces it.
func (c *Client) addUserLine(ctx context.Context, tx *store.Tx, u *resources.User, l *resources.Line) error {
	if !l.HasEndpoint() {
		return resources.ErrMissingAssociation("Line", "Endpoint", "line_id", l.ID)
	}
	if err := checkLineGroup(ctx, tx, u.ID, l.ID); err != nil {
		return err
	}
	ul, err := newUserLine(ctx, tx, u.ID, l.ID)
	if err != nil {
		return err
	}
	return c.recordUserLine(ctx, tx, u, l, ul)
}

// recordUserLine stores the checked pair and announces it.
func (c *Client) recordUserLine(ctx context.Context, tx *store.Tx, u *resources.User, l *resources.Line, ul *userLine) error {
	if err := tx.ExecLater(ctx, tx.NewInsert().Model(ul)); err != nil {
		return store.FormatError(err, "UserLine")
	}
	return c.announceUserLine(ctx, tx, u, l, ul, "associated")
}

func userAndLine(ctx context.Context, tx *store.Tx, s Scope, userRef any, lineID int) (*resources.User, *resources.Line, error) {
	u, err := store.Get[resources.User](ctx, tx, userTable, userRef, s.Tenants)
	if err != nil {
		return nil, nil, err
	}
	l, err := store.Get[resources.Line](ctx, tx, lineTable, lineID, s.Tenants)
	if err != nil {
		return nil, nil, err
	}
	if u.TenantUUID != l.TenantUUID {
		return nil, nil, resources.ErrDifferentTenants("user_tenant_uuid", u.TenantUUID, "line_tenant_uuid", l.TenantUUID)
	}
	return u, l, nil
}

// checkLineGroup refuses a line whose extension already rings another
// main user's line: that would make a group under one extension.
func checkLineGroup(ctx context.Context, tx *store.Tx, userID, lineID int) error {
	var ext lineExtension
	err := tx.NewSelect().Model(&ext).Where("line_id = ?", lineID).Scan(ctx)
	if store.IsNoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	var others []int
	err = tx.NewSelect().TableExpr("line_extensions AS le").Join("JOIN user_lines AS ul ON ul.line_id = le.line_id AND ul.main_user").
		ColumnExpr("le.line_id").Where("le.extension_id = ? AND le.line_id <> ? AND ul.user_id <> ?", ext.ExtensionID, lineID, userID).
		Scan(ctx, &others)
	if err != nil || len(others) == 0 {
		return err
	}
	return resources.ErrAssociated("Line", "Extension", "line_id", others[0], "extension_id", ext.ExtensionID)
}

// newUserLine is the pair of a user and a line it gets: the line's main
// user if it has none, the user's main line if it has none.
func newUserLine(ctx context.Context, tx *store.Tx, userID, lineID int) (*userLine, error) {
	hasUser, err := store.Exists(ctx, tx, "user_lines", "line_id = ? AND main_user", lineID)
	if err != nil {
		return nil, err
	}
	var count int
	if err := tx.NewSelect().Table("user_lines").ColumnExpr("COUNT(*)").Where("user_id = ?", userID).Scan(ctx, &count); err != nil {
		return nil, err
	}
	return &userLine{UserID: userID, LineID: lineID, MainUser: !hasUser, MainLine: count == 0, Position: count}, nil
}

// DissociateUserLine takes the line from the user; the user's next line
// becomes its main line. The main user cannot leave while secondary users
// remain, and no user leaves a line on a device. Dissociating a pair that
// is not associated does nothing.
func (c *Client) DissociateUserLine(ctx context.Context, s Scope, userRef any, lineID int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, l, err := userAndLine(ctx, tx, s, userRef, lineID)
		if err != nil {
			return err
		}
		var ul userLine
		err = tx.NewSelect().Model(&ul).Where("user_id = ? AND line_id = ?", u.ID, l.ID).Scan(ctx)
		if store.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := c.removeUserLine(ctx, tx, &ul); err != nil {
			return err
		}
		return c.announceUserLine(ctx, tx, u, l, &ul, "dissociated")
	})
}

func (c *Client) removeUserLine(ctx context.Context, tx *store.Tx, ul *userLine) error {
	if ul.MainUser {
		if others, err := store.Exists(ctx, tx, "user_lines", "line_id = ? AND user_id <> ?", ul.LineID, ul.UserID); err != nil || others {
			if err == nil {
				err = resources.ErrResource("There are secondary users associated to the line ('line_id': %d)", ul.LineID)
			}
			return err
		}
	}
	if err := lineHasNoDevice(ctx, tx, ul.LineID); err != nil {
		return err
	}
	if _, err := tx.NewDelete().Model(ul).WherePK().Exec(ctx); err != nil {
		return err
	}
	if !ul.MainLine {
		return nil
	}
	return promoteMainLine(ctx, tx, ul.UserID)
}

// promoteMainLine makes the user's first remaining line its main line.
func promoteMainLine(ctx context.Context, tx *store.Tx, userID int) error {
	_, err := tx.NewUpdate().Table("user_lines").Set("main_line = ?", true).
		Where("user_id = ? AND line_id = (SELECT MIN(x.line_id) FROM user_lines AS x WHERE x.user_id = ? AND x.position = (SELECT MIN(y.position) FROM user_lines AS y WHERE y.user_id = ?))",
			userID, userID, userID).Exec(ctx)
	return err
}

func (c *Client) announceUserLine(ctx context.Context, tx *store.Tx, u *resources.User, l *resources.Line, ul *userLine, verb string) error {
	tx.Reload(userLineReload)
	if l.Protocol == nil { // not shown yet
		if err := nameLineEndpoint(ctx, tx, l); err != nil {
			return err
		}
	}
	action := assocAction(verb)
	data := map[string]any{
		"user":      map[string]any{"id": u.ID, "uuid": u.UUID, "tenant_uuid": u.TenantUUID},
		"line":      map[string]any{"id": l.ID, "name": l.Name, "endpoint_sip": stripLinks(l.EndpointSIP), "endpoint_sccp": stripLinks(l.EndpointSCCP), "endpoint_custom": stripLinks(l.EndpointCustom), "tenant_uuid": l.TenantUUID},
		"main_user": ul.MainUser, "main_line": ul.MainLine,
	}
	ev := userEvent("user_line_"+verb, "config.users."+u.UUID+".lines."+itoa(l.ID)+"."+action, u, data)
	return tx.Emit(ctx, withOrigin(c, ev)...)
}

func stripLinks(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := map[string]any{}
	for k, x := range m {
		if k != "links" {
			out[k] = x
		}
	}
	return out
}

// userEvent is a wazo UserEvent: only that user (and the tenant) sees it.
func userEvent(name, routingKey string, u *resources.User, data any) events.Event {
	e := tenantEvent(name, routingKey, u.TenantUUID, data)
	e.Headers = map[string]any{"user_uuid:" + u.UUID: true}
	return e
}

// ErrNoSIPEndpoint means the user has no such line, or the line no SIP endpoint.
var ErrNoSIPEndpoint = errors.New("confd: no associated SIP endpoint")

// UserLineSIPEndpoint returns the SIP endpoint of the user's line lineRef
// (a line id, or "main" for the main line), merged with its templates when
// merged is set. ErrNoSIPEndpoint when the user has no such line or the
// line no SIP endpoint.
func (c *Client) UserLineSIPEndpoint(ctx context.Context, s Scope, userRef any, lineRef string, merged bool) (*resources.EndpointSIP, error) {
	db := c.Users.db()
	u, err := store.Get[resources.User](ctx, db, userTable, userRef, s.Tenants)
	if err != nil {
		return nil, err
	}
	q := db.NewSelect().TableExpr("user_lines AS ul").Join("JOIN lines AS l ON l.id = ul.line_id").
		ColumnExpr("l.endpoint_sip_uuid").Where("ul.user_id = ?", u.ID)
	if lineRef == "main" {
		q.Where("ul.main_line")
	} else {
		q.Where("ul.line_id = ?", lineRef)
	}
	var sip *string
	if err := q.Limit(1).Scan(ctx, &sip); err != nil || sip == nil {
		if err != nil && !store.IsNoRows(err) {
			return nil, err
		}
		return nil, ErrNoSIPEndpoint
	}
	if merged {
		return c.EndpointsSIP.Merged(ctx, Scope{}, *sip)
	}
	return c.EndpointsSIP.Get(ctx, Scope{}, *sip)
}

// dropLineUsers takes a line from its users (when it goes away); a user
// whose main line it was gets its next line as main line.
func dropLineUsers(ctx context.Context, tx *store.Tx, lineID int) error {
	var users []int
	err := tx.NewSelect().Table("user_lines").Column("user_id").Where("line_id = ? AND main_line", lineID).Scan(ctx, &users)
	if err != nil {
		return err
	}
	if _, err := tx.NewDelete().Table("user_lines").Where("line_id = ?", lineID).Exec(ctx); err != nil {
		return err
	}
	for _, u := range users {
		if err := promoteMainLine(ctx, tx, u); err != nil {
			return err
		}
	}
	return nil
}

package confd

import (
	"context"
	"strconv"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// NewLine is a line created with its user: the line, its extensions
// (an existing exten@context is reused) and at most one endpoint.
type NewLine struct {
	Line           *resources.Line
	Extensions     []*resources.Extension
	EndpointSIP    *resources.EndpointSIP
	EndpointSCCP   *resources.EndpointSCCP
	EndpointCustom *resources.EndpointCustom
	// DeviceID, for a user's line, puts the line on that device.
	DeviceID *string

	reused bool // an existing extension was reused: other lines may ring it
}

// NewUser is a user created with what comes with it, as wazo's POST /users:
// lines, a voicemail box (with only an ID: an existing box), incoming
// routes and groups.
type NewUser struct {
	User      *resources.User
	Lines     []NewLine
	Voicemail *resources.Voicemail
	// Groups are groups the user joins (after getting its lines).
	Groups []resources.GroupRef
	// Incalls are incoming routes to the user (see NewUserIncall).
	Incalls []NewUserIncall
	// Forwards, when set, are the user's forwards.
	Forwards *resources.Forwards
	// Fallbacks, when set, are where the user's unanswered calls go.
	Fallbacks *resources.UserFallbacks
}

// CreateUserWith creates the user and everything n brings, in one
// transaction and in wazo's order (user, voicemail, lines, incalls,
// groups, forwards): it all exists afterwards, or none of it does. n.User
// is left as a read shows it.
func (c *Client) CreateUserWith(ctx context.Context, s Scope, n *NewUser) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		u := n.User
		if err := tx.Users.Create(ctx, s, u); err != nil {
			return err
		}
		if err := tx.attachNewVoicemail(ctx, s, u, n.Voicemail); err != nil {
			return err
		}
		for i := range n.Lines {
			if err := tx.createUserLine(ctx, s, u, &n.Lines[i], i); err != nil {
				return err
			}
		}
		if err := tx.routeAndGroupNewUser(ctx, s, n); err != nil {
			return err
		}
		if n.shownAsCreated() {
			return nil
		}
		return tx.Users.loadAll(ctx, tx.tx, []*resources.User{u})
	})
}

// routeAndGroupNewUser gives the new user its incalls, groups, forwards
// and fallbacks.
func (c *Client) routeAndGroupNewUser(ctx context.Context, s Scope, n *NewUser) error {
	u := n.User
	for i := range n.Incalls {
		if err := c.routeIncallToUser(ctx, s, u, &n.Incalls[i]); err != nil {
			return err
		}
	}
	if len(n.Groups) > 0 {
		if err := c.SetUserGroups(ctx, s, u.ID, n.Groups); err != nil {
			return err
		}
	}
	if n.Forwards != nil {
		if err := c.SetUserForwards(ctx, s, u.ID, *n.Forwards); err != nil {
			return err
		}
		u.Forwards = *n.Forwards
	}
	if n.Fallbacks == nil {
		return nil
	}
	return c.Users.SetFallbacks(ctx, s, u.ID, *n.Fallbacks)
}

// shownAsCreated reports whether the user created from n shows all it has
// without a read: its new lines, each with its new endpoint and at most
// one new extension, and its box were added to it as they were created or
// given. Existing extensions, devices, groups, incalls and fallbacks (with
// their targets' names) are shown by a read.
func (n *NewUser) shownAsCreated() bool {
	if len(n.Groups) > 0 || len(n.Incalls) > 0 || n.Fallbacks != nil {
		return false
	}
	for _, nl := range n.Lines {
		if nl.reused || len(nl.Extensions) > 1 || (nl.DeviceID != nil && *nl.DeviceID != "") {
			return false
		}
	}
	return true
}

// createUserLine creates a line for u: its position-th line when u was
// created in this transaction, or -1 for a user that may have others.
func (c *Client) createUserLine(ctx context.Context, s Scope, u *resources.User, nl *NewLine, position int) error {
	nl.Line.TenantUUID = u.TenantUUID
	if err := c.createLine(ctx, s, nl); err != nil {
		return err
	}
	var err error
	if position < 0 {
		err = c.AssociateUserLine(ctx, s, u.ID, nl.Line.ID)
	} else {
		err = c.giveNewLine(ctx, u, nl, position)
	}
	if err != nil {
		return err
	}
	if nl.DeviceID == nil || *nl.DeviceID == "" {
		return nil
	}
	return c.AssociateLineDevice(ctx, s, nl.Line.ID, *nl.DeviceID)
}

// giveNewLine gives u, created in this transaction with position lines
// so far, the line nl just created: its main user. Only a reused extension
// can make the line ring with another user's.
func (c *Client) giveNewLine(ctx context.Context, u *resources.User, nl *NewLine, position int) error {
	l := nl.Line
	if !l.HasEndpoint() {
		return resources.ErrMissingAssociation("Line", "Endpoint", "line_id", l.ID)
	}
	if nl.reused {
		if err := checkLineGroup(ctx, c.tx, u.ID, l.ID); err != nil {
			return err
		}
	}
	ul := &userLine{UserID: u.ID, LineID: l.ID, MainUser: true, MainLine: position == 0, Position: position}
	if _, err := c.tx.NewInsert().Model(ul).Exec(ctx); err != nil {
		return store.FormatError(err, "UserLine")
	}
	l.Users = append(l.Users, resources.LineUserRef{UUID: u.UUID, Firstname: u.Firstname, Lastname: u.Lastname,
		Links: link(ctx, "users", u.ID)})
	mainUserCallerID(l, u.CallerID)
	u.Lines = append(u.Lines, l)
	return c.announceUserLine(ctx, c.tx, u, l, ul, "associated")
}

// CreateLineWith creates a line with its endpoint and extensions, in one
// transaction (wazo's POST /lines with endpoint_sip, extensions, ...). The
// line's caller id goes to the endpoint; one given both ways is refused.
func (c *Client) CreateLineWith(ctx context.Context, s Scope, nl *NewLine) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error { return tx.createLine(ctx, s, nl) })
}

func (c *Client) createLine(ctx context.Context, s Scope, nl *NewLine) error {
	l := nl.Line
	if err := lineCallerIDToEndpoint(nl); err != nil {
		return err
	}
	callerName, callerNum := l.CallerIDName, l.CallerIDNum
	if nl.EndpointSIP != nil || nl.EndpointSCCP != nil || nl.EndpointCustom != nil {
		l.CallerIDName, l.CallerIDNum = nil, nil // set once the line has its endpoint
	}
	if err := c.Lines.Create(ctx, s, l); err != nil {
		return err
	}
	if err := c.createLineEndpoint(ctx, s, l.TenantUUID, l, nl); err != nil {
		return err
	}
	if callerName == nil && callerNum == nil {
		callerName, callerNum = endpointCallerID(nl)
	}
	if err := c.setLineCallerID(ctx, l, callerName, callerNum); err != nil {
		return err
	}
	for i, x := range nl.Extensions {
		reused, err := c.reuseOrCreateExtension(ctx, s, l.TenantUUID, l, x)
		if err != nil {
			return err
		}
		nl.reused = nl.reused || reused
		if reused || i > 0 {
			err = c.AssociateLineExtension(ctx, s, l.ID, x.ID)
		} else {
			err = c.attachNewExtension(ctx, l, x)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// createLineEndpoint creates the endpoint nl brings, for its new line l.
func (c *Client) createLineEndpoint(ctx context.Context, s Scope, tenant string, l *resources.Line, nl *NewLine) error {
	switch {
	case nl.EndpointSIP != nil:
		nl.EndpointSIP.TenantUUID = tenant
		if err := c.EndpointsSIP.Create(ctx, s, nl.EndpointSIP); err != nil {
			return err
		}
		return c.attachNewEndpoint(ctx, l, "sip", nl.EndpointSIP.UUID, nl.EndpointSIP)
	case nl.EndpointSCCP != nil:
		nl.EndpointSCCP.TenantUUID = tenant
		if err := c.EndpointsSCCP.Create(ctx, s, nl.EndpointSCCP); err != nil {
			return err
		}
		return c.attachNewEndpoint(ctx, l, "sccp", strconv.Itoa(nl.EndpointSCCP.ID), nil)
	case nl.EndpointCustom != nil:
		nl.EndpointCustom.TenantUUID = tenant
		if err := c.EndpointsCustom.Create(ctx, s, nl.EndpointCustom); err != nil {
			return err
		}
		return c.attachNewEndpoint(ctx, l, "custom", strconv.Itoa(nl.EndpointCustom.ID), nil)
	}
	return nil
}

// reuseOrCreateExtension fills x with the existing exten@context (and
// reports it reused), or creates it; the context defaults to the line's.
func (c *Client) reuseOrCreateExtension(ctx context.Context, s Scope, tenant string, l *resources.Line, x *resources.Extension) (bool, error) {
	if x.Context == "" {
		x.Context = l.Context
	}
	found, err := extensionAt(ctx, c.tx, x.Exten, x.Context)
	if err != nil {
		return false, err
	}
	if found != nil && s.Allows(found.TenantUUID) {
		*x = *found
		return true, nil
	}
	x.TenantUUID = tenant // another tenant's exten@context is refused as taken
	return false, c.Extensions.Create(ctx, s, x)
}

// attachNewVoicemail associates the box vm names by ID, or creates it.
func (c *Client) attachNewVoicemail(ctx context.Context, s Scope, u *resources.User, vm *resources.Voicemail) error {
	if vm == nil {
		return nil
	}
	if vm.ID != 0 {
		if err := c.AssociateUserVoicemail(ctx, s, u.ID, vm.ID); err != nil {
			return err
		}
		u.VoicemailID = &vm.ID
		return loadUserVoicemails(ctx, c.tx, []*resources.User{u})
	}
	return c.createUserVoicemail(ctx, s, u, vm)
}

// DeleteUserRecursive deletes the user with its lines (their endpoints,
// and their extensions no other line uses) and gives up its voicemail.
func (c *Client) DeleteUserRecursive(ctx context.Context, s Scope, userRef any) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		u, err := tx.Users.Get(ctx, s, userRef)
		if err != nil {
			return err
		}
		if err := tx.DissociateUserVoicemail(ctx, s, u.ID); err != nil {
			return err
		}
		var lineIDs []int
		if err := tx.tx.NewSelect().Table("user_lines").Column("line_id").Where("user_id = ?", u.ID).Scan(ctx, &lineIDs); err != nil {
			return err
		}
		for _, id := range lineIDs {
			if err := tx.takeOffDevice(ctx, s, id); err != nil {
				return err
			}
		}
		if err := tx.SetUserLines(ctx, s, u.ID, nil); err != nil {
			return err
		}
		for _, id := range lineIDs {
			if err := tx.DeleteLineRecursive(ctx, s, id); err != nil {
				return err
			}
		}
		return tx.Users.Delete(ctx, s, u.ID)
	})
}

// DeleteLineRecursive deletes the line with its endpoint (which a plain
// delete takes too) and the extensions no other line uses; its users lose
// it.
func (c *Client) DeleteLineRecursive(ctx context.Context, s Scope, lineID int) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		if err := tx.takeOffDevice(ctx, s, lineID); err != nil {
			return err
		}
		l, err := tx.Lines.Get(ctx, s, lineID)
		if err != nil {
			return err
		}
		for _, x := range l.Extensions {
			if err := tx.dropLineExtension(ctx, s, l.ID, x.ID); err != nil {
				return err
			}
		}
		return tx.Lines.Delete(ctx, s, l.ID) // its endpoint goes with it
	})
}

// takeOffDevice takes the line off its device, if it is on one.
func (c *Client) takeOffDevice(ctx context.Context, s Scope, lineID int) error {
	l, err := c.Lines.Get(ctx, s, lineID)
	if err != nil || l.DeviceID == nil {
		return err
	}
	return c.DissociateLineDevice(ctx, s, l.ID, *l.DeviceID)
}

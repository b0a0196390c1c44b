package confd

import (
	"context"

	"github.com/gopbx/confd/resources"
)

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
	var m *NewUser
	err := c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		m = n.attempt()
		return tx.createUserWith(ctx, s, m)
	})
	if err == nil {
		n.committed(m)
	}
	return err
}

func (c *Client) createUserWith(ctx context.Context, s Scope, n *NewUser) error {
	u := n.User
	if err := c.createUserAndVoicemail(ctx, s, u, n.Voicemail); err != nil {
		return err
	}
	for i := range n.Lines {
		if err := c.createUserLine(ctx, s, u, &n.Lines[i], i); err != nil {
			return err
		}
	}
	if err := c.routeAndGroupNewUser(ctx, s, n); err != nil {
		return err
	}
	if n.shownAsCreated() {
		return nil
	}
	return c.Users.loadAll(ctx, c.tx, []*resources.User{u})
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
		if !nl.shownAsCreated() || (nl.DeviceID != nil && *nl.DeviceID != "") {
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
	if u.TenantUUID != l.TenantUUID { // the line took its context's tenant
		return resources.ErrDifferentTenants("user_tenant_uuid", u.TenantUUID, "line_tenant_uuid", l.TenantUUID)
	}
	if !l.HasEndpoint() {
		return resources.ErrMissingAssociation("Line", "Endpoint", "line_id", l.ID)
	}
	if nl.reused {
		if err := checkLineGroup(ctx, c.tx, u.ID, l.ID); err != nil {
			return err
		}
	}
	ul := &userLine{UserID: u.ID, LineID: l.ID, MainUser: true, MainLine: position == 0, Position: position}
	l.Users = append(l.Users, resources.LineUserRef{UUID: u.UUID, Firstname: u.Firstname, Lastname: u.Lastname,
		Links: link(ctx, "users", u.ID)})
	mainUserCallerID(l, u.CallerID)
	u.Lines = append(u.Lines, l)
	return c.recordUserLine(ctx, c.tx, u, l, ul)
}

// createUserAndVoicemail creates u with the box vm brings: an existing
// one (vm.ID) is associated; a new one is checked and announced after the
// user, as wazo does, but stored first, so that the user's row names its
// box from the start.
func (c *Client) createUserAndVoicemail(ctx context.Context, s Scope, u *resources.User, vm *resources.Voicemail) error {
	if vm == nil || vm.ID != 0 || u.VoicemailID != nil {
		if err := c.Users.Create(ctx, s, u); err != nil {
			return err
		}
		return c.attachVoicemail(ctx, s, u, vm)
	}
	if err := c.Users.check(ctx, c.tx, s, nil, u); err != nil {
		return err
	}
	slot := c.tx.Reserve()
	if err := c.createVoicemailFor(ctx, s, u, vm); err != nil {
		return err
	}
	showUserVoicemail(ctx, u, vm.ID, vm.Name)
	if err := c.Users.save(ctx, c.tx, nil, u, slot); err != nil {
		return err
	}
	return c.announceUserVoicemail(ctx, c.tx, u, vm.ID, "associated")
}

// attachVoicemail associates the box vm names by ID, or creates it.
func (c *Client) attachVoicemail(ctx context.Context, s Scope, u *resources.User, vm *resources.Voicemail) error {
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

package confd

import (
	"context"
	"slices"
	"strconv"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// UserUpdate is a user edited with what comes with it, as wazo's
// PUT /users/{id}?recursive=true: the request describes the user whole.
type UserUpdate struct {
	// User holds the user's fields after the edit. With Change, it names
	// the user, and is filled with the user as saved.
	User *resources.User
	// Change, when set, edits the user's fields as the transaction reads
	// them, holding the user's row (see Manager.Edit): fields it leaves
	// alone keep what concurrent writers put there. It may run more than
	// once, each time on a fresh read.
	Change func(v *resources.User) error
	// Lines are the user's lines after the edit. An entry whose Line.ID
	// is one of the user's lines edits it (see EditUserLine); any other
	// is created and given to the user. The user's lines left out are
	// deleted with their endpoint and the extensions no other line uses.
	Lines []NewLine
	// Voicemail, when set, is the user's box after the edit: the same box
	// (by ID) is edited, another ID is associated and no ID creates a box.
	// A box the user gives up is deleted when no other user has it.
	Voicemail *resources.Voicemail
	// Groups are the groups the user is a member of after the edit.
	Groups []resources.GroupRef
	// Incalls are the incoming routes to the user after the edit (see
	// replaceUserIncalls).
	Incalls []NewUserIncall
	// Forwards, when set, are the user's forwards after the edit.
	Forwards *resources.Forwards
	// Fallbacks, when set, are the user's fallbacks after the edit.
	Fallbacks *resources.UserFallbacks
}

// UpdateUserWith applies u in one transaction: all of it, or nothing.
//
// For a line the user keeps, NewLine's fields mean: Line, the line's
// fields; an endpoint, when set, the line's endpoint edited (it must be of
// the line's endpoint type); Extensions, when not empty, the line's
// extensions after the edit (an ID edits one, no ID creates one, those left
// out are dissociated and deleted when unused); DeviceID, when set, the
// device the line is on ("" for none).
func (c *Client) UpdateUserWith(ctx context.Context, s Scope, u *UserUpdate) error {
	var m *UserUpdate
	err := c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		m = u.attempt() // see compound_attempt.go
		return tx.updateUserWith(ctx, s, m)
	})
	if err == nil {
		u.committed(m)
	}
	return err
}

func (c *Client) updateUserWith(ctx context.Context, s Scope, u *UserUpdate) error {
	if err := c.updateUserFields(ctx, s, u); err != nil {
		return err
	}
	if err := c.replaceUserLines(ctx, s, u.User, u.Lines); err != nil {
		return err
	}
	if err := c.SetUserGroups(ctx, s, u.User.ID, u.Groups); err != nil {
		return err
	}
	if err := c.replaceUserIncalls(ctx, s, u.User, u.Incalls); err != nil {
		return err
	}
	if u.Forwards != nil {
		if err := c.SetUserForwards(ctx, s, u.User.ID, *u.Forwards); err != nil {
			return err
		}
	}
	if u.Fallbacks != nil {
		if err := c.Users.SetFallbacks(ctx, s, u.User.ID, *u.Fallbacks); err != nil {
			return err
		}
	}
	return c.replaceUserVoicemail(ctx, s, u.User, u.Voicemail)
}

// updateUserFields saves the user's own fields: u.User whole, or
// u.Change applied to the user as read in the transaction.
func (c *Client) updateUserFields(ctx context.Context, s Scope, u *UserUpdate) error {
	if u.Change == nil {
		return c.Users.Update(ctx, s, u.User)
	}
	var edited *resources.User
	err := c.Users.Edit(ctx, s, u.User.ID, func(v *resources.User) error {
		edited = v
		return u.Change(v)
	})
	if err == nil {
		*u.User = *edited
	}
	return err
}

func (c *Client) replaceUserLines(ctx context.Context, s Scope, u *resources.User, lines []NewLine) error {
	var owned []int
	if err := c.tx.NewSelect().Table("user_lines").Column("line_id").Where("user_id = ?", u.ID).Scan(ctx, &owned); err != nil {
		return err
	}
	kept := map[int]bool{}
	for i := range lines {
		nl := &lines[i]
		if nl.Line.ID != 0 && slices.Contains(owned, nl.Line.ID) && !kept[nl.Line.ID] {
			kept[nl.Line.ID] = true
			if err := c.editUserLine(ctx, s, nl); err != nil {
				return err
			}
			continue
		}
		nl.Line.ID = 0
		if err := c.createUserLine(ctx, s, u, nl, -1); err != nil {
			return err
		}
	}
	for _, id := range owned {
		if !kept[id] {
			if err := c.DeleteLineRecursive(ctx, s, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// editUserLine edits a line the user keeps: its fields, endpoint,
// extensions and device.
func (c *Client) editUserLine(ctx context.Context, s Scope, nl *NewLine) error {
	current, err := c.Lines.Get(ctx, s, nl.Line.ID)
	if err != nil {
		return err
	}
	if err := c.editLineEndpoint(ctx, s, current, nl); err != nil {
		return err
	}
	device := nl.DeviceID
	if device == nil {
		device = current.DeviceID
	}
	if len(nl.Extensions) > 0 {
		// A line loses an extension off its device only: the phone is
		// put back once the line is edited.
		if current.DeviceID != nil && dropsExtension(current, nl.Extensions) {
			if err := c.DissociateLineDevice(ctx, s, current.ID, *current.DeviceID); err != nil {
				return err
			}
			current.DeviceID = nil
		}
		if err := c.replaceLineExtensions(ctx, s, current, nl.Extensions); err != nil {
			return err
		}
	}
	nl.Line.DeviceID = current.DeviceID
	if err := c.Lines.Update(ctx, s, nl.Line); err != nil {
		return err
	}
	return c.moveLine(ctx, s, current, device)
}

func dropsExtension(l *resources.Line, xs []*resources.Extension) bool {
	for _, old := range l.Extensions {
		kept := false
		for _, x := range xs {
			kept = kept || x.ID == old.ID
		}
		if !kept {
			return true
		}
	}
	return false
}

// editLineEndpoint edits the line's endpoint with the one nl carries,
// which must be of the same type and, when it names one, the same.
func (c *Client) editLineEndpoint(ctx context.Context, s Scope, l *resources.Line, nl *NewLine) error {
	kind, key, has := lineEndpointOf(l)
	wrongType := func(name string) error {
		return &resources.Error{Kind: resources.Invalid, Messages: []string{"There is already an endpoint associated " +
			"to the line that is not of type " + name + ". Cannot update the line with another endpoint type"}}
	}
	switch {
	case nl.EndpointSIP != nil:
		if !has || kind.name != "sip" {
			return wrongType("SIP")
		}
		if err := sameEndpoint(&nl.EndpointSIP.UUID, key, "uuid"); err != nil {
			return err
		}
		return c.EndpointsSIP.Update(ctx, s, nl.EndpointSIP)
	case nl.EndpointSCCP != nil:
		if !has || kind.name != "sccp" {
			return wrongType("SCCP")
		}
		id, _ := strconv.Atoi(key)
		if err := sameEndpoint(&nl.EndpointSCCP.ID, id, "id"); err != nil {
			return err
		}
		return c.EndpointsSCCP.Update(ctx, s, nl.EndpointSCCP)
	case nl.EndpointCustom != nil:
		if !has || kind.name != "custom" {
			return wrongType("custom")
		}
		id, _ := strconv.Atoi(key)
		if err := sameEndpoint(&nl.EndpointCustom.ID, id, "id"); err != nil {
			return err
		}
		return c.EndpointsCustom.Update(ctx, s, nl.EndpointCustom)
	}
	return nil
}

// sameEndpoint fills an endpoint's empty key with the line's, and
// refuses a key that is not the line's.
func sameEndpoint[K comparable](key *K, lineKey K, field string) error {
	var zero K
	if *key == zero {
		*key = lineKey
		return nil
	}
	if *key != lineKey {
		return resources.ErrInput("endpoint: %s '%v' is not the line's endpoint", field, *key)
	}
	return nil
}

// replaceLineExtensions makes xs the line's extensions.
func (c *Client) replaceLineExtensions(ctx context.Context, s Scope, l *resources.Line, xs []*resources.Extension) error {
	kept := map[int]bool{}
	for _, x := range xs {
		if x.ID != 0 {
			kept[x.ID] = true
		}
	}
	for _, old := range l.Extensions {
		if !kept[old.ID] {
			if err := c.dropLineExtension(ctx, s, l.ID, old.ID); err != nil {
				return err
			}
		}
	}
	for _, x := range xs {
		var err error
		if x.ID != 0 {
			err = c.Extensions.Update(ctx, s, x)
		} else {
			x.TenantUUID = l.TenantUUID
			err = c.CreateLineExtension(ctx, s, l.ID, x)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// dropLineExtension dissociates the extension from the line and deletes
// it when nothing else uses it.
func (c *Client) dropLineExtension(ctx context.Context, s Scope, lineID, extensionID int) error {
	if err := c.DissociateLineExtension(ctx, s, lineID, extensionID); err != nil {
		return err
	}
	return c.deleteIfUnused(ctx, s, extensionID)
}

// moveLine puts the line on device (nil: unchanged, "": on none).
func (c *Client) moveLine(ctx context.Context, s Scope, l *resources.Line, device *string) error {
	if device == nil || (l.DeviceID != nil && *l.DeviceID == *device) {
		return nil
	}
	if l.DeviceID != nil {
		if err := c.DissociateLineDevice(ctx, s, l.ID, *l.DeviceID); err != nil {
			return err
		}
	}
	if *device == "" {
		return nil
	}
	return c.AssociateLineDevice(ctx, s, l.ID, *device)
}

// replaceUserVoicemail edits the user's box, or swaps it for vm.
func (c *Client) replaceUserVoicemail(ctx context.Context, s Scope, u *resources.User, vm *resources.Voicemail) error {
	if vm == nil {
		return nil
	}
	current := u.VoicemailID
	if current != nil && vm.ID == *current {
		return c.Voicemails.Update(ctx, s, vm)
	}
	if current != nil {
		if err := c.DissociateUserVoicemail(ctx, s, u.ID); err != nil {
			return err
		}
		used, err := store.Exists(ctx, c.tx, "users", "voicemail_id = ?", *current)
		if err != nil {
			return err
		}
		if !used {
			if err := c.Voicemails.Delete(ctx, s, *current); err != nil {
				return err
			}
		}
		u.VoicemailID, u.Voicemail = nil, nil
	}
	return c.attachVoicemail(ctx, s, u, vm)
}

package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

var userVoicemailReload = reload.Commands("module reload chan_sccp.so", "module reload res_pjsip.so")

// AssociateUserVoicemail gives the user (id or uuid) the voicemail box
// voicemailID: same tenant, a personal box, and a user without one.
func (c *Client) AssociateUserVoicemail(ctx context.Context, s Scope, userRef any, voicemailID int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, err := store.Get[resources.User](ctx, tx, userTable, userRef, s.Tenants)
		if err != nil {
			return err
		}
		vm, err := store.Get[resources.Voicemail](ctx, tx, voicemailTable, voicemailID, s.Tenants)
		if err != nil {
			return err
		}
		if vm.TenantUUID != u.TenantUUID {
			return resources.ErrDifferentTenants("voicemail_tenant_uuid", vm.TenantUUID, "user_tenant_uuid", u.TenantUUID)
		}
		if u.VoicemailID != nil && *u.VoicemailID == vm.ID {
			return nil // associating the same pair again does nothing
		}
		if u.VoicemailID != nil {
			return resources.ErrAssociated("User", "Voicemail", "user_id", u.ID, "voicemail_id", vm.ID)
		}
		if vm.AccessType == resources.VoicemailGlobal {
			return resources.ErrNotPermitted("A global voicemail cannot be associated to users.")
		}
		return c.setUserVoicemail(ctx, tx, u, &vm.ID, vm.ID, "associated")
	})
}

// DissociateUserVoicemail takes the user's voicemail box away, if any.
func (c *Client) DissociateUserVoicemail(ctx context.Context, s Scope, userRef any) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, err := store.Get[resources.User](ctx, tx, userTable, userRef, s.Tenants)
		if err != nil || u.VoicemailID == nil {
			return err
		}
		return c.setUserVoicemail(ctx, tx, u, nil, *u.VoicemailID, "dissociated")
	})
}

// CreateUserVoicemail creates vm (in the user's tenant) and gives it to
// the user, in one transaction.
func (c *Client) CreateUserVoicemail(ctx context.Context, s Scope, userRef any, vm *resources.Voicemail) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		u, err := store.Get[resources.User](ctx, tx.tx, userTable, userRef, s.Tenants)
		if err != nil {
			return err
		}
		return tx.createUserVoicemail(ctx, s, u, vm)
	})
}

// createUserVoicemail creates vm for u, loaded in this transaction, and
// gives it to u: a new box has no other user.
func (c *Client) createUserVoicemail(ctx context.Context, s Scope, u *resources.User, vm *resources.Voicemail) error {
	if u.VoicemailID != nil {
		return resources.ErrAssociated("User", "Voicemail", "user_id", u.ID, "voicemail_id", *u.VoicemailID)
	}
	if err := c.createVoicemailFor(ctx, s, u, vm); err != nil {
		return err
	}
	if err := c.setUserVoicemail(ctx, c.tx, u, &vm.ID, vm.ID, "associated"); err != nil {
		return err
	}
	showUserVoicemail(ctx, u, vm.ID, vm.Name)
	return nil
}

// createVoicemailFor creates vm, a box for u: in u's tenant (a box takes
// its context's), named after u unless named, and not global.
func (c *Client) createVoicemailFor(ctx context.Context, s Scope, u *resources.User, vm *resources.Voicemail) error {
	if vm.Name == "" {
		vm.Name = u.FullName()
	}
	vm.TenantUUID = u.TenantUUID
	if err := c.Voicemails.Create(ctx, s, vm); err != nil {
		return err
	}
	if vm.TenantUUID != u.TenantUUID {
		return resources.ErrDifferentTenants("voicemail_tenant_uuid", vm.TenantUUID, "user_tenant_uuid", u.TenantUUID)
	}
	if vm.AccessType == resources.VoicemailGlobal {
		return resources.ErrNotPermitted("A global voicemail cannot be associated to users.")
	}
	return nil
}

func (c *Client) setUserVoicemail(ctx context.Context, tx *store.Tx, u *resources.User, id *int, vmID int, verb string) error {
	if err := tx.ExecLater(ctx, tx.NewUpdate().Table("users").Set("voicemail_id = ?", id).Where("id = ?", u.ID)); err != nil {
		return err
	}
	return c.announceUserVoicemail(ctx, tx, u, vmID, verb)
}

// announceUserVoicemail announces that u got (or lost) box vmID.
func (c *Client) announceUserVoicemail(ctx context.Context, tx *store.Tx, u *resources.User, vmID int, verb string) error {
	tx.Reload(userVoicemailReload)
	action := assocAction(verb)
	data := map[string]any{"user_uuid": u.UUID, "voicemail_id": vmID}
	return tx.Emit(ctx, withOrigin(c, userEvent("user_voicemail_"+verb, "config.users."+u.UUID+".voicemails."+action, u, data))...)
}

// UserVoicemail returns the user's voicemail box, or nil.
func (c *Client) UserVoicemail(ctx context.Context, s Scope, userRef any) (*resources.Voicemail, error) {
	u, err := c.Users.Get(ctx, s, userRef)
	if err != nil || u.VoicemailID == nil {
		return nil, err
	}
	return c.Voicemails.Get(ctx, Scope{}, *u.VoicemailID)
}

// loadUserVoicemails shows each user's voicemail box as {id, name, links}.
func loadUserVoicemails(ctx context.Context, db bun.IDB, users []*resources.User) error {
	for _, u := range users {
		if u.VoicemailID == nil {
			continue
		}
		var name string
		if err := db.NewSelect().Table("voicemails").Column("name").Where("id = ?", *u.VoicemailID).Scan(ctx, &name); err != nil {
			return err
		}
		showUserVoicemail(ctx, u, *u.VoicemailID, name)
	}
	return nil
}

// showUserVoicemail gives u the box id, shown as a read shows it.
func showUserVoicemail(ctx context.Context, u *resources.User, id int, name string) {
	u.VoicemailID = &id
	u.Voicemail = map[string]any{"id": id, "name": name, "links": link(ctx, "voicemails", id)}
}

// loadVoicemailUsers lists the users of each box.
func loadVoicemailUsers(ctx context.Context, db bun.IDB, items []*resources.Voicemail) error {
	for _, vm := range items {
		vm.Users = []resources.VoicemailUser{} // a reload replaces them
		var users []resources.User
		if err := db.NewSelect().Model(&users).Column("id", "uuid", "firstname", "lastname").Where("voicemail_id = ?", vm.ID).OrderExpr("id").Scan(ctx); err != nil {
			return err
		}
		for _, u := range users {
			vm.Users = append(vm.Users, resources.VoicemailUser{UUID: u.UUID, Firstname: u.Firstname, Lastname: u.Lastname,
				Links: link(ctx, "users", u.ID)})
		}
	}
	return nil
}

package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Voicemail is a mailbox, re-exported for library users.
type Voicemail = resources.Voicemail

// Voicemails manages voicemail boxes: a number in a context, owned by the
// context's tenant. Renumbering or deleting a box asks sysconfd to move or
// remove its messages.
type Voicemails struct {
	*Manager[resources.Voicemail, *resources.Voicemail]
}

var voicemailTable = tableSpec{resource: "Voicemail", class: "VoicemailSchema", search: "voicemail", key: "id"}.table()

func newVoicemails(c *Client) *Voicemails {
	fam := &family[resources.Voicemail]{
		table: voicemailTable,
		prepare: func(ctx context.Context, tx *store.Tx, s Scope, old, v *resources.Voicemail) error {
			if old != nil && len(old.Users) > 0 && v.AccessType == resources.VoicemailGlobal {
				return resources.ErrNotPermitted("A global voicemail cannot be associated to users.")
			}
			return prepareVoicemail(ctx, tx, s, old, v)
		},
		conflict: checkVoicemailUnique,
		beforeDelete: func(_ context.Context, _ *store.Tx, v *resources.Voicemail) error {
			if len(v.Users) > 0 {
				return resources.ErrAssociated("Voicemail", "User", "voicemail_id", v.ID, "user_uuid", v.Users[0].UUID)
			}
			return nil
		},
		load: loadVoicemails,
		fresh: func(ctx context.Context, v *resources.Voicemail) bool {
			v.Links = link(ctx, "voicemails", v.ID) // no user yet
			return true
		},
		events: voicemailEvents,
		reload: voicemailReload,
	}
	return &Voicemails{&Manager[resources.Voicemail, *resources.Voicemail]{c: c, fam: fam}}
}

// prepareVoicemail checks, in wazo's order, the context (visible to the
// caller; a new box belongs to its context's tenant, an existing one cannot
// move to another tenant), the timezone, that number@context is free and
// that the context has no other global box (for an edit: a new box is
// checked by its insert, see checkVoicemailUnique).
func prepareVoicemail(ctx context.Context, tx *store.Tx, s Scope, old, v *resources.Voicemail) error {
	if old != nil {
		v.ID, v.TenantUUID = old.ID, old.TenantUUID
	}
	if _, err := inContext(ctx, tx, s, v.Context, old == nil, &v.TenantUUID); err != nil {
		return err
	}
	if v.Timezone != nil {
		known, err := timezoneDefined(ctx, tx, *v.Timezone)
		if err != nil {
			return err
		}
		if !known {
			return resources.ErrInputNotFound("timezone", "Timezone", "timezone", *v.Timezone)
		}
	}
	if old == nil {
		return nil
	}
	return checkVoicemailUnique(ctx, tx, v)
}

// checkVoicemailUnique refuses a second box with the same number@context
// and a second global box in a context: before an edit, and after the
// insert of a new box found one of them taken.
func checkVoicemailUnique(ctx context.Context, tx *store.Tx, v *resources.Voicemail) error {
	dup, err := store.Find[resources.Voicemail](ctx, tx, voicemailTable, nil,
		"number = ? AND context = ? AND id <> ?", v.Number, v.Context, v.ID)
	if err != nil {
		return err
	}
	if dup != nil {
		return resources.ErrExists("Voicemail", "number", dup.Number, "context", dup.Context)
	}
	if v.AccessType != resources.VoicemailGlobal {
		return nil
	}
	global, err := store.Exists(ctx, tx, "voicemails", "accesstype = ? AND context = ? AND id <> ?",
		resources.VoicemailGlobal, v.Context, v.ID)
	if err != nil {
		return err
	}
	if global {
		return resources.ErrNotPermitted("There can be only one global voicemail per context.")
	}
	return nil
}

// loadVoicemails adds links and the users of each box.
func loadVoicemails(ctx context.Context, db bun.IDB, items []*resources.Voicemail) error {
	for _, v := range items {
		v.Links = link(ctx, "voicemails", v.ID)
	}
	return loadVoicemailUsers(ctx, db, items)
}

// voicemailCRUDEvents are the contract's voicemail_created, _edited and
// _deleted.
var voicemailCRUDEvents = crudEvents[resources.Voicemail]("voicemail", "voicemail")

// voicemailEvents adds, to an edit's, one event for each user of the box.
func voicemailEvents(op Op, old, v *resources.Voicemail) []events.Event {
	evs := voicemailCRUDEvents(op, old, v)
	if op != Edited {
		return evs
	}
	for _, u := range v.Users { // each user of the box hears of the edit
		data := map[string]any{"user_uuid": u.UUID, "voicemail_id": v.ID}
		ev := tenantEvent("user_voicemail_edited", "config.users."+u.UUID+".voicemails.edited", v.TenantUUID, data)
		ev.Headers = map[string]any{"user_uuid:" + u.UUID: true}
		evs = append(evs, ev)
	}
	return evs
}

// voicemailReload reloads app_voicemail (and on edit the channel drivers,
// which embed the mailbox), and asks sysconfd to move the messages of a
// renumbered box or to remove those of a deleted one.
func voicemailReload(op Op, old, v *resources.Voicemail) reload.Request {
	switch op {
	case Edited:
		req := reload.Commands("voicemail reload", "module reload res_pjsip.so", "module reload chan_sccp.so")
		if old.Number != v.Number || old.Context != v.Context {
			req.Calls = []reload.Call{{Method: "GET", Path: "/move_voicemail", Query: map[string]string{
				"old_mailbox": old.Number, "old_context": old.Context,
				"new_mailbox": v.Number, "new_context": v.Context,
			}}}
		}
		return req
	case Deleted:
		req := reload.Commands("voicemail reload")
		req.Calls = []reload.Call{{Method: "GET", Path: "/delete_voicemail",
			Query: map[string]string{"mailbox": v.Number, "context": v.Context}}}
		return req
	}
	return reload.Commands("voicemail reload")
}

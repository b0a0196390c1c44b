package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Extensions manages extensions: numbers (or patterns) in a context.
type Extensions struct {
	*Manager[resources.Extension, *resources.Extension]
}

var extensionTable = tableSpec{resource: "Extension", class: "ExtensionSchema", search: "extension", key: "id",
	exprs: map[string]string{"type": "(SELECT c.type FROM contexts AS c WHERE c.name = ?TableAlias.context)"}}.table()

func newExtensions(c *Client) *Extensions {
	fam := &family[resources.Extension]{
		table:    extensionTable,
		prepare:  prepareExtension,
		conflict: extensionTaken,
		load:     loadExtensions,
		fresh: func(ctx context.Context, v *resources.Extension) bool {
			v.Links = link(ctx, "extensions", v.ID) // no line, group or incall yet
			return true
		},
		beforeDelete: checkExtensionUnused,
		events:       crudEvents[resources.Extension]("extension", "extension"),
		reload:       extensionReload,
	}
	return &Extensions{&Manager[resources.Extension, *resources.Extension]{c: c, fam: fam}}
}

// prepareExtension checks the context (visible to the caller; a new
// extension belongs to its context's tenant, an existing one cannot move to
// another tenant), the exten's form for the context's type and, for an
// edit, that exten@context is free (a new one is checked by its insert).
func prepareExtension(ctx context.Context, tx *store.Tx, s Scope, old, v *resources.Extension) error {
	if old != nil {
		v.ID, v.TenantUUID = old.ID, old.TenantUUID
	}
	c, err := inContext(ctx, tx, s, v.Context, old == nil, &v.TenantUUID)
	if err != nil {
		return err
	}
	if err := v.CheckExten(c.Type); err != nil {
		return err
	}
	if old != nil && len(old.Lines) > 0 {
		if err := checkExtensionForLine(ctx, tx, v); err != nil {
			return err
		}
	}
	if old == nil {
		return nil
	}
	if err := checkExtensionEdit(c, old, v); err != nil {
		return err
	}
	dup, err := extensionAt(ctx, tx, v.Exten, v.Context)
	if err != nil {
		return err
	}
	if dup != nil && dup.ID != v.ID {
		return resources.ErrExists("Extension", "exten", v.Exten, "context", v.Context)
	}
	return nil
}

// extensionTaken explains a new extension's insert that found exten@context
// taken (the only unique value of extensions).
func extensionTaken(_ context.Context, _ *store.Tx, v *resources.Extension) error {
	return resources.ErrExists("Extension", "exten", v.Exten, "context", v.Context)
}

// extensionAt finds exten@context in any tenant, once per transaction
// until extensions are written.
func extensionAt(ctx context.Context, tx *store.Tx, exten, context string) (*resources.Extension, error) {
	return store.Memo(tx, extensionTable.Resource+":"+exten+"@"+context, func() (*resources.Extension, error) {
		return store.Find[resources.Extension](ctx, tx, extensionTable, nil, "exten = ? AND context = ?", exten, context)
	})
}

func loadExtensions(ctx context.Context, db bun.IDB, items []*resources.Extension) error {
	for _, v := range items {
		v.Links = link(ctx, "extensions", v.ID)
	}
	if err := loadExtensionOwners(ctx, db, items); err != nil {
		return err
	}
	return loadExtensionLines(ctx, db, items)
}

// checkExtensionUnused refuses to delete an extension a line rings or
// that calls a group or an incall.
func checkExtensionUnused(ctx context.Context, tx *store.Tx, v *resources.Extension) error {
	if len(v.Lines) > 0 {
		return resources.ErrAssociated("Extension", "Line", "extension_id", v.ID, "line_id", v.Lines[0].ID)
	}
	return checkExtensionNotUsed(v)
}

// extensionReload reloads the dialplan, and on a real edit the channel
// drivers and queues that embed the number.
func extensionReload(op Op, old, v *resources.Extension) reload.Request {
	if op != Edited {
		return reload.Commands("dialplan reload")
	}
	if old.Exten == v.Exten && old.Context == v.Context && *old.Enabled == *v.Enabled {
		return reload.Request{}
	}
	return reload.Commands("dialplan reload", "module reload res_pjsip.so",
		"module reload chan_sccp.so", "module reload app_queue.so")
}

// deleteIfUnused deletes extension id unless something still uses it.
func (c *Client) deleteIfUnused(ctx context.Context, s Scope, id int) error {
	kind, _, err := extensionUse(ctx, c.tx, id)
	if err != nil || kind != "" {
		return err
	}
	used, err := store.Exists(ctx, c.tx, "line_extensions", "extension_id = ?", id)
	if err != nil || used {
		return err
	}
	return c.Extensions.Delete(ctx, s, id)
}

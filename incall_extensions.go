package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

type incallExtension struct {
	bun.BaseModel `bun:"table:incall_extensions"`
	IncallID      int `bun:"incall_id,pk"`
	ExtensionID   int `bun:"extension_id"`
}

var incallExtensionReload = reload.Commands("dialplan reload")

// AssociateExtension makes extension extensionID (a DID) reach incall id:
// same tenant, one extension per incall and one incall per extension, an
// extension used by nothing else, in an incall context (its incall ranges
// are not checked, as in wazo).
// Associating the same pair again does nothing.
func (m *Incalls) AssociateExtension(ctx context.Context, s Scope, id, extensionID int) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		v, x, err := incallAndExtension(ctx, tx, s, id, extensionID)
		if err != nil {
			return err
		}
		if x.TenantUUID != v.TenantUUID {
			return resources.ErrDifferentTenants("extension_tenant_uuid", x.TenantUUID, "incall_tenant_uuid", v.TenantUUID)
		}
		var current incallExtension
		err = tx.NewSelect().Model(&current).Where("incall_id = ?", v.ID).Scan(ctx)
		switch {
		case err == nil && current.ExtensionID == x.ID:
			return nil
		case err == nil:
			return resources.ErrAssociated("Incall", "Extension", "incall_id", itoa(v.ID), "extension_id", current.ExtensionID)
		case !store.IsNoRows(err):
			return err
		}
		if err := checkIncallExtension(ctx, tx, x); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(&incallExtension{IncallID: v.ID, ExtensionID: x.ID}).Exec(ctx); err != nil {
			return store.FormatError(err, "IncallExtension")
		}
		return m.announceExtension(ctx, tx, v, x, "associated")
	})
}

func checkIncallExtension(ctx context.Context, tx *store.Tx, x *resources.Extension) error {
	kind, id, err := extensionUse(ctx, tx, x.ID)
	if err != nil {
		return err
	}
	if kind == "incall" {
		return resources.ErrAssociated("Incall", "Extension", "incall_id", itoa(id), "extension_id", x.ID)
	}
	if kind != "" {
		return resources.ErrAssociated("Extension", kind, "extension_id", x.ID, "associated_id", itoa(id))
	}
	// The context must be an incall one; as in wazo, a DID outside its
	// ranges is accepted (POST /users adds the range it needs).
	_, err = extensionContext(ctx, tx, x, resources.ContextIncall)
	return err
}

// DissociateExtension takes extension extensionID from incall id;
// dissociating a pair that is not associated does nothing.
func (m *Incalls) DissociateExtension(ctx context.Context, s Scope, id, extensionID int) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		v, x, err := incallAndExtension(ctx, tx, s, id, extensionID)
		if err != nil {
			return err
		}
		res, err := tx.NewDelete().Model((*incallExtension)(nil)).Where("incall_id = ? AND extension_id = ?", v.ID, x.ID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return m.announceExtension(ctx, tx, v, x, "dissociated")
	})
}

func (m *Incalls) announceExtension(ctx context.Context, tx *store.Tx, v *resources.Incall, x *resources.Extension, verb string) error {
	tx.Reload(incallExtensionReload)
	data := map[string]any{"incall_id": v.ID, "extension_id": x.ID}
	ev := tenantEvent("incall_extension_"+verb, "config.incalls.extensions."+assocAction(verb), v.TenantUUID, data)
	return tx.Emit(ctx, withOrigin(m.c, ev)...)
}

// incallAndExtension loads both, the extension locked (see lockedExtension).
func incallAndExtension(ctx context.Context, tx *store.Tx, s Scope, id, extensionID int) (*resources.Incall, *resources.Extension, error) {
	v, err := store.Get[resources.Incall](ctx, tx, incallTable, id, s.Tenants)
	if err != nil {
		return nil, nil, err
	}
	x, err := lockedExtension(ctx, tx, s, extensionID)
	return v, x, err
}

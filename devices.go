package confd

import (
	"context"
	"slices"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Device is a phone or gateway.
type Device = resources.Device

// DeviceStore keeps devices. The default keeps them in confd's own
// database; wazo keeps them in wazo-provd, and a store talking to it can
// replace the default without any change to the Devices manager's callers.
// Methods taking tenants see only those tenants (nil: every tenant).
type DeviceStore interface {
	// Get returns device id; a missing device is NotFound.
	Get(ctx context.Context, tenants []string, id string) (*Device, error)
	// FindByMAC returns the device of any tenant with this lower-case MAC
	// address, or nil.
	FindByMAC(ctx context.Context, mac string) (*Device, error)
	// List returns a page of the devices and the total.
	List(ctx context.Context, tenants []string, p ListParams) ([]Device, int, error)
	// Create stores a new device, giving it an id and an autoprov
	// configuration unless it has them.
	Create(ctx context.Context, v *Device) error
	// Update saves every field of v.
	Update(ctx context.Context, v *Device) error
	// Delete removes v.
	Delete(ctx context.Context, v *Device) error
	// Synchronize pushes the device's configuration to the device.
	Synchronize(ctx context.Context, v *Device) error
	// ResetAutoprov gives the device a new autoprov configuration, losing
	// its options and template.
	ResetAutoprov(ctx context.Context, v *Device) error
	// Plugins and Templates list the provisioning plugins and the device
	// templates a device may name.
	Plugins(ctx context.Context) ([]string, error)
	Templates(ctx context.Context) ([]string, error)
}

// Devices manages devices through a DeviceStore: validation, tenants, MAC
// uniqueness, the plugin and template catalogs, and the device events.
type Devices struct {
	c *Client
	// open returns the store working on db (the transaction of a write).
	open func(db bun.IDB) DeviceStore
}

var deviceTable = store.Table{
	Resource: "Device", Key: "id", Tenant: "tenant_uuid",
	Search: store.SearchSpec{Default: "ip", Columns: map[string]store.Column{
		"id": {}, "ip": {}, "mac": {}, "sn": {}, "plugin": {}, "vendor": {},
		"model": {}, "version": {}, "description": {}, "config": {},
	}},
}

func newDevices(c *Client) *Devices {
	return &Devices{c: c, open: func(db bun.IDB) DeviceStore { return dbDevices{db} }}
}

func (m *Devices) store() DeviceStore { return m.open(m.db()) }

func (m *Devices) db() bun.IDB { return m.c.conn() }

// fill sets the computed fields of devices read from the store.
func (m *Devices) fill(ctx context.Context, items ...*Device) {
	unallocated := m.unallocatedTenants()
	for _, v := range items {
		v.ComputeStatus()
		if v.Corrupted() {
			v.TemplateID = nil // the template lives in the lost configuration
		}
		v.IsNew = slices.Contains(unallocated, v.TenantUUID)
		v.Links = link(ctx, "devices", v.ID)
	}
}

// Get returns device id visible in s.
func (m *Devices) Get(ctx context.Context, s Scope, id string) (*Device, error) {
	v, err := m.store().Get(ctx, s.Tenants, id)
	if err != nil {
		return nil, err
	}
	m.fill(ctx, v)
	return v, nil
}

// List returns a page of the devices visible in s and the total.
func (m *Devices) List(ctx context.Context, s Scope, p ListParams) ([]Device, int, error) {
	items, total, err := m.store().List(ctx, s.Tenants, p)
	if err != nil {
		return nil, 0, err
	}
	ptrs := make([]*Device, len(items))
	for i := range items {
		ptrs[i] = &items[i]
	}
	m.fill(ctx, ptrs...)
	return items, total, nil
}

// ParseList reads wazo's list query parameters for devices.
func (m *Devices) ParseList(q map[string][]string) (ListParams, error) {
	return store.ParseListParams(q, deviceTable.Search)
}

// Create validates v and stores it in its tenant, which must be visible
// in s. The MAC address must be free in every tenant.
func (m *Devices) Create(ctx context.Context, s Scope, v *Device) error {
	v.Defaults()
	if err := v.Validate(); err != nil {
		return err
	}
	if v.ID != "" && !resources.ValidDeviceID(v.ID) {
		return resources.ErrInput("id: ['String does not match expected pattern.']")
	}
	if !s.Allows(v.TenantUUID) {
		return store.NotFound("Tenant", "uuid", v.TenantUUID)
	}
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		st := m.open(tx)
		if v.ID != "" {
			if _, err := st.Get(ctx, nil, v.ID); err == nil {
				return resources.ErrExists("Device", "id", v.ID)
			}
		}
		if err := m.check(ctx, st, v); err != nil {
			return err
		}
		if err := st.Create(ctx, v); err != nil {
			return err
		}
		m.fill(ctx, v)
		return m.emit(ctx, tx, "created", v.TenantUUID, v.ID)
	})
}

// Update saves v, a device read with Get and changed; its tenant and
// configuration stay. A corrupted device cannot take a template. What
// other writers changed since v was read is overwritten: Edit is the
// partial update that loses nothing.
func (m *Devices) Update(ctx context.Context, s Scope, v *Device) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		return m.save(ctx, tx, s, v)
	})
}

// Edit applies change to device id visible in s and saves it as Update
// does, in one transaction that holds the device's row in confd's
// database from its read to the commit. change may run more than once,
// each time on a fresh read.
func (m *Devices) Edit(ctx context.Context, s Scope, id string, change func(v *Device) error) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		if tx.Engine == store.Postgres && (s.Tenants == nil || len(s.Tenants) > 0) { // no tenant: Get answers 404
			lock := tx.NewSelect().Table("devices").ColumnExpr("1").Where("id = ?", id).For("UPDATE")
			if s.Tenants != nil {
				lock.Where("tenant_uuid IN (?)", bun.List(s.Tenants))
			}
			if _, err := lock.Exec(ctx); err != nil {
				return err
			}
		}
		v, err := m.open(tx).Get(ctx, s.Tenants, id)
		if err != nil {
			return err
		}
		m.fill(ctx, v)
		if err := change(v); err != nil {
			return err
		}
		return m.save(ctx, tx, s, v)
	})
}

// save is Update's transaction.
func (m *Devices) save(ctx context.Context, tx *store.Tx, s Scope, v *Device) error {
	v.Defaults()
	if err := v.Validate(); err != nil {
		return err
	}
	st := m.open(tx)
	old, err := st.Get(ctx, s.Tenants, v.ID)
	if err != nil {
		return err
	}
	m.fill(ctx, old)
	if old.Corrupted() && !sameString(old.TemplateID, v.TemplateID) {
		return resources.ErrDeviceCorrupted(v.ID)
	}
	v.TenantUUID, v.Config = old.TenantUUID, old.Config
	if err := m.check(ctx, st, v); err != nil {
		return err
	}
	if err := st.Update(ctx, v); err != nil {
		return err
	}
	m.fill(ctx, v)
	return m.emit(ctx, tx, "edited", v.TenantUUID, v.ID)
}

// check applies wazo's device rules in wazo's order: known plugin, known
// template, MAC address free.
func (m *Devices) check(ctx context.Context, st DeviceStore, v *Device) error {
	if v.Plugin != nil {
		if err := member(ctx, st.Plugins, *v.Plugin, "plugin", "Plugin"); err != nil {
			return err
		}
	}
	if v.TemplateID != nil {
		if err := member(ctx, st.Templates, *v.TemplateID, "template_id", "DeviceTemplate"); err != nil {
			return err
		}
	}
	if v.MAC == nil {
		return nil
	}
	dup, err := st.FindByMAC(ctx, *v.MAC)
	if err != nil {
		return err
	}
	if dup != nil && dup.ID != v.ID {
		return resources.ErrExists("Device", "mac", *v.MAC)
	}
	return nil
}

func member(ctx context.Context, list func(context.Context) ([]string, error), value, field, resource string) error {
	items, err := list(ctx)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it == value {
			return nil
		}
	}
	return resources.ErrInputNotFound(field, resource, field, value)
}

// Delete removes device id visible in s, unless lines are on it.
func (m *Devices) Delete(ctx context.Context, s Scope, id string) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		st := m.open(tx)
		v, err := st.Get(ctx, s.Tenants, id)
		if err != nil {
			return err
		}
		if err := deviceUnused(ctx, tx, v.ID); err != nil {
			return err
		}
		if err := st.Delete(ctx, v); err != nil {
			return err
		}
		return m.emit(ctx, tx, "deleted", v.TenantUUID, v.ID)
	})
}

// Synchronize asks for device id, visible in s, to fetch its configuration.
func (m *Devices) Synchronize(ctx context.Context, s Scope, id string) error {
	return m.act(ctx, s, id, DeviceStore.Synchronize)
}

// ResetAutoprov puts device id, visible in s, back in autoprov mode, ready
// for another provisioning code: its lines leave it (line_device_dissociated
// each). As in wazo, it announces no device event.
func (m *Devices) ResetAutoprov(ctx context.Context, s Scope, id string) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		st := m.open(tx)
		v, err := st.Get(ctx, s.Tenants, id)
		if err != nil {
			return err
		}
		if err := m.c.releaseDeviceLines(ctx, tx, v); err != nil {
			return err
		}
		return st.ResetAutoprov(ctx, v)
	})
}

func (m *Devices) act(ctx context.Context, s Scope, id string, fn func(DeviceStore, context.Context, *Device) error) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		st := m.open(tx)
		v, err := st.Get(ctx, s.Tenants, id)
		if err != nil {
			return err
		}
		return fn(st, ctx, v)
	})
}

func (m *Devices) emit(ctx context.Context, tx *store.Tx, verb, tenant, id string) error {
	ev := tenantEvent("device_"+verb, "config.device."+verb, tenant, map[string]any{"id": id})
	return tx.Emit(ctx, withOrigin(m.c, ev)...)
}

func sameString(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

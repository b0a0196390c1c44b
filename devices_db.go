package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// dbDevices is the DeviceStore in confd's own database, with the catalogs
// of plugins and templates in tables of their own.
type dbDevices struct{ db bun.IDB }

var _ DeviceStore = dbDevices{}

func (d dbDevices) Get(ctx context.Context, tenants []string, id string) (*Device, error) {
	return store.Get[Device](ctx, d.db, deviceTable, id, tenants)
}

func (d dbDevices) FindByMAC(ctx context.Context, mac string) (*Device, error) {
	return store.Find[Device](ctx, d.db, deviceTable, nil, "mac = ?", mac)
}

func (d dbDevices) List(ctx context.Context, tenants []string, p ListParams) ([]Device, int, error) {
	return store.List[Device](ctx, d.db, deviceTable, tenants, p)
}

func (d dbDevices) Create(ctx context.Context, v *Device) error {
	if v.ID == "" {
		v.ID = resources.NewDeviceID()
	}
	if v.Config == nil {
		v.Config = resources.Ptr(resources.NewAutoprovConfig())
	}
	_, err := d.db.NewInsert().Model(v).Exec(ctx)
	return macError(err, v)
}

func (d dbDevices) Update(ctx context.Context, v *Device) error {
	_, err := d.db.NewUpdate().Model(v).WherePK().Exec(ctx)
	return macError(err, v)
}

// macError reports a unique violation, the MAC address taken by a
// concurrent write, as wazo's "Device already exists".
func macError(err error, v *Device) error {
	if v.MAC != nil && store.ViolationOf(err) == store.UniqueViolation {
		return resources.ErrExists("Device", "mac", *v.MAC)
	}
	return store.FormatError(err, "Device")
}

func (d dbDevices) Delete(ctx context.Context, v *Device) error {
	return store.Delete(ctx, d.db, deviceTable, v)
}

// Synchronize has nothing to push: without a provisioning server the
// device fetches its configuration by itself.
func (d dbDevices) Synchronize(context.Context, *Device) error { return nil }

func (d dbDevices) ResetAutoprov(ctx context.Context, v *Device) error {
	v.Config = resources.Ptr(resources.NewAutoprovConfig())
	v.Options, v.TemplateID = nil, nil
	return d.Update(ctx, v)
}

func (d dbDevices) Plugins(ctx context.Context) ([]string, error) {
	var out []string
	err := d.db.NewSelect().Table("device_plugins").Column("name").Scan(ctx, &out)
	return out, err
}

func (d dbDevices) Templates(ctx context.Context) ([]string, error) {
	var out []string
	err := d.db.NewSelect().Table("device_templates").Column("id").Scan(ctx, &out)
	return out, err
}

package confd

import (
	"context"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// GetMain returns the main phone number of tenant (which s must see);
// NotFound when the tenant has none.
func (m *PhoneNumbers) GetMain(ctx context.Context, s Scope, tenant string) (*resources.PhoneNumber, error) {
	notFound := resources.ErrNotFound("PhoneNumber", "main", true)
	if !s.Allows(tenant) {
		return nil, notFound
	}
	v, err := store.Find[resources.PhoneNumber](ctx, m.db(), phoneNumberTable, []string{tenant}, "?TableAlias.main = ?", true)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, notFound
	}
	return v, m.loadAll(ctx, m.db(), []*resources.PhoneNumber{v})
}

// SetMain makes the number uuid of tenant (which s must see) the tenant's
// main number, and shared; the previous main number stops being main. A
// number of another tenant, even a sub-tenant, is NotFound. Concurrent
// setters, in this process or another on the same PostgreSQL, take turns
// on the tenant's row; a unique index keeps one main number per tenant
// whatever happens. It announces each number edited, then
// phone_number_main_updated.
func (m *PhoneNumbers) SetMain(ctx context.Context, s Scope, tenant, uuid string) (*resources.PhoneNumber, error) {
	var next *resources.PhoneNumber
	err := m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		if !s.Allows(tenant) {
			return resources.ErrNotFound("PhoneNumber", "uuid", uuid)
		}
		if err := lockTenant(ctx, tx, tenant); err != nil {
			return err
		}
		current, err := store.Find[resources.PhoneNumber](ctx, tx, phoneNumberTable, []string{tenant}, "?TableAlias.main = ?", true)
		if err != nil {
			return err
		}
		if next, err = store.Get[resources.PhoneNumber](ctx, tx, phoneNumberTable, uuid, []string{tenant}); err != nil {
			return err
		}
		return m.switchMain(ctx, tx, current, next)
	})
	if err != nil {
		return nil, err
	}
	return next, nil
}

// lockTenant serializes the writers of a tenant's main number: on
// PostgreSQL it locks the tenant's row (FOR NO KEY UPDATE, which still lets
// other transactions insert rows referring to the tenant); SQLite has one
// writer at a time.
func lockTenant(ctx context.Context, tx *store.Tx, tenant string) error {
	if tx.Engine != store.Postgres {
		return nil
	}
	var uuid string
	err := tx.NewSelect().Table("tenants").Column("uuid").Where("uuid = ?", tenant).For("NO KEY UPDATE").Scan(ctx, &uuid)
	return store.FormatError(err, "Tenant", "uuid", tenant)
}

// switchMain moves the main flag from current (nil when none) to next.
func (m *PhoneNumbers) switchMain(ctx context.Context, tx *store.Tx, current, next *resources.PhoneNumber) error {
	var evs []events.Event
	if current != nil && current.UUID != next.UUID {
		if _, err := tx.NewUpdate().Table("phone_numbers").Set("main = ?", false).Where("uuid = ?", current.UUID).Exec(ctx); err != nil {
			return err
		}
		current.Main = false
		current.Links = phoneNumberLink(ctx, current.UUID)
		evs = append(evs, phoneNumberEvent("edited", current))
	}
	if _, err := tx.NewUpdate().Table("phone_numbers").Set("main = ?, shared = ?", true, true).Where("uuid = ?", next.UUID).Exec(ctx); err != nil {
		return store.FormatError(err, "PhoneNumber", "main", true, "tenant_uuid", next.TenantUUID)
	}
	next.Main, next.Shared = true, true
	next.Links = phoneNumberLink(ctx, next.UUID)
	var was any
	if current != nil {
		was = current.UUID
	}
	data := map[string]any{"current_main_uuid": was, "new_main_uuid": next.UUID}
	evs = append(evs, phoneNumberEvent("edited", next),
		tenantEvent("phone_number_main_updated", "config.phone_number.main.updated", next.TenantUUID, data))
	return tx.Emit(ctx, withOrigin(m.c, evs...)...)
}

// CreatePhoneNumberRange is [PhoneNumbers.CreateRange].
func (c *Client) CreatePhoneNumberRange(ctx context.Context, s Scope, tenant, start, end string) (*resources.PhoneNumberRange, error) {
	return c.PhoneNumbers.CreateRange(ctx, s, tenant, start, end)
}

// SetMainPhoneNumber is [PhoneNumbers.SetMain].
func (c *Client) SetMainPhoneNumber(ctx context.Context, s Scope, tenant, uuid string) (*resources.PhoneNumber, error) {
	return c.PhoneNumbers.SetMain(ctx, s, tenant, uuid)
}

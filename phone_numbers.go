package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// PhoneNumber is a number of a tenant (caller id, incoming call routing).
type PhoneNumber = resources.PhoneNumber

// PhoneNumbers manages phone numbers: unique per tenant, created one by
// one or by ranges, with at most one main number per tenant (SetMain).
type PhoneNumbers struct {
	*Manager[resources.PhoneNumber, *resources.PhoneNumber]
}

var phoneNumberTable = tableSpec{resource: "PhoneNumber", class: "PhoneNumberSchema", search: "phone_number", key: "uuid"}.table()

func newPhoneNumbers(c *Client) *PhoneNumbers {
	fam := &family[resources.PhoneNumber]{
		table:   phoneNumberTable,
		prepare: preparePhoneNumber,
		load:    loadPhoneNumbers,
		events:  phoneNumberEvents,
	}
	return &PhoneNumbers{&Manager[resources.PhoneNumber, *resources.PhoneNumber]{c: c, fam: fam}}
}

// preparePhoneNumber keeps main out of reach of Create and Update (a new
// number is not main; an existing one keeps its current state, read under
// a row lock so that a concurrent SetMain is never undone), refuses to
// unshare the main number and refuses a number the tenant already has.
func preparePhoneNumber(ctx context.Context, tx *store.Tx, _ Scope, old, v *resources.PhoneNumber) error {
	if old == nil {
		if err := phoneNumberTenant(ctx, tx, v); err != nil {
			return err
		}
	} else {
		v.UUID, v.TenantUUID = old.UUID, old.TenantUUID
		main, err := lockPhoneNumber(ctx, tx, v.UUID)
		if err != nil {
			return err
		}
		v.Main = main
		if v.Main && !v.Shared {
			return resources.ErrNotPermitted("The main phone number must be shared")
		}
	}
	dup, err := store.Find[resources.PhoneNumber](ctx, tx, phoneNumberTable, []string{v.TenantUUID},
		"number = ? AND uuid <> ?", v.Number, v.UUID)
	if err != nil {
		return err
	}
	if dup != nil {
		return resources.ErrExists("PhoneNumber", "number", v.Number, "tenant_uuid", v.TenantUUID)
	}
	return nil
}

// phoneNumberTenant checks the tenant of a new number and gives it a uuid;
// a new number is never main.
func phoneNumberTenant(ctx context.Context, tx *store.Tx, v *resources.PhoneNumber) error {
	if err := checkTenantExists(ctx, tx, v.TenantUUID); err != nil {
		return err
	}
	if v.UUID == "" {
		v.UUID = resources.NewUUID()
	}
	v.Main = false
	return nil
}

// lockPhoneNumber reads whether a number is main, locking its row on
// PostgreSQL until the end of the transaction (SQLite has one writer).
func lockPhoneNumber(ctx context.Context, tx *store.Tx, uuid string) (bool, error) {
	var main bool
	q := tx.NewSelect().Table("phone_numbers").Column("main").Where("uuid = ?", uuid)
	if tx.Engine == store.Postgres {
		q.For("UPDATE")
	}
	err := q.Scan(ctx, &main)
	return main, store.FormatError(err, "PhoneNumber", "uuid", uuid)
}

// loadPhoneNumbers adds links.
func loadPhoneNumbers(ctx context.Context, _ bun.IDB, items []*resources.PhoneNumber) error {
	for _, v := range items {
		v.Links = phoneNumberLink(ctx, v.UUID)
	}
	return nil
}

// phoneNumberLink is wazo's link to a number: rel phone_numbers, path
// /phone-numbers/<uuid>.
func phoneNumberLink(ctx context.Context, uuid string) []resources.Link {
	l := link(ctx, "phone-numbers", uuid)
	l[0].Rel = "phone_numbers"
	return l
}

// phoneNumberEvents announce the whole number, as wazo dumps it.
func phoneNumberEvents(op Op, _, v *resources.PhoneNumber) []events.Event {
	verb := [...]string{"created", "edited", "deleted"}[op]
	return []events.Event{phoneNumberEvent(verb, v)}
}

func phoneNumberEvent(verb string, v *resources.PhoneNumber) events.Event {
	return tenantEvent("phone_number_"+verb, "config.phone_number."+verb, v.TenantUUID, v)
}

package confd

import (
	"context"
	"encoding/json"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// CreateRange creates in tenant (which s must see) the numbers from start
// to end, both included, that the tenant does not have yet, and returns
// them with a link to every number of the range. The range is validated as
// the API does (resources.CheckPhoneNumberRange): same form and length,
// start <= end, at most resources.MaxPhoneNumberRange numbers. It is one
// transaction of three set-based statements whatever its size (read the
// numbers that exist, insert the missing ones, record one
// phone_number_created event per number created in the outbox).
//
// A range of more than one relay batch of numbers does not wait for the
// delivery of its events (see [WithDelivery]): the relay sends them after
// the commit, in the background.
func (m *PhoneNumbers) CreateRange(ctx context.Context, s Scope, tenant, start, end string) (*resources.PhoneNumberRange, error) {
	if err := resources.CheckPhoneNumberRange(start, end); err != nil {
		return nil, err
	}
	if !s.Allows(tenant) {
		return nil, store.NotFound("Tenant", "uuid", tenant)
	}
	numbers := resources.PhoneNumberRangeNumbers(start, end)
	if len(numbers) > relayBatch {
		ctx = withoutDelivery(ctx)
	}
	var out *resources.PhoneNumberRange
	err := m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := checkTenantExists(ctx, tx, tenant); err != nil {
			return err
		}
		var err error
		out, err = m.insertRange(ctx, tx, tenant, numbers)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// withoutDelivery hides a delivery wait set by WithDelivery.
func withoutDelivery(ctx context.Context) context.Context {
	return context.WithValue(ctx, deliveryKey{}, nil)
}

// insertRange inserts the numbers of the list tenant does not have and
// records their events.
func (m *PhoneNumbers) insertRange(ctx context.Context, tx *store.Tx, tenant string, numbers []string) (*resources.PhoneNumberRange, error) {
	existing, err := existingNumbers(ctx, tx, tenant, numbers)
	if err != nil {
		return nil, err
	}
	rows := make([]resources.PhoneNumber, 0, len(numbers)-len(existing))
	for _, n := range numbers {
		if _, ok := existing[n]; !ok {
			rows = append(rows, resources.PhoneNumber{UUID: resources.NewUUID(), TenantUUID: tenant, Number: n})
		}
	}
	out := &resources.PhoneNumberRange{Created: make([]resources.PhoneNumberRef, len(rows)),
		Links: make([]resources.Link, 0, len(numbers)), Total: len(numbers)}
	if len(rows) == 0 {
		return m.rangeLinks(ctx, out, numbers, existing), nil
	}
	if err := insertNumbers(ctx, tx, tenant, rows); err != nil {
		return nil, err
	}
	evs := make([]events.Event, len(rows))
	for i := range rows {
		v := &rows[i]
		v.Links = phoneNumberLink(ctx, v.UUID)
		out.Created[i] = resources.PhoneNumberRef{UUID: v.UUID, Number: v.Number}
		out.Links = append(out.Links, v.Links...)
		evs[i] = phoneNumberEvent("created", v)
	}
	if err := tx.EmitAll(ctx, withOrigin(m.c, evs...)); err != nil {
		return nil, err
	}
	return m.rangeLinks(ctx, out, numbers, existing), nil
}

// rangeLinks adds the links of the numbers that existed, in range order.
func (m *PhoneNumbers) rangeLinks(ctx context.Context, out *resources.PhoneNumberRange, numbers []string, existing map[string]string) *resources.PhoneNumberRange {
	for _, n := range numbers {
		if uuid, ok := existing[n]; ok {
			out.Links = append(out.Links, phoneNumberLink(ctx, uuid)...)
		}
	}
	return out
}

// insertNumbers inserts new numbers (uuid and number set, not main nor
// shared) with one statement: they go to the database as one JSON array
// of [uuid, number] pairs.
func insertNumbers(ctx context.Context, tx *store.Tx, tenant string, rows []resources.PhoneNumber) error {
	pairs := make([][2]string, len(rows))
	for i, v := range rows {
		pairs[i] = [2]string{v.UUID, v.Number}
	}
	b, err := json.Marshal(pairs)
	if err != nil {
		return err
	}
	query := `INSERT INTO phone_numbers (uuid, tenant_uuid, number, shared, main)
		SELECT json_extract(value, '$[0]'), ?, json_extract(value, '$[1]'), FALSE, FALSE FROM json_each(?)`
	if tx.Engine == store.Postgres {
		query = `INSERT INTO phone_numbers (uuid, tenant_uuid, number, shared, main)
			SELECT e->>0, ?, e->>1, FALSE, FALSE FROM json_array_elements(?::json) AS e`
	}
	_, err = tx.ExecContext(ctx, query, tenant, string(b))
	return store.FormatError(err, "PhoneNumber")
}

// existingNumbers maps the numbers of the list tenant already has to
// their uuid.
func existingNumbers(ctx context.Context, tx *store.Tx, tenant string, numbers []string) (map[string]string, error) {
	var rows []struct {
		UUID   string `bun:"uuid"`
		Number string `bun:"number"`
	}
	err := tx.NewSelect().Table("phone_numbers").Column("uuid", "number").
		Where("tenant_uuid = ? AND number IN (?)", tenant, bun.List(numbers)).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.Number] = r.UUID
	}
	return out, nil
}

package store

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
)

// Batch is a set of outbox rows claimed by one relay.
type Batch struct {
	Events    []events.Event
	EventIDs  []int64
	Reload    reload.Request
	ReloadIDs []int64
}

// Empty reports whether the batch holds nothing.
func (b *Batch) Empty() bool { return len(b.EventIDs) == 0 && len(b.ReloadIDs) == 0 }

// Claim leases up to limit unclaimed (or expired) outbox rows for owner
// during lease, oldest first, so that several relays on one database never
// work on the same rows at once. Reload requests are merged into one.
func (db *DB) Claim(ctx context.Context, owner string, limit int, lease time.Duration) (*Batch, error) {
	now := time.Now().UnixMilli()
	free := "(claimed_until IS NULL OR claimed_until < ?)"
	ids := db.NewSelect().Table("outbox").Column("id").Where(free, now).OrderExpr("id").Limit(int64(limit))
	where := db.NewUpdate().Model((*OutboxRow)(nil)).
		Set("claimed_by = ?", owner).Set("claimed_until = ?", now+lease.Milliseconds()).Where(free, now)
	if db.Engine == Postgres {
		// The ids are chosen once (an ARRAY is an InitPlan, whatever the
		// planner thinks of the table's size) and rows another relay holds
		// are skipped, not waited for and claimed again.
		where = where.Where("id = ANY(ARRAY(?))", ids.For("UPDATE SKIP LOCKED"))
	} else {
		where = where.Where("id IN (?)", ids) // SQLite has one writer at a time
	}
	var rows []OutboxRow
	err := where.Returning("id, kind, payload").Scan(ctx, &rows)
	if err != nil && !IsNoRows(err) {
		return nil, err
	}
	return decodeBatch(rows)
}

func decodeBatch(rows []OutboxRow) (*Batch, error) {
	b := &Batch{}
	sortRows(rows)
	for _, r := range rows {
		switch {
		case r.event != nil:
			b.Events = append(b.Events, *r.event)
			b.EventIDs = append(b.EventIDs, r.ID)
		case r.reload != nil:
			b.Reload = b.Reload.Merge(*r.reload)
			b.ReloadIDs = append(b.ReloadIDs, r.ID)
		case r.Kind == KindEvent:
			var e events.Event
			if err := json.Unmarshal([]byte(r.Payload), &e); err != nil {
				return nil, err
			}
			b.Events = append(b.Events, e)
			b.EventIDs = append(b.EventIDs, r.ID)
		case r.Kind == KindReload:
			var q reload.Request
			if err := json.Unmarshal([]byte(r.Payload), &q); err != nil {
				return nil, err
			}
			b.Reload = b.Reload.Merge(q)
			b.ReloadIDs = append(b.ReloadIDs, r.ID)
		}
	}
	return b, nil
}

func sortRows(rows []OutboxRow) {
	slices.SortStableFunc(rows, func(a, b OutboxRow) int { return cmp.Compare(a.ID, b.ID) })
}

// Done deletes delivered outbox rows.
func (db *DB) Done(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := db.NewDelete().Model((*OutboxRow)(nil)).Where("id IN (?)", bun.List(ids)).Exec(ctx)
	return err
}

// Release gives back claimed rows that could not be delivered, so that the
// next attempt need not wait for the lease to expire.
func (db *DB) Release(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := db.NewUpdate().Model((*OutboxRow)(nil)).Set("claimed_by = NULL").Set("claimed_until = NULL").
		Where("id IN (?)", bun.List(ids)).Exec(ctx)
	return err
}

// Pending counts the rows waiting in the outbox.
func (db *DB) Pending(ctx context.Context) (int, error) {
	n, err := db.NewSelect().Model((*OutboxRow)(nil)).Count(ctx)
	return int(n), err
}

// EmitAll records events to publish after commit, as Emit does, with one
// set-based statement however many they are: the events go to the database
// as one JSON array, split there into outbox rows, in order. Events that
// Emit recorded before are written first, so that the outbox keeps the
// order of the calls.
func (tx *Tx) EmitAll(ctx context.Context, evs []events.Event) error {
	if len(evs) == 0 {
		return nil
	}
	b, err := json.Marshal(evs)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(tx.rows, func(r OutboxRow) bool { return r.slot != nil }) {
		return errSlotOpen // its events would come after these
	}
	rows := tx.rows
	tx.rows = nil
	if err := tx.write(ctx, rows); err != nil {
		return err
	}
	by, until := tx.lease()
	query := `INSERT INTO outbox (kind, payload, claimed_by, claimed_until)
		SELECT ?, value, ?, ? FROM json_each(?) ORDER BY key RETURNING id`
	if tx.Engine == Postgres {
		query = `INSERT INTO outbox (kind, payload, claimed_by, claimed_until)
			SELECT ?, e::text, ?, ? FROM json_array_elements(?::json) WITH ORDINALITY AS a(e, i) ORDER BY i
			RETURNING id`
	}
	var ids []int64
	if err := tx.NewRaw(query, KindEvent, by, until, string(b)).Scan(ctx, &ids); err != nil {
		return err
	}
	if tx.handoff != nil && len(ids) == len(evs) {
		// The handed-off batch needs the ids as a set and the events in
		// order; both are at hand, nothing is decoded again.
		slices.Sort(ids)
		for i, id := range ids {
			tx.written = append(tx.written, OutboxRow{ID: id, Kind: KindEvent, event: &evs[i]})
		}
	}
	return nil
}

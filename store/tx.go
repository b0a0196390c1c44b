package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
)

// Outbox kinds.
const (
	KindEvent  = "event"
	KindReload = "reload"
)

// Tx is a transaction with its outbox: the events and reload requests it
// records are written in the same transaction, so they exist if and only
// if the transaction commits.
type Tx struct {
	bun.IDB
	// Engine is the database engine of the transaction.
	Engine  Dialect
	pending reload.Request
	rows    []OutboxRow // events waiting for finish
	memo    map[string]any
	handoff *Handoff
	written []OutboxRow // rows written claimed for the handoff
	pipe    *pipe       // PostgreSQL's transactions run through one
	gen     schema.QueryGen
}

// Handoff lets the process that commits deliver what its transaction
// recorded without claiming it: the outbox rows are written already
// claimed by Owner for Lease, and Deliver gets them once committed. A
// relay claims them only if the lease runs out first (the process died, or
// the delivery failed and released them).
type Handoff struct {
	Owner   string
	Lease   time.Duration
	Deliver func(*Batch)
}

// Memo returns what fn returns for key, calling fn once per transaction,
// so that a read several checks of one transaction need (a context by
// name) is made once. Errors are not remembered. Writes of the resource
// forget its entries (see Forget); keys start with the resource's name.
func Memo[T any](tx *Tx, key string, fn func() (T, error)) (T, error) {
	if v, ok := tx.memo[key]; ok {
		return v.(T), nil
	}
	v, err := fn()
	if err == nil {
		if tx.memo == nil {
			tx.memo = map[string]any{}
		}
		tx.memo[key] = v
	}
	return v, err
}

// Remember records v for key, as Memo would have (a fact another read of
// the transaction established).
func Remember[T any](tx *Tx, key string, v T) {
	if tx.memo == nil {
		tx.memo = map[string]any{}
	}
	tx.memo[key] = v
}

// Forget drops the remembered entries whose key starts with prefix.
func (tx *Tx) Forget(prefix string) {
	for k := range tx.memo {
		if strings.HasPrefix(k, prefix) {
			delete(tx.memo, k)
		}
	}
}

// OutboxRow is one recorded event or reload request.
type OutboxRow struct {
	bun.BaseModel `bun:"table:outbox"`
	ID            int64   `bun:"id,pk,autoincrement"`
	Kind          string  `bun:"kind"`
	Payload       string  `bun:"payload"`
	ClaimedBy     *string `bun:"claimed_by"`
	ClaimedUntil  *int64  `bun:"claimed_until"`

	// what Payload encodes, when the row was written here
	event  *events.Event
	reload *reload.Request
	slot   *Slot // a place kept for events (Reserve)
}

// Emit records events to publish after commit; they are written to the
// outbox at commit, in one statement with the reload request.
func (tx *Tx) Emit(_ context.Context, evs ...events.Event) error {
	rows, err := eventRows(evs)
	tx.rows = append(tx.rows, rows...)
	return err
}

func eventRows(evs []events.Event) ([]OutboxRow, error) {
	rows := make([]OutboxRow, 0, len(evs))
	for i := range evs {
		b, err := json.Marshal(evs[i])
		if err != nil {
			return nil, err
		}
		rows = append(rows, OutboxRow{Kind: KindEvent, Payload: string(b), event: &evs[i]})
	}
	return rows, nil
}

// Reload records a reload request; requests of one transaction are merged
// and written once, at commit.
func (tx *Tx) Reload(req reload.Request) { tx.pending = tx.pending.Merge(req) }

// flushChunk bounds the rows of one outbox INSERT.
const flushChunk = 1000

// ExecLater runs q, a write whose result the caller does not read and
// which fails only when a concurrent transaction changed what it relies on
// (a row deleted, a unique value taken): on PostgreSQL it waits and goes
// with the transaction's next statement, a round trip less; its failure is
// then the transaction's, which WriteTx runs again (see Retryable).
func (tx *Tx) ExecLater(ctx context.Context, q bun.Query) error {
	b, err := q.AppendQuery(tx.gen, nil)
	switch {
	case err != nil:
		return err
	case tx.pipe == nil:
		_, err = tx.ExecContext(ctx, string(b))
		return err
	}
	return tx.pipe.hold(string(b))
}

// finish writes the recorded events, then the merged reload request, to
// the outbox; on PostgreSQL the last of them goes with COMMIT.
func (tx *Tx) finish(ctx context.Context) error {
	rows := tx.recorded()
	if pending := tx.pending; !pending.Empty() {
		b, err := json.Marshal(pending)
		if err != nil {
			return err
		}
		rows = append(rows, OutboxRow{Kind: KindReload, Payload: string(b), reload: &pending})
	}
	tx.rows, tx.pending = nil, reload.Request{}
	if tx.pipe == nil {
		return tx.write(ctx, rows)
	}
	n := 0 // rows before the last chunk, which goes with COMMIT
	if len(rows) > 0 {
		n = (len(rows) - 1) / flushChunk * flushChunk
	}
	if err := tx.write(ctx, rows[:n]); err != nil {
		return err
	}
	return tx.commitWith(ctx, rows[n:])
}

// lease returns the claim of the rows written for the handoff (nil, nil
// without one).
func (tx *Tx) lease() (*string, *int64) {
	h := tx.handoff
	if h == nil {
		return nil, nil
	}
	until := time.Now().Add(h.Lease).UnixMilli()
	return &h.Owner, &until
}

// claim marks rows as the handoff's, when there is one.
func (tx *Tx) claim(rows []OutboxRow) {
	by, until := tx.lease()
	for i := range rows {
		rows[i].ClaimedBy, rows[i].ClaimedUntil = by, until
	}
}

// write inserts outbox rows, claimed for the handoff if there is one.
func (tx *Tx) write(ctx context.Context, rows []OutboxRow) error {
	tx.claim(rows)
	for len(rows) > 0 {
		chunk := rows[:min(len(rows), flushChunk)]
		rows = rows[len(chunk):]
		if _, err := tx.NewInsert().Model(&chunk).Returning("id").Exec(ctx); err != nil {
			return err
		}
		if tx.handoff != nil {
			tx.written = append(tx.written, chunk...)
		}
	}
	return nil
}

// commitWith commits a pipe's transaction with the insert of rows (at
// most flushChunk) in the same round trip.
func (tx *Tx) commitWith(ctx context.Context, rows []OutboxRow) error {
	if len(rows) == 0 {
		return tx.pipe.commit(ctx, "", nil)
	}
	tx.claim(rows)
	q, err := tx.NewInsert().Model(&rows).Returning("id").AppendQuery(tx.gen, nil)
	if err != nil {
		return err
	}
	var ids []int64
	if err := tx.pipe.commit(ctx, string(q), &ids); err != nil {
		return err
	}
	if len(ids) != len(rows) {
		return fmt.Errorf("store: %d outbox ids for %d rows", len(ids), len(rows))
	}
	for i := range rows {
		rows[i].ID = ids[i]
	}
	if tx.handoff != nil {
		tx.written = append(tx.written, rows...)
	}
	return nil
}

// WriteTx runs fn in a transaction with an outbox and commits when fn
// returns nil; on error nothing is kept, outbox included. After a commit
// that recorded events or reloads, h (when not nil) gets them to deliver.
// A transaction that lost a race with a concurrent one (see Retryable) is
// run again, up to three times, so that fn's checks see the winner.
func (db *DB) WriteTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error, h *Handoff) error {
	var err error
	for try := 0; try < 3; try++ {
		if err = db.writeTx(ctx, fn, h); !Retryable(err) {
			break
		}
	}
	return err
}

// writeTx is one attempt of WriteTx.
func (db *DB) writeTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error, h *Handoff) error {
	tx := &Tx{Engine: db.Engine, handoff: h, gen: db.QueryGen()}
	var err error
	if db.Engine == Postgres {
		err = db.pipeTx(ctx, tx, fn)
	} else {
		err = db.DB.RunInTx(ctx, nil, func(ctx context.Context, btx bun.Tx) error {
			tx.IDB = btx
			if err := fn(ctx, tx); err != nil {
				return err
			}
			return tx.finish(ctx)
		})
	}
	if err != nil || h == nil || len(tx.written) == 0 {
		return err
	}
	// The rows are ours: they decode. Were one not to, the batch would be
	// left to a relay's claim once its lease ends; the write stands.
	if b, derr := decodeBatch(tx.written); derr == nil {
		h.Deliver(b)
	}
	return nil
}

// pipeTx runs fn in a PostgreSQL transaction through a pipe.
func (db *DB) pipeTx(ctx context.Context, tx *Tx, fn func(ctx context.Context, tx *Tx) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	p := newPipe(conn, db.QueryGen())
	defer p.end(ctx)
	tx.IDB, tx.pipe = pipeIDB{Conn: conn, p: p}, p
	if err = fn(ctx, tx); err == nil {
		err = tx.finish(ctx)
	}
	return p.firstErr(err)
}

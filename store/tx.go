package store

import (
	"context"
	"encoding/json"

	"github.com/uptrace/bun"

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
	events  int
}

// OutboxRow is one recorded event or reload request.
type OutboxRow struct {
	bun.BaseModel `bun:"table:outbox"`
	ID            int64  `bun:"id,pk,autoincrement"`
	Kind          string `bun:"kind"`
	Payload       string `bun:"payload"`
}

// Emit records events to publish after commit.
func (tx *Tx) Emit(ctx context.Context, evs ...events.Event) error {
	if len(evs) == 0 {
		return nil
	}
	rows := make([]OutboxRow, len(evs))
	for i, e := range evs {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		rows[i] = OutboxRow{Kind: KindEvent, Payload: string(b)}
	}
	tx.events += len(evs)
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// Reload records a reload request; requests of one transaction are merged
// and written once, at Flush.
func (tx *Tx) Reload(req reload.Request) { tx.pending = tx.pending.Merge(req) }

// Flush writes the merged reload request of the transaction to the outbox.
// RunInTx calls it before commit.
func (tx *Tx) Flush(ctx context.Context) error {
	if tx.pending.Empty() {
		return nil
	}
	b, err := json.Marshal(tx.pending)
	if err != nil {
		return err
	}
	tx.pending = reload.Request{}
	_, err = tx.NewInsert().Model(&OutboxRow{Kind: KindReload, Payload: string(b)}).Exec(ctx)
	return err
}

// Dirty reports whether the transaction recorded anything for the relay.
func (tx *Tx) Dirty() bool { return tx.events > 0 || !tx.pending.Empty() }

// WriteTx runs fn in a transaction with an outbox and commits when fn
// returns nil; on error nothing is kept, outbox included. notify is called
// after a commit that recorded events or reloads. A transaction that lost
// a race with a concurrent one (see Retryable) is run again, up to three
// times, so that fn's checks see the winner.
func (db *DB) WriteTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error, notify func()) error {
	var err error
	for try := 0; try < 3; try++ {
		if err = db.writeTx(ctx, fn, notify); !Retryable(err) {
			break
		}
	}
	return err
}

// writeTx is one attempt of WriteTx.
func (db *DB) writeTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error, notify func()) error {
	var dirty bool
	err := db.DB.RunInTx(ctx, nil, func(ctx context.Context, btx bun.Tx) error {
		tx := &Tx{IDB: btx, Engine: db.Engine}
		if err := fn(ctx, tx); err != nil {
			return err
		}
		dirty = tx.Dirty()
		return tx.Flush(ctx)
	})
	if err == nil && dirty && notify != nil {
		notify()
	}
	return err
}

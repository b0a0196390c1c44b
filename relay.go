package confd

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

const (
	relayBatch = 1000
	relayLease = 30 * time.Second
)

// relay delivers the outbox: events to the Publisher, reload requests
// (merged) to the Reloader, after each commit and again every retry
// interval until delivered.
type relay struct {
	db       *store.DB
	pub      events.Publisher
	rel      reload.Reloader
	log      *slog.Logger
	interval time.Duration
	owner    string

	turn   chan struct{} // one drain at a time in this process; a waiter gives up with its context
	kick   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
}

func newRelay(db *store.DB, cfg Config) *relay {
	return &relay{db: db, pub: cfg.Publisher, rel: cfg.Reloader, log: cfg.Logger,
		interval: cfg.RetryInterval, owner: resources.NewUUID(), kick: make(chan struct{}, 1),
		turn: make(chan struct{}, 1)}
}

func (r *relay) start() {
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel, r.done = cancel, make(chan struct{})
	go r.loop(ctx)
}

// wake asks the loop to deliver now; it never blocks.
func (r *relay) wake() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

func (r *relay) loop(ctx context.Context) {
	defer close(r.done)
	t := time.NewTicker(r.interval)
	defer t.Stop()
	r.wake()
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.kick:
		case <-t.C:
		}
		if err := r.drain(ctx); err != nil && ctx.Err() == nil {
			r.log.Warn("confd: delivery failed, will retry", "error", err)
		}
	}
}

// deliverNow drains the outbox within d, then hands what is left to the loop.
func (r *relay) deliverNow(ctx context.Context, d time.Duration) {
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d)
	defer cancel()
	if err := r.drain(dctx); err != nil {
		r.wake()
	}
}

// stop ends the loop and makes a last, bounded delivery attempt.
func (r *relay) stop() {
	r.cancel()
	<-r.done
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := r.drain(ctx); err != nil {
		r.log.Warn("confd: undelivered events or reloads left in the outbox", "error", err)
	}
}

// drain delivers batches until the outbox is empty or a delivery fails.
func (r *relay) drain(ctx context.Context) error {
	select {
	case r.turn <- struct{}{}:
		defer func() { <-r.turn }()
	case <-ctx.Done():
		return ctx.Err() // another drain is busy: it, or the retries, will deliver
	}
	for {
		b, err := r.db.Claim(ctx, r.owner, relayBatch, relayLease)
		if err != nil || b.Empty() {
			return err
		}
		if err := r.deliver(ctx, b); err != nil {
			return err
		}
		if len(b.EventIDs)+len(b.ReloadIDs) < relayBatch {
			return nil // the outbox is drained; later commits wake the relay
		}
	}
}

// deliver sends reloads first, then events, as wazo-confd does; what was
// delivered leaves the outbox in one statement, what was not is released
// for the next attempt, even when ctx is done.
func (r *relay) deliver(ctx context.Context, b *store.Batch) error {
	var failed, done []int64
	var failures []error
	if len(b.ReloadIDs) > 0 {
		if err := r.rel.Reload(ctx, b.Reload); err != nil {
			failures, failed = append(failures, err), append(failed, b.ReloadIDs...)
		} else {
			done = append(done, b.ReloadIDs...)
		}
	}
	if len(b.EventIDs) > 0 {
		if err := r.pub.Publish(ctx, b.Events...); err != nil {
			failures, failed = append(failures, err), append(failed, b.EventIDs...)
		} else {
			done = append(done, b.EventIDs...)
		}
	}
	bookkeeping, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if len(done) > 0 {
		failures = append(failures, r.db.Done(bookkeeping, done))
	}
	if len(failed) > 0 {
		failures = append(failures, r.db.Release(bookkeeping, failed))
	}
	return errors.Join(failures...)
}

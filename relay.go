package confd

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

const (
	relayBatch = 1000
	relayLease = 30 * time.Second
	// sweepEvery bounds how long delivered rows wait to be deleted while
	// writes keep coming; one statement deletes them all (their lease
	// keeps other relays off them meanwhile).
	sweepEvery = 100 * time.Millisecond
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

	turn   chan struct{} // one delivery at a time in this process; a waiter gives up with its context
	kick   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}

	sweeping sync.Mutex // held by the sweep under way, so that drain waits for its deletion

	mu        sync.Mutex
	handed    []*store.Batch // committed here, claimed already, not yet delivered
	claim     bool           // rows wait that only a claim finds
	delivered []int64        // rows delivered, to delete from the outbox
	swept     time.Time      // when delivered rows were last deleted
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

// handoff is how a write of this process hands its committed outbox rows
// to the relay; with a delivery bound d > 0 the write delivers them itself,
// waiting at most d (then the loop takes over).
func (r *relay) handoff(ctx context.Context, d time.Duration) *store.Handoff {
	h := &store.Handoff{Owner: r.owner, Lease: relayLease, Deliver: r.hand}
	if d > 0 {
		h.Deliver = func(b *store.Batch) { r.deliverNow(ctx, d, b) }
	}
	return h
}

// hand queues a committed batch for the loop; it never blocks.
func (r *relay) hand(b *store.Batch) {
	r.mu.Lock()
	r.handed = append(r.handed, b)
	r.mu.Unlock()
	r.poke()
}

// wake asks the loop to claim and deliver what waits in the outbox.
func (r *relay) wake() {
	r.mu.Lock()
	r.claim = true
	r.mu.Unlock()
	r.poke()
}

func (r *relay) poke() {
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
		claim := true
		select {
		case <-ctx.Done():
			return
		case <-r.kick:
			claim = false
		case <-t.C:
		}
		err := r.work(ctx, claim)
		if claim || r.sweepDue() {
			err = errors.Join(err, r.sweep(ctx))
		}
		if err != nil && ctx.Err() == nil {
			r.log.Warn("confd: delivery failed, will retry", "error", err)
		}
	}
}

// sweepDue reports whether the delivered rows should be deleted now: many
// wait, or the last sweep is sweepEvery old (the ticker sweeps the rest).
func (r *relay) sweepDue() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.delivered) >= relayBatch || time.Since(r.swept) >= sweepEvery
}

// deliverNow delivers b (after what was handed before it) within d, or
// hands it to the loop.
func (r *relay) deliverNow(ctx context.Context, d time.Duration, b *store.Batch) {
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d)
	defer cancel()
	r.mu.Lock()
	r.handed = append(r.handed, b)
	r.mu.Unlock()
	if err := r.work(dctx, false); err != nil {
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

// drain delivers everything: what was handed, then what claims find, and
// deletes what was delivered.
func (r *relay) drain(ctx context.Context) error {
	return errors.Join(r.work(ctx, true), r.sweep(ctx))
}

// sweep deletes delivered rows from the outbox, in one statement, after
// the writes that waited for their delivery have answered: their lease
// keeps other relays off them meanwhile. One sweep runs at a time: a
// second one waits for the first one's rows to be gone, then takes what
// was delivered since (or what the first failed to delete).
func (r *relay) sweep(ctx context.Context) error {
	r.sweeping.Lock()
	defer r.sweeping.Unlock()
	r.mu.Lock()
	ids := r.delivered
	r.delivered, r.swept = nil, time.Now()
	r.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	err := r.db.Done(ctx, ids)
	if err != nil {
		r.mu.Lock()
		r.delivered = append(r.delivered, ids...)
		r.mu.Unlock()
	}
	return err
}

// work delivers the handed batches, in order, then claims batches until
// the outbox is empty when claim is set or a transaction asked for it. It
// stops at the first failure: released rows come back through claims.
func (r *relay) work(ctx context.Context, claim bool) error {
	select {
	case r.turn <- struct{}{}:
		defer func() { <-r.turn }()
	case <-ctx.Done():
		return ctx.Err() // another delivery is busy: it, or the retries, will deliver
	}
	r.mu.Lock()
	handed := r.handed
	r.handed = nil
	claim = claim || r.claim
	r.claim = false
	r.mu.Unlock()
	for i, b := range handed {
		if err := r.deliver(ctx, b); err != nil {
			r.giveBack(ctx, handed[i+1:])
			return err
		}
	}
	for claim {
		b, err := r.db.Claim(ctx, r.owner, relayBatch, relayLease)
		if err != nil || b.Empty() {
			return err
		}
		if err := r.deliver(ctx, b); err != nil {
			return err
		}
		claim = len(b.EventIDs)+len(b.ReloadIDs) == relayBatch // else the outbox is drained
	}
	return nil
}

// giveBack releases handed batches left undelivered, for the next claim.
func (r *relay) giveBack(ctx context.Context, left []*store.Batch) {
	var ids []int64
	for _, b := range left {
		ids = append(append(ids, b.EventIDs...), b.ReloadIDs...)
	}
	bookkeeping, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := r.db.Release(bookkeeping, ids); err != nil {
		r.log.Warn("confd: outbox rows stay claimed until their lease ends", "error", err)
	}
}

// deliver sends reloads first, then events, as wazo-confd does; what was
// delivered is left for sweep, what was not is released for the next
// attempt, even when ctx is done.
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
	if len(done) > 0 {
		r.mu.Lock()
		r.delivered = append(r.delivered, done...)
		r.mu.Unlock()
		r.poke()
	}
	bookkeeping, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if len(failed) > 0 {
		failures = append(failures, r.db.Release(bookkeeping, failed))
	}
	return errors.Join(failures...)
}

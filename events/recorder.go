package events

import (
	"context"
	"log/slog"
	"sync"
)

// Recorder keeps every published event in memory. It is safe for
// concurrent use; the zero value is ready.
type Recorder struct {
	mu     sync.Mutex
	events []Event
	fail   error
}

var _ Publisher = (*Recorder)(nil)

// Publish records the events, or returns the error set by Fail.
func (r *Recorder) Publish(_ context.Context, evs ...Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	r.events = append(r.events, evs...)
	return nil
}

// Fail makes every later Publish return err (nil restores success), to
// simulate a broker outage.
func (r *Recorder) Fail(err error) {
	r.mu.Lock()
	r.fail = err
	r.mu.Unlock()
}

// Events returns a copy of the recorded events.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

// Names returns the names of the recorded events, in order.
func (r *Recorder) Names() []string {
	var names []string
	for _, e := range r.Events() {
		names = append(names, e.Name)
	}
	return names
}

// Reset forgets the recorded events.
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.events = nil
	r.mu.Unlock()
}

// Log writes each event to a slog.Logger instead of a bus.
type Log struct {
	Logger *slog.Logger
}

var _ Publisher = Log{}

// Publish logs the events; it never fails.
func (l Log) Publish(ctx context.Context, evs ...Event) error {
	logger := l.Logger
	if logger == nil {
		logger = slog.Default()
	}
	for _, e := range evs {
		logger.InfoContext(ctx, "event", "name", e.Name, "routing_key", e.RoutingKey,
			"tenant_uuid", e.TenantUUID, "data", string(e.Data))
	}
	return nil
}

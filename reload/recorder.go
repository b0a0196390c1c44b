package reload

import (
	"context"
	"log/slog"
	"sync"
)

// Recorder keeps every request in memory. It is safe for concurrent use;
// the zero value is ready.
type Recorder struct {
	mu   sync.Mutex
	reqs []Request
	fail error
}

var _ Reloader = (*Recorder)(nil)

// Reload records req, or returns the error set by Fail.
func (r *Recorder) Reload(_ context.Context, req Request) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	r.reqs = append(r.reqs, req)
	return nil
}

// Fail makes every later Reload return err (nil restores success).
func (r *Recorder) Fail(err error) {
	r.mu.Lock()
	r.fail = err
	r.mu.Unlock()
}

// Requests returns a copy of the recorded requests.
func (r *Recorder) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Request(nil), r.reqs...)
}

// Merged returns all recorded requests merged into one.
func (r *Recorder) Merged() Request {
	var out Request
	for _, q := range r.Requests() {
		out = out.Merge(q)
	}
	return out
}

// Reset forgets the recorded requests.
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.reqs = nil
	r.mu.Unlock()
}

// Log writes each request to a slog.Logger instead of calling sysconfd.
type Log struct {
	Logger *slog.Logger
}

var _ Reloader = Log{}

// Reload logs the request; it never fails.
func (l Log) Reload(ctx context.Context, req Request) error {
	logger := l.Logger
	if logger == nil {
		logger = slog.Default()
	}
	logger.InfoContext(ctx, "reload", "ipbx", req.Ipbx, "calls", len(req.Calls))
	return nil
}

package wazoauth

import (
	"context"
	"errors"
	"sync"
	"time"
)

// errLoadAborted is the result of a load that panicked.
var errLoadAborted = errors.New("wazoauth: load aborted")

// cache keeps successful results for a short time and lets concurrent
// callers asking for the same key share one load. Failures are never kept.
type cache[K comparable, V any] struct {
	ttl  time.Duration
	size int

	mu    sync.Mutex
	items map[K]cacheEntry[V]
	calls map[K]*cacheCall[V]
}

type cacheEntry[V any] struct {
	val     V
	expires time.Time
}

// cacheCall is a load in progress; done is closed when it ends.
type cacheCall[V any] struct {
	done chan struct{}
	val  V
	err  error
	// cancelled is set when the load failed because its caller went away:
	// the callers waiting on it then load again.
	cancelled bool
}

func newCache[K comparable, V any](ttl time.Duration, size int) *cache[K, V] {
	return &cache[K, V]{
		ttl:   ttl,
		size:  max(size, 1),
		items: map[K]cacheEntry[V]{},
		calls: map[K]*cacheCall[V]{},
	}
}

// get returns the value kept for key, or the result of the load in progress
// for key, or else runs load.
func (c *cache[K, V]) get(ctx context.Context, key K, load func(context.Context) (V, error)) (V, error) {
	for {
		c.mu.Lock()
		if e, ok := c.items[key]; ok && time.Now().Before(e.expires) {
			c.mu.Unlock()
			return e.val, nil
		}
		call, waiting := c.calls[key]
		if !waiting {
			call = &cacheCall[V]{done: make(chan struct{})}
			c.calls[key] = call
		}
		c.mu.Unlock()

		if !waiting {
			c.run(ctx, key, call, load)
			return call.val, call.err
		}
		select {
		case <-call.done:
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
		if !call.cancelled {
			return call.val, call.err
		}
	}
}

// run performs call's load and publishes its result.
func (c *cache[K, V]) run(ctx context.Context, key K, call *cacheCall[V], load func(context.Context) (V, error)) {
	defer func() {
		c.mu.Lock()
		delete(c.calls, key)
		if call.err == nil {
			c.store(key, call.val)
		}
		c.mu.Unlock()
		close(call.done)
	}()
	call.err = errLoadAborted
	call.val, call.err = load(ctx)
	call.cancelled = call.err != nil && ctx.Err() != nil
}

// store keeps val for key, making room when the cache is full: expired
// entries go first, then arbitrary ones. c.mu must be held.
func (c *cache[K, V]) store(key K, val V) {
	if c.ttl <= 0 {
		return
	}
	now := time.Now()
	if len(c.items) >= c.size {
		for k, e := range c.items {
			if !now.Before(e.expires) {
				delete(c.items, k)
			}
		}
	}
	for k := range c.items {
		if len(c.items) < c.size {
			break
		}
		delete(c.items, k)
	}
	c.items[key] = cacheEntry[V]{val: val, expires: now.Add(c.ttl)}
}

// forget drops everything kept.
func (c *cache[K, V]) forget() {
	c.mu.Lock()
	clear(c.items)
	c.mu.Unlock()
}

package confd_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/store/storetest"
)

func TestRunInTx_RollbackLeavesNothing(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		boom := errors.New("boom")
		err := e.RunInTx(e.ctx, func(ctx context.Context, tx *confd.Client) error {
			c := &confd.Context{Label: "gone", TenantUUID: e.tenant}
			require.NoError(t, tx.Contexts.Create(ctx, confd.Scope{}, c))
			mustCreateExtensionIn(t, tx, ctx, "1234", c.Name)
			return boom
		})
		require.ErrorIs(t, err, boom)
		_, total, err := e.Contexts.List(e.ctx, confd.Scope{}, confd.ListParams{Search: "gone"})
		require.NoError(t, err)
		assert.Zero(t, total)
		assert.Empty(t, e.delivered(t))
		assert.Empty(t, e.reload.Requests())
		n, err := e.Pending(e.ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

func TestRunInTx_CommitsTogether(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		err := e.RunInTx(e.ctx, func(ctx context.Context, tx *confd.Client) error {
			c := &confd.Context{Label: "both", TenantUUID: e.tenant}
			if err := tx.Contexts.Create(ctx, confd.Scope{}, c); err != nil {
				return err
			}
			mustCreateExtensionIn(t, tx, ctx, "1234", c.Name)
			return nil
		})
		require.NoError(t, err)
		assert.Equal(t, []string{"context_created", "extension_created"}, e.delivered(t))
		assert.Len(t, e.reload.Requests(), 1, "one transaction, one merged reload")
	})
}

func mustCreateExtensionIn(t *testing.T, c *confd.Client, ctx context.Context, exten, context string) {
	t.Helper()
	x := &confd.Extension{Exten: exten, Context: context}
	require.NoError(t, c.Extensions.Create(ctx, confd.Scope{}, x))
}

func TestRelay_BusDownThenBack(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.events.Fail(errors.New("broker down"))
		c := mustCreateContext(t, e, &confd.Context{Label: "queued"})
		require.Error(t, e.Flush(e.ctx))
		n, err := e.Pending(e.ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n, "the event waits in the outbox")
		assert.Empty(t, e.events.Events())

		e.events.Fail(nil)
		require.Eventually(t, func() bool { return len(e.events.Events()) == 1 }, 5*time.Second, 10*time.Millisecond,
			"the relay retries by itself")
		ev := e.events.Events()[0]
		assert.Equal(t, "context_created", ev.Name)
		assert.Contains(t, string(ev.Data), c.Name)
	})
}

func TestRelay_SysconfdDownMergesAndRetries(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.reload.Fail(errors.New("sysconfd down"))
		for i := 0; i < 20; i++ {
			mustCreateContext(t, e, &confd.Context{Label: "burst"})
		}
		require.Eventually(t, func() bool { return len(e.events.Names()) == 20 }, 5*time.Second, 10*time.Millisecond,
			"events are not held back by sysconfd")
		assert.Empty(t, e.reload.Requests())

		e.reload.Fail(nil)
		require.NoError(t, e.Flush(e.ctx))
		reqs := e.reload.Requests()
		require.Len(t, reqs, 1, "a burst of writes is one reload")
		assert.Equal(t, []string{"dialplan reload"}, reqs[0].Ipbx)
	})
}

func TestClient_CloseLeavesUndeliveredInOutbox(t *testing.T) {
	dir := t.TempDir()
	url := "sqlite:" + dir + "/confd.db"
	ctx := context.Background()
	first := newEnv(t, url)
	first.events.Fail(errors.New("broker down"))
	mustCreateContext(t, first, &confd.Context{Label: "kept"})
	require.NoError(t, first.Close())

	rec := &events.Recorder{}
	second, err := confd.New(ctx, confd.Config{DatabaseURL: url, Publisher: rec, Logger: quiet})
	require.NoError(t, err)
	defer second.Close()
	require.NoError(t, second.Flush(ctx))
	assert.Contains(t, rec.Names(), "context_created", "delivered by the next start")
}

// stuckPublisher blocks every Publish until gate closes, after telling
// entered.
type stuckPublisher struct {
	entered chan struct{}
	gate    chan struct{}
}

func (p stuckPublisher) Publish(ctx context.Context, _ ...events.Event) error {
	select {
	case p.entered <- struct{}{}:
	default:
	}
	<-p.gate
	return nil
}

// A write waiting for its delivery gives up at its bound even while
// another delivery is stuck on the bus; the relay delivers later.
func TestDelivery_BoundedWhileAnotherIsStuck(t *testing.T) {
	pub := stuckPublisher{entered: make(chan struct{}, 1), gate: make(chan struct{})}
	ctx := context.Background()
	c, err := confd.New(ctx, confd.Config{DatabaseURL: "sqlite::memory:", Publisher: pub, Logger: quiet,
		RetryInterval: time.Hour, NoStarterContexts: true})
	require.NoError(t, err)
	defer func() { close(pub.gate); c.Close() }()
	tenant := &confd.Tenant{Name: "t", Slug: "t"}
	require.NoError(t, c.Tenants.Create(ctx, "", tenant))
	require.NoError(t, c.Contexts.Create(ctx, confd.Scope{}, &confd.Context{Label: "first", TenantUUID: tenant.UUID}))
	<-pub.entered // the relay is stuck publishing the first context's event

	done := make(chan error, 1)
	go func() {
		wctx := confd.WithDelivery(ctx, 50*time.Millisecond)
		done <- c.Contexts.Create(wctx, confd.Scope{}, &confd.Context{Label: "x", TenantUUID: tenant.UUID})
	}()
	select {
	case err := <-done:
		require.NoError(t, err, "the write stands")
	case <-time.After(30 * time.Second):
		t.Fatal("the write waited for the stuck delivery")
	}
}

// A write's events are delivered and leave the outbox without Flush: the
// relay deletes what it delivered once the write has answered.
func TestRelay_DeliveredRowsLeaveTheOutbox(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		require.NoError(t, e.Flush(e.ctx))
		e.events.Reset()
		mustCreateContext(t, e, &confd.Context{Label: "swept"})
		require.Eventually(t, func() bool {
			n, err := e.Pending(e.ctx)
			return err == nil && n == 0 && len(e.events.Events()) == 1
		}, 5*time.Second, 10*time.Millisecond)
	})
}

// Writes of two Clients on one database, some waiting for delivery, some
// not, while both relays poll: every event is delivered exactly once and
// the outbox ends empty.
func TestRelay_TwoClientsDeliverEachEventOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		if url == "sqlite::memory:" {
			t.Skip("an in-memory database is one Client's")
		}
		e := newEnv(t, url)
		other, err := confd.New(e.ctx, confd.Config{DatabaseURL: url, Publisher: e.events, Reloader: e.reload,
			RetryInterval: 5 * time.Millisecond, Logger: quiet})
		require.NoError(t, err)
		t.Cleanup(func() { other.Close() })
		e.flush(t)
		const writes = 40
		var wg sync.WaitGroup
		for i := range writes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, ctx := e.Client, e.ctx
				if i%2 == 1 {
					c = other
				}
				if i%4 < 2 {
					ctx = confd.WithDelivery(ctx, time.Second)
				}
				assert.NoError(t, c.Contexts.Create(ctx, confd.Scope{}, &confd.Context{Label: "c" + itoa(i), TenantUUID: e.tenant}))
			}()
		}
		wg.Wait()
		require.NoError(t, e.Flush(e.ctx))
		require.NoError(t, other.Flush(e.ctx))
		seen := map[string]int{}
		for _, ev := range e.events.Events() {
			seen[ev.ID]++
		}
		assert.Len(t, seen, writes, "one context_created per write")
		for id, n := range seen {
			assert.Equal(t, 1, n, "event %s delivered %d times", id, n)
		}
		n, err := e.Pending(e.ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

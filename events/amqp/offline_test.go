package amqp_test

import (
	"context"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/events/amqp"
)

// These tests need no broker.

func TestNewRejectsBadURL(t *testing.T) {
	_, err := amqp.New(amqp.Config{URL: "http://localhost/"})
	require.Error(t, err)
}

// closedPortURL returns an AMQP URL on a local port nobody listens on.
func closedPortURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return "amqp://guest:guest@" + addr + "/"
}

// silentServerURL returns an AMQP URL on a server that accepts connections
// and never answers, like a hung broker.
func silentServerURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return "amqp://guest:guest@" + l.Addr().String() + "/"
}

func TestPublishUnreachableFailsFast(t *testing.T) {
	p := newPublisher(t, amqp.Config{URL: closedPortURL(t)})
	ev := events.Event{ID: "e1", Name: "n", RoutingKey: "k"}
	start := time.Now()
	require.Error(t, p.Publish(testCtx(t, 5*time.Second), ev))
	require.Error(t, p.Ping(testCtx(t, 5*time.Second)))
	assert.Less(t, time.Since(start), time.Second)
	require.NoError(t, p.Publish(testCtx(t, time.Second)), "no events: nothing to do")
}

func TestPublishHonoursContextOnSilentServer(t *testing.T) {
	p := newPublisher(t, amqp.Config{URL: silentServerURL(t)})
	start := time.Now()
	err := p.Publish(testCtx(t, 300*time.Millisecond), events.Event{ID: "e1"})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestDialTimeoutOnSilentServer(t *testing.T) {
	p := newPublisher(t, amqp.Config{URL: silentServerURL(t), DialTimeout: 300 * time.Millisecond})
	start := time.Now()
	err := p.Ping(context.Background())
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestClosedPublisher(t *testing.T) {
	p := newPublisher(t, amqp.Config{URL: closedPortURL(t)})
	require.NoError(t, p.Close())
	require.NoError(t, p.Close(), "Close twice")
	err := p.Publish(context.Background(), events.Event{ID: "e1"})
	assert.True(t, errors.Is(err, amqp.ErrClosed), "got %v", err)
	assert.ErrorIs(t, p.Ping(context.Background()), amqp.ErrClosed)
}

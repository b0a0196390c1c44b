package httpserver_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/httpserver"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/store/storetest"
)

// gatedBus is a publisher that publishes nothing until it is opened.
type gatedBus struct {
	events.Recorder
	open chan struct{}
}

func (b *gatedBus) Publish(ctx context.Context, evs ...events.Event) error {
	select {
	case <-b.open:
		return b.Recorder.Publish(ctx, evs...)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// created counts the phone_number_created events published.
func (b *gatedBus) created() int {
	n := 0
	for _, name := range b.Names() {
		if name == "phone_number_created" {
			n++
		}
	}
	return n
}

// A write waits (up to Delivery) for its events to be published, but a
// range of more numbers than one relay batch answers at its commit: its
// events follow from the relay, in the background.
func TestPhoneNumbers_Ranges_Delivery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		bus := &gatedBus{open: make(chan struct{})}
		c, err := confd.New(context.Background(), confd.Config{DatabaseURL: url, Publisher: bus,
			Reloader: &reload.Recorder{}, RetryInterval: 20 * time.Millisecond, Logger: quiet, NoStarterContexts: true})
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		srv := httptest.NewServer(httpserver.New(c, httpserver.Config{ManageTenants: true, Logger: quiet,
			Delivery: time.Minute, Auth: httpserver.NewBuiltin(c, adminTok, nil)}))
		t.Cleanup(srv.Close)
		a := &api{t: t, c: c, srv: srv}
		a.mustStatus(201, "POST", "/1.1/tenants", adminTok, "", map[string]any{"uuid": mainTenant, "name": "Main", "slug": "main"})

		large := postRangeAsync(a, map[string]any{"start_number": "20000", "end_number": "29999"})
		select {
		case r := <-large:
			assert.Equal(t, 201, r.status)
		case <-time.After(30 * time.Second):
			t.Fatal("a large range waits for the delivery of its events")
		}
		small := postRangeAsync(a, map[string]any{"start_number": "1000", "end_number": "1009"})
		select {
		case <-small:
			t.Fatal("a small range answers before its events are published")
		case <-time.After(300 * time.Millisecond):
		}
		assert.Zero(t, bus.created())
		close(bus.open)
		select {
		case r := <-small:
			assert.Equal(t, 201, r.status)
		case <-time.After(30 * time.Second):
			t.Fatal("the small range never answered")
		}
		require.Eventually(t, func() bool { return bus.created() == 10010 }, 30*time.Second, 20*time.Millisecond)
	})
}

// postRangeAsync sends POST /phone-numbers/ranges in the background.
func postRangeAsync(a *api, body map[string]any) <-chan reply {
	out := make(chan reply, 1)
	go func() { out <- a.do("POST", "/1.1/phone-numbers/ranges", adminTok, mainTenant, body) }()
	return out
}

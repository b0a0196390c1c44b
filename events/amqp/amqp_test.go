package amqp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	amqp091 "github.com/rabbitmq/amqp091-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/events/amqp"
	"github.com/gopbx/confd/events/amqp/amqptest"
)

const (
	testOrigin = "8b8e9c4a-0000-4000-8000-00000000beef"
	testTenant = "2b6a8f0e-1111-4111-8111-0000000000aa"
	wazoXchg   = "wazo-headers"
)

// brokerURL returns the RabbitMQ of CONFD_TEST_AMQP (see amqptest).
func brokerURL(t *testing.T) string {
	t.Helper()
	return amqptest.URL(t)
}

func newPublisher(t *testing.T, cfg amqp.Config) *amqp.Publisher {
	t.Helper()
	cfg.OriginUUID = testOrigin
	cfg.Logger = slog.New(slog.DiscardHandler)
	p, err := amqp.New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = p.Close() })
	return p
}

// consume binds a server-named exclusive queue to exchange, matching the
// event name like wazo's consumers do, and returns its deliveries. It
// declares the exchange with wazo's arguments first: RabbitMQ answers 406 if
// the publisher declared it differently.
func consume(t *testing.T, url, exchange, name string) <-chan amqp091.Delivery {
	t.Helper()
	conn, err := amqp091.Dial(url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	ch, err := conn.Channel()
	require.NoError(t, err)
	require.NoError(t, ch.ExchangeDeclare(exchange, "headers", true, false, false, false, nil))
	q, err := ch.QueueDeclare("", false, true, true, false, nil)
	require.NoError(t, err)
	args := amqp091.Table{"x-match": "all", "name": name}
	require.NoError(t, ch.QueueBind(q.Name, "", exchange, false, args))
	d, err := ch.Consume(q.Name, "", true, true, false, false, nil)
	require.NoError(t, err)
	return d
}

func receive(t *testing.T, d <-chan amqp091.Delivery) amqp091.Delivery {
	t.Helper()
	select {
	case m, ok := <-d:
		require.True(t, ok, "consumer closed")
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no message received within 10s")
		return amqp091.Delivery{}
	}
}

func uniqueName(prefix string) string {
	return prefix + "_" + strconv.FormatInt(time.Now().UnixNano(), 36)
}

func testCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func TestPublishTenantEvent(t *testing.T) {
	url := brokerURL(t)
	p := newPublisher(t, amqp.Config{URL: url})
	ctx := testCtx(t, 20*time.Second)
	require.NoError(t, p.Ping(ctx)) // declares wazo-headers
	name := uniqueName("confd_test_created")
	d := consume(t, url, wazoXchg, name)

	ev := events.Event{
		ID: "evt-tenant-1", Name: name, RoutingKey: "config.tests.created",
		TenantUUID: testTenant, Headers: map[string]any{"user_uuid:*": true},
		Data: json.RawMessage(`{"id":42,"label":"ctx"}`),
		Time: time.Date(2026, 11, 22, 17, 36, 21, 52227123, time.Local),
	}
	require.NoError(t, p.Publish(ctx, ev))
	m := receive(t, d)

	assert.Equal(t, "config.tests.created", m.RoutingKey)
	assert.Equal(t, "evt-tenant-1", m.MessageId)
	assert.Equal(t, "application/json", m.ContentType)
	assert.Equal(t, amqp091.Persistent, m.DeliveryMode)
	want := map[string]any{
		"name":            name,
		"origin_uuid":     testOrigin,
		"timestamp":       "2026-11-22T17:36:21.052227",
		"required_access": "event." + name,
		"required_acl":    "events.config.tests.created",
		"tenant_uuid":     testTenant,
		"user_uuid:*":     true,
	}
	assert.Equal(t, want, map[string]any(m.Headers))

	var body map[string]any
	require.NoError(t, json.Unmarshal(m.Body, &body))
	data, err := json.Marshal(body["data"])
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":42,"label":"ctx"}`, string(data))
	delete(body, "data")
	assert.Equal(t, want, body)
}

func TestPublishServiceEvent(t *testing.T) {
	url := brokerURL(t)
	p := newPublisher(t, amqp.Config{URL: url})
	ctx := testCtx(t, 20*time.Second)
	require.NoError(t, p.Ping(ctx))
	name := uniqueName("confd_test_service_edited")
	d := consume(t, url, wazoXchg, name)

	ev := events.Event{
		ID: "evt-service-1", Name: name, RoutingKey: "config.service.edited",
		Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.Local),
	}
	require.NoError(t, p.Publish(ctx, ev))
	m := receive(t, d)

	assert.NotContains(t, m.Headers, "tenant_uuid")
	assert.Equal(t, "2026-01-02T03:04:05", m.Headers["timestamp"], "no fraction when microseconds are 0")
	assert.Regexp(t, regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`), m.Headers["timestamp"])
	assert.Equal(t, name, m.Headers["name"])
	var body map[string]any
	require.NoError(t, json.Unmarshal(m.Body, &body))
	assert.NotContains(t, body, "tenant_uuid")
	assert.Contains(t, body, "data")
	assert.Nil(t, body["data"], "empty Data is sent as null")
}

// TestExchangeDeclaredLikeWazo checks the exchange's type and flags on a
// private exchange: a declaration with wazo's arguments must be accepted,
// and a different one refused (so the check has teeth).
func TestExchangeDeclaredLikeWazo(t *testing.T) {
	url := brokerURL(t)
	exchange := uniqueName("confd-test-headers")
	p := newPublisher(t, amqp.Config{URL: url, Exchange: exchange})
	require.NoError(t, p.Ping(testCtx(t, 20*time.Second)))

	conn, err := amqp091.Dial(url)
	require.NoError(t, err)
	defer conn.Close()
	ch, err := conn.Channel()
	require.NoError(t, err)
	defer func() { _ = ch.ExchangeDelete(exchange, false, false) }()
	require.NoError(t, ch.ExchangeDeclare(exchange, "headers", true, false, false, false, nil))

	other, err := conn.Channel()
	require.NoError(t, err)
	err = other.ExchangeDeclare(exchange, "headers", false, false, false, false, nil)
	var amqpErr *amqp091.Error
	require.ErrorAs(t, err, &amqpErr)
	assert.Equal(t, amqp091.PreconditionFailed, amqpErr.Code)
}

// TestChannelErrorThenRecovers deletes the exchange under the publisher: the
// broker closes the channel (404), which must fail Publish; the next Publish
// reconnects, declares the exchange again and is delivered.
func TestChannelErrorThenRecovers(t *testing.T) {
	url := brokerURL(t)
	exchange := uniqueName("confd-test-headers")
	p := newPublisher(t, amqp.Config{URL: url, Exchange: exchange})
	ctx := testCtx(t, 20*time.Second)
	require.NoError(t, p.Ping(ctx))

	conn, err := amqp091.Dial(url)
	require.NoError(t, err)
	defer conn.Close()
	ch, err := conn.Channel()
	require.NoError(t, err)
	require.NoError(t, ch.ExchangeDelete(exchange, false, false))
	defer func() { _ = ch.ExchangeDelete(exchange, false, false) }()

	name := uniqueName("confd_test_recovered")
	ev := events.Event{ID: "evt-lost", Name: name, RoutingKey: "config.tests.recovered"}
	require.Error(t, p.Publish(ctx, ev), "publishing to a deleted exchange must fail")

	d := consume(t, url, exchange, name)
	ev.ID = "evt-after"
	require.NoError(t, p.Publish(ctx, ev))
	assert.Equal(t, "evt-after", receive(t, d).MessageId)
}

func TestConcurrentPublish(t *testing.T) {
	url := brokerURL(t)
	p := newPublisher(t, amqp.Config{URL: url})
	ctx := testCtx(t, 30*time.Second)
	name := uniqueName("confd_test_concurrent")
	require.NoError(t, p.Ping(ctx))
	d := consume(t, url, wazoXchg, name)

	const workers, calls, batch = 8, 10, 3
	errs := make(chan error, workers*calls)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for c := range calls {
				evs := make([]events.Event, batch)
				for i := range evs {
					id := fmt.Sprintf("evt-%d-%d-%d", w, c, i)
					evs[i] = events.Event{ID: id, Name: name, RoutingKey: "config.tests.created"}
				}
				errs <- p.Publish(ctx, evs...)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	seen := map[string]bool{}
	for range workers * calls * batch {
		m := receive(t, d)
		assert.False(t, seen[m.MessageId], "duplicate %s", m.MessageId)
		seen[m.MessageId] = true
	}
	assert.Len(t, seen, workers*calls*batch)
}

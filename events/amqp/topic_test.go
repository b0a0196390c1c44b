package amqp_test

import (
	"bytes"
	"log/slog"
	"sync"
	"testing"
	"time"

	amqp091 "github.com/rabbitmq/amqp091-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/events/amqp"
)

// exchanges returns a unique headers exchange and topic exchange name, both
// deleted when the test ends.
func exchanges(t *testing.T, url string) (headers, topic string) {
	t.Helper()
	headers, topic = uniqueName("confd-test-headers"), uniqueName("confd-test-topic")
	t.Cleanup(func() {
		ch := channel(t, url)
		_ = ch.ExchangeDelete(topic, false, false)
		_ = ch.ExchangeDelete(headers, false, false)
	})
	return headers, topic
}

// channel opens a channel on a connection of its own, closed at the end.
func channel(t *testing.T, url string) *amqp091.Channel {
	t.Helper()
	conn, err := amqp091.Dial(url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	ch, err := conn.Channel()
	require.NoError(t, err)
	return ch
}

// consumeTopic binds a new queue to the topic exchange by routing key only,
// the way wazo's documentation tells integrators to (exchange declared
// topic, durable), and returns its deliveries.
func consumeTopic(t *testing.T, url, topic string, keys ...string) <-chan amqp091.Delivery {
	t.Helper()
	ch := channel(t, url)
	require.NoError(t, ch.ExchangeDeclare(topic, "topic", true, false, false, false, nil))
	q, err := ch.QueueDeclare("", false, true, true, false, nil)
	require.NoError(t, err)
	for _, k := range keys {
		require.NoError(t, ch.QueueBind(q.Name, k, topic, false, nil))
	}
	d, err := ch.Consume(q.Name, "", true, true, false, false, nil)
	require.NoError(t, err)
	return d
}

func TestTopicExchangeGetsEventsByRoutingKey(t *testing.T) {
	url := brokerURL(t)
	headers, topic := exchanges(t, url)
	p := newPublisher(t, amqp.Config{URL: url, Exchange: headers, TopicExchange: topic})
	ctx := testCtx(t, 20*time.Second)
	require.NoError(t, p.Ping(ctx))
	name := uniqueName("confd_test_topic")
	byName := consume(t, url, headers, name)
	byKey := consumeTopic(t, url, topic, "config.#")

	evs := []events.Event{
		{ID: "evt-other", Name: name, RoutingKey: "other.tests.created"},
		{ID: "evt-user", Name: name, RoutingKey: "config.user.created", TenantUUID: testTenant,
			Headers: map[string]any{"user_uuid:*": true}, Data: []byte(`{"id":7,"uuid":"u-7"}`)},
		{ID: "evt-forward", Name: name, RoutingKey: "config.users.u-7.forwards.busy.updated",
			Data: []byte(`{"user_uuid":"u-7","enabled":true,"destination":"1234"}`)},
	}
	require.NoError(t, p.Publish(ctx, evs...))
	for _, ev := range evs {
		h := receive(t, byName)
		require.Equal(t, ev.ID, h.MessageId)
		if ev.ID == "evt-other" {
			continue // not bound by key; the next one arriving first shows it was not routed
		}
		m := receive(t, byKey)
		assert.Equal(t, ev.ID, m.MessageId)
		assert.Equal(t, ev.RoutingKey, m.RoutingKey)
		assert.Equal(t, string(h.Body), string(m.Body))
		assert.Equal(t, h.Headers, m.Headers)
	}
}

// TestTopicBindingMatchesEveryMessage checks on the broker that the headers
// binding the publisher makes lets any message through, whatever its
// headers, even none.
func TestTopicBindingMatchesEveryMessage(t *testing.T) {
	url := brokerURL(t)
	headers, topic := exchanges(t, url)
	p := newPublisher(t, amqp.Config{URL: url, Exchange: headers, TopicExchange: topic})
	require.NoError(t, p.Ping(testCtx(t, 20*time.Second)))
	byKey := consumeTopic(t, url, topic, "#")

	ch := channel(t, url)
	tables := []amqp091.Table{nil, {}, {"name": "x"}, {"x-match": "any"}, {"n": int32(1), "t": amqp091.Table{"a": "b"}}}
	for i, h := range tables {
		pub := amqp091.Publishing{Headers: h, MessageId: string(rune('a' + i))}
		require.NoError(t, ch.Publish(headers, "any.key", false, false, pub))
	}
	for i := range tables {
		assert.Equal(t, string(rune('a'+i)), receive(t, byKey).MessageId)
	}
}

// syncBuffer is a log destination safe for the publisher's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// logged returns a publisher for cfg whose logs go to the returned buffer.
func logged(t *testing.T, cfg amqp.Config) (*amqp.Publisher, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
	p, err := amqp.New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = p.Close() })
	return p, logs
}

// TestTopicExchangeDeclaredOtherwise: an exchange of the topic exchange's
// name but another type or durability makes the broker refuse the
// declaration (406); that is logged, and publishing to the headers exchange
// goes on, on the same connection.
func TestTopicExchangeDeclaredOtherwise(t *testing.T) {
	for _, tc := range []struct {
		kind    string
		durable bool
	}{{"direct", true}, {"topic", false}} {
		t.Run(tc.kind, func(t *testing.T) {
			url := brokerURL(t)
			headers, topic := exchanges(t, url)
			require.NoError(t, channel(t, url).ExchangeDeclare(topic, tc.kind, tc.durable, false, false, false, nil))
			p, logs := logged(t, amqp.Config{URL: url, Exchange: headers, TopicExchange: topic})
			ctx := testCtx(t, 20*time.Second)
			require.NoError(t, p.Ping(ctx))
			name := uniqueName("confd_test_topic_refused")
			d := consume(t, url, headers, name)

			for _, id := range []string{"evt-1", "evt-2"} {
				require.NoError(t, p.Publish(ctx, events.Event{ID: id, Name: name, RoutingKey: "config.tests.created"}))
				assert.Equal(t, id, receive(t, d).MessageId)
			}
			out := logs.String()
			assert.Contains(t, out, "topic exchange not bound")
			assert.Contains(t, out, "PRECONDITION_FAILED")
			assert.Equal(t, 1, bytes.Count([]byte(out), []byte("amqp: connected")), "no reconnection: %s", out)
		})
	}
}

// TestTopicBindRetriedOnReconnect: once the conflicting exchange is gone,
// the next connection declares and binds the topic exchange.
func TestTopicBindRetriedOnReconnect(t *testing.T) {
	url := brokerURL(t)
	headers, topic := exchanges(t, url)
	ch := channel(t, url)
	require.NoError(t, ch.ExchangeDeclare(topic, "direct", true, false, false, false, nil))
	p := newPublisher(t, amqp.Config{URL: url, Exchange: headers, TopicExchange: topic})
	ctx := testCtx(t, 20*time.Second)
	require.NoError(t, p.Ping(ctx))

	require.NoError(t, ch.ExchangeDelete(topic, false, false))
	require.NoError(t, ch.ExchangeDelete(headers, false, false)) // the next Publish fails, the one after reconnects
	ev := events.Event{ID: "evt-lost", Name: "confd_test_rebound", RoutingKey: "config.tests.rebound"}
	require.Error(t, p.Publish(ctx, ev))
	require.NoError(t, p.Ping(ctx))

	d := consumeTopic(t, url, topic, "config.tests.*")
	ev.ID = "evt-rebound"
	require.NoError(t, p.Publish(ctx, ev))
	assert.Equal(t, "evt-rebound", receive(t, d).MessageId)
}

// TestTopicExchangeOff: with NoTopicExchange the headers exchange gets no
// binding. RabbitMQ deletes an exchange "if unused" only when it is the
// source of no binding, which the enabled case shows.
func TestTopicExchangeOff(t *testing.T) {
	url := brokerURL(t)
	ctx := testCtx(t, 20*time.Second)
	var amqpErr *amqp091.Error

	bound, topic := exchanges(t, url)
	require.NoError(t, newPublisher(t, amqp.Config{URL: url, Exchange: bound, TopicExchange: topic}).Ping(ctx))
	err := channel(t, url).ExchangeDelete(bound, true, false)
	require.ErrorAs(t, err, &amqpErr, "the bound exchange is in use")
	assert.Equal(t, amqp091.PreconditionFailed, amqpErr.Code)

	headers, _ := exchanges(t, url)
	p := newPublisher(t, amqp.Config{URL: url, Exchange: headers, TopicExchange: amqp.NoTopicExchange})
	require.NoError(t, p.Ping(ctx))
	err = channel(t, url).ExchangeDeclarePassive(amqp.NoTopicExchange, "topic", true, false, false, false, nil)
	require.ErrorAs(t, err, &amqpErr, "no exchange named %q", amqp.NoTopicExchange)
	assert.Equal(t, amqp091.NotFound, amqpErr.Code)
	require.NoError(t, channel(t, url).ExchangeDelete(headers, true, false), "no binding from the headers exchange")
}

func TestTopicExchangeNotTheHeadersExchange(t *testing.T) {
	_, err := amqp.New(amqp.Config{URL: "amqp://localhost/", Exchange: "x", TopicExchange: "x"})
	assert.Error(t, err)
	_, err = amqp.New(amqp.Config{URL: "amqp://localhost/", TopicExchange: amqp.DefaultExchange})
	assert.Error(t, err)
}

package confd_test

import (
	"context"
	"errors"
	"os/exec"
	"testing"
	"time"

	amqp091 "github.com/rabbitmq/amqp091-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events/amqp"
	"github.com/gopbx/confd/events/amqp/amqptest"
	"github.com/gopbx/confd/resources"
)

// busURL returns the RabbitMQ of the tests (see amqptest).
func busURL(t *testing.T) string { return amqptest.URL(t) }

// consume binds a new queue to wazo-headers for events named name.
func consume(t *testing.T, url, name string) <-chan amqp091.Delivery {
	t.Helper()
	return consumeQueue(t, url, name, "", false)
}

// consumeQueue declares queue (a durable one that survives a broker
// restart when named) bound to events named name, and consumes it.
func consumeQueue(t *testing.T, url, name, queue string, durable bool) <-chan amqp091.Delivery {
	t.Helper()
	conn, err := amqp091.Dial(url)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	ch, err := conn.Channel()
	require.NoError(t, err)
	require.NoError(t, ch.ExchangeDeclare("wazo-headers", "headers", true, false, false, false, nil))
	q, err := ch.QueueDeclare(queue, durable, !durable, !durable, false, nil)
	require.NoError(t, err)
	require.NoError(t, ch.QueueBind(q.Name, "", "wazo-headers", false, amqp091.Table{"x-match": "all", "name": name}))
	msgs, err := ch.Consume(q.Name, "", true, !durable, false, false, nil)
	require.NoError(t, err)
	return msgs
}

// busClient returns a Client publishing to the broker at bus, with a
// tenant and no starter dialplan, its outbox flushed.
func busClient(t *testing.T, bus, url string) (*confd.Client, string) {
	t.Helper()
	return busClientWith(t, amqp.Config{URL: bus}, url, "bus")
}

// busClientWith is busClient with a publisher configured by cfg and a
// tenant of this slug.
func busClientWith(t *testing.T, cfg amqp.Config, url, slug string) (*confd.Client, string) {
	t.Helper()
	cfg.Logger = quiet
	pub, err := amqp.New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { pub.Close() })
	c, err := confd.New(context.Background(), confd.Config{DatabaseURL: url, Publisher: pub, Logger: quiet,
		RetryInterval: 50 * time.Millisecond, NoStarterContexts: true})
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	tenant := &resources.Tenant{Slug: slug}
	require.NoError(t, c.Tenants.Create(context.Background(), "", tenant))
	require.NoError(t, c.Flush(context.Background()))
	return c, tenant.UUID
}

// receive returns the next message of tenant, ignoring other tests' ones.
func receive(t *testing.T, msgs <-chan amqp091.Delivery, tenant string, within time.Duration) (amqp091.Delivery, bool) {
	deadline := time.After(within)
	for {
		select {
		case m := <-msgs:
			if m.Headers["tenant_uuid"] == tenant {
				return m, true
			}
		case <-deadline:
			return amqp091.Delivery{}, false
		}
	}
}

func TestBus_EventAfterCommitOnly(t *testing.T) {
	url := busURL(t)
	c, tenant := busClient(t, url, "sqlite::memory:")
	msgs := consume(t, url, "context_created")
	ctx := context.Background()

	err := c.RunInTx(ctx, func(ctx context.Context, tx *confd.Client) error {
		if err := tx.Contexts.Create(ctx, confd.Scope{}, &confd.Context{Label: "rolled back", TenantUUID: tenant}); err != nil {
			return err
		}
		return errors.New("abort")
	})
	require.Error(t, err)
	require.NoError(t, c.Contexts.Create(ctx, confd.Scope{}, &confd.Context{Label: "kept", TenantUUID: tenant}))

	m, ok := receive(t, msgs, tenant, 5*time.Second)
	require.True(t, ok, "the committed event arrives")
	assert.Equal(t, "config.contexts.created", m.RoutingKey)
	assert.Equal(t, tenant, m.Headers["tenant_uuid"])
	assert.Equal(t, "event.context_created", m.Headers["required_access"])
	assert.Equal(t, true, m.Headers["user_uuid:*"])
	assert.Contains(t, string(m.Body), `"name":"ctx-bus-internal-`)
	_, more := receive(t, msgs, tenant, 500*time.Millisecond)
	assert.False(t, more, "the rolled back write published nothing")
}

func TestBus_BrokerRestartLosesNothing(t *testing.T) {
	url, ctl := amqptest.Control(t)
	c, tenant := busClient(t, url, "sqlite::memory:")
	ctx := context.Background()
	require.NoError(t, c.Contexts.Create(ctx, confd.Scope{}, &confd.Context{Label: "warm-up", TenantUUID: tenant}))
	require.NoError(t, c.Flush(ctx))

	queue := "confd-test-" + resources.NewUUID()
	consumeQueue(t, url, "context_created", queue, true) // bound before the outage
	t.Cleanup(func() { deleteQueue(url, queue) })
	brokerctl(t, ctl, "stop_app")
	t.Cleanup(func() { brokerctl(t, ctl, "start_app") })
	require.NoError(t, c.Contexts.Create(ctx, confd.Scope{}, &confd.Context{Label: "while down", TenantUUID: tenant}),
		"writes succeed while the broker is down")
	require.Error(t, c.Flush(ctx))
	brokerctl(t, ctl, "start_app")

	msgs := consumeQueue(t, url, "context_created", queue, true)
	require.NoError(t, c.Contexts.Create(ctx, confd.Scope{}, &confd.Context{Label: "after", TenantUUID: tenant}))
	var labels []string
	for len(labels) < 2 {
		m, ok := receive(t, msgs, tenant, 10*time.Second)
		require.True(t, ok, "got %v", labels)
		labels = append(labels, string(m.Body))
	}
	require.Eventually(t, func() bool {
		n, err := c.Pending(ctx)
		return err == nil && n == 0
	}, 5*time.Second, 20*time.Millisecond, "the outbox is empty once the broker is back")
}

func brokerctl(t *testing.T, ctl, verb string) {
	t.Helper()
	out, err := exec.Command("sh", "-c", ctl+" "+verb).CombinedOutput()
	require.NoError(t, err, string(out))
}

func deleteQueue(url, queue string) {
	conn, err := amqp091.Dial(url)
	if err != nil {
		return
	}
	defer conn.Close()
	if ch, err := conn.Channel(); err == nil {
		ch.QueueDelete(queue, false, false, false)
	}
}

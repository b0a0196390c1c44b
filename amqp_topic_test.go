package confd_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	amqp091 "github.com/rabbitmq/amqp091-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events/amqp"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store/storetest"
)

// topicClient returns a Client like busClient's whose publisher binds
// topic, a topic exchange of the test's own (deleted at the end, binding
// included), to wazo-headers.
func topicClient(t *testing.T, bus, url, topic string) (*confd.Client, string) {
	t.Helper()
	t.Cleanup(func() { deleteExchange(bus, topic) })
	return busClientWith(t, amqp.Config{URL: bus, TopicExchange: topic}, url, "topic")
}

// consumeTopic binds a new queue to the topic exchange by routing key only,
// as wazo's documentation shows integrators for xivo: Exchange('xivo',
// type='topic'), durable.
func consumeTopic(t *testing.T, url, topic string, keys ...string) <-chan amqp091.Delivery {
	t.Helper()
	conn, err := amqp091.Dial(url)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	ch, err := conn.Channel()
	require.NoError(t, err)
	require.NoError(t, ch.ExchangeDeclare(topic, "topic", true, false, false, false, nil))
	q, err := ch.QueueDeclare("", false, true, true, false, nil)
	require.NoError(t, err)
	for _, k := range keys {
		require.NoError(t, ch.QueueBind(q.Name, k, topic, false, nil))
	}
	msgs, err := ch.Consume(q.Name, "", true, true, false, false, nil)
	require.NoError(t, err)
	return msgs
}

func deleteExchange(url, exchange string) {
	conn, err := amqp091.Dial(url)
	if err != nil {
		return
	}
	defer conn.Close()
	if ch, err := conn.Channel(); err == nil {
		ch.ExchangeDelete(exchange, false, false)
	}
}

// collect receives the tenant's messages until it has one of each of names,
// and returns those by name.
func collect(t *testing.T, msgs <-chan amqp091.Delivery, tenant string, names ...string) map[string]amqp091.Delivery {
	t.Helper()
	got := map[string]amqp091.Delivery{}
	for len(got) < len(names) {
		m, ok := receive(t, msgs, tenant, 10*time.Second)
		require.True(t, ok, "received only %d of %v", len(got), names)
		name, _ := m.Headers["name"].(string)
		if !slices.Contains(names, name) {
			continue // config.# also gets the tenant's other events
		}
		require.NotContains(t, got, name, "%s received twice", name)
		got[name] = m
	}
	return got
}

// TestBus_TopicExchange: a consumer bound to the topic exchange (xivo by
// default; one of the test's own here, since the broker's xivo may already
// be bound) by routing key gets the user events, with wazo's routing keys
// and data.
func TestBus_TopicExchange(t *testing.T) {
	bus := busURL(t)
	storetest.Each(t, func(t *testing.T, url string) {
		topic := "xivo-test-" + resources.NewUUID()
		all := consumeTopic(t, bus, topic, "config.#")
		some := consumeTopic(t, bus, topic, "config.user.*", "config.users.*.forwards.*.updated", "config.users.*.services.*.updated")
		c, tenant := topicClient(t, bus, url, topic)
		uuid := userLifecycle(t, c, tenant)

		keys := map[string]string{
			"user_created":                "config.user.created",
			"user_edited":                 "config.user.edited",
			"user_deleted":                "config.user.deleted",
			"users_forwards_busy_updated": "config.users." + uuid + ".forwards.busy.updated",
			"users_services_dnd_updated":  "config.users." + uuid + ".services.dnd.updated",
		}
		names := make([]string, 0, len(keys))
		for n := range keys {
			names = append(names, n)
		}
		for _, msgs := range []<-chan amqp091.Delivery{all, some} {
			got := collect(t, msgs, tenant, names...)
			for name, key := range keys {
				assert.Equal(t, key, got[name].RoutingKey, name)
			}
			assert.Subset(t, data(t, got["user_created"]), map[string]any{"uuid": uuid})
			assert.Contains(t, data(t, got["user_created"]), "id")
			assert.Subset(t, data(t, got["users_forwards_busy_updated"]),
				map[string]any{"user_uuid": uuid, "enabled": true, "destination": "1234"})
			assert.Subset(t, data(t, got["users_services_dnd_updated"]), map[string]any{"user_uuid": uuid, "enabled": true})
		}
	})
}

// userLifecycle creates a user, sets its busy forward and do-not-disturb,
// edits and deletes it, and returns its UUID once the events are sent.
func userLifecycle(t *testing.T, c *confd.Client, tenant string) string {
	t.Helper()
	ctx := context.Background()
	u := &confd.User{Firstname: "Topic", TenantUUID: tenant}
	require.NoError(t, c.Users.Create(ctx, confd.Scope{}, u))
	busy := resources.Forwards{Busy: resources.Forward{Enabled: true, Destination: confd.Ptr("1234")}}
	require.NoError(t, c.SetUserForwards(ctx, confd.Scope{}, u.ID, busy, "busy"))
	dnd := resources.Services{DND: resources.Service{Enabled: true}}
	require.NoError(t, c.SetUserServices(ctx, confd.Scope{}, u.ID, dnd, "dnd"))
	u.Lastname = confd.Ptr("Exchange")
	require.NoError(t, c.Users.Update(ctx, confd.Scope{}, u))
	require.NoError(t, c.Users.Delete(ctx, confd.Scope{}, u.ID))
	require.NoError(t, c.Flush(ctx))
	return u.UUID
}

// data decodes the "data" of a message's body.
func data(t *testing.T, m amqp091.Delivery) map[string]any {
	t.Helper()
	var body struct{ Data map[string]any }
	require.NoError(t, json.Unmarshal(m.Body, &body))
	return body.Data
}

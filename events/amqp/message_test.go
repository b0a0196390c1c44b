package amqp

import (
	"encoding/json"
	"testing"
	"time"

	amqp091 "github.com/rabbitmq/amqp091-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/events"
)

func TestIsoformat(t *testing.T) {
	loc := time.FixedZone("X", 5*3600)
	ts := time.Date(2026, 11, 22, 17, 36, 21, 52227999, loc)
	want := ts.Local().Format("2006-01-02T15:04:05") + ".052227"
	assert.Equal(t, want, isoformat(ts), "local time, microseconds truncated")
	whole := time.Date(2026, 11, 22, 17, 36, 21, 999, time.Local)
	assert.Equal(t, "2026-11-22T17:36:21", isoformat(whole), "no fraction without microseconds")
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$`, isoformat(time.Time{}))
}

func TestEncodeOutboxHeaders(t *testing.T) {
	// Headers as they come back from a JSON outbox: nested maps and slices.
	var headers map[string]any
	require.NoError(t, json.Unmarshal([]byte(`{"user_uuid:*":true,"name":"spoof","x":{"a":[1,{"b":"c"}]}}`), &headers))
	ev := events.Event{ID: "e1", Name: "n", RoutingKey: "k", Headers: headers, Data: json.RawMessage(`[1]`)}
	m, err := encode(ev, "origin")
	require.NoError(t, err)
	assert.Equal(t, "n", m.pub.Headers["name"], "envelope wins over event headers")
	assert.Equal(t, amqp091.Table{"a": []any{1.0, amqp091.Table{"b": "c"}}}, m.pub.Headers["x"])
	assert.JSONEq(t, `{"name":"n","origin_uuid":"origin","timestamp":"`+m.pub.Headers["timestamp"].(string)+
		`","required_access":"event.n","required_acl":"events.k","user_uuid:*":true,"x":{"a":[1,{"b":"c"}]},"data":[1]}`,
		string(m.pub.Body))
}

func TestEncodeRejectsBadEvent(t *testing.T) {
	_, err := encode(events.Event{ID: "e1", Headers: map[string]any{"h": struct{}{}}}, "o")
	assert.ErrorContains(t, err, "e1")
	_, err = encode(events.Event{ID: "e2", Data: json.RawMessage(`{`)}, "o")
	assert.ErrorContains(t, err, "e2")
}

func TestEncodeOriginUUID(t *testing.T) {
	m, err := encode(events.Event{ID: "e1"}, "install")
	require.NoError(t, err)
	assert.Equal(t, "install", m.pub.Headers["origin_uuid"])
	m, err = encode(events.Event{ID: "e2", OriginUUID: "other"}, "install")
	require.NoError(t, err)
	assert.Equal(t, "other", m.pub.Headers["origin_uuid"], "the event's own origin wins")
	assert.Contains(t, string(m.pub.Body), `"origin_uuid":"other"`)
}

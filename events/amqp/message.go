package amqp

import (
	"encoding/json"
	"fmt"
	"time"

	amqp091 "github.com/rabbitmq/amqp091-go"

	"github.com/gopbx/confd/events"
)

// message is one event encoded for the bus.
type message struct {
	id  string // event ID, for errors
	key string // routing key
	pub amqp091.Publishing
}

// encode builds the AMQP message of ev the way wazo-bus does: the envelope
// headers (name, origin_uuid, timestamp, required_access, required_acl,
// tenant_uuid for tenant events) added to ev.Headers, and a JSON body holding
// the same keys plus "data". Envelope keys win over ev.Headers. The origin
// is ev.OriginUUID, or originUUID when the event has none.
func encode(ev events.Event, originUUID string) (message, error) {
	if ev.OriginUUID != "" {
		originUUID = ev.OriginUUID
	}
	headers := amqp091.Table{}
	for k, v := range ev.Headers {
		headers[k] = tableValue(v)
	}
	headers["name"] = ev.Name
	headers["origin_uuid"] = originUUID
	headers["timestamp"] = isoformat(ev.Time)
	headers["required_access"] = ev.RequiredAccess()
	headers["required_acl"] = ev.RequiredACL()
	if ev.TenantUUID != "" {
		headers["tenant_uuid"] = ev.TenantUUID
	}
	if err := headers.Validate(); err != nil {
		return message{}, fmt.Errorf("amqp: headers of event %s: %w", ev.ID, err)
	}
	body, err := encodeBody(headers, ev.Data)
	if err != nil {
		return message{}, fmt.Errorf("amqp: body of event %s: %w", ev.ID, err)
	}
	return message{id: ev.ID, key: ev.RoutingKey, pub: amqp091.Publishing{
		Headers:         headers,
		ContentType:     "application/json",
		ContentEncoding: "utf-8",
		DeliveryMode:    amqp091.Persistent,
		MessageId:       ev.ID,
		Body:            body,
	}}, nil
}

// encodeBody returns the JSON body: every header plus "data" (null when
// data is empty).
func encodeBody(headers amqp091.Table, data json.RawMessage) ([]byte, error) {
	body := make(map[string]any, len(headers)+1)
	for k, v := range headers {
		body[k] = v
	}
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	body["data"] = data
	return json.Marshal(body)
}

// tableValue converts the JSON-decoded shapes an event's headers may have
// after a trip through the outbox (map[string]any, []any) into the types an
// AMQP table accepts. Other values are returned as they are.
func tableValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		t := make(amqp091.Table, len(v))
		for k, e := range v {
			t[k] = tableValue(e)
		}
		return t
	case []any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = tableValue(e)
		}
		return a
	default:
		return v
	}
}

// isoformat formats t in local time like Python's naive
// datetime.isoformat(): microseconds, left out when zero. A zero t means now.
func isoformat(t time.Time) string {
	if t.IsZero() {
		t = time.Now()
	}
	t = t.Local()
	if t.Nanosecond()/1000 == 0 {
		return t.Format("2006-01-02T15:04:05")
	}
	return t.Format("2006-01-02T15:04:05.000000")
}

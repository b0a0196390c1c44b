// Package events defines the bus events confd announces after a write, the
// Publisher interface that delivers them, and two simple publishers: a
// Recorder for tests and embedding, and Log for the zero-config server.
package events

import (
	"context"
	"encoding/json"
	"time"
)

// Event is one message for the wazo bus. Name, RoutingKey, TenantUUID and
// Data follow wazo's conventions; Headers holds extra headers such as
// "user_uuid:*" or "user_uuid:<uuid>" (value true).
type Event struct {
	// ID identifies the event across retries (at-least-once delivery).
	ID string `json:"id"`
	// Name is the event name, e.g. "context_created".
	Name string `json:"name"`
	// RoutingKey is wazo's routing key, e.g. "config.contexts.created".
	RoutingKey string `json:"routing_key"`
	// TenantUUID is empty for service events (global resources).
	TenantUUID string `json:"tenant_uuid,omitempty"`
	// Headers are added to the fixed envelope headers.
	Headers map[string]any `json:"headers,omitempty"`
	// Data is the JSON payload ("data" in the message body).
	Data json.RawMessage `json:"data"`
	// OriginUUID identifies the installation that emitted the event.
	OriginUUID string `json:"origin_uuid,omitempty"`
	// Time is when the write that caused the event happened.
	Time time.Time `json:"time"`
}

// RequiredAccess is the access wazo consumers need to receive the event.
func (e Event) RequiredAccess() string { return "event." + e.Name }

// RequiredACL is the deprecated ACL form of RequiredAccess.
func (e Event) RequiredACL() string { return "events." + e.RoutingKey }

// Publisher delivers events. Publish returns nil only once every event is
// accepted by the transport (for AMQP: confirmed by the broker); events are
// then never retried. An error means some may have to be sent again.
type Publisher interface {
	Publish(ctx context.Context, events ...Event) error
}

// Pinger is implemented by publishers that can report their health.
type Pinger interface {
	Ping(ctx context.Context) error
}

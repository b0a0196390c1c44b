package confd

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/resources"
)

// tenantEvent builds a wazo TenantEvent: every user of the tenant may see it.
func tenantEvent(name, routingKey, tenant string, data any) events.Event {
	b, err := json.Marshal(data)
	if err != nil {
		b = []byte("null")
	}
	return events.Event{
		ID: resources.NewUUID(), Name: name, RoutingKey: routingKey, TenantUUID: tenant,
		Headers: map[string]any{"user_uuid:*": true}, Data: b, Time: time.Now(),
	}
}

type baseURLKey struct{}

// WithBaseURL returns a context whose reads build links under base, e.g.
// "https://pbx.example.com/api/confd/1.1". Without it links are relative
// to "/1.1".
func WithBaseURL(ctx context.Context, base string) context.Context {
	return context.WithValue(ctx, baseURLKey{}, base)
}

func link(ctx context.Context, rel string, id any) []resources.Link {
	base, _ := ctx.Value(baseURLKey{}).(string)
	if base == "" {
		base = "/1.1"
	}
	var key string
	switch x := id.(type) {
	case int:
		key = strconv.Itoa(x)
	case string:
		key = x
	}
	return []resources.Link{{Rel: rel, Href: base + "/" + rel + "/" + key}}
}

func itoa(i int) string { return strconv.Itoa(i) }

// assocAction is the last word of an association event's routing key.
func assocAction(verb string) string {
	if verb == "associated" {
		return "updated"
	}
	return "deleted"
}

// globalEvent builds a wazo ServiceEvent: the event of a global object,
// with no tenant.
func globalEvent(name, routingKey string, data any) events.Event {
	b, err := json.Marshal(data)
	if err != nil {
		b = []byte("null")
	}
	return events.Event{ID: resources.NewUUID(), Name: name, RoutingKey: routingKey, Data: b, Time: time.Now()}
}

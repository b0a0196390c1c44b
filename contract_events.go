package confd

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/resources/contract"
)

// crudEvents returns the events of a family whose created, edited and
// deleted events the contract gives whole: wazo's <stem>_<verb> events of
// the plugin, on their routing key, their data the contract's content keys
// taken from the object as the API shows it, for its tenant's users or
// (a service event) for the services. It panics at start-up when the
// contract lacks one of them, or has one of another kind (a user's
// event, a routing key with placeholders).
func crudEvents[T any, PT interface {
	*T
	Resource
}](plugin, stem string) func(op Op, old, v *T) []events.Event {
	p, err := contract.PluginEvents(plugin)
	if err != nil {
		panic(err)
	}
	var byOp [3]contract.Event
	for op, verb := range [...]string{"created", "edited", "deleted"} {
		e, ok := p.Event(stem + "_" + verb)
		if !ok || len(e.ContentKeys) == 0 || strings.Contains(e.RoutingKeyFmt, "{") ||
			e.Kind != "TenantEvent" && e.Kind != "ServiceEvent" {
			panic(fmt.Sprintf("confd: the contract has no %s_%s event with fixed content in %s", stem, verb, plugin))
		}
		byOp[op] = e
	}
	return func(op Op, _, v *T) []events.Event {
		e := byOp[op]
		data := pickFields(v, e.ContentKeys)
		if e.Kind == "TenantEvent" {
			return []events.Event{tenantEvent(e.Name, e.RoutingKeyFmt, PT(v).GetTenant(), data)}
		}
		return []events.Event{globalEvent(e.Name, e.RoutingKeyFmt, data)}
	}
}

// pickFields returns the named fields of v as its JSON shows them.
func pickFields(v any, names []string) map[string]json.RawMessage {
	all := map[string]json.RawMessage{}
	if b, err := json.Marshal(v); err == nil {
		_ = json.Unmarshal(b, &all)
	}
	out := make(map[string]json.RawMessage, len(names))
	for _, n := range names {
		if raw, ok := all[n]; ok {
			out[n] = raw
		} else {
			out[n] = json.RawMessage("null")
		}
	}
	return out
}

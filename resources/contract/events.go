package contract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed events.json
var eventsJSON []byte

// Event is a bus event a plugin of wazo-confd sends.
type Event struct {
	Name string `json:"name"`
	// RoutingKeyFmt is the routing key with {placeholders}, e.g.
	// "config.users.{user_uuid}.forwards.busy.updated".
	RoutingKeyFmt string `json:"routing_key_fmt"`
	// Kind is TenantEvent, UserEvent, MultiUserEvent or ServiceEvent.
	Kind string `json:"event_kind"`
	// ContentKeys are the keys of the event's data, when fixed.
	ContentKeys []string `json:"content_keys"`
}

// Plugin is what one plugin of wazo-confd announces: its bus events and
// the Asterisk commands it asks wazo-sysconfd to run.
type Plugin struct {
	Events       []Event  `json:"bus_events"`
	IpbxCommands []string `json:"sysconfd_ipbx_commands"`
}

var (
	pluginsOnce sync.Once
	pluginsErr  error
	plugins     map[string]Plugin
)

// PluginEvents returns what the plugin (as wazo-confd names its plugin
// folders: "user", "call_pickup", "pjsip") announces.
func PluginEvents(name string) (Plugin, error) {
	pluginsOnce.Do(func() {
		var doc struct {
			Plugins map[string]Plugin `json:"plugins"`
		}
		pluginsErr = json.Unmarshal(eventsJSON, &doc)
		plugins = doc.Plugins
	})
	if pluginsErr != nil {
		return Plugin{}, pluginsErr
	}
	p, ok := plugins[name]
	if !ok {
		return Plugin{}, fmt.Errorf("contract: no plugin %q", name)
	}
	return p, nil
}

// Event returns the plugin's event called name.
func (p Plugin) Event(name string) (Event, bool) {
	for _, e := range p.Events {
		if e.Name == name {
			return e, true
		}
	}
	return Event{}, false
}

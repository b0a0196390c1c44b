package httpserver_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvents_ContextCreated(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/contexts", subTok, "", map[string]any{"label": "ev", "type": "incall"})
		require.NoError(t, a.c.Flush(context.Background()))

		evs := a.events.Events()
		require.Len(t, evs, 1)
		ev := evs[0]
		assert.Equal(t, "context_created", ev.Name)
		assert.Equal(t, "config.contexts.created", ev.RoutingKey)
		assert.Equal(t, subTenant, ev.TenantUUID)
		assert.Equal(t, a.c.Info().UUID, ev.OriginUUID)
		var data map[string]any
		require.NoError(t, json.Unmarshal(ev.Data, &data))
		assert.Equal(t, map[string]any{"id": r.obj()["id"], "name": r.obj()["name"], "type": "incall", "tenant_uuid": subTenant}, data)

		reqs := a.reload.Requests()
		require.Len(t, reqs, 1)
		assert.Equal(t, []string{"dialplan reload"}, reqs[0].Ipbx)
	})
}

func TestEvents_Writes(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		id, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "ev"})
		ext := a.mustCreateExtension(mainTok, "1000", name)
		_, name2 := a.mustCreateContext(mainTok, "", map[string]any{"label": "ev2"})
		dialplan := []string{"dialplan reload"}
		return []scenario{
			{name: "ContextCreate", method: "POST", path: "/1.1/contexts", token: mainTok, body: map[string]any{"label": "new"},
				status: 201, events: map[string]int{"context_created": 1}, reloads: dialplan},
			{name: "ContextEdit", method: "PUT", path: itemPath("contexts", id), token: mainTok, body: map[string]any{"label": "x"},
				status: 204, events: map[string]int{"context_edited": 1}, reloads: dialplan},
			{name: "ExtensionCreate", method: "POST", path: "/1.1/extensions", token: mainTok, body: map[string]any{"exten": "1001", "context": name2},
				status: 201, events: map[string]int{"extension_created": 1}, reloads: dialplan},
			{name: "ExtensionEditExten", method: "PUT", path: itemPath("extensions", ext), token: mainTok, body: map[string]any{"exten": "1002"},
				status: 204, events: map[string]int{"extension_edited": 1},
				reloads: []string{"dialplan reload", "module reload res_pjsip.so", "module reload chan_sccp.so", "module reload app_queue.so"}},
			{name: "ExtensionEditNoChange", method: "PUT", path: itemPath("extensions", ext), token: mainTok, body: map[string]any{"exten": "1002"},
				status: 204, events: map[string]int{"extension_edited": 1}},
			{name: "ExtensionDelete", method: "DELETE", path: itemPath("extensions", ext), token: mainTok,
				status: 204, events: map[string]int{"extension_deleted": 1}, reloads: dialplan},
			{name: "ContextDelete", method: "DELETE", path: itemPath("contexts", id), token: mainTok,
				status: 204, events: map[string]int{"context_deleted": 1}, reloads: dialplan},
			// Failed writes announce nothing.
			{name: "ErrInput", method: "POST", path: "/1.1/contexts", token: mainTok, body: map[string]any{}, status: 400},
			{name: "ErrNotFound", method: "DELETE", path: itemPath("contexts", id), token: mainTok, status: 404},
			{name: "ErrAuth", method: "POST", path: "/1.1/contexts", token: readTok, body: map[string]any{"label": "x"}, status: 401},
			{name: "ErrConflict", method: "POST", path: "/1.1/extensions", token: mainTok, body: map[string]any{"exten": "1001", "context": name2}, status: 400},
			{name: "Read", method: "GET", path: "/1.1/extensions", token: mainTok, status: 200},
		}
	})
}

// The routing key and tenant of each event of a write.
func TestEvents_RoutingKeys(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "ev"})
		ext := a.mustCreateExtension(mainTok, "1000", name)
		other, _ := a.mustCreateContext(mainTok, "", map[string]any{"label": "other"})
		a.mustStatus(204, "PUT", "/1.1/contexts/"+itoa(id)+"/contexts", mainTok, "", contextIDs(other))
		a.mustStatus(204, "DELETE", itemPath("extensions", ext), mainTok, "", nil)
		require.NoError(t, a.c.Flush(context.Background()))
		got := map[string]string{}
		for _, ev := range a.events.Events() {
			got[ev.Name] = ev.RoutingKey
			assert.Equal(t, mainTenant, ev.TenantUUID, ev.Name)
		}
		assert.Equal(t, map[string]string{
			"context_created":     "config.contexts.created",
			"extension_created":   "config.extensions.created",
			"contexts_associated": "config.contexts.contexts.updated",
			"extension_deleted":   "config.extensions.deleted",
		}, got)
	})
}

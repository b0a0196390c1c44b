package httpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources/contract"
)

// crudSpec is, for a family of contractFamilies, what the generic CRUD
// test needs besides a valid body.
type crudSpec struct {
	plugin string         // wazo-confd's plugin, whose events the contract lists
	global bool           // global objects: no tenant to isolate
	edit   map[string]any // a valid partial update
}

var crudSpecs = map[string]crudSpec{
	"contexts":                {"context", false, map[string]any{"description": "edited"}},
	"extensions":              {"extension", false, map[string]any{"enabled": false}},
	"users":                   {"user", false, map[string]any{"lastname": "Edited"}},
	"lines":                   {"line", false, map[string]any{"position": 2}},
	"voicemails":              {"voicemail", false, map[string]any{"name": "edited"}},
	"endpoints/sip":           {"endpoint_sip", false, map[string]any{"label": "edited"}},
	"endpoints/sip/templates": {"endpoint_sip", false, map[string]any{"label": "edited"}},
	"endpoints/iax":           {"endpoint_iax", false, map[string]any{"type": "peer"}},
	"endpoints/sccp":          {"endpoint_sccp", false, map[string]any{"options": []any{}}},
	"endpoints/custom":        {"endpoint_custom", false, map[string]any{"interface": "edited"}},
	"devices":                 {"device", false, map[string]any{"description": "edited"}},
	"groups":                  {"group", false, map[string]any{"label": "edited"}},
	"incalls":                 {"incall", false, map[string]any{"description": "edited"}},
	"schedules":               {"schedule", false, map[string]any{"name": "edited"}},
	"callpermissions":         {"call_permission", false, map[string]any{"description": "edited"}},
	"callpickups":             {"call_pickup", false, map[string]any{"description": "edited"}},
	"phone-numbers":           {"phone_number", false, map[string]any{"caller_id_name": "edited"}},
	"registrars":              {"registrar", true, map[string]any{"name": "edited"}},
	"sip/transports":          {"pjsip", true, map[string]any{"name": "edited"}},
}

// Every family of the table, through the same steps: create (201 and its
// Location), read equals create, another tenant's token answers 404 in
// paths and lists, partial update, delete; each write announces only
// events of its plugin in the contract, with their routing keys and data
// keys, and only the plugin's Asterisk reloads.
func TestContractCRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		for _, fam := range contractFamilies {
			spec, ok := crudSpecs[fam.plural]
			require.True(t, ok, fam.plural)
			t.Run(fam.plural, func(t *testing.T) {
				b := *a
				b.t = t
				b.crudSteps(fam, spec)
			})
		}
	})
}

func (a *api) crudSteps(fam contractFamily, spec crudSpec) {
	plugin, err := contract.PluginEvents(spec.plugin)
	require.NoError(a.t, err)
	a.settle()
	created := a.mustStatus(201, "POST", "/1.1/"+fam.plural, fam.token, "", deepCopy(fam.valid))
	item := created.header.Get("Location")
	require.True(a.t, strings.HasPrefix(item, a.srv.URL+"/1.1/"+fam.plural+"/"), "Location %q", item)
	item = strings.TrimPrefix(item, a.srv.URL)
	a.announcedAsContract(plugin, "created")
	assert.Equal(a.t, created.obj(), a.mustStatus(200, "GET", item, fam.token, "", nil).obj(), "read equals create")

	if !spec.global {
		a.isolated(fam, item)
	}
	a.mustStatus(204, "PUT", item, fam.token, "", spec.edit)
	a.announcedAsContract(plugin, "edited")
	edited := a.mustStatus(200, "GET", item, fam.token, "", nil).obj()
	for k, v := range spec.edit {
		assert.Equal(a.t, fmt.Sprint(v), fmt.Sprint(edited[k]), "edited %s", k)
	}
	a.mustStatus(204, "DELETE", item, fam.token, "", nil)
	a.announcedAsContract(plugin, "deleted")
	a.mustStatus(404, "GET", item, fam.token, "", nil)
}

// isolated checks that SUB's token, which does not see MAIN's objects,
// gets 404 for the item and does not list it.
func (a *api) isolated(fam contractFamily, item string) {
	for _, method := range []string{"GET", "PUT", "DELETE"} {
		r := a.do(method, item, subTok, "", map[string]any{})
		assert.Equal(a.t, 404, r.status, "%s %s as another tenant: %s", method, item, r.raw)
	}
	key := item[strings.LastIndex(item, "/")+1:]
	for _, it := range a.mustStatus(200, "GET", "/1.1/"+fam.plural, subTok, "", nil).obj()["items"].([]any) {
		o := it.(map[string]any)
		for _, field := range []string{"id", "uuid"} {
			assert.NotEqual(a.t, key, fmt.Sprint(o[field]), "listed to another tenant")
		}
	}
	a.settle()
}

// announcedAsContract delivers the outbox and checks what the last write
// announced against the plugin's contract: at least one event, each one
// of the plugin's with its routing key and data keys, one of them named
// for the write ("..._created"), and reloads of the plugin's commands.
func (a *api) announcedAsContract(plugin contract.Plugin, verb string) {
	a.t.Helper()
	require.NoError(a.t, a.c.Flush(context.Background()))
	evs := a.events.Events()
	named := false
	for _, ev := range evs {
		want, ok := plugin.Event(ev.Name)
		if !ok {
			continue // a related family's event (a line's endpoint, ...)
		}
		named = named || strings.HasSuffix(ev.Name, "_"+verb)
		assert.Regexp(a.t, routingKeyPattern(want.RoutingKeyFmt), ev.RoutingKey, "routing key of %s", ev.Name)
		var data map[string]any
		if json.Unmarshal(ev.Data, &data) == nil {
			for _, k := range want.ContentKeys {
				assert.Contains(a.t, data, k, "data of %s", ev.Name)
			}
		}
	}
	assert.True(a.t, named, "a %s event among %v", verb, a.events.Names())
	for _, cmd := range a.reload.Merged().Ipbx {
		assert.True(a.t, slices.Contains(plugin.IpbxCommands, cmd),
			"reload %q is not one of the plugin's %v", cmd, plugin.IpbxCommands)
	}
	a.events.Reset()
	a.reload.Reset()
}

// routingKeyPattern matches the routing keys of a format: each
// {placeholder} stands for one word.
func routingKeyPattern(format string) *regexp.Regexp {
	quoted := regexp.QuoteMeta(format)
	return regexp.MustCompile(`^` + regexp.MustCompile(`\\\{[^}]*\\\}`).ReplaceAllString(quoted, `[^.]+`) + `$`)
}

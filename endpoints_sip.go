package confd

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// EndpointsSIP manages SIP (PJSIP) endpoints: named option sections,
// ordered templates, a transport.
type EndpointsSIP struct{ *sipManager }

// EndpointSIPTemplates manages the templates SIP endpoints inherit from.
type EndpointSIPTemplates struct{ *sipManager }

// sipKind tells endpoints from templates: both live in one table (their
// names are unique across both) and differ by the template column.
type sipKind struct {
	template bool
	resource string // "SIPEndpoint", as in messages
	path     string // "endpoints/sip", under the API's prefix
	rel      string // "endpoint_sip", the rel of its links
	event    string // "sip_endpoint", the prefix of its events
	table    store.Table
}

// sipManager is the generic manager restricted to one kind.
type sipManager struct {
	*Manager[resources.EndpointSIP, *resources.EndpointSIP]
	kind *sipKind
	// quiet writes without events nor reloads (generated templates).
	quiet *Manager[resources.EndpointSIP, *resources.EndpointSIP]
}

var endpointSIPSearch = store.SearchSpec{
	Default: "label", Search: []string{"name", "label", "asterisk_id"}, Lists: []string{"uuid"},
	Columns: map[string]store.Column{
		"name": {}, "label": {}, "asterisk_id": {}, "uuid": {}, "template": {Type: store.BoolColumn},
	},
}

var endpointSIPTable = store.Table{Resource: "SIPEndpoint", Key: "uuid", Tenant: "tenant_uuid", Search: endpointSIPSearch}

func newEndpointsSIP(c *Client) *EndpointsSIP {
	return &EndpointsSIP{newSIPManager(c, &sipKind{resource: "SIPEndpoint", path: "endpoints/sip",
		rel: "endpoint_sip", event: "sip_endpoint", table: endpointSIPTable})}
}

func newEndpointSIPTemplates(c *Client) *EndpointSIPTemplates {
	table := endpointSIPTable
	table.Resource = "SIPEndpointTemplate"
	return &EndpointSIPTemplates{newSIPManager(c, &sipKind{template: true, resource: "SIPEndpointTemplate",
		path: "endpoints/sip/templates", rel: "endpoint_sip_templates", event: "sip_endpoint_template", table: table})}
}

func newSIPManager(c *Client, k *sipKind) *sipManager {
	fam := &family[resources.EndpointSIP]{
		table:        k.table,
		prepare:      k.prepare,
		conflict:     k.nameTaken,
		afterWrite:   saveSIPTemplates,
		beforeDelete: k.beforeDelete,
		load:         k.load,
		fresh:        k.fresh,
		events:       k.events,
		reload:       sipReload,
	}
	quiet := *fam
	quiet.events, quiet.reload = nil, nil
	return &sipManager{
		Manager: &Manager[resources.EndpointSIP, *resources.EndpointSIP]{c: c, fam: fam},
		kind:    k,
		quiet:   &Manager[resources.EndpointSIP, *resources.EndpointSIP]{c: c, fam: &quiet},
	}
}

// Get returns the endpoint (or template) uuid visible in s.
func (m *sipManager) Get(ctx context.Context, s Scope, id any) (*resources.EndpointSIP, error) {
	key, ok := id.(string)
	if !ok {
		return nil, resources.ErrNotFoundUUID(m.kind.resource, fmt.Sprint(id))
	}
	id = resources.CanonicalUUID(key)
	v, err := m.Manager.Get(ctx, s, id)
	if err == nil && v.Template != m.kind.template {
		return nil, resources.ErrNotFoundUUID(m.kind.resource, fmt.Sprint(id))
	}
	return v, m.kind.notFound(err, id)
}

// List returns a page of the endpoints (or templates) visible in s.
func (m *sipManager) List(ctx context.Context, s Scope, p ListParams) ([]resources.EndpointSIP, int, error) {
	p.Filters = maps.Clone(p.Filters)
	if p.Filters == nil {
		p.Filters = map[string]string{}
	}
	p.Filters["template"] = strconv.FormatBool(m.kind.template)
	return m.Manager.List(ctx, s, p)
}

// Update saves v, read with Get and changed.
func (m *sipManager) Update(ctx context.Context, s Scope, v *resources.EndpointSIP) error {
	return m.kind.notFound(m.Manager.Update(ctx, s, v), v.UUID)
}

// Edit applies change to the endpoint (or template) uuid visible in s and
// saves it, holding its row meanwhile (see Manager.Edit).
func (m *sipManager) Edit(ctx context.Context, s Scope, id any, change func(v *resources.EndpointSIP) error) error {
	key, ok := id.(string)
	if !ok {
		return resources.ErrNotFoundUUID(m.kind.resource, fmt.Sprint(id))
	}
	key = resources.CanonicalUUID(key)
	err := m.Manager.Edit(ctx, s, key, func(v *resources.EndpointSIP) error {
		if v.Template != m.kind.template {
			return resources.ErrNotFoundUUID(m.kind.resource, key)
		}
		return change(v)
	})
	return m.kind.notFound(err, key)
}

// Delete removes the endpoint (or template) uuid visible in s. A deleted
// template leaves the templates lists that named it.
func (m *sipManager) Delete(ctx context.Context, s Scope, id any) error {
	key, ok := id.(string)
	if !ok {
		return resources.ErrNotFoundUUID(m.kind.resource, fmt.Sprint(id))
	}
	key = resources.CanonicalUUID(key)
	return m.kind.notFound(m.Manager.Delete(ctx, s, key), key)
}

// notFound words the store's "was not found" of the kind as wazo does.
func (k *sipKind) notFound(err error, id any) error {
	if resources.IsNotFound(err) && strings.HasPrefix(err.Error(), "Resource Not Found - "+k.resource+" was not found") {
		return resources.ErrNotFoundUUID(k.resource, fmt.Sprint(id))
	}
	return err
}

// Merged returns endpoint uuid with its effective options: those of its
// templates (recursively, in order) then its own, one value per key, the
// last one (GET ?view=merged).
func (m *EndpointsSIP) Merged(ctx context.Context, s Scope, id any) (*resources.EndpointSIP, error) {
	v, err := m.Get(ctx, s, id)
	if err != nil {
		return nil, err
	}
	inherited, err := inheritedOptions(ctx, m.db(), v.Templates, map[string]bool{v.UUID: true})
	if err != nil {
		return nil, err
	}
	for i, o := range v.Options() {
		*o = resources.MergeSIPOptions(append(inherited[i], *o...))
	}
	return v, nil
}

// inheritedOptions concatenates the combined options of templates; seen
// guards against a loop the rules already forbid.
func inheritedOptions(ctx context.Context, db bun.IDB, refs []resources.SIPTemplateRef, seen map[string]bool) ([][]resources.SIPOption, error) {
	out := make([][]resources.SIPOption, len(resources.SIPSections))
	for _, ref := range refs {
		if seen[ref.UUID] {
			continue
		}
		t, err := store.Get[resources.EndpointSIP](ctx, db, endpointSIPTable, ref.UUID, nil)
		if err != nil {
			return nil, err
		}
		parents, err := sipTemplateRefs(ctx, db, []string{t.UUID})
		if err != nil {
			return nil, err
		}
		seen[ref.UUID] = true
		sub, err := inheritedOptions(ctx, db, parents[t.UUID], seen)
		delete(seen, ref.UUID)
		if err != nil {
			return nil, err
		}
		for i, o := range t.Options() {
			out[i] = append(append(out[i], sub[i]...), *o...)
		}
	}
	return out, nil
}

func sipReload(op Op, _, _ *resources.EndpointSIP) reload.Request {
	if op == Created {
		return reload.Request{}
	}
	return reload.Commands("module reload res_pjsip.so", "dialplan reload")
}

// events announce an endpoint with wazo's ENDPOINT_SIP_FIELDS, a template
// with an empty payload.
func (k *sipKind) events(op Op, _, v *resources.EndpointSIP) []events.Event {
	verb := [...]string{"created", "edited", "deleted"}[op]
	data := map[string]any{}
	if !k.template {
		data = map[string]any{
			"uuid": v.UUID, "tenant_uuid": v.TenantUUID, "name": v.Name, "label": v.Label,
			"auth_section_options":         resources.OptionsWithKey(v.AuthSectionOptions, "username"),
			"registration_section_options": resources.OptionsWithKey(v.RegistrationSectionOptions, "client_uri"),
			"trunk":                        ownerID(v.Trunk), "line": ownerID(v.Line),
		}
	}
	return []events.Event{tenantEvent(k.event+"_"+verb, "config."+k.event+"."+verb, v.TenantUUID, data)}
}

func ownerID(r *resources.SIPOwnerRef) any {
	if r == nil {
		return nil
	}
	return map[string]any{"id": r.ID}
}

// load adds links, the transport and the templates, in order.
func (k *sipKind) load(ctx context.Context, db bun.IDB, items []*resources.EndpointSIP) error {
	uuids := make([]string, len(items))
	for i, v := range items {
		uuids[i] = v.UUID
		v.Links = link(ctx, k.path, v.UUID)
		v.Links[0].Rel = k.rel
		v.Transport = nil
		if v.TransportUUID != nil {
			v.Transport = &resources.SIPTransportRef{UUID: *v.TransportUUID}
		}
	}
	refs, err := sipTemplateRefs(ctx, db, uuids)
	for _, v := range items {
		v.Templates = append([]resources.SIPTemplateRef{}, refs[v.UUID]...)
	}
	if err != nil || k.template {
		return err
	}
	return loadSIPLines(ctx, db, items)
}

// fresh shows a new endpoint (or template) without reading it back: its
// templates were resolved by prepare, and no line uses it yet.
func (k *sipKind) fresh(ctx context.Context, v *resources.EndpointSIP) bool {
	v.Links = link(ctx, k.path, v.UUID)
	v.Links[0].Rel = k.rel
	v.Transport = nil
	if v.TransportUUID != nil {
		v.Transport = &resources.SIPTransportRef{UUID: *v.TransportUUID}
	}
	v.Templates = append([]resources.SIPTemplateRef{}, v.Templates...)
	v.Line = nil
	return true
}

// loadSIPLines shows the line each endpoint serves.
func loadSIPLines(ctx context.Context, db bun.IDB, items []*resources.EndpointSIP) error {
	for _, v := range items {
		var ids []int
		if err := db.NewSelect().Table("lines").Column("id").Where("endpoint_sip_uuid = ?", v.UUID).Scan(ctx, &ids); err != nil {
			return err
		}
		if len(ids) > 0 {
			v.Line = &resources.SIPOwnerRef{ID: ids[0], Links: link(ctx, "lines", ids[0])}
		}
	}
	return nil
}

package confd

import (
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Contexts manages dialplan contexts: generated names, number ranges,
// included contexts.
type Contexts struct {
	*Manager[resources.Context, *resources.Context]
}

var contextTable = tableSpec{resource: "Context", class: "ContextSchema", search: "context", key: "id"}.table()

func newContexts(c *Client) *Contexts {
	fam := &family[resources.Context]{
		table:        contextTable,
		prepare:      prepareContext,
		beforeDelete: checkContextUnused,
		load:         loadContexts,
		events:       contextEvents,
		reload: func(Op, *resources.Context, *resources.Context) reload.Request {
			return reload.Commands("dialplan reload")
		},
	}
	return &Contexts{&Manager[resources.Context, *resources.Context]{c: c, fam: fam}}
}

// prepareContext names a new context ctx-<tenant slug>-<type>-<uuid>; the
// name, uuid and tenant of an existing one never change.
func prepareContext(ctx context.Context, tx *store.Tx, _ Scope, old, v *resources.Context) error {
	if old != nil {
		v.ID, v.UUID, v.Name, v.TenantUUID = old.ID, old.UUID, old.Name, old.TenantUUID
		return nil
	}
	tenant, err := store.Get[resources.Tenant](ctx, tx, tenantTable, v.TenantUUID, nil)
	if err != nil {
		return resources.ErrInputNotFound("tenant_uuid", "Tenant", "uuid", v.TenantUUID)
	}
	if v.UUID == "" {
		v.UUID = resources.NewUUID()
	}
	if v.Name == "" {
		v.Name = fmt.Sprintf("ctx-%s-%s-%s", tenant.Slug, v.Type, v.UUID)
	}
	return nil
}

func checkContextUnused(ctx context.Context, tx *store.Tx, v *resources.Context) error {
	ext, err := store.Find[resources.Extension](ctx, tx, extensionTable, nil, "context = ?", v.Name)
	if err != nil {
		return err
	}
	if ext != nil {
		return resources.ErrAssociated("Context", "Extension", "context_id", v.ID, "extension_id", ext.ID)
	}
	vm, err := store.Find[resources.Voicemail](ctx, tx, voicemailTable, nil, "context = ?", v.Name)
	if err != nil {
		return err
	}
	if vm != nil {
		return resources.ErrAssociated("Context", "Voicemail", "context_id", v.ID, "voicemail_id", vm.ID)
	}
	return nil
}

type contextInclude struct {
	bun.BaseModel `bun:"table:context_includes"`
	ContextID     int `bun:"context_id,pk"`
	IncludedID    int `bun:"included_id,pk"`
	Priority      int `bun:"priority"`
}

// loadContexts adds links and the included contexts, in priority order.
func loadContexts(ctx context.Context, db bun.IDB, items []*resources.Context) error {
	byID := make(map[int]*resources.Context, len(items))
	ids := make([]int, len(items))
	for i, v := range items {
		v.Links = link(ctx, "contexts", v.ID)
		v.Contexts = []resources.ContextRef{}
		byID[v.ID], ids[i] = v, v.ID
	}
	var rows []struct {
		ContextID int    `bun:"context_id"`
		ID        int    `bun:"id"`
		Name      string `bun:"name"`
		Label     string `bun:"label"`
	}
	err := db.NewSelect().TableExpr("context_includes AS i").
		Join("JOIN contexts AS c ON c.id = i.included_id").
		ColumnExpr("i.context_id, c.id, c.name, c.label").
		Where("i.context_id IN (?)", bun.List(ids)).OrderExpr("i.context_id, i.priority").Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		ref := resources.ContextRef{ID: r.ID, Name: r.Name, Label: r.Label, Links: link(ctx, "contexts", r.ID)}
		byID[r.ContextID].Contexts = append(byID[r.ContextID].Contexts, ref)
	}
	return nil
}

func contextEvents(op Op, _, v *resources.Context) []events.Event {
	verb := [...]string{"created", "edited", "deleted"}[op]
	data := map[string]any{"id": v.ID, "name": v.Name, "type": v.Type, "tenant_uuid": v.TenantUUID}
	return []events.Event{tenantEvent("context_"+verb, "config.contexts."+verb, v.TenantUUID, data)}
}

// SetContexts replaces the contexts included in context id, in order.
// A context cannot include itself, the same context twice, or a context
// of another tenant.
func (m *Contexts) SetContexts(ctx context.Context, s Scope, id int, included []int) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		parent, err := store.Get[resources.Context](ctx, tx, contextTable, id, s.Tenants)
		if err != nil {
			return err
		}
		rows, err := includeRows(ctx, tx, s, parent, included)
		if err != nil {
			return err
		}
		if err := replaceRows(ctx, tx, &rows, "context_includes", "context_id = ?", id); err != nil {
			return err
		}
		tx.Reload(reload.Commands("dialplan reload"))
		data := map[string]any{"context_id": id, "context_ids": included}
		return tx.Emit(ctx, withOrigin(m.c, tenantEvent("contexts_associated", "config.contexts.contexts.updated", parent.TenantUUID, data))...)
	})
}

// includeRows checks, as wazo does, that every included context exists,
// then that none comes twice, then that the context is not among them; we
// also refuse a context of another tenant.
func includeRows(ctx context.Context, tx *store.Tx, s Scope, parent *resources.Context, included []int) ([]contextInclude, error) {
	rows := make([]contextInclude, 0, len(included))
	seen := map[int]bool{}
	for i, cid := range included {
		sub, err := store.Get[resources.Context](ctx, tx, contextTable, cid, s.Tenants)
		if err != nil {
			return nil, resources.ErrInputNotFound("contexts", "Context", "id", cid)
		}
		if sub.TenantUUID != parent.TenantUUID {
			return nil, resources.ErrDifferentTenants("context_tenant_uuid", parent.TenantUUID, "included_tenant_uuid", sub.TenantUUID)
		}
		rows = append(rows, contextInclude{ContextID: parent.ID, IncludedID: cid, Priority: i})
	}
	for _, cid := range included {
		if seen[cid] {
			return nil, resources.ErrNotPermitted("Cannot include same context more than once")
		}
		seen[cid] = true
	}
	if seen[parent.ID] {
		return nil, resources.ErrNotPermitted("Cannot include context inside itself")
	}
	return rows, nil
}

// RangeQuery selects the numbers of a context's ranges.
type RangeQuery struct {
	// Kind is user, group, queue, conference or incall.
	Kind string
	// Available excludes the numbers used by an extension of the context.
	Available bool
	// Search keeps the numbers containing this text.
	Search string
	// Order is "start" (default) or "end"; Desc reverses it.
	Order string
	Desc  bool
}

// RangeItems lists the numbers of a context's ranges of a kind as merged
// runs, e.g. 1000-1004 and 1006-1999 when 1005 is used.
func (m *Contexts) RangeItems(ctx context.Context, s Scope, id int, q RangeQuery) ([]resources.Range, error) {
	kind, available := q.Kind, q.Available
	c, err := m.Get(ctx, s, id)
	if err != nil {
		return nil, err
	}
	ranges, ok := c.Ranges(kind)
	if !ok {
		return nil, resources.ErrNotFound("Range", "kind", kind)
	}
	var used []string
	if available {
		err := m.db().NewSelect().Table("extensions").Column("exten").Where("context = ?", c.Name).Scan(ctx, &used)
		if err != nil {
			return nil, err
		}
	}
	spans := searchSpans(freeRanges(ranges, used), q.Search)
	items := make([]resources.Range, len(spans))
	for i, sp := range spans {
		items[i] = sp.toRange()
	}
	sortRanges(items, q.Order, q.Desc)
	return items, nil
}

func withOrigin(c *Client, evs ...events.Event) []events.Event {
	for i := range evs {
		evs[i].OriginUUID = c.info.UUID
	}
	return evs
}

// inContext finds the context named name among the tenants of s and
// settles the tenant of an object placed in it: a new object (isNew) takes
// the context's tenant, an existing one keeps its own, which must be the
// context's (wazo's "different tenants").
func inContext(ctx context.Context, tx *store.Tx, s Scope, name string, isNew bool, tenant *string) (*resources.Context, error) {
	c, err := contextByName(ctx, tx, s.Tenants, name)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, resources.ErrInputNotFound("context", "Context", "context", name)
	}
	if isNew {
		*tenant = c.TenantUUID
	}
	if c.TenantUUID != *tenant {
		return nil, resources.ErrDifferentTenants("current_tenant_uuid", *tenant, "context_tenant_uuid", c.TenantUUID)
	}
	return c, nil
}

// contextByName finds the context among tenants (nil: all); it is read
// once per transaction, whatever the tenants asked.
func contextByName(ctx context.Context, tx *store.Tx, tenants []string, name string) (*resources.Context, error) {
	c, err := store.Memo(tx, contextTable.Resource+":"+name, func() (*resources.Context, error) {
		c, err := store.Find[resources.Context](ctx, tx, contextTable, nil, "name = ?", name)
		if c != nil { // a context's tenant exists while the context does
			store.Remember(tx, tenantExistsKey(c.TenantUUID), true)
		}
		return c, err
	})
	if err != nil || c == nil || tenants == nil || slices.Contains(tenants, c.TenantUUID) {
		return c, err
	}
	return nil, nil
}

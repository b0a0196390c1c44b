package confd

import (
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// sipTemplateLink is one template of an endpoint (or template), with its
// place in the endpoint's list.
type sipTemplateLink struct {
	bun.BaseModel `bun:"table:endpoints_sip_templates"`
	EndpointUUID  string `bun:"endpoint_uuid,pk"`
	TemplateUUID  string `bun:"template_uuid,pk"`
	Priority      int    `bun:"priority"`
}

// sipTemplateRefs returns the templates of each endpoint, in order.
func sipTemplateRefs(ctx context.Context, db bun.IDB, uuids []string) (map[string][]resources.SIPTemplateRef, error) {
	out := map[string][]resources.SIPTemplateRef{}
	if len(uuids) == 0 {
		return out, nil
	}
	var rows []struct {
		EndpointUUID string  `bun:"endpoint_uuid"`
		UUID         string  `bun:"uuid"`
		Label        *string `bun:"label"`
	}
	err := db.NewSelect().TableExpr("endpoints_sip_templates AS l").
		Join("JOIN endpoints_sip AS t ON t.uuid = l.template_uuid").
		ColumnExpr("l.endpoint_uuid, t.uuid, t.label").
		Where("l.endpoint_uuid IN (?)", bun.List(uuids)).OrderExpr("l.endpoint_uuid, l.priority").Scan(ctx, &rows)
	for _, r := range rows {
		out[r.EndpointUUID] = append(out[r.EndpointUUID], resources.SIPTemplateRef{UUID: r.UUID, Label: r.Label})
	}
	return out, err
}

// saveSIPTemplates replaces the stored templates list of v.
func saveSIPTemplates(ctx context.Context, tx *store.Tx, old, v *resources.EndpointSIP) error {
	if old != nil {
		if _, err := tx.NewDelete().Model((*sipTemplateLink)(nil)).Where("endpoint_uuid = ?", v.UUID).Exec(ctx); err != nil {
			return err
		}
	}
	if len(v.Templates) == 0 {
		return nil
	}
	rows := make([]sipTemplateLink, len(v.Templates))
	for i, t := range v.Templates {
		rows[i] = sipTemplateLink{EndpointUUID: v.UUID, TemplateUUID: t.UUID, Priority: i}
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// tenantTemplateColumns are the tenant columns naming generated templates.
var tenantTemplateColumns = []string{"global_sip_template_uuid", "webrtc_sip_template_uuid",
	"registration_trunk_sip_template_uuid", "global_trunk_sip_template_uuid", "twilio_trunk_sip_template_uuid",
	"meeting_guest_sip_template_uuid"}

// beforeDelete refuses an object of the other kind; a deleted template is
// no longer one of its tenant's generated templates.
func (k *sipKind) beforeDelete(ctx context.Context, tx *store.Tx, v *resources.EndpointSIP) error {
	if v.Template != k.template {
		return resources.ErrNotFoundUUID(k.resource, v.UUID)
	}
	if !k.template {
		return nil
	}
	for _, col := range tenantTemplateColumns {
		_, err := tx.NewUpdate().Table("tenants").Set(col+" = NULL").Where(col+" = ?", v.UUID).Exec(ctx)
		if err != nil {
			return err
		}
	}
	return nil
}

// unusedSIPName draws for v a name no endpoint, template or SIP transport
// uses.
func unusedSIPName(ctx context.Context, db bun.IDB, v *resources.EndpointSIP) error {
	for {
		v.DrawName()
		used, err := pjsipNameUsed(ctx, db, v.Name)
		if err != nil || !used {
			return err
		}
	}
}

// prepare checks, in wazo's order, the templates, the transport, the
// absence of a templates loop, the name and the option keys.
func (k *sipKind) prepare(ctx context.Context, tx *store.Tx, s Scope, old, v *resources.EndpointSIP) error {
	if err := k.identify(ctx, tx, old, v); err != nil {
		return err
	}
	if err := resolveSIPTemplates(ctx, tx, s, v); err != nil {
		return err
	}
	v.TransportUUID = nil
	if v.Transport != nil {
		uuid, err := useSIPTransport(ctx, tx, v.Transport.UUID)
		if err != nil {
			return err
		}
		v.TransportUUID = &uuid
	}
	if err := checkSIPTemplatesLoop(ctx, tx, v); err != nil {
		return err
	}
	if err := checkSIPName(ctx, tx, old, v); err != nil {
		return err
	}
	return v.CheckOptionKeys()
}

// identify keeps the uuid, tenant and kind of an existing object; a new
// one gets the kind, a uuid, and must name a known tenant.
func (k *sipKind) identify(ctx context.Context, tx *store.Tx, old, v *resources.EndpointSIP) error {
	if old != nil {
		if old.Template != k.template {
			return resources.ErrNotFoundUUID(k.resource, old.UUID)
		}
		v.UUID, v.TenantUUID, v.Template = old.UUID, old.TenantUUID, old.Template
		return nil
	}
	if err := checkTenantExists(ctx, tx, v.TenantUUID); err != nil {
		return err
	}
	v.Template = k.template
	if v.UUID == "" {
		v.UUID = resources.NewUUID()
	}
	v.UUID = resources.CanonicalUUID(v.UUID)
	return nil
}

// resolveSIPTemplates checks that each template exists in the endpoint's
// tenant and is visible in s, fills its label, and refuses a template
// named twice.
func resolveSIPTemplates(ctx context.Context, tx *store.Tx, s Scope, v *resources.EndpointSIP) error {
	seen := map[string]bool{}
	for i, ref := range v.Templates {
		id := resources.CanonicalUUID(ref.UUID)
		t, err := store.Find[resources.EndpointSIP](ctx, tx, endpointSIPTable, s.Tenants,
			"uuid = ? AND template = ? AND tenant_uuid = ?", id, true, v.TenantUUID)
		if err != nil {
			return err
		}
		if t == nil {
			return resources.ErrInput("field 'templates': endpoint_sip was not found ('templates': {'uuid': UUID('%s')", id)
		}
		v.Templates[i] = resources.SIPTemplateRef{UUID: t.UUID, Label: t.Label}
	}
	for _, ref := range v.Templates {
		if seen[ref.UUID] {
			return resources.ErrNotPermitted("Cannot use the same template more than once")
		}
		seen[ref.UUID] = true
	}
	return nil
}

// checkSIPTemplatesLoop refuses a template among its own templates,
// directly or through theirs; the message names the template whose list
// would include it.
func checkSIPTemplatesLoop(ctx context.Context, tx *store.Tx, v *resources.EndpointSIP) error {
	visited := map[string]bool{}
	var walk func(id string) error
	walk = func(id string) error {
		if visited[id] {
			return nil
		}
		visited[id] = true
		parents, err := sipTemplateRefs(ctx, tx, []string{id})
		if err != nil {
			return err
		}
		if slices.ContainsFunc(parents[id], func(r resources.SIPTemplateRef) bool { return r.UUID == v.UUID }) {
			return resources.ErrNotPermitted(fmt.Sprintf("SIPEndpointTemplate(%s) already include this template", id))
		}
		for _, p := range parents[id] {
			if err := walk(p.UUID); err != nil {
				return err
			}
		}
		return nil
	}
	for _, ref := range v.Templates {
		if ref.UUID == v.UUID {
			return resources.ErrNotPermitted("Cannot use itself as template")
		}
	}
	for _, ref := range v.Templates {
		if err := walk(ref.UUID); err != nil {
			return err
		}
	}
	return nil
}

// checkSIPName draws a missing name, or checks that no other endpoint,
// template or SIP transport uses the given one. A new endpoint's drawn
// name is checked by its insert (see nameTaken): like wazo, a drawn name
// is only compared with endpoints and templates.
func checkSIPName(ctx context.Context, tx *store.Tx, old, v *resources.EndpointSIP) error {
	if v.Name == "" && old == nil {
		v.DrawName()
		return nil
	}
	if v.Name == "" {
		return unusedSIPName(ctx, tx, v)
	}
	other, err := store.Find[resources.EndpointSIP](ctx, tx, endpointSIPTable, nil, "name = ? AND uuid <> ?", v.Name, v.UUID)
	if err != nil || other == nil {
		if err == nil {
			err = checkSIPTransportNameFree(ctx, tx, v.Name)
		}
		return err
	}
	return sipNameExists(other, v.Name)
}

func sipNameExists(other *resources.EndpointSIP, name string) error {
	if other.Template {
		return resources.ErrExists("SIPEndpointTemplate", "name", name)
	}
	return resources.ErrExists("SIPEndpoint", "name", name)
}

// nameTaken explains the insert of a new endpoint or template that found
// its name or its uuid taken: a drawn name is drawn again.
func (k *sipKind) nameTaken(ctx context.Context, tx *store.Tx, v *resources.EndpointSIP) error {
	other, err := store.Find[resources.EndpointSIP](ctx, tx, endpointSIPTable, nil, "name = ?", v.Name)
	switch {
	case err != nil:
		return err
	case other != nil && v.DrawnName():
		v.DrawName()
		return nil
	case other != nil:
		return sipNameExists(other, v.Name)
	}
	taken, err := store.Exists(ctx, tx, "endpoints_sip", "uuid = ?", v.UUID)
	if err == nil && taken {
		err = resources.ErrExists(k.resource, "uuid", v.UUID)
	}
	return err
}

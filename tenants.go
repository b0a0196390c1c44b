package confd

import (
	"context"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

var tenantTable = store.Table{
	Resource: "Tenant", Key: "uuid", Tenant: "uuid",
	Search: store.SearchSpec{Default: "uuid", Columns: map[string]store.Column{"uuid": {}, "name": {}, "slug": {}}},
}

// Tenants manages the tenant tree. Each tenant has a parent, except the
// master tenant at the top.
type Tenants struct {
	c *Client
}

func (t *Tenants) db() bun.IDB { return t.c.conn() }

// Get returns the tenant uuid visible in s.
func (t *Tenants) Get(ctx context.Context, s Scope, uuid string) (*resources.Tenant, error) {
	return store.Get[resources.Tenant](ctx, t.db(), tenantTable, uuid, s.Tenants)
}

// List returns the tenants visible in s.
func (t *Tenants) List(ctx context.Context, s Scope, p ListParams) ([]resources.Tenant, int, error) {
	return store.List[resources.Tenant](ctx, t.db(), tenantTable, s.Tenants, p)
}

// Master returns the uuid of the master tenant.
func (t *Tenants) Master() string { return t.c.info.MasterTenantUUID }

// Create adds v under parent (the master tenant when empty). A missing
// uuid is generated. The operator tenant, or without one the first tenant
// created under the master tenant, receives the starter dialplan unless
// Config.NoStarterContexts.
func (t *Tenants) Create(ctx context.Context, parent string, v *resources.Tenant) error {
	if v.UUID == "" {
		v.UUID = resources.NewUUID()
	}
	if err := v.Validate(); err != nil {
		return err
	}
	if parent == "" {
		parent = t.Master()
	}
	return t.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		p, err := store.Get[resources.Tenant](ctx, tx, tenantTable, parent, nil)
		if err != nil {
			return resources.ErrInputNotFound("parent_uuid", "Tenant", "uuid", parent)
		}
		if v.UUID != parent {
			v.ParentUUID = &parent
		}
		v.PlaceUnder(p)
		tx.Forget(tenantTable.Resource + ":")
		if err := store.Insert(ctx, tx, tenantTable, v); err != nil {
			return store.FormatError(err, "Tenant", "uuid", v.UUID)
		}
		bound := t.c.bind(tx)
		if err := createTenantSIPTemplates(ctx, bound, v); err != nil {
			return err
		}
		return bound.starter(ctx, v, parent == t.Master())
	})
}

// Ensure creates the tenant if it does not exist yet, as a tenant known to
// wazo-auth is created on first use. parent may be the tenant itself for
// the top of wazo-auth's tree.
func (t *Tenants) Ensure(ctx context.Context, v resources.Tenant) error {
	if _, err := t.Get(ctx, Scope{}, v.UUID); err == nil {
		return nil
	}
	if v.Slug == "" {
		v.Slug = v.UUID[:8]
	}
	// wazo-auth's root is its own parent; a tenant without a parent is a
	// token's tenant never created here: both are top-level.
	top := v.ParentUUID == nil || *v.ParentUUID == v.UUID
	err := t.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		var parent *resources.Tenant
		if v.ParentUUID != nil {
			var err error
			if parent, err = store.Get[resources.Tenant](ctx, tx, tenantTable, *v.ParentUUID, nil); err != nil {
				v.ParentUUID = nil // wazo-auth's parent is not known here (yet)
			}
		}
		v.PlaceUnder(parent)
		tx.Forget(tenantTable.Resource + ":")
		if err := store.Insert(ctx, tx, tenantTable, &v); err != nil {
			return err
		}
		bound := t.c.bind(tx)
		if err := createTenantSIPTemplates(ctx, bound, &v); err != nil {
			return err
		}
		return bound.starter(ctx, &v, top)
	})
	if err != nil {
		if _, gerr := t.Get(ctx, Scope{}, v.UUID); gerr == nil {
			return nil // created concurrently
		}
	}
	return err
}

// Delete removes tenant uuid, visible in s, if it owns nothing: every
// tenant-owned table refers to tenants, so the database refuses otherwise.
func (t *Tenants) Delete(ctx context.Context, s Scope, uuid string) error {
	return t.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		v, err := store.Get[resources.Tenant](ctx, tx, tenantTable, uuid, s.Tenants)
		if err != nil {
			return err
		}
		if uuid == t.Master() {
			return resources.ErrNotPermitted("The master tenant cannot be deleted")
		}
		if children, err := store.Exists(ctx, tx, "tenants", "parent_uuid = ?", uuid); err != nil || children {
			if err == nil {
				err = resources.ErrNotPermitted("The tenant still has sub-tenants")
			}
			return err
		}
		if err := dropTenantSIPTemplates(ctx, tx, v); err != nil {
			return err
		}
		tx.Forget(tenantTable.Resource + ":")
		err = store.Delete(ctx, tx, tenantTable, v)
		if err != nil && resources.KindOf(err) == resources.Conflict {
			return resources.ErrNotPermitted("The tenant still owns resources")
		}
		return err
	})
}

// Lineage returns, in one query, the tenants above uuid (its parent first,
// up to the top) and uuid with every tenant below it (uuid first). Both are
// empty when the tenant does not exist.
func (t *Tenants) Lineage(ctx context.Context, uuid string) (above, below []string, err error) {
	var rows []struct {
		UUID string `bun:"uuid"`
		Path string `bun:"path"` // the tenant's own
	}
	// Paths hold uuids and "/" only: no LIKE wildcard.
	err = t.db().NewRaw(`SELECT c.uuid, t.path FROM tenants AS t JOIN tenants AS c
		ON c.uuid = t.uuid OR c.path LIKE t.path || '/%' WHERE t.uuid = ?`, uuid).Scan(ctx, &rows)
	if err != nil || len(rows) == 0 {
		return nil, nil, err
	}
	for _, r := range rows {
		below = append(below, r.UUID)
	}
	path := strings.Split(rows[0].Path, "/")
	for i := len(path) - 2; i >= 0; i-- {
		above = append(above, path[i])
	}
	return above, firstOf(below, uuid), nil
}

// checkTenantExists refuses a new object's unknown tenant. The answer is
// kept for the transaction; a context read tells it too (see
// contextByName).
func checkTenantExists(ctx context.Context, tx *store.Tx, uuid string) error {
	exists, err := store.Memo(tx, tenantExistsKey(uuid), func() (bool, error) {
		return store.Exists(ctx, tx, "tenants", "uuid = ?", uuid)
	})
	if err == nil && !exists {
		err = resources.ErrInputNotFound("tenant_uuid", "Tenant", "uuid", uuid)
	}
	return err
}

func tenantExistsKey(uuid string) string { return tenantTable.Resource + ":" + uuid + ":exists" }

// firstOf moves v to the front of list, where it is.
func firstOf(list []string, v string) []string {
	if i := slices.Index(list, v); i > 0 {
		list[0], list[i] = list[i], list[0]
	}
	return list
}

// ParseList reads list query parameters for tenants.
func (t *Tenants) ParseList(q map[string][]string) (ListParams, error) {
	return store.ParseListParams(q, tenantTable.Search)
}

// dropTenantSIPTemplates deletes the SIP templates generated for a tenant
// that goes away (what it created itself stays and blocks the deletion).
func dropTenantSIPTemplates(ctx context.Context, tx *store.Tx, v *resources.Tenant) error {
	var uuids []string
	for _, u := range []*string{v.GlobalSIPTemplateUUID, v.WebRTCSIPTemplateUUID, v.RegistrationTrunkSIPTemplateUUID,
		v.TwilioTrunkSIPTemplateUUID, v.MeetingGuestSIPTemplateUUID} {
		if u != nil {
			uuids = append(uuids, *u)
		}
	}
	if len(uuids) == 0 {
		return nil
	}
	if _, err := tx.NewUpdate().Table("tenants").Set("global_sip_template_uuid = NULL, webrtc_sip_template_uuid = NULL, "+
		"registration_trunk_sip_template_uuid = NULL, twilio_trunk_sip_template_uuid = NULL, meeting_guest_sip_template_uuid = NULL").
		Where("uuid = ?", v.UUID).Exec(ctx); err != nil {
		return err
	}
	_, err := tx.NewDelete().Table("endpoints_sip").Where("uuid IN (?) AND template", bun.List(uuids)).Exec(ctx)
	return err
}

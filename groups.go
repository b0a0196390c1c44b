package confd

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Group is a ring group.
type Group = resources.Group

// Groups manages ring groups, addressed by id or by uuid: their members,
// extension and fallbacks.
type Groups struct {
	*Manager[resources.Group, *resources.Group]
}

var groupTable = tableSpec{resource: "Group", class: "GroupSchema", search: "group", key: "id", altKey: "uuid",
	exprs: map[string]string{"exten": "(SELECT e.exten FROM group_extensions AS ge JOIN extensions AS e " +
		"ON e.id = ge.extension_id WHERE ge.group_id = ?TableAlias.id)"}}.table()

var groupReload = reload.Commands("module reload app_queue.so")

func newGroups(c *Client) *Groups {
	fam := &family[resources.Group]{
		table:        groupTable,
		prepare:      prepareGroup,
		load:         loadGroups,
		beforeDelete: dropGroupRelations,
		events:       groupEvents,
		reload:       func(Op, *resources.Group, *resources.Group) reload.Request { return groupReload },
	}
	return &Groups{&Manager[resources.Group, *resources.Group]{c: c, fam: fam}}
}

// prepareGroup names a new group grp-<tenant slug>-<uuid> and sets its
// numeric defaults; the id, uuid, name and tenant of a group never change.
// Music on hold classes do not exist yet: only "default" is known.
func prepareGroup(ctx context.Context, tx *store.Tx, _ Scope, old, v *resources.Group) error {
	if moh := v.MusicOnHold; moh != nil && *moh != "" && *moh != "default" {
		return resources.ErrInputNotFound("music_on_hold", "MOH", "music_on_hold", *moh)
	}
	if old != nil {
		v.ID, v.UUID, v.Name, v.TenantUUID = old.ID, old.UUID, old.Name, old.TenantUUID
		return nil
	}
	tenant, err := store.Get[resources.Tenant](ctx, tx, tenantTable, v.TenantUUID, nil)
	if err != nil {
		return resources.ErrInputNotFound("tenant_uuid", "Tenant", "uuid", v.TenantUUID)
	}
	v.UUID = resources.NewUUID()
	v.Name = fmt.Sprintf("grp-%s-%s", tenant.Slug, v.UUID)
	v.CreateDefaults()
	return nil
}

// loadGroups adds links, the extension, members, fallbacks and the incalls
// whose destination is the group. Schedules and call permissions are
// added by their families.
func loadGroups(ctx context.Context, db bun.IDB, items []*resources.Group) error {
	byID := make(map[int]*resources.Group, len(items))
	ids := make([]int, len(items))
	for i, g := range items {
		g.Links = link(ctx, "groups", g.UUID)
		// A reload replaces the relations.
		g.Extensions, g.Incalls, g.Schedules, g.CallPermissions = []resources.ExtensionBrief{}, []resources.IncallBrief{}, []resources.NamedRef{}, []resources.NamedRef{}
		g.Members = resources.GroupMembers{Users: []resources.GroupMemberUser{}, Extensions: []resources.GroupMemberExtension{}}
		g.Fallbacks = resources.GroupFallbacks{}
		byID[g.ID], ids[i] = g, g.ID
	}
	for _, load := range []func(context.Context, bun.IDB, map[int]*resources.Group, []int) error{
		loadGroupExtensions, loadGroupMembers, loadGroupFallbacks, loadGroupIncalls, loadGroupAccess,
	} {
		if err := load(ctx, db, byID, ids); err != nil {
			return err
		}
	}
	return nil
}

// loadGroupIncalls lists the incalls that ring each group.
func loadGroupIncalls(ctx context.Context, db bun.IDB, byID map[int]*resources.Group, ids []int) error {
	owners, err := destinationOwners(ctx, db, destOwnerIncall, "group_id", ids)
	if err != nil {
		return err
	}
	for id, incallIDs := range owners {
		refs, err := incallBriefs(ctx, db, incallIDs)
		if err != nil {
			return err
		}
		byID[id].Incalls = refs
	}
	return nil
}

// dropGroupRelations removes what the database does not: the group's
// fallbacks. Members, extension and destinations to the group go with it
// (foreign keys).
func dropGroupRelations(ctx context.Context, tx *store.Tx, g *resources.Group) error {
	return deleteDestinations(ctx, tx, destOwnerGroup, g.ID)
}

func groupEvents(op Op, _, g *resources.Group) []events.Event {
	verb := [...]string{"created", "edited", "deleted"}[op]
	data := map[string]any{"id": g.ID, "uuid": g.UUID}
	return []events.Event{tenantEvent("group_"+verb, "config.groups."+verb, g.TenantUUID, data)}
}

// groupEvent builds an event about group g with its id and uuid.
func groupEvent(c *Client, name, routingKey string, g *resources.Group, data map[string]any) []events.Event {
	data["group_id"], data["group_uuid"] = g.ID, g.UUID
	return withOrigin(c, tenantEvent(name, routingKey, g.TenantUUID, data))
}

// getGroup loads group ref (id or uuid) visible in s for an association.
func getGroup(ctx context.Context, db bun.IDB, s Scope, ref any) (*resources.Group, error) {
	return store.Get[resources.Group](ctx, db, groupTable, ref, s.Tenants)
}

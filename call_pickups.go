package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// CallPickups manages call pickups: their interceptors (users and groups)
// may pick up the calls ringing their targets (users and groups). The
// member lists are replaced with SetInterceptorUsers, SetTargetUsers,
// SetInterceptorGroups and SetTargetGroups.
type CallPickups struct {
	*Manager[resources.CallPickup, *resources.CallPickup]
}

var callPickupTable = tableSpec{resource: "CallPickup", class: "CallPickupSchema", search: "call_pickup", key: "id"}.table()

// callPickupReload is what wazo asks of Asterisk when pickups change.
var callPickupReload = reload.Commands("module reload res_pjsip.so", "module reload chan_sccp.so")

func newCallPickups(c *Client) *CallPickups {
	fam := &family[resources.CallPickup]{
		table:   callPickupTable,
		prepare: prepareCallPickup,
		load:    loadCallPickups,
		events:  crudEvents[resources.CallPickup]("call_pickup", "call_pickup"),
		reload: func(op Op, _, _ *resources.CallPickup) reload.Request {
			if op == Deleted { // wazo reloads on deletion only
				return callPickupReload
			}
			return reload.Request{}
		},
	}
	return &CallPickups{&Manager[resources.CallPickup, *resources.CallPickup]{c: c, fam: fam}}
}

// prepareCallPickup keeps the id and tenant of an existing call pickup and
// checks that its name is free in every tenant, as wazo does.
func prepareCallPickup(ctx context.Context, tx *store.Tx, _ Scope, old, v *resources.CallPickup) error {
	if old != nil {
		v.ID, v.TenantUUID = old.ID, old.TenantUUID
	}
	dup, err := store.Find[resources.CallPickup](ctx, tx, callPickupTable, nil, "name = ? AND id <> ?", v.Name, v.ID)
	if err != nil {
		return err
	}
	if dup != nil {
		return resources.ErrExists("CallPickup", "name", v.Name)
	}
	return nil
}

// loadCallPickups adds links and the interceptors and targets.
func loadCallPickups(ctx context.Context, db bun.IDB, items []*resources.CallPickup) error {
	byID := make(map[int]*resources.CallPickup, len(items))
	ids := make([]int, len(items))
	for i, v := range items {
		v.Links = link(ctx, "callpickups", v.ID)
		v.Interceptors = resources.CallPickupMembers{Groups: []resources.RelatedGroup{}, Users: []resources.RelatedUser{}}
		v.Targets = resources.CallPickupMembers{Groups: []resources.RelatedGroup{}, Users: []resources.RelatedUser{}}
		byID[v.ID], ids[i] = v, v.ID
	}
	for _, side := range []string{pickupInterceptor, pickupTarget} {
		rows, err := relatedUsers(ctx, db, "call_pickup_users", "call_pickup_id", ids, "a.category = '"+side+"'")
		if err != nil {
			return err
		}
		for _, r := range rows {
			m := pickupSide(byID[r.Owner], side)
			m.Users = append(m.Users, r.user(ctx, false))
		}
	}
	return loadCallPickupGroups(ctx, db, byID, ids)
}

package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestGroupSchedule(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := newTestGroup(t, e, "Support", "")
		s := mustCreateSchedule(t, e, &resources.Schedule{Name: confd.Ptr("office")})
		s2 := mustCreateSchedule(t, e, &resources.Schedule{})
		other := mustCreateOtherTenant(t, e, "other")
		theirs := mustCreateSchedule(t, e, &resources.Schedule{TenantUUID: other})
		e.flush(t)
		require.NoError(t, e.AssociateGroupSchedule(e.ctx, confd.Scope{}, g.UUID, s.ID))
		require.NoError(t, e.Flush(e.ctx))
		ev := e.events.Events()[0]
		assert.Equal(t, "group_schedule_associated", ev.Name)
		assert.Equal(t, "config.groups.schedules.updated", ev.RoutingKey)
		assert.JSONEq(t, `{"group_id":`+itoa(g.ID)+`,"group_uuid":"`+g.UUID+`","schedule_id":`+itoa(s.ID)+`}`, string(ev.Data))
		e.flush(t)
		require.NoError(t, e.AssociateGroupSchedule(e.ctx, confd.Scope{}, g.ID, s.ID), "again: nothing")
		assert.Empty(t, e.delivered(t))
		assert.EqualError(t, e.AssociateGroupSchedule(e.ctx, confd.Scope{}, g.ID, s2.ID),
			"Resource Error - Group is associated with a Schedule ('group_uuid': '"+g.UUID+"', 'schedule_id': "+itoa(s.ID)+")")
		assert.ErrorContains(t, e.AssociateGroupSchedule(e.ctx, confd.Scope{}, g.ID, theirs.ID), "('group_tenant_uuid': ")
		assert.EqualError(t, e.AssociateGroupSchedule(e.ctx, confd.Scope{}, 999999, s.ID), "Resource Not Found - Group was not found ('id': 999999)")

		got, err := e.Schedules.Get(e.ctx, confd.Scope{}, s.ID)
		require.NoError(t, err)
		assert.Equal(t, []resources.RelatedGroup{{ID: g.ID, UUID: g.UUID, Name: g.Name, Links: []resources.Link{{Rel: "groups", Href: "/1.1/groups/" + g.UUID}}}}, got.Groups)
		refs, err := confd.GroupScheduleRefs(e.ctx, e.DB(), []int{g.ID})
		require.NoError(t, err)
		assert.Equal(t, s.ID, refs[g.ID][0].ID)
		read, err := e.Groups.Get(e.ctx, confd.Scope{}, g.UUID)
		require.NoError(t, err)
		assert.Equal(t, []resources.NamedRef{{ID: s.ID, Name: confd.Ptr("office"), Links: []resources.Link{{Rel: "schedules", Href: "/1.1/schedules/" + itoa(s.ID)}}}}, read.Schedules, "shown in the group")

		require.NoError(t, e.DissociateGroupSchedule(e.ctx, confd.Scope{}, g.UUID, s.ID))
		assert.Equal(t, []string{"group_schedule_dissociated"}, e.delivered(t))
		require.NoError(t, e.AssociateGroupSchedule(e.ctx, confd.Scope{}, g.UUID, s2.ID))
		require.NoError(t, e.Groups.Delete(e.ctx, confd.Scope{}, g.ID))
		got, err = e.Schedules.Get(e.ctx, confd.Scope{}, s2.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Groups, "a deleted group leaves its schedule")
	})
}

func TestGroupCallPermission(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := newTestGroup(t, e, "Support", "")
		p := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "intl"})
		q := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "local"})
		other := mustCreateOtherTenant(t, e, "other")
		theirs := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "theirs", TenantUUID: other})
		e.flush(t)
		require.NoError(t, e.AssociateGroupCallPermission(e.ctx, confd.Scope{}, g.UUID, p.ID))
		require.NoError(t, e.AssociateGroupCallPermission(e.ctx, confd.Scope{}, g.ID, q.ID), "a group has many")
		require.NoError(t, e.AssociateGroupCallPermission(e.ctx, confd.Scope{}, g.ID, q.ID), "again: nothing")
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 2)
		assert.Equal(t, "group_call_permission_associated", evs[0].Name)
		assert.Equal(t, "config.groups."+g.UUID+".callpermissions.updated", evs[0].RoutingKey)
		assert.JSONEq(t, `{"group_id":`+itoa(g.ID)+`,"group_uuid":"`+g.UUID+`","call_permission_id":`+itoa(p.ID)+`}`, string(evs[0].Data))
		e.flush(t)
		err := e.AssociateGroupCallPermission(e.ctx, confd.Scope{}, g.ID, theirs.ID)
		assert.EqualError(t, err, "Resource Error - different tenants ('group_tenant_uuid': '"+e.tenant+"', 'call_permission_tenant_uuid': '"+other+"')")
		assert.Equal(t, 404, status(e.AssociateGroupCallPermission(e.ctx, confd.InTenants(e.tenant), g.ID, theirs.ID)))

		got, err := e.CallPermissions.Get(e.ctx, confd.Scope{}, p.ID)
		require.NoError(t, err)
		assert.Equal(t, []resources.RelatedGroup{{ID: g.ID, UUID: g.UUID, Name: g.Name, Links: []resources.Link{{Rel: "groups", Href: "/1.1/groups/" + g.UUID}}}}, got.Groups)
		refs, err := confd.GroupCallPermissionRefs(e.ctx, e.DB(), []int{g.ID})
		require.NoError(t, err)
		assert.Len(t, refs[g.ID], 2)
		read, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		assert.Equal(t, []resources.NamedRef{{ID: p.ID, Name: confd.Ptr("intl"), Links: []resources.Link{{Rel: "callpermissions", Href: "/1.1/callpermissions/" + itoa(p.ID)}}}}, read.CallPermissions[:1], "shown in the group")

		require.NoError(t, e.DissociateGroupCallPermission(e.ctx, confd.Scope{}, g.UUID, p.ID))
		require.NoError(t, e.DissociateGroupCallPermission(e.ctx, confd.Scope{}, g.UUID, p.ID), "again: nothing")
		assert.Equal(t, []string{"group_call_permission_dissociated"}, e.delivered(t))
		assert.Equal(t, "config.groups."+g.UUID+".callpermissions.deleted", e.events.Events()[0].RoutingKey)
		require.NoError(t, e.Groups.Delete(e.ctx, confd.Scope{}, g.ID))
		got, err = e.CallPermissions.Get(e.ctx, confd.Scope{}, q.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Groups)
	})
}

func TestCallPickups_SetGroups(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		pk := mustCreateCallPickup(t, e, &resources.CallPickup{Name: "desk"})
		interceptors := newTestGroup(t, e, "Interceptors", "")
		targets := newTestGroup(t, e, "Targets", "")
		alice := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		bob := mustCreateUser(t, e, &confd.User{Firstname: "Bob"})
		carol := mustCreateUser(t, e, &confd.User{Firstname: "Carol"})
		// Group members need a line through the API; the test puts them in directly.
		for _, m := range [][2]int{{interceptors.ID, alice.ID}, {targets.ID, bob.ID}} {
			_, err := e.DB().ExecContext(e.ctx, "INSERT INTO group_member_users (group_id, user_id, priority) VALUES (?, ?, 0)", m[0], m[1])
			require.NoError(t, err)
		}
		e.flush(t)
		require.NoError(t, e.CallPickups.SetInterceptorGroups(e.ctx, confd.Scope{}, pk.ID, []int{interceptors.ID}))
		require.NoError(t, e.Flush(e.ctx))
		ev := e.events.Events()[0]
		assert.Equal(t, "call_pickup_interceptor_groups_associated", ev.Name)
		assert.Equal(t, "config.callpickups.interceptors.groups.updated", ev.RoutingKey)
		assert.JSONEq(t, `{"call_pickup_id":`+itoa(pk.ID)+`,"group_ids":[`+itoa(interceptors.ID)+`]}`, string(ev.Data))
		assert.Equal(t, []string{"module reload chan_sccp.so", "module reload res_pjsip.so"}, e.reload.Merged().Ipbx)
		require.NoError(t, e.CallPickups.SetTargetGroups(e.ctx, confd.Scope{}, pk.ID, []int{targets.ID}))
		require.NoError(t, e.CallPickups.SetTargetUsers(e.ctx, confd.Scope{}, pk.ID, []string{carol.UUID}))

		got, err := e.CallPickups.Get(e.ctx, confd.Scope{}, pk.ID)
		require.NoError(t, err)
		assert.Equal(t, []resources.RelatedGroup{{ID: interceptors.ID, Name: interceptors.Name}}, got.Interceptors.Groups, "id and name only")
		assert.Equal(t, []resources.RelatedGroup{{ID: targets.ID, Name: targets.Name}}, got.Targets.Groups)
		refs, err := confd.UserCallPickupTargetRefs(e.ctx, e.DB(), []int{alice.ID})
		require.NoError(t, err)
		var uuids []string
		for _, r := range refs[alice.ID] {
			uuids = append(uuids, r.UUID)
		}
		assert.ElementsMatch(t, []string{bob.UUID, carol.UUID}, uuids, "through the interceptor group: target group members and target users")

		other := mustCreateOtherTenant(t, e, "other")
		theirs := newTestGroup(t, e, "Theirs", other)
		e.flush(t)
		assert.EqualError(t, e.CallPickups.SetTargetGroups(e.ctx, confd.Scope{}, pk.ID, []int{999999}),
			"Input Error - field 'groups': Group was not found ('id': 999999)")
		assert.EqualError(t, e.CallPickups.SetTargetGroups(e.ctx, confd.InTenants(e.tenant), pk.ID, []int{theirs.ID}),
			"Input Error - field 'groups': Group was not found ('id': "+itoa(theirs.ID)+")")
		assert.ErrorContains(t, e.CallPickups.SetTargetGroups(e.ctx, confd.Scope{}, pk.ID, []int{theirs.ID}), "Resource Error - different tenants")
		assert.EqualError(t, e.CallPickups.SetTargetGroups(e.ctx, confd.Scope{}, pk.ID, []int{targets.ID, targets.ID}),
			"Resource Error - Operation not permitted. Cannot associate same group more than once")
		assert.Empty(t, e.delivered(t))

		require.NoError(t, e.Groups.Delete(e.ctx, confd.Scope{}, targets.ID))
		got, err = e.CallPickups.Get(e.ctx, confd.Scope{}, pk.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Targets.Groups, "a deleted group leaves the call pickup")
	})
}

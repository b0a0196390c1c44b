package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestUserSchedule(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		v := mustCreateUser(t, e, &confd.User{Firstname: "Bob"})
		s := mustCreateSchedule(t, e, &resources.Schedule{Name: confd.Ptr("office")})
		s2 := mustCreateSchedule(t, e, &resources.Schedule{})
		e.flush(t)
		require.NoError(t, e.AssociateUserSchedule(e.ctx, confd.Scope{}, u.UUID, s.ID))
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "user_schedule_associated", evs[0].Name)
		assert.Equal(t, "config.users.schedules.updated", evs[0].RoutingKey)
		assert.Equal(t, true, evs[0].Headers["user_uuid:"+u.UUID])
		assert.JSONEq(t, `{"user_uuid":"`+u.UUID+`","schedule_id":`+itoa(s.ID)+`}`, string(evs[0].Data))
		e.flush(t)

		require.NoError(t, e.AssociateUserSchedule(e.ctx, confd.Scope{}, u.ID, s.ID), "again: nothing")
		require.NoError(t, e.AssociateUserSchedule(e.ctx, confd.Scope{}, v.ID, s.ID), "a schedule has many users")
		assert.Equal(t, []string{"user_schedule_associated"}, e.delivered(t))
		err := e.AssociateUserSchedule(e.ctx, confd.Scope{}, u.ID, s2.ID)
		assert.EqualError(t, err, "Resource Error - User is associated with a Schedule ('user_id': "+itoa(u.ID)+", 'schedule_id': "+itoa(s.ID)+")")

		got, err := e.Schedules.Get(e.ctx, confd.Scope{}, s.ID)
		require.NoError(t, err)
		require.Len(t, got.Users, 2)
		assert.Equal(t, u.UUID, got.Users[0].UUID)
		refs, err := confd.UserScheduleRefs(e.ctx, e.DB(), []int{u.ID})
		require.NoError(t, err)
		assert.Equal(t, []resources.NamedRef{{ID: s.ID, Name: confd.Ptr("office"), Links: []resources.Link{{Rel: "schedules", Href: "/1.1/schedules/" + itoa(s.ID)}}}}, refs[u.ID])
		e.flush(t)

		require.NoError(t, e.DissociateUserSchedule(e.ctx, confd.Scope{}, u.ID, s2.ID), "not its schedule: nothing")
		assert.Empty(t, e.delivered(t))
		require.NoError(t, e.DissociateUserSchedule(e.ctx, confd.Scope{}, u.ID, s.ID))
		assert.Equal(t, []string{"user_schedule_dissociated"}, e.delivered(t))
		assert.Equal(t, "config.users.schedules.deleted", e.events.Events()[0].RoutingKey)

		require.NoError(t, e.Schedules.Delete(e.ctx, confd.Scope{}, s.ID))
		refs, err = confd.UserScheduleRefs(e.ctx, e.DB(), []int{v.ID})
		require.NoError(t, err)
		assert.Empty(t, refs[v.ID], "a deleted schedule leaves its users")
	})
}

func TestUserSchedule_Errors(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		s := mustCreateSchedule(t, e, &resources.Schedule{})
		other := mustCreateOtherTenant(t, e, "other")
		theirs := mustCreateSchedule(t, e, &resources.Schedule{TenantUUID: other})
		e.flush(t)
		assert.EqualError(t, e.AssociateUserSchedule(e.ctx, confd.Scope{}, 999999, s.ID), "Resource Not Found - User was not found ('id': 999999)")
		assert.EqualError(t, e.AssociateUserSchedule(e.ctx, confd.Scope{}, u.ID, 999999), "Resource Not Found - Schedule was not found ('id': 999999)")
		assert.Equal(t, 404, status(e.AssociateUserSchedule(e.ctx, confd.InTenants(e.tenant), u.ID, theirs.ID)))
		err := e.AssociateUserSchedule(e.ctx, confd.Scope{}, u.ID, theirs.ID)
		assert.EqualError(t, err, "Resource Error - different tenants ('user_tenant_uuid': '"+e.tenant+"', 'schedule_tenant_uuid': '"+other+"')")
		assert.Equal(t, 404, status(e.DissociateUserSchedule(e.ctx, confd.Scope{}, u.ID, 999999)))
		assert.Empty(t, e.delivered(t))
	})
}

func TestUserAccess(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		target := mustCreateUser(t, e, &confd.User{Firstname: "Bob"})
		lonely := mustCreateUser(t, e, &confd.User{Firstname: "Carol"})
		s := mustCreateSchedule(t, e, &resources.Schedule{})
		p := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "intl"})
		pk := mustCreateCallPickup(t, e, &resources.CallPickup{Name: "desk"})
		require.NoError(t, e.AssociateUserSchedule(e.ctx, confd.Scope{}, u.ID, s.ID))
		require.NoError(t, e.AssociateUserCallPermission(e.ctx, confd.Scope{}, u.ID, p.ID))
		require.NoError(t, e.CallPickups.SetInterceptorUsers(e.ctx, confd.Scope{}, pk.ID, []string{u.UUID}))
		require.NoError(t, e.CallPickups.SetTargetUsers(e.ctx, confd.Scope{}, pk.ID, []string{target.UUID}))
		users := []*resources.User{u, lonely}
		require.NoError(t, confd.LoadUserAccess(e.ctx, e.DB(), users))
		assert.Len(t, u.Schedules, 1)
		assert.Len(t, u.CallPermissions, 1)
		require.Len(t, u.CallPickupTargetUsers, 1)
		assert.Equal(t, target.UUID, u.CallPickupTargetUsers[0].(resources.RelatedUser).UUID)
		assert.Equal(t, []any{}, lonely.Schedules, "empty lists, not null")

		require.NoError(t, confd.DropUserAccess(e.ctx, e.Client, u.ID))
		require.NoError(t, confd.LoadUserAccess(e.ctx, e.DB(), users))
		assert.Empty(t, u.Schedules)
		assert.Empty(t, u.CallPermissions)
		assert.Empty(t, u.CallPickupTargetUsers)
		got, err := e.CallPickups.Get(e.ctx, confd.Scope{}, pk.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Interceptors.Users)
		assert.Len(t, got.Targets.Users, 1)
	})
}

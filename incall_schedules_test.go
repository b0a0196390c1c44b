package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func newTestIncall(t *testing.T, e *env, tenant string) *resources.Incall {
	t.Helper()
	if tenant == "" {
		tenant = e.tenant
	}
	in := &resources.Incall{TenantUUID: tenant, Destination: resources.NoneDestination()}
	require.NoError(t, e.Incalls.Create(e.ctx, confd.Scope{}, in))
	return in
}

func TestIncallSchedule(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		in := newTestIncall(t, e, "")
		s := mustCreateSchedule(t, e, &resources.Schedule{Name: confd.Ptr("office")})
		s2 := mustCreateSchedule(t, e, &resources.Schedule{})
		other := mustCreateOtherTenant(t, e, "other")
		theirs := mustCreateSchedule(t, e, &resources.Schedule{TenantUUID: other})
		e.flush(t)
		require.NoError(t, e.AssociateIncallSchedule(e.ctx, confd.Scope{}, in.ID, s.ID))
		require.NoError(t, e.Flush(e.ctx))
		ev := e.events.Events()[0]
		assert.Equal(t, "incall_schedule_associated", ev.Name)
		assert.Equal(t, "config.incalls.schedules.updated", ev.RoutingKey)
		assert.JSONEq(t, `{"incall_id":`+itoa(in.ID)+`,"schedule_id":`+itoa(s.ID)+`}`, string(ev.Data))
		assert.Empty(t, e.reload.Requests())
		e.flush(t)
		require.NoError(t, e.AssociateIncallSchedule(e.ctx, confd.Scope{}, in.ID, s.ID), "again: nothing")
		assert.Empty(t, e.delivered(t))
		assert.EqualError(t, e.AssociateIncallSchedule(e.ctx, confd.Scope{}, in.ID, s2.ID),
			"Resource Error - Incall is associated with a Schedule ('incall_id': "+itoa(in.ID)+", 'schedule_id': "+itoa(s.ID)+")")
		assert.EqualError(t, e.AssociateIncallSchedule(e.ctx, confd.Scope{}, in.ID, theirs.ID),
			"Resource Error - different tenants ('incall_tenant_uuid': '"+e.tenant+"', 'schedule_tenant_uuid': '"+other+"')")
		assert.EqualError(t, e.AssociateIncallSchedule(e.ctx, confd.Scope{}, 999999, s.ID), "Resource Not Found - Incall was not found ('id': 999999)")
		assert.Equal(t, 404, status(e.AssociateIncallSchedule(e.ctx, confd.InTenants(other), in.ID, theirs.ID)))

		got, err := e.Schedules.Get(e.ctx, confd.Scope{}, s.ID)
		require.NoError(t, err)
		assert.Equal(t, []resources.LinkRef{{ID: in.ID, Links: []resources.Link{{Rel: "incalls", Href: "/1.1/incalls/" + itoa(in.ID)}}}}, got.Incalls)
		refs, err := confd.IncallScheduleRefs(e.ctx, e.DB(), []int{in.ID})
		require.NoError(t, err)
		read, err := e.Incalls.Get(e.ctx, confd.Scope{}, in.ID)
		require.NoError(t, err)
		assert.Equal(t, refs[in.ID], read.Schedules, "shown in the incall")
		assert.Equal(t, []resources.NamedRef{{ID: s.ID, Name: confd.Ptr("office"), Links: []resources.Link{{Rel: "schedules", Href: "/1.1/schedules/" + itoa(s.ID)}}}}, refs[in.ID])

		require.NoError(t, e.DissociateIncallSchedule(e.ctx, confd.Scope{}, in.ID, s2.ID), "not its schedule: nothing")
		assert.Empty(t, e.delivered(t))
		require.NoError(t, e.DissociateIncallSchedule(e.ctx, confd.Scope{}, in.ID, s.ID))
		assert.Equal(t, []string{"incall_schedule_dissociated"}, e.delivered(t))
		require.NoError(t, e.AssociateIncallSchedule(e.ctx, confd.Scope{}, in.ID, s2.ID))
		require.NoError(t, e.Incalls.Delete(e.ctx, confd.Scope{}, in.ID))
		got, err = e.Schedules.Get(e.ctx, confd.Scope{}, s2.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Incalls, "a deleted incall leaves its schedule")
	})
}

package confd_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreateCallPickup(t *testing.T, e *env, p *resources.CallPickup) *resources.CallPickup {
	t.Helper()
	if p.TenantUUID == "" {
		p.TenantUUID = e.tenant
	}
	require.NoError(t, e.CallPickups.Create(e.ctx, confd.Scope{}, p))
	return p
}

func TestCallPickups_CRUD(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := mustCreateCallPickup(t, e, &resources.CallPickup{Name: "sales"})
		assert.True(t, *p.Enabled)
		assert.Empty(t, p.Interceptors.Users)
		assert.Empty(t, p.Targets.Groups)
		assert.Equal(t, []string{"call_pickup_created"}, e.delivered(t))
		assert.Equal(t, "config.callpickup.created", e.events.Events()[0].RoutingKey)
		assert.Empty(t, e.reload.Requests(), "wazo reloads on deletion only")
		e.flush(t)

		other := mustCreateOtherTenant(t, e, "other")
		err := e.CallPickups.Create(e.ctx, confd.Scope{}, &resources.CallPickup{Name: "sales", TenantUUID: other})
		assert.EqualError(t, err, "Resource Error - CallPickup already exists ('name': 'sales')", "names are unique across tenants")
		q := mustCreateCallPickup(t, e, &resources.CallPickup{Name: "support", TenantUUID: other})
		q.Name = "sales"
		assert.Equal(t, 400, status(e.CallPickups.Update(e.ctx, confd.Scope{}, q)))
		long := &resources.CallPickup{Name: strings.Repeat("n", 129), TenantUUID: e.tenant}
		assert.ErrorContains(t, e.CallPickups.Create(e.ctx, confd.Scope{}, long), "name: ['Longer than maximum length 128.']")
		e.flush(t)

		p.Description, p.Enabled = confd.Ptr("desk"), confd.Ptr(false)
		require.NoError(t, e.CallPickups.Update(e.ctx, confd.Scope{}, p))
		assert.Equal(t, []string{"call_pickup_edited"}, e.delivered(t))
		assert.Empty(t, e.reload.Requests())
		e.flush(t)
		require.NoError(t, e.CallPickups.Delete(e.ctx, confd.Scope{}, p.ID))
		assert.Equal(t, []string{"call_pickup_deleted"}, e.delivered(t))
		assert.Equal(t, []string{"module reload chan_sccp.so", "module reload res_pjsip.so"}, e.reload.Merged().Ipbx)
	})
}

func TestCallPickups_SetUsers(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := mustCreateCallPickup(t, e, &resources.CallPickup{Name: "sales"})
		alice := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		bob := mustCreateUser(t, e, &confd.User{Firstname: "Bob", Lastname: confd.Ptr("B")})
		carol := mustCreateUser(t, e, &confd.User{Firstname: "Carol"})
		e.flush(t)
		require.NoError(t, e.CallPickups.SetInterceptorUsers(e.ctx, confd.Scope{}, p.ID, []string{alice.UUID}))
		require.NoError(t, e.Flush(e.ctx))
		ev := e.events.Events()[0]
		assert.Equal(t, "call_pickup_interceptor_users_associated", ev.Name)
		assert.Equal(t, "config.callpickups.interceptors.users.updated", ev.RoutingKey)
		assert.JSONEq(t, `{"call_pickup_id":`+itoa(p.ID)+`,"user_uuids":["`+alice.UUID+`"]}`, string(ev.Data))
		assert.Equal(t, []string{"module reload chan_sccp.so", "module reload res_pjsip.so"}, e.reload.Merged().Ipbx)
		e.flush(t)
		require.NoError(t, e.CallPickups.SetTargetUsers(e.ctx, confd.Scope{}, p.ID, []string{bob.UUID, carol.UUID}))
		assert.Equal(t, []string{"call_pickup_target_users_associated"}, e.delivered(t))

		got, err := e.CallPickups.Get(e.ctx, confd.Scope{}, p.ID)
		require.NoError(t, err)
		assert.Equal(t, []resources.RelatedUser{{UUID: alice.UUID, Firstname: "Alice"}}, got.Interceptors.Users, "no links")
		assert.Equal(t, []resources.RelatedUser{{UUID: bob.UUID, Firstname: "Bob", Lastname: confd.Ptr("B")}, {UUID: carol.UUID, Firstname: "Carol"}}, got.Targets.Users)
		refs, err := confd.UserCallPickupTargetRefs(e.ctx, e.DB(), []int{alice.ID, bob.ID})
		require.NoError(t, err)
		require.Len(t, refs[alice.ID], 2)
		assert.Equal(t, bob.UUID, refs[alice.ID][0].UUID)
		assert.Equal(t, "/1.1/users/"+itoa(bob.ID), refs[alice.ID][0].Links[0].Href)
		assert.Empty(t, refs[bob.ID], "a target picks up nothing")

		require.NoError(t, e.Users.Delete(e.ctx, confd.Scope{}, bob.ID))
		got, err = e.CallPickups.Get(e.ctx, confd.Scope{}, p.ID)
		require.NoError(t, err)
		assert.Len(t, got.Targets.Users, 1, "a deleted user leaves the call pickup")
		require.NoError(t, e.CallPickups.SetTargetUsers(e.ctx, confd.Scope{}, p.ID, nil))
		got, err = e.CallPickups.Get(e.ctx, confd.Scope{}, p.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Targets.Users)
		assert.Len(t, got.Interceptors.Users, 1, "the other side is untouched")
	})
}

func TestCallPickups_SetUsers_Errors(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := mustCreateCallPickup(t, e, &resources.CallPickup{Name: "sales"})
		alice := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		other := mustCreateOtherTenant(t, e, "other")
		stranger := mustCreateUser(t, e, &confd.User{Firstname: "Zed", TenantUUID: other})
		require.NoError(t, e.CallPickups.SetInterceptorUsers(e.ctx, confd.Scope{}, p.ID, []string{alice.UUID}))
		e.flush(t)
		missing := "99999999-9999-4999-8999-999999999999"
		cases := []struct {
			name  string
			scope confd.Scope
			id    int
			uuids []string
			want  string
		}{
			{"ErrPickupNotFound", confd.Scope{}, 999999, nil, "Resource Not Found - CallPickup was not found ('id': 999999)"},
			{"ErrUserNotFound", confd.Scope{}, p.ID, []string{missing}, "Input Error - field 'users': User was not found ('uuid': '" + missing + "')"},
			{"ErrUserOfHiddenTenant", confd.InTenants(e.tenant), p.ID, []string{stranger.UUID}, "Input Error - field 'users': User was not found ('uuid': '" + stranger.UUID + "')"},
			{"ErrDifferentTenants", confd.Scope{}, p.ID, []string{stranger.UUID}, "Resource Error - different tenants ('call_pickup_tenant_uuid': '" + e.tenant + "', 'user_tenant_uuid': '" + other + "')"},
			{"ErrTwice", confd.Scope{}, p.ID, []string{alice.UUID, alice.UUID}, "Resource Error - Operation not permitted. Cannot associate same user more than once"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				assert.EqualError(t, e.CallPickups.SetInterceptorUsers(e.ctx, tc.scope, tc.id, tc.uuids), tc.want)
				assert.Empty(t, e.delivered(t))
				assert.Empty(t, e.reload.Requests())
				got, err := e.CallPickups.Get(e.ctx, confd.Scope{}, p.ID)
				require.NoError(t, err)
				assert.Len(t, got.Interceptors.Users, 1, "unchanged")
			})
		}
	})
}

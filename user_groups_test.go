package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestUserGroups(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a, b, c := mustCreateGroup(t, e, "a"), mustCreateGroup(t, e, "b"), mustCreateGroup(t, e, "c")
		u := mustUserWithLine(t, e, "Ann")
		require.NoError(t, e.Groups.SetMemberUsers(e.ctx, confd.Scope{}, a.ID, []resources.GroupUserMember{{UUID: u.UUID, Priority: confd.Ptr(7)}}))
		e.flush(t)
		require.NoError(t, e.SetUserGroups(e.ctx, confd.Scope{}, u.UUID, []resources.GroupRef{{ID: a.ID}, {UUID: b.UUID}, {ID: c.ID, UUID: c.UUID}}))
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "user_groups_associated", evs[0].Name)
		assert.Equal(t, "config.users.groups.updated", evs[0].RoutingKey)
		assert.Equal(t, true, evs[0].Headers["user_uuid:"+u.UUID])
		assert.JSONEq(t, `{"user_uuid":"`+u.UUID+`","group_ids":[`+itoa(a.ID)+`,`+itoa(b.ID)+`,`+itoa(c.ID)+`]}`, string(evs[0].Data))
		assert.Equal(t, []string{"module reload app_queue.so", "module reload chan_sccp.so", "module reload res_pjsip.so"}, e.reload.Merged().Ipbx)
		refs, err := confd.UserGroupRefs(e.ctx, e.DB(), []int{u.ID})
		require.NoError(t, err)
		require.Len(t, refs[u.ID], 3)
		got, err := e.Groups.Get(e.ctx, confd.Scope{}, a.ID)
		require.NoError(t, err)
		assert.Equal(t, 7, got.Members.Users[0].Priority, "a group the user stays in keeps its priority")
		e.flush(t)

		require.NoError(t, e.SetUserGroups(e.ctx, confd.Scope{}, u.ID, nil))
		refs, err = confd.UserGroupRefs(e.ctx, e.DB(), []int{u.ID})
		require.NoError(t, err)
		assert.Empty(t, refs[u.ID])
		noLine := mustCreateUser(t, e, &confd.User{Firstname: "NoLine"})
		require.NoError(t, e.SetUserGroups(e.ctx, confd.Scope{}, noLine.ID, nil), "no group needs no line")
	})
}

func TestUserGroups_Refused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "g")
		u := mustUserWithLine(t, e, "Ann")
		noLine := mustCreateUser(t, e, &confd.User{Firstname: "NoLine"})
		other := mustGroupsTenant(t, e, "other")
		foreign := &confd.Group{Label: "f", TenantUUID: other}
		require.NoError(t, e.Groups.Create(e.ctx, confd.Scope{}, foreign))
		e.flush(t)
		for name, tc := range map[string]struct {
			user  int
			scope confd.Scope
			refs  []resources.GroupRef
			want  string
		}{
			"NoLine":      {noLine.ID, confd.Scope{}, []resources.GroupRef{{ID: g.ID}}, "Resource Error - User must be associated with a Line ('user_uuid': '" + noLine.UUID + "')"},
			"Twice":       {u.ID, confd.Scope{}, []resources.GroupRef{{ID: g.ID}, {UUID: g.UUID}}, "Resource Error - Operation not permitted. Cannot associate same group more than once"},
			"Missing":     {u.ID, confd.Scope{}, []resources.GroupRef{{ID: 999999}}, "Input Error - field 'groups': Group was not found ('id': 999999)"},
			"Mismatch":    {u.ID, confd.Scope{}, []resources.GroupRef{{ID: g.ID, UUID: foreign.UUID}}, "Input Error - field 'groups': Group was not found ('id': " + itoa(g.ID) + ", 'uuid': '" + foreign.UUID + "')"},
			"NotVisible":  {u.ID, confd.InTenants(e.tenant), []resources.GroupRef{{UUID: foreign.UUID}}, "Input Error - field 'groups': Group was not found ('uuid': '" + foreign.UUID + "')"},
			"OtherTenant": {u.ID, confd.Scope{}, []resources.GroupRef{{UUID: foreign.UUID}}, "Resource Error - different tenants ('group_tenant_uuid': '" + other + "', 'user_tenant_uuid': '" + e.tenant + "')"},
		} {
			t.Run(name, func(t *testing.T) {
				assert.EqualError(t, e.SetUserGroups(e.ctx, tc.scope, tc.user, tc.refs), tc.want)
				refs, err := confd.UserGroupRefs(e.ctx, e.DB(), []int{tc.user})
				require.NoError(t, err)
				assert.Empty(t, refs[tc.user])
				assert.Empty(t, e.delivered(t))
			})
		}
		assert.Equal(t, 404, status(e.SetUserGroups(e.ctx, confd.InTenants(other), u.ID, nil)))
	})
}

func TestUserGroups_DropRelations(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "g")
		u := mustUserWithLine(t, e, "Ann")
		require.NoError(t, e.SetUserGroups(e.ctx, confd.Scope{}, u.ID, []resources.GroupRef{{ID: g.ID}}))
		v := mustCreateIncall(t, e, resources.UserDestination(u.ID))
		require.NoError(t, confd.DropUserGroupRelations(e.ctx, e.Client, u.ID))
		got, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Members.Users)
		in, err := e.Incalls.Get(e.ctx, confd.Scope{}, v.ID)
		require.NoError(t, err)
		assert.Equal(t, resources.NoneDestination(), in.Destination)
	})
}

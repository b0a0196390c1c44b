package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestGroupMembers_Users(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Support")
		a, b, c := mustUserWithLine(t, e, "A"), mustUserWithLine(t, e, "B"), mustUserWithLine(t, e, "C")
		e.flush(t)
		members := []resources.GroupUserMember{{UUID: a.UUID, Priority: confd.Ptr(4)}, {UUID: b.UUID, Priority: confd.Ptr(1)}, {UUID: c.UUID}}
		require.NoError(t, e.Groups.SetMemberUsers(e.ctx, confd.Scope{}, g.UUID, members))
		got, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		var order []string
		for _, m := range got.Members.Users {
			order = append(order, m.Firstname+":"+itoa(m.Priority))
		}
		assert.Equal(t, []string{"B:1", "C:2", "A:4"}, order, "by priority; a missing priority is the position")
		assert.Equal(t, "/1.1/users/"+itoa(b.ID), got.Members.Users[0].Links[0].Href)
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "group_member_users_associated", evs[0].Name)
		assert.Equal(t, "config.groups.members.users.updated", evs[0].RoutingKey)
		assert.JSONEq(t, `{"group_id":`+itoa(g.ID)+`,"group_uuid":"`+g.UUID+`","user_uuids":["`+a.UUID+`","`+b.UUID+`","`+c.UUID+`"]}`, string(evs[0].Data))
		assert.Equal(t, []string{"module reload app_queue.so", "module reload chan_sccp.so", "module reload res_pjsip.so"}, e.reload.Merged().Ipbx)
		refs, err := confd.UserGroupRefs(e.ctx, e.DB(), []int{a.ID})
		require.NoError(t, err)
		assert.Equal(t, []confd.UserGroupRef{{ID: g.ID, UUID: g.UUID, Name: g.Name,
			Links: []resources.Link{{Rel: "groups", Href: "/1.1/groups/" + g.UUID}}}}, refs[a.ID])

		require.NoError(t, e.Groups.SetMemberUsers(e.ctx, confd.Scope{}, g.ID, nil))
		got, err = e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Members.Users)
	})
}

func TestGroupMembers_UsersRefused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Support")
		a := mustUserWithLine(t, e, "A")
		noLine := mustCreateUser(t, e, &confd.User{Firstname: "NoLine"})
		shared := mustCreateUser(t, e, &confd.User{Firstname: "Shared"})
		line := mustGetUserLines(t, e, a)[0]
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, shared.ID, line))
		other := mustGroupsTenant(t, e, "other")
		foreign := mustCreateUser(t, e, &confd.User{Firstname: "F", TenantUUID: other})
		require.NoError(t, e.Groups.SetMemberUsers(e.ctx, confd.Scope{}, g.ID, []resources.GroupUserMember{{UUID: a.UUID}}))
		e.flush(t)
		for name, tc := range map[string]struct {
			scope   confd.Scope
			members []resources.GroupUserMember
			want    string
		}{
			"NoLine":     {confd.Scope{}, []resources.GroupUserMember{{UUID: noLine.UUID}}, "Resource Error - User must be associated with a Line ('user_uuid': '" + noLine.UUID + "')"},
			"Twice":      {confd.Scope{}, []resources.GroupUserMember{{UUID: a.UUID}, {UUID: a.UUID}}, "Resource Error - Operation not permitted. Cannot associate same user more than once"},
			"SameLine":   {confd.Scope{}, []resources.GroupUserMember{{UUID: a.UUID}, {UUID: shared.UUID}}, "Resource Error - Operation not permitted. Cannot associate different users with the same line ('line_id': " + itoa(line) + ")"},
			"OtherScope": {confd.InTenants(e.tenant), []resources.GroupUserMember{{UUID: foreign.UUID}}, "Input Error - field 'users': User was not found ('uuid': '" + foreign.UUID + "')"},
			"OtherGroup": {confd.Scope{}, []resources.GroupUserMember{{UUID: foreign.UUID}}, "Resource Error - different tenants ('group_tenant_uuid': '" + e.tenant + "', 'user_tenant_uuid': '" + other + "')"},
			"Missing":    {confd.Scope{}, []resources.GroupUserMember{{UUID: "99999999-9999-4999-8999-999999999999"}}, "Input Error - field 'users': User was not found ('uuid': '99999999-9999-4999-8999-999999999999')"},
		} {
			t.Run(name, func(t *testing.T) {
				assert.EqualError(t, e.Groups.SetMemberUsers(e.ctx, tc.scope, g.ID, tc.members), tc.want)
				got, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
				require.NoError(t, err)
				require.Len(t, got.Members.Users, 1, "members unchanged")
				assert.Empty(t, e.delivered(t))
			})
		}
		err := e.Groups.SetMemberUsers(e.ctx, confd.InTenants(other), g.ID, nil)
		assert.Equal(t, 404, status(err), "another tenant's group is missing")
	})
}

// mustGetUserLines returns the ids of the user's lines.
func mustGetUserLines(t *testing.T, e *env, u *confd.User) []int {
	t.Helper()
	var ids []int
	require.NoError(t, e.DB().NewSelect().Table("user_lines").Column("line_id").Where("user_id = ?", u.ID).Scan(e.ctx, &ids))
	return ids
}

func TestGroupMembers_Extensions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Support")
		e.flush(t)
		members := []resources.GroupExtensionMember{{Exten: "0612345678", Context: "to-extern", Priority: confd.Ptr(3)},
			{Exten: "1234", Context: "default"}}
		require.NoError(t, e.Groups.SetMemberExtensions(e.ctx, confd.Scope{}, g.ID, members))
		got, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		assert.Equal(t, []resources.GroupMemberExtension{{Exten: "1234", Context: "default", Priority: 1},
			{Exten: "0612345678", Context: "to-extern", Priority: 3}}, got.Members.Extensions)
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "config.groups.members.extensions.updated", evs[0].RoutingKey)
		assert.JSONEq(t, `{"group_id":`+itoa(g.ID)+`,"group_uuid":"`+g.UUID+`","extensions":[{"exten":"0612345678","context":"to-extern"},{"exten":"1234","context":"default"}]}`, string(evs[0].Data))
		e.flush(t)

		twice := []resources.GroupExtensionMember{{Exten: "1", Context: "x"}, {Exten: "1", Context: "x"}}
		assert.EqualError(t, e.Groups.SetMemberExtensions(e.ctx, confd.Scope{}, g.ID, twice),
			"Resource Error - Operation not permitted. Cannot associate same extensions more than once")
		assert.Empty(t, e.delivered(t))
		got, err = e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		assert.Len(t, got.Members.Extensions, 2, "unchanged")
	})
}

// The library refuses what the API refuses: a group named by nothing, a
// negative priority. Nothing changes.
func TestGroupMembers_LibraryValidates(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "support")
		u := mustUserWithLine(t, e, "Ann")
		e.flush(t)
		err := e.SetUserGroups(e.ctx, confd.Scope{}, u.UUID, []resources.GroupRef{{}})
		assert.ErrorContains(t, err, "One identifier(id or uuid) must be provided")
		assert.Equal(t, resources.Invalid, resources.KindOf(err))
		err = e.Groups.SetMemberExtensions(e.ctx, confd.Scope{}, g.ID,
			[]resources.GroupExtensionMember{{Exten: "1000", Context: "default", Priority: confd.Ptr(-1)}})
		assert.ErrorContains(t, err, "priority")
		err = e.Groups.SetMemberUsers(e.ctx, confd.Scope{}, g.ID, []resources.GroupUserMember{{UUID: u.UUID, Priority: confd.Ptr(-5)}})
		assert.ErrorContains(t, err, "priority")
		assert.Equal(t, resources.Invalid, resources.KindOf(err))
		got, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Members.Users)
		assert.Empty(t, got.Members.Extensions)
		assertNothingAnnounced(t, e)
	})
}

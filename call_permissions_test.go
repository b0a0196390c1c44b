package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreateCallPermission(t *testing.T, e *env, p *resources.CallPermission) *resources.CallPermission {
	t.Helper()
	if p.TenantUUID == "" {
		p.TenantUUID = e.tenant
	}
	require.NoError(t, e.CallPermissions.Create(e.ctx, confd.Scope{}, p))
	return p
}

// mustCreateTenant creates a top-level tenant and returns its uuid.
func mustCreateOtherTenant(t *testing.T, e *env, slug string) string {
	t.Helper()
	v := &resources.Tenant{Name: slug, Slug: slug}
	require.NoError(t, e.Tenants.Create(e.ctx, "", v))
	return v.UUID
}

func TestCallPermissions_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("Defaults", func(t *testing.T) {
			p := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "minimal", Extensions: []string{"123", "123", "_4XX"}})
			assert.Equal(t, "deny", p.Mode)
			assert.True(t, *p.Enabled)
			assert.Nil(t, p.Password)
			assert.Equal(t, []string{"123", "_4XX"}, p.Extensions, "each extension once")
			assert.Empty(t, p.Users)
			assert.Equal(t, []string{"call_permission_created"}, e.delivered(t))
			ev := e.events.Events()[0]
			assert.Equal(t, "config.callpermission.created", ev.RoutingKey)
			assert.Equal(t, e.tenant, ev.TenantUUID)
			assert.JSONEq(t, `{"id":`+itoa(p.ID)+`}`, string(ev.Data))
			assert.Empty(t, e.reload.Requests())
			got, err := e.CallPermissions.Get(e.ctx, confd.Scope{}, p.ID)
			require.NoError(t, err)
			assert.Equal(t, []string{"123", "_4XX"}, got.Extensions)
			e.flush(t)
		})
		bad := []struct {
			name string
			p    resources.CallPermission
			want string
		}{
			{"ErrNameEmpty", resources.CallPermission{}, "name: ['Length must be between 1 and 128.']"},
			{"ErrPassword", resources.CallPermission{Name: "x", Password: confd.Ptr("12ab")}, "password: ['String does not match expected pattern.']"},
			{"ErrMode", resources.CallPermission{Name: "x", Mode: "maybe"}, "mode: ['Must be one of: allow, deny.']"},
			{"ErrExtension", resources.CallPermission{Name: "x", Extensions: []string{"abc"}}, "extensions: {0: ['String does not match expected pattern.']}"},
		}
		for _, tc := range bad {
			t.Run(tc.name, func(t *testing.T) {
				p := tc.p
				p.TenantUUID = e.tenant
				err := e.CallPermissions.Create(e.ctx, confd.Scope{}, &p)
				assert.Equal(t, 400, status(err))
				assert.ErrorContains(t, err, tc.want)
				assert.Empty(t, e.delivered(t))
			})
		}
		t.Run("ErrNameTakenInTenant", func(t *testing.T) {
			err := e.CallPermissions.Create(e.ctx, confd.Scope{}, &resources.CallPermission{Name: "minimal", TenantUUID: e.tenant})
			assert.EqualError(t, err, "Resource Error - CallPermission already exists ('name': 'minimal')")
			assert.Empty(t, e.delivered(t))
		})
		t.Run("SameNameInAnotherTenant", func(t *testing.T) {
			other := mustCreateOtherTenant(t, e, "other")
			mustCreateCallPermission(t, e, &resources.CallPermission{Name: "minimal", TenantUUID: other})
			e.flush(t)
		})
	})
}

func TestCallPermissions_UpdateDelete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "a"})
		b := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "b"})
		e.flush(t)
		b.Name = "a"
		assert.EqualError(t, e.CallPermissions.Update(e.ctx, confd.Scope{}, b), "Resource Error - CallPermission already exists ('name': 'a')")
		a.Mode, a.Password, a.Extensions = "allow", confd.Ptr("*12#"), []string{"_+33X."}
		require.NoError(t, e.CallPermissions.Update(e.ctx, confd.Scope{}, a))
		got, err := e.CallPermissions.Get(e.ctx, confd.Scope{}, a.ID)
		require.NoError(t, err)
		assert.Equal(t, "allow", got.Mode)
		assert.Equal(t, "*12#", *got.Password)
		assert.Equal(t, []string{"_+33X."}, got.Extensions)
		assert.Equal(t, []string{"call_permission_edited"}, e.delivered(t))
		e.flush(t)
		_, err = e.CallPermissions.Get(e.ctx, confd.InTenants("another"), a.ID)
		assert.Equal(t, 404, status(err))
		require.NoError(t, e.CallPermissions.Delete(e.ctx, confd.Scope{}, a.ID))
		assert.Equal(t, []string{"call_permission_deleted"}, e.delivered(t))
	})
}

func TestCallPermissions_List(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		mustCreateCallPermission(t, e, &resources.CallPermission{Name: "on", Mode: "allow"})
		off := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "off", Enabled: confd.Ptr(false), Description: confd.Ptr("untrue")})
		names := func(q map[string][]string) []string {
			p, err := e.CallPermissions.ParseList(q)
			require.NoError(t, err)
			items, _, err := e.CallPermissions.List(e.ctx, confd.Scope{}, p)
			require.NoError(t, err)
			var out []string
			for _, v := range items {
				out = append(out, v.Name)
			}
			return out
		}
		assert.Equal(t, []string{"off", "on"}, names(nil), "sorted by name")
		assert.Equal(t, []string{"on"}, names(map[string][]string{"search": {"allow"}}))
		assert.Equal(t, []string{"off"}, names(map[string][]string{"search": {"False"}}), "enabled searched as text")
		assert.Equal(t, []string{"off", "on"}, names(map[string][]string{"search": {"True"}}), "on by enabled, off by its description")
		assert.Equal(t, []string{"on"}, names(map[string][]string{"enabled": {"True"}}))
		assert.Equal(t, []string{"off"}, names(map[string][]string{"id": {itoa(off.ID)}}))
	})
}

func TestUserCallPermission(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice", Lastname: confd.Ptr("Smith")})
		p := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "intl"})
		e.flush(t)
		require.NoError(t, e.AssociateUserCallPermission(e.ctx, confd.Scope{}, u.UUID, p.ID))
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "user_call_permission_associated", evs[0].Name)
		assert.Equal(t, "config.users."+u.UUID+".callpermissions.updated", evs[0].RoutingKey)
		assert.Equal(t, true, evs[0].Headers["user_uuid:"+u.UUID])
		assert.JSONEq(t, `{"user_uuid":"`+u.UUID+`","call_permission_id":`+itoa(p.ID)+`}`, string(evs[0].Data))
		assert.Empty(t, e.reload.Requests())
		e.flush(t)

		require.NoError(t, e.AssociateUserCallPermission(e.ctx, confd.Scope{}, u.ID, p.ID), "again: nothing")
		assert.Empty(t, e.delivered(t))
		got, err := e.CallPermissions.Get(e.ctx, confd.Scope{}, p.ID)
		require.NoError(t, err)
		require.Len(t, got.Users, 1)
		assert.Equal(t, resources.RelatedUser{UUID: u.UUID, Firstname: "Alice", Lastname: confd.Ptr("Smith"),
			Links: []resources.Link{{Rel: "users", Href: "/1.1/users/" + itoa(u.ID)}}}, got.Users[0])
		refs, err := confd.UserCallPermissionRefs(e.ctx, e.DB(), []int{u.ID})
		require.NoError(t, err)
		assert.Equal(t, []resources.NamedRef{{ID: p.ID, Name: confd.Ptr("intl"), Links: []resources.Link{{Rel: "callpermissions", Href: "/1.1/callpermissions/" + itoa(p.ID)}}}}, refs[u.ID])

		require.NoError(t, e.DissociateUserCallPermission(e.ctx, confd.Scope{}, u.ID, p.ID))
		assert.Equal(t, []string{"user_call_permission_dissociated"}, e.delivered(t))
		e.flush(t)
		require.NoError(t, e.DissociateUserCallPermission(e.ctx, confd.Scope{}, u.ID, p.ID), "not associated: nothing")
		assert.Empty(t, e.delivered(t))
	})
}

func TestUserCallPermission_Errors(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		p := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "intl"})
		other := mustCreateOtherTenant(t, e, "other")
		q := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "theirs", TenantUUID: other})
		e.flush(t)
		err := e.AssociateUserCallPermission(e.ctx, confd.Scope{}, 999999, p.ID)
		assert.EqualError(t, err, "Resource Not Found - User was not found ('id': 999999)")
		err = e.AssociateUserCallPermission(e.ctx, confd.Scope{}, u.ID, 999999)
		assert.EqualError(t, err, "Resource Not Found - CallPermission was not found ('id': 999999)")
		err = e.AssociateUserCallPermission(e.ctx, confd.InTenants(e.tenant), u.ID, q.ID)
		assert.Equal(t, 404, status(err), "another tenant's permission is not found")
		err = e.AssociateUserCallPermission(e.ctx, confd.Scope{}, u.ID, q.ID)
		assert.ErrorContains(t, err, "Resource Error - different tenants")
		assert.Equal(t, 404, status(e.DissociateUserCallPermission(e.ctx, confd.Scope{}, u.ID, 999999)))
		assert.Empty(t, e.delivered(t))
	})
}

func TestUserCallPermission_DeletingEitherSide(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		v := mustCreateUser(t, e, &confd.User{Firstname: "Bob"})
		p := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "intl"})
		q := mustCreateCallPermission(t, e, &resources.CallPermission{Name: "local"})
		require.NoError(t, e.AssociateUserCallPermission(e.ctx, confd.Scope{}, u.ID, p.ID))
		require.NoError(t, e.AssociateUserCallPermission(e.ctx, confd.Scope{}, v.ID, q.ID))
		require.NoError(t, e.Users.Delete(e.ctx, confd.Scope{}, u.ID))
		got, err := e.CallPermissions.Get(e.ctx, confd.Scope{}, p.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Users)
		require.NoError(t, e.CallPermissions.Delete(e.ctx, confd.Scope{}, q.ID))
		refs, err := confd.UserCallPermissionRefs(e.ctx, e.DB(), []int{v.ID})
		require.NoError(t, err)
		assert.Empty(t, refs[v.ID])
	})
}

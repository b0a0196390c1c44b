package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreateUser(t *testing.T, e *env, u *confd.User) *confd.User {
	t.Helper()
	if u.TenantUUID == "" {
		u.TenantUUID = e.tenant
	}
	require.NoError(t, e.Users.Create(e.ctx, confd.Scope{}, u))
	return u
}

func TestUsers_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("Defaults", func(t *testing.T) {
			u := mustCreateUser(t, e, &confd.User{Firstname: "Charlie"})
			assert.Equal(t, `"Charlie"`, u.CallerID)
			assert.Equal(t, 30, *u.RingSeconds)
			assert.Equal(t, 5, *u.SimultaneousCalls)
			assert.True(t, *u.SupervisionEnabled)
			assert.True(t, *u.Enabled)
			assert.False(t, *u.CallTransferEnabled)
			assert.NotEmpty(t, u.UUID)
			assert.NotEmpty(t, u.CreatedAt)
			assert.Equal(t, []string{"user_created"}, e.delivered(t))
			assert.Contains(t, e.reload.Merged().Ipbx, "module reload res_pjsip.so")
			e.flush(t)
		})
		t.Run("ByUUIDOrID", func(t *testing.T) {
			u := mustCreateUser(t, e, &confd.User{Firstname: "Ann", Lastname: confd.Ptr("Lee")})
			byUUID, err := e.Users.Get(e.ctx, confd.InTenants(e.tenant), u.UUID)
			require.NoError(t, err)
			assert.Equal(t, u.ID, byUUID.ID)
			_, err = e.Users.Get(e.ctx, confd.InTenants("other"), u.UUID)
			assert.True(t, resources.IsNotFound(err), "another tenant's user is not found")
			e.flush(t)
		})
		t.Run("ErrDuplicateEmail", func(t *testing.T) {
			mustCreateUser(t, e, &confd.User{Firstname: "A", Email: confd.Ptr("a@example.com")})
			e.flush(t)
			err := e.Users.Create(e.ctx, confd.Scope{}, &confd.User{Firstname: "B", Email: confd.Ptr("a@example.com"), TenantUUID: e.tenant})
			assert.EqualError(t, err, "Resource Error - User already exists ('email': 'a@example.com')")
			assert.Empty(t, e.delivered(t))
		})
		t.Run("ErrBadFields", func(t *testing.T) {
			for _, u := range []*confd.User{
				{Firstname: "x", Language: confd.Ptr("french")},
				{Firstname: "x", RingSeconds: confd.Ptr(10801)},
				{Firstname: "x", SimultaneousCalls: confd.Ptr(0)},
				{Firstname: "x", Email: confd.Ptr("not-an-email")},
				{Firstname: "x", MobilePhoneNumber: confd.Ptr("12-34")},
			} {
				u.TenantUUID = e.tenant
				assert.Equal(t, resources.Invalid, resources.KindOf(e.Users.Create(e.ctx, confd.Scope{}, u)))
			}
		})
	})
}

func TestUserSchema_CallRecordShortcut(t *testing.T) {
	m, err := resources.DecodeJSON([]byte(`{"firstname": "x", "call_record_enabled": true}`))
	require.NoError(t, err)
	out, err := resources.UserSchema.Load(m, false)
	require.NoError(t, err)
	assert.Equal(t, true, out["call_record_incoming_external_enabled"])
	assert.NotContains(t, out, "call_record_enabled")

	m, _ = resources.DecodeJSON([]byte(`{"firstname": "x", "call_record_enabled": false, "call_record_incoming_external_enabled": true}`))
	_, err = resources.UserSchema.Load(m, false)
	assert.ErrorContains(t, err, "'call_record_enabled' is deprecated")
}

func TestUsers_SearchIgnoresCaseAndAccents(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "ÉricDir", Lastname: confd.Ptr("Bângoura")})
		mustCreateUser(t, e, &confd.User{Firstname: "Other"})
		for _, term := range []string{"éricdir", "ERICDIR", "bangoura", "Bâng"} {
			items, total, err := e.Users.List(e.ctx, confd.Scope{}, confd.ListParams{Search: term})
			require.NoError(t, err)
			require.Equal(t, 1, total, term)
			assert.Equal(t, u.ID, items[0].ID, term)
		}
	})
}

func TestUsers_OrderPutsNullsAsPostgreSQL(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		none := mustCreateUser(t, e, &confd.User{Firstname: "NoLastname"})
		smith := mustCreateUser(t, e, &confd.User{Firstname: "Ann", Lastname: confd.Ptr("Smith")})
		for dir, want := range map[string][]int{"asc": {smith.ID, none.ID}, "desc": {none.ID, smith.ID}} {
			items, _, err := e.Users.List(e.ctx, confd.Scope{}, confd.ListParams{Order: "lastname", Direction: dir})
			require.NoError(t, err)
			require.Len(t, items, 2)
			assert.Equal(t, want, []int{items[0].ID, items[1].ID}, dir)
		}
	})
}

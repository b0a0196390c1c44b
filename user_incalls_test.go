package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestCreateUserWith_Incalls(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		n := &confd.NewUser{User: &confd.User{Firstname: "Alice", TenantUUID: e.tenant},
			Incalls: []confd.NewUserIncall{{Extensions: []*confd.Extension{{Exten: "5551234", Context: "from-extern"}}}}}
		require.NoError(t, e.CreateUserWith(e.ctx, confd.Scope{}, n))
		in, err := e.Incalls.Get(e.ctx, confd.Scope{}, n.Incalls[0].ID)
		require.NoError(t, err)
		assert.Equal(t, resources.DestUser, in.Destination.Type)
		assert.Equal(t, n.User.ID, in.Destination.ID)
		c, err := e.Contexts.Get(e.ctx, confd.Scope{}, contextID(t, e, "from-extern"))
		require.NoError(t, err)
		assert.Contains(t, c.IncallRanges, resources.Range{Start: "5551234", End: "5551234", DIDLength: confd.Ptr(7)},
			"the number got its range")

		// The number's incall, leading nowhere now, goes to the next user.
		require.NoError(t, e.DeleteUserRecursive(e.ctx, confd.Scope{}, n.User.ID))
		next := &confd.NewUser{User: &confd.User{Firstname: "Bob", TenantUUID: e.tenant},
			Incalls: []confd.NewUserIncall{{Extensions: []*confd.Extension{{ID: n.Incalls[0].Extensions[0].ID}}}}}
		require.NoError(t, e.CreateUserWith(e.ctx, confd.Scope{}, next))
		assert.Equal(t, in.ID, next.Incalls[0].ID, "the same incall")

		// A third user cannot take it from Bob; nothing is left behind.
		third := &confd.NewUser{User: &confd.User{Firstname: "Carol", TenantUUID: e.tenant},
			Incalls: []confd.NewUserIncall{{Extensions: []*confd.Extension{{ID: n.Incalls[0].Extensions[0].ID}}}}}
		assert.EqualError(t, e.CreateUserWith(e.ctx, confd.Scope{}, third), "Existing incall does not have the new user as a destination")
		wrong := &confd.NewUser{User: &confd.User{Firstname: "Dan", TenantUUID: e.tenant},
			Incalls: []confd.NewUserIncall{{Extensions: []*confd.Extension{{Exten: "1234", Context: "default"}}}}}
		assert.EqualError(t, e.CreateUserWith(e.ctx, confd.Scope{}, wrong), "Context associated to the extension is not of type 'incall'")
		_, total, err := e.Users.List(e.ctx, confd.Scope{}, confd.ListParams{})
		require.NoError(t, err)
		assert.Equal(t, 1, total, "only Bob")
	})
}

func contextID(t *testing.T, e *env, name string) int {
	t.Helper()
	var id int
	require.NoError(t, e.DB().NewSelect().Table("contexts").Column("id").Where("name = ?", name).Scan(e.ctx, &id))
	return id
}

func TestUpdateUserWith_Incalls(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		n := &confd.NewUser{User: &confd.User{Firstname: "Alice", TenantUUID: e.tenant},
			Incalls: []confd.NewUserIncall{{Extensions: []*confd.Extension{{Exten: "1500", Context: "from-extern"}}}}}
		require.NoError(t, e.CreateUserWith(e.ctx, confd.Scope{}, n))
		first, old := n.Incalls[0].ID, n.Incalls[0].Extensions[0].ID

		// The same incall, a new number: the old number goes.
		keep := []confd.NewUserIncall{{ID: first, Extensions: []*confd.Extension{{Exten: "1501", Context: "from-extern"}}}}
		require.NoError(t, e.UpdateUserWith(e.ctx, confd.Scope{}, &confd.UserUpdate{User: n.User, Incalls: keep}))
		in, err := e.Incalls.Get(e.ctx, confd.Scope{}, first)
		require.NoError(t, err)
		require.Len(t, in.Extensions, 1)
		assert.Equal(t, "1501", in.Extensions[0].Exten)
		_, err = e.Extensions.Get(e.ctx, confd.Scope{}, old)
		assert.True(t, resources.IsNotFound(err), "the dropped number is deleted: %v", err)

		// A new incall replaces it.
		fresh := []confd.NewUserIncall{{Extensions: []*confd.Extension{{Exten: "1502", Context: "from-extern"}}}}
		require.NoError(t, e.UpdateUserWith(e.ctx, confd.Scope{}, &confd.UserUpdate{User: n.User, Incalls: fresh}))
		assert.NotEqual(t, first, fresh[0].ID)
		_, err = e.Incalls.Get(e.ctx, confd.Scope{}, first)
		assert.True(t, resources.IsNotFound(err), "the old incall is deleted: %v", err)
		got, err := e.Users.Get(e.ctx, confd.Scope{}, n.User.ID)
		require.NoError(t, err)
		require.Len(t, got.Incalls, 1)
		assert.Equal(t, fresh[0].ID, got.Incalls[0].(resources.IncallBrief).ID)
	})
}

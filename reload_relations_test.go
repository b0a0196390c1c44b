package confd_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// After an update, an object read with its relations shows them once, as
// a fresh read does: the reload replaces them.
func TestUpdate_ReloadsRelationsOnce(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		n, _ := userWithPhone(t, e, "1001")
		g := mustCreateGroup(t, e, "Support")
		require.NoError(t, e.Groups.SetMemberUsers(e.ctx, confd.Scope{}, g.UUID, []resources.GroupUserMember{{UUID: n.User.UUID}}))

		line, err := e.Lines.Get(e.ctx, confd.Scope{}, n.Lines[0].Line.ID)
		require.NoError(t, err)
		require.NoError(t, e.Lines.Update(e.ctx, confd.Scope{}, line))
		assertAsFresh(t, line, func() (any, error) { return e.Lines.Get(e.ctx, confd.Scope{}, line.ID) })

		user, err := e.Users.Get(e.ctx, confd.Scope{}, n.User.ID)
		require.NoError(t, err)
		require.NoError(t, e.Users.Update(e.ctx, confd.Scope{}, user))
		assertAsFresh(t, user, func() (any, error) { return e.Users.Get(e.ctx, confd.Scope{}, user.ID) })

		group, err := e.Groups.Get(e.ctx, confd.Scope{}, g.UUID)
		require.NoError(t, err)
		require.NoError(t, e.Groups.Update(e.ctx, confd.Scope{}, group))
		assertAsFresh(t, group, func() (any, error) { return e.Groups.Get(e.ctx, confd.Scope{}, g.UUID) })

		x, err := e.Extensions.Get(e.ctx, confd.Scope{}, n.Lines[0].Extensions[0].ID)
		require.NoError(t, err)
		require.NoError(t, e.Extensions.Update(e.ctx, confd.Scope{}, x))
		assertAsFresh(t, x, func() (any, error) { return e.Extensions.Get(e.ctx, confd.Scope{}, x.ID) })
	})
}

func assertAsFresh(t *testing.T, got any, fresh func() (any, error)) {
	t.Helper()
	want, err := fresh()
	require.NoError(t, err)
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	assert.JSONEq(t, string(b), string(a))
}

// A new object shows what a read of it shows, though its relations were
// not read (it has none yet).
func TestCreate_ShowsAsRead(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "New"})
		assertAsFresh(t, u, func() (any, error) { return e.Users.Get(e.ctx, confd.Scope{}, u.ID) })
		l := mustCreateLine(t, e, &confd.Line{Context: "default"})
		assertAsFresh(t, l, func() (any, error) { return e.Lines.Get(e.ctx, confd.Scope{}, l.ID) })
		x := mustCreateExtension(t, e, "1234", "default")
		assertAsFresh(t, x, func() (any, error) { return e.Extensions.Get(e.ctx, confd.Scope{}, x.ID) })
		v := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "New", Number: "1234", Context: "default"})
		assertAsFresh(t, v, func() (any, error) { return e.Voicemails.Get(e.ctx, confd.Scope{}, v.ID) })
	})
}

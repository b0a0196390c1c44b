package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestUserVoicemail(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice", Lastname: confd.Ptr("Smith")})
		vm := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "box", Number: "1000", Context: "default"})
		e.flush(t)
		require.NoError(t, e.AssociateUserVoicemail(e.ctx, confd.Scope{}, u.UUID, vm.ID))
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "user_voicemail_associated", evs[0].Name)
		assert.Equal(t, true, evs[0].Headers["user_uuid:"+u.UUID])
		assert.Equal(t, []string{"module reload chan_sccp.so", "module reload res_pjsip.so"}, e.reload.Merged().Ipbx)
		e.flush(t)

		require.NoError(t, e.AssociateUserVoicemail(e.ctx, confd.Scope{}, u.ID, vm.ID), "again: nothing")
		assert.Empty(t, e.delivered(t))
		got, err := e.Users.Get(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		assert.Equal(t, vm.ID, got.Voicemail.(map[string]any)["id"])
		box, err := e.Voicemails.Get(e.ctx, confd.Scope{}, vm.ID)
		require.NoError(t, err)
		require.Len(t, box.Users, 1)
		assert.Equal(t, u.UUID, box.Users[0].UUID)

		other := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "other", Number: "1001", Context: "default"})
		assert.ErrorContains(t, e.AssociateUserVoicemail(e.ctx, confd.Scope{}, u.ID, other.ID), "User is associated with a Voicemail")
		assert.ErrorContains(t, e.Users.Delete(e.ctx, confd.Scope{}, u.ID), "User is associated with a Voicemail")
		assert.ErrorContains(t, e.Voicemails.Delete(e.ctx, confd.Scope{}, vm.ID), "Voicemail is associated with a User")
		box.AccessType = resources.VoicemailGlobal
		assert.ErrorContains(t, e.Voicemails.Update(e.ctx, confd.Scope{}, box), "A global voicemail cannot be associated to users.")

		require.NoError(t, e.DissociateUserVoicemail(e.ctx, confd.Scope{}, u.ID))
		require.NoError(t, e.Users.Delete(e.ctx, confd.Scope{}, u.ID))
	})
}

func TestUserVoicemail_CreateIsAtomic(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Bob"})
		err := e.CreateUserVoicemail(e.ctx, confd.Scope{}, u.ID, &confd.Voicemail{Number: "1000", Context: "nope"})
		assert.Equal(t, 400, status(err))
		_, total, err := e.Voicemails.List(e.ctx, confd.Scope{}, confd.ListParams{})
		require.NoError(t, err)
		assert.Zero(t, total)

		vm := &confd.Voicemail{Number: "1002", Context: "default"}
		require.NoError(t, e.CreateUserVoicemail(e.ctx, confd.Scope{}, u.ID, vm))
		assert.Equal(t, "Bob", vm.Name, "named after the user")
		global := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "g", Number: "1003", Context: "default", AccessType: resources.VoicemailGlobal})
		carol := mustCreateUser(t, e, &confd.User{Firstname: "Carol"})
		assert.ErrorContains(t, e.AssociateUserVoicemail(e.ctx, confd.Scope{}, carol.ID, global.ID), "A global voicemail cannot be associated to users.")
	})
}

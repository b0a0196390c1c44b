package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// userWithPhone creates a user with one SIP line, extension exten, on a
// device, and a voicemail.
func userWithPhone(t *testing.T, e *env, exten string) (*confd.NewUser, *confd.Device) {
	d := mustCreateDevice(t, e, &confd.Device{TenantUUID: e.tenant})
	n := &confd.NewUser{User: &confd.User{Firstname: "Alice", TenantUUID: e.tenant},
		Lines: []confd.NewLine{{Line: &confd.Line{Context: "default"}, EndpointSIP: &resources.EndpointSIP{},
			Extensions: []*confd.Extension{{Exten: exten}}, DeviceID: &d.ID}},
		Voicemail: &resources.Voicemail{Name: "Alice", Number: exten, Context: "default"}}
	require.NoError(t, e.CreateUserWith(e.ctx, confd.Scope{}, n))
	return n, d
}

func TestUpdateUserWith_EditsKeptLine(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		n, d := userWithPhone(t, e, "1001")
		nl := n.Lines[0]
		other := mustCreateDevice(t, e, &confd.Device{TenantUUID: e.tenant})
		ep := *nl.EndpointSIP
		ep.Label = confd.Ptr("new label")
		x := *nl.Extensions[0]
		x.Exten = "1002"
		vm := *n.Voicemail
		vm.Language = confd.Ptr("es_ES")
		u := *n.User
		u.Lastname = confd.Ptr("Smith")
		e.flush(t)
		require.NoError(t, e.UpdateUserWith(e.ctx, confd.Scope{}, &confd.UserUpdate{User: &u,
			Lines:     []confd.NewLine{{Line: nl.Line, EndpointSIP: &ep, Extensions: []*confd.Extension{&x}, DeviceID: &other.ID}},
			Voicemail: &vm}))

		l, err := e.Lines.Get(e.ctx, confd.Scope{}, nl.Line.ID)
		require.NoError(t, err, "the line is kept")
		require.Len(t, l.Extensions, 1)
		assert.Equal(t, "1002", l.Extensions[0].Exten)
		assert.Equal(t, other.ID, *l.DeviceID)
		got, err := e.EndpointsSIP.Get(e.ctx, confd.Scope{}, ep.UUID)
		require.NoError(t, err)
		assert.Equal(t, "new label", *got.Label)
		box, err := e.Voicemails.Get(e.ctx, confd.Scope{}, vm.ID)
		require.NoError(t, err)
		assert.Equal(t, "es_ES", *box.Language)
		user, err := e.Users.Get(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		assert.Equal(t, "Smith", *user.Lastname)
		assert.Empty(t, deviceLines(t, e, d.ID), "the line left its old device")
		assert.Subset(t, e.delivered(t), []string{"user_edited", "line_edited", "extension_edited",
			"voicemail_edited", "line_device_dissociated", "line_device_associated"})
	})
}

func TestUpdateUserWith_ReplacesLinesAndVoicemail(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		n, d := userWithPhone(t, e, "1001")
		old := n.Lines[0]
		other := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Other", Number: "2000", Context: "default"})
		up := &confd.UserUpdate{User: n.User,
			Lines: []confd.NewLine{{Line: &confd.Line{Context: "default"}, EndpointSIP: &resources.EndpointSIP{},
				Extensions: []*confd.Extension{{Exten: "1003"}}}},
			Voicemail: &resources.Voicemail{ID: other.ID}}
		require.NoError(t, e.UpdateUserWith(e.ctx, confd.Scope{}, up))

		_, err := e.Lines.Get(e.ctx, confd.Scope{}, old.Line.ID)
		assert.True(t, resources.IsNotFound(err), "the old line is deleted: %v", err)
		_, err = e.Extensions.Get(e.ctx, confd.Scope{}, old.Extensions[0].ID)
		assert.True(t, resources.IsNotFound(err), "with its extension: %v", err)
		_, err = e.Voicemails.Get(e.ctx, confd.Scope{}, n.Voicemail.ID)
		assert.True(t, resources.IsNotFound(err), "the unused box is deleted: %v", err)
		assert.Empty(t, deviceLines(t, e, d.ID))
		got, err := e.Users.Get(e.ctx, confd.Scope{}, n.User.ID)
		require.NoError(t, err)
		require.Len(t, got.Lines, 1)
		assert.Equal(t, up.Lines[0].Line.ID, got.Lines[0].(*confd.Line).ID)
		assert.Equal(t, other.ID, *got.VoicemailID)
	})
}

func TestUpdateUserWith_WrongEndpointTypeLeavesNothing(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		n, _ := userWithPhone(t, e, "1001")
		e.flush(t)
		u := *n.User
		u.Firstname = "Changed"
		err := e.UpdateUserWith(e.ctx, confd.Scope{}, &confd.UserUpdate{User: &u,
			Lines: []confd.NewLine{{Line: n.Lines[0].Line, EndpointSCCP: &resources.EndpointSCCP{}}}})
		assert.EqualError(t, err, "There is already an endpoint associated to the line that is not of type SCCP. "+
			"Cannot update the line with another endpoint type")
		got, gerr := e.Users.Get(e.ctx, confd.Scope{}, n.User.ID)
		require.NoError(t, gerr)
		assert.Equal(t, "Alice", got.Firstname, "rolled back whole")
		assert.Empty(t, e.delivered(t), "no event for a refused edit")

		ep := *n.Lines[0].EndpointSIP
		ep.UUID = "6c0a0c4d-1c1f-4f1e-9d61-7c7b4f0d8a11"
		err = e.UpdateUserWith(e.ctx, confd.Scope{}, &confd.UserUpdate{User: &u,
			Lines: []confd.NewLine{{Line: n.Lines[0].Line, EndpointSIP: &ep}}})
		assert.ErrorContains(t, err, "is not the line's endpoint")
	})
}

func TestUpdateUserWith_NewExtensionKeepsDevice(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		n, d := userWithPhone(t, e, "1001")
		nl := n.Lines[0]
		require.NoError(t, e.UpdateUserWith(e.ctx, confd.Scope{}, &confd.UserUpdate{User: n.User,
			Lines: []confd.NewLine{{Line: nl.Line, Extensions: []*confd.Extension{{Exten: "1004", Context: "default"}}}}}))
		l, err := e.Lines.Get(e.ctx, confd.Scope{}, nl.Line.ID)
		require.NoError(t, err)
		require.Len(t, l.Extensions, 1)
		assert.Equal(t, "1004", l.Extensions[0].Exten)
		require.NotNil(t, l.DeviceID, "the line is back on its device")
		assert.Equal(t, d.ID, *l.DeviceID)
		_, err = e.Extensions.Get(e.ctx, confd.Scope{}, nl.Extensions[0].ID)
		assert.True(t, resources.IsNotFound(err), "the dropped extension is deleted: %v", err)
	})
}

func TestUserWith_Groups(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Support")
		n, _ := userWithPhone(t, e, "1001")
		u := n.User
		ref := []resources.GroupRef{{UUID: g.UUID}}
		require.NoError(t, e.UpdateUserWith(e.ctx, confd.Scope{}, &confd.UserUpdate{User: u, Lines: n.Lines[:1], Groups: ref}))
		got, err := e.Users.Get(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		require.Len(t, got.Groups, 1, "the user joined the group")
		require.NoError(t, e.UpdateUserWith(e.ctx, confd.Scope{}, &confd.UserUpdate{User: u, Lines: n.Lines[:1]}))
		got, err = e.Users.Get(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Groups, "a body without groups leaves them all, as in wazo")

		withGroup := &confd.NewUser{User: &confd.User{Firstname: "Bob", TenantUUID: e.tenant},
			Lines:  []confd.NewLine{{Line: &confd.Line{Context: "default"}, EndpointSIP: &resources.EndpointSIP{}}},
			Groups: ref}
		require.NoError(t, e.CreateUserWith(e.ctx, confd.Scope{}, withGroup))
		got, err = e.Users.Get(e.ctx, confd.Scope{}, withGroup.User.ID)
		require.NoError(t, err)
		assert.Len(t, got.Groups, 1, "created in the group")
	})
}

// A user gets a new box by a recursive update, also when the update is
// retried (its rolled-back attempt created a box too).
func TestUpdateUserWith_NewVoicemail(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		n, _ := userWithPhone(t, e, "1001")
		u := *n.User
		fresh := &resources.Voicemail{Name: "New box", Number: "2001", Context: "default"}
		require.NoError(t, confd.UpdateUserAfterRollback(e.ctx, e.Client, confd.Scope{}, &confd.UserUpdate{User: &u, Voicemail: fresh}))
		got, err := e.Users.Get(e.ctx, confd.Scope{}, n.User.ID)
		require.NoError(t, err)
		assert.Equal(t, fresh.ID, *got.VoicemailID, "the user has the new box")
		_, err = e.Voicemails.Get(e.ctx, confd.Scope{}, n.Voicemail.ID)
		assert.True(t, resources.IsNotFound(err), "the old one, unused, is deleted: %v", err)
	})
}

package confd_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreateIncall(t *testing.T, e *env, d confd.Destination) *confd.Incall {
	t.Helper()
	v := &confd.Incall{Destination: d, TenantUUID: e.tenant}
	require.NoError(t, e.Incalls.Create(e.ctx, confd.Scope{}, v))
	return v
}

func TestIncalls_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Support")
		e.flush(t)
		d := resources.GroupDestination(g.ID)
		d.RingTime = confd.Ptr(12.5)
		v := mustCreateIncall(t, e, d)
		assert.Equal(t, map[string]any{"group_name": g.Name, "group_label": "Support"}, v.Destination.Display)
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"destination":{"group_id":`+itoa(g.ID)+`,"group_label":"Support","group_name":"`+g.Name+`","ring_time":12.5,"type":"group"}`)
		assert.Contains(t, string(b), `"extensions":[],"schedules":[]`)
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "config.incalls.created", evs[0].RoutingKey)
		assert.JSONEq(t, `{"id":`+itoa(v.ID)+`}`, string(evs[0].Data))
		assert.Empty(t, e.reload.Merged().Ipbx, "wazo reloads nothing for incalls")

		got, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		require.Len(t, got.Incalls, 1, "the group shows its incalls")
		assert.Equal(t, v.ID, got.Incalls[0].ID)
	})
}

func TestIncalls_Destinations(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Ann", Lastname: confd.Ptr("Lee")})
		vm := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "box", Number: "1900", Context: "default"})
		g := mustCreateGroup(t, e, "g")
		ok := []confd.Destination{
			resources.NoneDestination(),
			{Type: "application", Application: "disa", Context: "default", Pin: confd.Ptr("1234")},
			{Type: "application", Application: "fax_to_mail", Email: "fax@example.com"},
			{Type: "custom", Command: "Playback(hello)"},
			{Type: "extension", Exten: "1001", Context: "default"},
			{Type: "group", ID: g.ID},
			{Type: "hangup", Cause: "busy", Timeout: confd.Ptr(1.5)},
			{Type: "sound", Filename: "welcome", Skip: true},
			{Type: "user", ID: u.ID, RingTime: confd.Ptr(20.0)},
			resources.VoicemailDestination(vm.ID, "unavailable"),
		}
		for _, d := range ok {
			v := mustCreateIncall(t, e, d)
			got, err := e.Incalls.Get(e.ctx, confd.Scope{}, v.ID)
			require.NoError(t, err)
			got.Destination.Display = nil
			assert.Equal(t, d, got.Destination)
		}
		got := mustCreateIncall(t, e, resources.UserDestination(u.ID))
		assert.Equal(t, map[string]any{"user_firstname": "Ann", "user_lastname": "Lee"}, got.Destination.Display)
		got = mustCreateIncall(t, e, resources.VoicemailDestination(vm.ID, ""))
		assert.Equal(t, map[string]any{"voicemail_name": "box"}, got.Destination.Display)
	})
}

func TestIncalls_BadDestination(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		other := mustGroupsTenant(t, e, "other")
		foreign := &confd.Group{Label: "foreign", TenantUUID: other}
		require.NoError(t, e.Groups.Create(e.ctx, confd.Scope{}, foreign))
		e.flush(t)
		for name, tc := range map[string]struct {
			d    confd.Destination
			want string
		}{
			"UnknownType":   {confd.Destination{Type: "teleport"}, "Input Error - destination: {'type': ['Must be one of: application, conference, custom, extension, group, hangup, ivr, none, outcall, queue, sound, switchboard, user, voicemail.']}"},
			"MissingTarget": {resources.GroupDestination(999999), "Input Error - field 'group_id': Group was not found ('group_id': 999999)"},
			"OtherTenant":   {resources.GroupDestination(foreign.ID), "Input Error - field 'group_id': Group was not found ('group_id': " + itoa(foreign.ID) + ")"},
			"NoQueues":      {confd.Destination{Type: "queue", ID: 1}, "Input Error - field 'queue_id': Queue was not found ('queue_id': 1)"},
			"NoIVR":         {confd.Destination{Type: "ivr", ID: 1}, "Input Error - field 'ivr_id': IVR was not found ('ivr_id': 1)"},
			"NoApplication": {confd.Destination{Type: "application", Application: "custom", UUID: "00000000-0000-4000-8000-000000000000"}, "Input Error - field 'application_uuid': Application was not found ('application_uuid': '00000000-0000-4000-8000-000000000000')"},
			"NoMOH":         {confd.Destination{Type: "user", ID: 1, MOHUUID: confd.Ptr("00000000-0000-4000-8000-000000000000")}, "Input Error - field 'moh_uuid': MOH was not found ('moh_uuid': '00000000-0000-4000-8000-000000000000')"},
			"NegativeRing":  {confd.Destination{Type: "group", ID: 1, RingTime: confd.Ptr(-1.0)}, "Input Error - destination: {'ring_time': ['Must be greater than or equal to 0.']}"},
		} {
			t.Run(name, func(t *testing.T) {
				err := e.Incalls.Create(e.ctx, confd.Scope{}, &confd.Incall{Destination: tc.d, TenantUUID: e.tenant})
				assert.EqualError(t, err, tc.want)
				_, total, err := e.Incalls.List(e.ctx, confd.Scope{}, confd.ListParams{})
				require.NoError(t, err)
				assert.Zero(t, total, "nothing left")
				assert.Empty(t, e.delivered(t))
			})
		}
	})
}

func TestIncalls_TargetDeleted(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Ann"})
		v := mustCreateIncall(t, e, resources.UserDestination(u.ID))
		refs, err := confd.UserIncallRefs(e.ctx, e.DB(), []int{u.ID})
		require.NoError(t, err)
		require.Len(t, refs[u.ID], 1)
		assert.Equal(t, v.ID, refs[u.ID][0].ID)
		p, err := e.Incalls.ParseList(map[string][]string{"user_id": {itoa(u.ID)}})
		require.NoError(t, err)
		_, total, err := e.Incalls.List(e.ctx, confd.Scope{}, p)
		require.NoError(t, err)
		assert.Equal(t, 1, total, "incalls filtered by their destination's user")

		require.NoError(t, e.Users.Delete(e.ctx, confd.Scope{}, u.ID))
		got, err := e.Incalls.Get(e.ctx, confd.Scope{}, v.ID)
		require.NoError(t, err)
		assert.Equal(t, resources.NoneDestination(), got.Destination)
		_, total, err = e.Incalls.List(e.ctx, confd.Scope{}, p)
		require.NoError(t, err)
		assert.Zero(t, total)
	})
}

func TestIncalls_UpdateDelete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		vm := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "box", Number: "1900", Context: "default"})
		v := mustCreateIncall(t, e, resources.VoicemailDestination(vm.ID, "busy"))
		e.flush(t)
		v.Description = confd.Ptr("main line")
		require.NoError(t, e.Incalls.Update(e.ctx, confd.Scope{}, v), "the read destination (with display fields) saves back")
		v.Destination = confd.Destination{Type: "hangup", Cause: "normal"}
		require.NoError(t, e.Incalls.Update(e.ctx, confd.Scope{}, v))
		got, err := e.Incalls.Get(e.ctx, confd.Scope{}, v.ID)
		require.NoError(t, err)
		assert.Equal(t, "main line", *got.Description)
		assert.Equal(t, "hangup", got.Destination.Type)
		assert.Equal(t, []string{"incall_edited", "incall_edited"}, e.delivered(t))
		e.flush(t)

		got.Destination = resources.GroupDestination(424242)
		assert.Equal(t, 400, status(e.Incalls.Update(e.ctx, confd.Scope{}, got)))
		again, err := e.Incalls.Get(e.ctx, confd.Scope{}, v.ID)
		require.NoError(t, err)
		assert.Equal(t, "hangup", again.Destination.Type, "a refused edit keeps the destination")

		require.NoError(t, e.Incalls.Delete(e.ctx, confd.Scope{}, v.ID))
		assert.Equal(t, []string{"incall_deleted"}, e.delivered(t))
		require.NoError(t, e.Voicemails.Delete(e.ctx, confd.Scope{}, vm.ID))
	})
}

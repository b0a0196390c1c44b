package confd_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestGroupFallbacks(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Support")
		vm := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Support box", Number: "1900", Context: "default"})
		e.flush(t)
		noAnswer, busy := resources.VoicemailDestination(vm.ID, "unavailable"), resources.VoicemailDestination(vm.ID, "busy")
		busy.SkipInstructions = true
		require.NoError(t, e.Groups.SetFallbacks(e.ctx, confd.Scope{}, g.UUID, resources.GroupFallbacks{NoAnswer: &noAnswer, Congestion: &busy}))
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "group_fallback_edited", evs[0].Name)
		assert.Equal(t, "config.groups.fallbacks.edited", evs[0].RoutingKey)
		assert.JSONEq(t, `{"id":`+itoa(g.ID)+`,"uuid":"`+g.UUID+`"}`, string(evs[0].Data))
		assert.Empty(t, e.reload.Merged().Ipbx)
		e.flush(t)

		fb, err := e.Groups.Fallbacks(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		b, err := json.Marshal(fb)
		require.NoError(t, err)
		assert.JSONEq(t, `{"noanswer_destination": {"type": "voicemail", "voicemail_id": `+itoa(vm.ID)+`, "greeting": "unavailable",
			"skip_instructions": false, "voicemail_name": "Support box"},
			"congestion_destination": {"type": "voicemail", "voicemail_id": `+itoa(vm.ID)+`, "greeting": "busy",
			"skip_instructions": true, "voicemail_name": "Support box"}}`, string(b))

		none := resources.NoneDestination()
		require.NoError(t, e.Groups.SetFallbacks(e.ctx, confd.Scope{}, g.ID, resources.GroupFallbacks{NoAnswer: &none}))
		fb, err = e.Groups.Fallbacks(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		assert.Equal(t, &none, fb.NoAnswer)
		assert.Nil(t, fb.Congestion, "a fallback left out is removed")

		require.NoError(t, e.Groups.SetFallbacks(e.ctx, confd.Scope{}, g.ID, resources.GroupFallbacks{NoAnswer: &noAnswer}))
		require.NoError(t, e.Voicemails.Delete(e.ctx, confd.Scope{}, vm.ID))
		fb, err = e.Groups.Fallbacks(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		assert.Nil(t, fb.NoAnswer, "the fallback to a deleted voicemail is gone")
	})
}

func TestGroupFallbacks_Refused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Support")
		other := mustGroupsTenant(t, e, "other")
		foreign := &confd.Voicemail{Name: "f", Number: "1900", Context: "default", TenantUUID: other}
		ctx := mustCreateContext(t, e, &confd.Context{Label: "o", TenantUUID: other})
		foreign.Context = ctx.Name
		require.NoError(t, e.Voicemails.Create(e.ctx, confd.Scope{}, foreign))
		e.flush(t)
		for name, tc := range map[string]struct {
			fb   resources.GroupFallbacks
			want string
		}{
			"BadGreeting": {resources.GroupFallbacks{Congestion: &confd.Destination{Type: "voicemail", ID: 1, Greeting: confd.Ptr("loud")}},
				"Input Error - congestion_destination: {'greeting': ['Must be one of: busy, unavailable.']}"},
			"OtherTenant": {resources.GroupFallbacks{NoAnswer: &confd.Destination{Type: "voicemail", ID: foreign.ID}},
				"Input Error - field 'voicemail_id': Voicemail was not found ('voicemail_id': " + itoa(foreign.ID) + ")"},
			"NoSwitchboard": {resources.GroupFallbacks{NoAnswer: &confd.Destination{Type: "switchboard", UUID: "00000000-0000-4000-8000-000000000001"}},
				"Input Error - field 'switchboard_uuid': Switchboard was not found ('switchboard_uuid': '00000000-0000-4000-8000-000000000001')"},
		} {
			t.Run(name, func(t *testing.T) {
				assert.EqualError(t, e.Groups.SetFallbacks(e.ctx, confd.Scope{}, g.ID, tc.fb), tc.want)
				fb, err := e.Groups.Fallbacks(e.ctx, confd.Scope{}, g.ID)
				require.NoError(t, err)
				assert.Nil(t, fb.NoAnswer)
				assert.Empty(t, e.delivered(t))
			})
		}
		_, err := e.Groups.Fallbacks(e.ctx, confd.InTenants(other), g.ID)
		assert.Equal(t, 404, status(err))
	})
}

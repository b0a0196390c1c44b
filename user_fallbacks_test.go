package confd_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestUserFallbacks(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		colleague := mustCreateUser(t, e, &confd.User{Firstname: "Bob", Lastname: confd.Ptr("Stone")})
		vm := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Alice's box", Number: "1900", Context: "default"})
		e.flush(t)
		box, toBob, none := resources.VoicemailDestination(vm.ID, "busy"), resources.Destination{Type: "user", ID: colleague.ID}, resources.NoneDestination()
		fb := resources.UserFallbacks{NoAnswer: &toBob, Busy: &box, Congestion: &none}
		require.NoError(t, e.Users.SetFallbacks(e.ctx, confd.Scope{}, u.UUID, fb))
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "user_fallback_edited", evs[0].Name)
		assert.Equal(t, "config.users.fallbacks.edited", evs[0].RoutingKey)
		assert.Equal(t, map[string]any{"user_uuid:" + u.UUID: true}, evs[0].Headers)
		assert.JSONEq(t, `{"id":`+itoa(u.ID)+`,"uuid":"`+u.UUID+`","subscription_type":0,"created_at":"`+u.CreatedAt+
			`","tenant_uuid":"`+e.tenant+`"}`, string(evs[0].Data))
		assert.Empty(t, e.reload.Merged().Ipbx)
		e.flush(t)

		got, err := e.Users.Fallbacks(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		b, err := json.Marshal(got)
		require.NoError(t, err)
		assert.JSONEq(t, `{"noanswer_destination": {"type": "user", "user_id": `+itoa(colleague.ID)+`, "ring_time": null,
			"moh_uuid": null, "user_firstname": "Bob", "user_lastname": "Stone"},
			"busy_destination": {"type": "voicemail", "voicemail_id": `+itoa(vm.ID)+`, "greeting": "busy",
			"skip_instructions": false, "voicemail_name": "Alice's box"},
			"congestion_destination": {"type": "none"}, "fail_destination": null}`, string(b))

		require.NoError(t, e.Users.SetFallbacks(e.ctx, confd.Scope{}, u.ID, resources.UserFallbacks{Fail: &none}))
		got, err = e.Users.Fallbacks(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		assert.Equal(t, resources.UserFallbacks{Fail: &none}, *got, "a fallback left out is removed")

		require.NoError(t, e.Users.SetFallbacks(e.ctx, confd.Scope{}, colleague.ID, resources.UserFallbacks{NoAnswer: &none}))
		require.NoError(t, e.Users.Delete(e.ctx, confd.Scope{}, colleague.ID))
		var left int
		require.NoError(t, e.DB().NewSelect().Table("destinations").ColumnExpr("COUNT(*)").
			Where("owner = 'user' AND owner_id = ?", itoa(colleague.ID)).Scan(e.ctx, &left))
		assert.Zero(t, left, "a deleted user's fallbacks go with it")
	})
}

func TestUserFallbacks_Refused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		other := otherTenant(t, e)
		stranger := mustCreateUser(t, e, &confd.User{Firstname: "Eve", TenantUUID: other})
		e.flush(t)
		for name, tc := range map[string]struct {
			fb   resources.UserFallbacks
			want string
		}{
			"BadGreeting": {resources.UserFallbacks{Busy: &confd.Destination{Type: "voicemail", ID: 1, Greeting: confd.Ptr("loud")}},
				"Input Error - busy_destination: {'greeting': ['Must be one of: busy, unavailable.']}"},
			"OtherTenant": {resources.UserFallbacks{Fail: &confd.Destination{Type: "user", ID: stranger.ID}},
				"Input Error - field 'user_id': User was not found ('user_id': " + itoa(stranger.ID) + ")"},
		} {
			t.Run(name, func(t *testing.T) {
				assert.EqualError(t, e.Users.SetFallbacks(e.ctx, confd.Scope{}, u.ID, tc.fb), tc.want)
				got, err := e.Users.Fallbacks(e.ctx, confd.Scope{}, u.ID)
				require.NoError(t, err)
				assert.Equal(t, resources.UserFallbacks{}, *got)
				assert.Empty(t, e.delivered(t))
			})
		}
		err := e.Users.SetFallbacks(e.ctx, confd.InTenants(other), u.ID, resources.UserFallbacks{})
		assert.True(t, resources.IsNotFound(err), "another tenant's user is not found")
	})
}

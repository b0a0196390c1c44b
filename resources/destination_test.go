package resources_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources"
)

var destSchema = &resources.Schema{Fields: []resources.Field{
	resources.DestinationField("destination").Req(),
	resources.DestinationField("fallback").Null(),
}}

func TestDestination_Messages(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want string
	}{
		"NotObject":      {`{"destination": 1234}`, "destination: {'_schema': ['Invalid input type.']}"},
		"Null":           {`{"destination": null}`, "destination: ['Field may not be null.']"},
		"UnknownType":    {`{"destination": {"type": "invalid"}}`, "destination: {'type': ['Must be one of: application, conference, custom, extension, group, hangup, ivr, none, outcall, queue, sound, switchboard, user, voicemail.']}"},
		"NoApplication":  {`{"destination": {"type": "application"}}`, "destination: {'application': ['Missing data for required field.']}"},
		"BadApplication": {`{"destination": {"type": "application", "application": "x"}}`, "destination: {'application': ['Must be one of: callback_disa, custom, directory, disa, fax_to_mail, voicemail.']}"},
		"PinTwoErrors":   {`{"destination": {"type": "application", "application": "disa", "context": "default", "pin": "abcdefghijabcdefghijabcdefghijabcdefghijx"}}`, "destination: {'pin': ['Invalid input.', 'Longer than maximum length 40.']}"},
		"BadCause":       {`{"destination": {"type": "hangup", "cause": "x"}}`, "destination: {'cause': ['Must be one of: busy, congestion, normal.']}"},
		"NegTimeout":     {`{"destination": {"type": "hangup", "cause": "busy", "timeout": -9}}`, "destination: {'timeout': ['Must be greater than or equal to 0.']}"},
		"MissingID":      {`{"destination": {"type": "group"}}`, "destination: {'group_id': ['Missing data for required field.']}"},
		"NegRingTime":    {`{"destination": {"type": "group", "group_id": 1, "ring_time": -10}}`, "destination: {'ring_time': ['Must be greater than or equal to 0.']}"},
		"System":         {`{"destination": {"type": "custom", "command": "System(rm)"}}`, "destination: {'command': ['String does not match expected pattern.']}"},
		"SkillVars":      {`{"destination": {"type": "queue", "queue_id": 1, "skill_rule_variables": {"a": "b"}}}`, "destination: {'skill_rule_id': ['Missing data for required field. When `skill_rule_variables` is defined']}"},
		"SkillVarChar":   {`{"destination": {"type": "queue", "queue_id": 1, "skill_rule_id": 1, "skill_rule_variables": {"a;": "b"}}}`, "destination: {'skill_rule_variables': ['String does not match expected pattern.']}"},
		"Greeting":       {`{"destination": {"type": "voicemail", "voicemail_id": 1, "greeting": "x"}}`, "destination: {'greeting': ['Must be one of: busy, unavailable.']}"},
		"MOH":            {`{"destination": {"type": "user", "user_id": 1, "moh_uuid": 42}}`, "destination: {'moh_uuid': ['Not a valid UUID.']}"},
		"Fallback":       {`{"destination": {"type": "none"}, "fallback": {"type": "sound"}}`, "fallback: {'filename': ['Missing data for required field.']}"},
	} {
		t.Run(name, func(t *testing.T) {
			_, msgs := load(t, destSchema, tc.body, false)
			assert.Equal(t, []string{"Input Error - " + tc.want}, msgs)
		})
	}
}

func TestDestination_Accepted(t *testing.T) {
	out, msgs := load(t, destSchema, `{"destination": {"type": "user", "user_id": 3, "ring_time": 2, "extra": 1},
		"fallback": null}`, false)
	require.Nil(t, msgs)
	assert.Equal(t, map[string]any{"type": "user", "user_id": int64(3), "ring_time": float64(2)}, out["destination"])
	assert.Nil(t, out["fallback"])
}

func TestDestination_JSON(t *testing.T) {
	for name, tc := range map[string]struct {
		d    resources.Destination
		want string
	}{
		"None":      {resources.NoneDestination(), `{"type":"none"}`},
		"Group":     {resources.GroupDestination(13), `{"group_id":13,"ring_time":null,"type":"group"}`},
		"Voicemail": {resources.VoicemailDestination(2, "busy"), `{"greeting":"busy","skip_instructions":false,"type":"voicemail","voicemail_id":2}`},
		"Busy":      {resources.Destination{Type: "hangup", Cause: "busy"}, `{"cause":"busy","timeout":null,"type":"hangup"}`},
		"Normal":    {resources.Destination{Type: "hangup", Cause: "normal"}, `{"cause":"normal","type":"hangup"}`},
		"Disa":      {resources.Destination{Type: "application", Application: "disa", Context: "x"}, `{"application":"disa","context":"x","pin":null,"type":"application"}`},
		"Display":   {resources.Destination{Type: "ivr", ID: 1, Display: map[string]any{"ivr_name": "menu"}}, `{"ivr_id":1,"ivr_name":"menu","type":"ivr"}`},
	} {
		t.Run(name, func(t *testing.T) {
			b, err := json.Marshal(tc.d)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(b))
			var back resources.Destination
			require.NoError(t, json.Unmarshal(b, &back))
			tc.d.Display = nil
			assert.Equal(t, tc.d, back)
			assert.NoError(t, back.Validate())
		})
	}
}

func TestDestination_ValidateLibraryValue(t *testing.T) {
	err := resources.Destination{Type: "extension", Exten: "12ab", Context: "default"}.Validate()
	require.Error(t, err)
	assert.Equal(t, "Input Error - destination: {'exten': ['String does not match expected pattern.']}", err.Error())
	assert.Error(t, resources.Destination{Type: "teleport"}.Validate())
}

func TestDestination_UnmarshalWrongType(t *testing.T) {
	var d resources.Destination
	assert.ErrorContains(t, json.Unmarshal([]byte(`{"type": "group", "group_id": "x"}`), &d), "destination group_id")
	require.NoError(t, json.Unmarshal([]byte(`{"type": "switchboard", "switchboard_uuid": "u", "group_id": "ignored"}`), &d))
	assert.Equal(t, resources.Destination{Type: "switchboard", UUID: "u"}, d)
}

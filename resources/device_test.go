package resources_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gopbx/confd/resources"
)

func TestDeviceSchema_Messages(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want []string
	}{
		"IPNotString":     {`{"ip": 123}`, []string{"Input Error - ip: ['Not a valid string.']"}},
		"IPBad":           {`{"ip": "abcd1234"}`, []string{"Input Error - ip: ['String does not match expected pattern.']"}},
		"IPOver255":       {`{"ip": "10.0.0.256"}`, []string{"Input Error - ip: ['String does not match expected pattern.']"}},
		"IPTrailing":      {`{"ip": "10.0.0.1x"}`, []string{"Input Error - ip: ['String does not match expected pattern.']"}},
		"MACBad":          {`{"mac": "abcd1234"}`, []string{"Input Error - mac: ['String does not match expected pattern.']"}},
		"MACShort":        {`{"mac": "aa:bb:cc:dd:ee"}`, []string{"Input Error - mac: ['String does not match expected pattern.']"}},
		"OptionsNotObj":   {`{"options": "invalidoption"}`, []string{"Input Error - options: {'_schema': ['Invalid input type.']}"}},
		"SwitchboardYes":  {`{"options": {"switchboard": "yes"}}`, []string{"Input Error - options: {'switchboard': ['Not a valid boolean.']}"}},
		"PluginNotString": {`{"plugin": 1}`, []string{"Input Error - plugin: ['Not a valid string.']"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, msgs := load(t, resources.DeviceSchema, tc.body, false)
			assert.Equal(t, tc.want, msgs)
		})
	}
}

func TestDeviceSchema_Accepts(t *testing.T) {
	out, msgs := load(t, resources.DeviceSchema, `{"ip": "255.249.0.9", "mac": "AA:bb:CC:dd:00:11",
		"sn": null, "plugin": null, "vendor": null, "model": null, "version": null, "description": null,
		"template_id": null, "options": {"switchboard": true, "other": 1},
		"id": "x", "status": "configured", "tenant_uuid": "t", "is_new": true}`, false)
	assert.Nil(t, msgs)
	assert.Equal(t, map[string]any{"switchboard": true}, out["options"], "unknown options are dropped")
	for _, ro := range []string{"id", "status", "tenant_uuid", "is_new"} {
		assert.NotContains(t, out, ro)
	}
	_, msgs = load(t, resources.DeviceSchema, `{"options": null, "ip": null, "mac": null}`, false)
	assert.Nil(t, msgs)
}

func TestDevice_Defaults_LowerCaseMAC(t *testing.T) {
	d := &resources.Device{MAC: resources.Ptr("AA:BB:CC:DD:EE:0F")}
	d.Defaults()
	assert.Equal(t, "aa:bb:cc:dd:ee:0f", *d.MAC)
	(&resources.Device{}).Defaults() // no MAC: nothing to do
}

func TestDevice_ComputeStatus(t *testing.T) {
	auto, conf, plugin := resources.Ptr("autoprov123"), resources.Ptr("0123abcd"), resources.Ptr("zero")
	for want, d := range map[string]*resources.Device{
		resources.DeviceCorrupted:     {Plugin: plugin},
		resources.DeviceNotConfigured: {Config: auto},
		resources.DeviceAutoprov:      {Config: auto, Plugin: plugin},
		resources.DeviceConfigured:    {Config: conf, Plugin: plugin},
	} {
		d.ComputeStatus()
		assert.Equal(t, want, d.Status)
	}
	assert.True(t, (&resources.Device{Config: resources.Ptr("")}).Corrupted())
}

func TestDevice_IDs(t *testing.T) {
	a, b := resources.NewDeviceID(), resources.NewDeviceID()
	assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{32}$`), a)
	assert.NotEqual(t, a, b)
	assert.Regexp(t, regexp.MustCompile(`^autoprov[0-9a-f]{16}$`), resources.NewAutoprovConfig())
	assert.True(t, resources.ValidDeviceID(a))
	assert.True(t, resources.ValidDeviceID("999999"))
	for _, bad := range []string{"", "a b", "é", string(make([]byte, 129))} {
		assert.False(t, resources.ValidDeviceID(bad), "%q", bad)
	}
	assert.Equal(t, []string{"Device x1 has a corrupted configuration"}, resources.ErrDeviceCorrupted("x1").Messages)
	assert.Equal(t, resources.Invalid, resources.ErrDeviceCorrupted("x1").Kind)
}

func TestDevice_Validate(t *testing.T) {
	assert.NoError(t, (&resources.Device{IP: resources.Ptr("10.0.0.1")}).Validate())
	err := (&resources.Device{MAC: resources.Ptr("nope")}).Validate()
	assert.EqualError(t, err, "Input Error - mac: ['String does not match expected pattern.']")
}

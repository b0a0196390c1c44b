package resources_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gopbx/confd/resources"
)

func TestEndpointCustomSchema_Messages(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want []string
	}{
		"Missing":       {`{}`, []string{"Input Error - interface: ['Missing data for required field.']"}},
		"Null":          {`{"interface": null}`, []string{"Input Error - interface: ['Field may not be null.']"}},
		"NotString":     {`{"interface": true}`, []string{"Input Error - interface: ['Not a valid string.']"}},
		"List":          {`{"interface": []}`, []string{"Input Error - interface: ['Not a valid string.']"}},
		"BadChars":      {`{"interface": "custom/&&&~~~"}`, []string{"Input Error - interface: ['String does not match expected pattern.']"}},
		"TooLong":       {`{"interface": "` + strings.Repeat("a", 129) + `"}`, []string{"Input Error - interface: ['String does not match expected pattern.']"}},
		"SuffixLong":    {`{"interface": "a", "interface_suffix": "` + strings.Repeat("a", 33) + `"}`, []string{"Input Error - interface_suffix: ['Longer than maximum length 32.']"}},
		"SuffixBool":    {`{"interface": "a", "interface_suffix": true}`, []string{"Input Error - interface_suffix: ['Not a valid string.']"}},
		"EnabledNull":   {`{"interface": "a", "enabled": null}`, []string{"Input Error - enabled: ['Field may not be null.']"}},
		"EnabledString": {`{"interface": "a", "enabled": "true"}`, []string{"Input Error - enabled: ['Not a valid boolean.']"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, msgs := load(t, resources.EndpointCustomSchema, tc.body, false)
			assert.Equal(t, tc.want, msgs)
		})
	}
}

func TestEndpointCustomSchema_Accepts(t *testing.T) {
	out, msgs := load(t, resources.EndpointCustomSchema, `{"interface": "Local/123@foo#*.:_-", "interface_suffix": null,
		"enabled": false, "id": 4, "tenant_uuid": "x", "trunk": {"id": 1}, "line": null}`, false)
	assert.Nil(t, msgs)
	assert.Equal(t, map[string]any{"interface": "Local/123@foo#*.:_-", "interface_suffix": nil, "enabled": false}, out)
	_, msgs = load(t, resources.EndpointCustomSchema, `{}`, true)
	assert.Nil(t, msgs, "a PUT may omit the interface")
}

func TestEndpointCustom_Defaults(t *testing.T) {
	c := &resources.EndpointCustom{Interface: "a", InterfaceSuffix: resources.Ptr("")}
	c.Defaults()
	assert.True(t, *c.Enabled)
	assert.Nil(t, c.InterfaceSuffix, "an empty suffix is no suffix")
	c = &resources.EndpointCustom{Interface: "a", Enabled: resources.Ptr(false), InterfaceSuffix: resources.Ptr("x")}
	c.Defaults()
	assert.False(t, *c.Enabled)
	assert.Equal(t, "x", *c.InterfaceSuffix)
	assert.NoError(t, c.Validate())
	assert.Error(t, (&resources.EndpointCustom{Interface: "bad interface"}).Validate())
}

func TestRelationID(t *testing.T) {
	assert.Nil(t, resources.RelationID(nil))
	assert.Equal(t, map[string]any{"id": 3}, resources.RelationID(&resources.EndpointRelation{ID: 3}))
}

package resources_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources"
)

func TestRegistrarSchema(t *testing.T) {
	hosts := func(m map[string]any) map[string]any {
		for k, v := range map[string]any{"main_host": "1.2.3.4", "proxy_main_host": "1.2.3.5"} {
			if _, ok := m[k]; !ok {
				m[k] = v
			}
		}
		return m
	}
	cases := []struct {
		name string
		body map[string]any
		want string // "" when valid
	}{
		{"Minimal", hosts(map[string]any{}), ""},
		{"AllNull", hosts(map[string]any{"name": nil, "main_port": nil, "backup_host": nil, "backup_port": nil,
			"proxy_main_port": nil, "proxy_backup_host": nil, "proxy_backup_port": nil,
			"outbound_proxy_host": nil, "outbound_proxy_port": nil}), ""},
		{"Missing", map[string]any{},
			"Input Error - main_host: ['Missing data for required field.']; Input Error - proxy_main_host: ['Missing data for required field.']"},
		{"MainHostNull", hosts(map[string]any{"main_host": nil}), "Input Error - main_host: ['Field may not be null.']"},
		{"MainHostNotString", hosts(map[string]any{"main_host": 123.0}), "Input Error - main_host: ['Not a valid string.']"},
		{"ProxyMainHostNull", hosts(map[string]any{"proxy_main_host": nil}), "Input Error - proxy_main_host: ['Field may not be null.']"},
		{"PortNotInteger", hosts(map[string]any{"main_port": "wrong"}), "Input Error - main_port: ['Not a valid integer.']"},
		{"PortString", hosts(map[string]any{"outbound_proxy_port": "5060"}), ""},
		{"DeletableNumber", hosts(map[string]any{"deletable": 123.0}), "Input Error - deletable: ['Not a valid boolean.']"},
		{"DeletableWord", hosts(map[string]any{"deletable": "wrong"}), "Input Error - deletable: ['Not a valid boolean.']"},
		{"DeletableTruthy", hosts(map[string]any{"deletable": "yes"}), ""},
		{"IDEmpty", hosts(map[string]any{"id": ""}), "Input Error - id: ['Shorter than minimum length 1.']"},
		{"IDNotString", hosts(map[string]any{"id": 42.0}), "Input Error - id: ['Not a valid string.']"},
		{"BackupHostNotString", hosts(map[string]any{"backup_host": 123.0}), "Input Error - backup_host: ['Not a valid string.']"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := resources.RegistrarSchema.Load(c.body, false)
			if c.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
		})
	}
}

func TestRegistrar_Defaults(t *testing.T) {
	r := resources.Registrar{MainHost: "h", ProxyMainHost: "p"}
	r.Defaults()
	require.NotNil(t, r.Deletable)
	assert.True(t, *r.Deletable)
	assert.NoError(t, r.Validate(), "an empty id is left to be generated")
	r.Deletable = resources.Ptr(false)
	r.Defaults()
	assert.False(t, *r.Deletable)
}

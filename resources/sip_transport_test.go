package resources_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources"
)

func TestSIPTransportSchema(t *testing.T) {
	pairs := func(n int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = []any{"local_net", "10.0.0.0/8"}
		}
		return out
	}
	cases := []struct {
		name string
		body map[string]any
		want string // "" when valid
	}{
		{"Minimal", map[string]any{"name": "t"}, ""},
		{"NameMissing", map[string]any{}, "Input Error - name: ['Missing data for required field.']"},
		{"NameNotString", map[string]any{"name": true}, "Input Error - name: ['Not a valid string.']"},
		{"NameReserved", map[string]any{"name": "system"}, "Input Error - name: ['Reserved Asterisk section name']"},
		{"NameBadChars", map[string]any{"name": "a b"}, "Input Error - name: ['Not a valid Asterisk section name']"},
		{"UUIDIgnored", map[string]any{"name": "t", "uuid": "nope"}, ""},
		{"OptionsNull", map[string]any{"name": "t", "options": nil}, "Input Error - options: ['Field may not be null.']"},
		{"OptionsObject", map[string]any{"name": "t", "options": map[string]any{}}, "Input Error - options: ['Not a valid list.']"},
		{"OptionTriple", map[string]any{"name": "t", "options": []any{[]any{"one", "two", "three"}}},
			"Input Error - options: {0: ['Length must be between 2 and 2.']}"},
		{"OptionCommas", map[string]any{"name": "t", "options": []any{[]any{"cipher", "ECDHE-RSA-AES128-GCM-SHA256,TLS_CHACHA20_POLY1305_SHA256"}}}, ""},
		{"OptionBadChars", map[string]any{"name": "t", "options": []any{[]any{"bind", "0.0.0.0 5060"}}},
			"Input Error - options: {0: {1: ['String does not match expected pattern.']}}"},
		{"OptionEmpty", map[string]any{"name": "t", "options": []any{[]any{"bind", ""}}},
			"Input Error - options: {0: {1: ['Length must be between 1 and 4092.']}}"},
		{"Options128", map[string]any{"name": "t", "options": pairs(128)}, ""},
		{"Options129", map[string]any{"name": "t", "options": pairs(129)}, "Input Error - options: ['Longer than maximum length 128.']"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := resources.SIPTransportSchema.Load(c.body, false)
			if c.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
		})
	}
}

func TestSIPTransport_CheckOptionKeys(t *testing.T) {
	ok := resources.SIPTransport{Options: []resources.SIPOption{{"bind", "0.0.0.0:5060"}, {"protocol", "udp"}}}
	assert.NoError(t, ok.CheckOptionKeys())
	bad := resources.SIPTransport{Options: []resources.SIPOption{{"not-a-transport-option", "42"}}}
	err := bad.CheckOptionKeys()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Input Error - 'options: invalid variable (not-a-transport-option)' must be one of (async_operations, bind,")
}

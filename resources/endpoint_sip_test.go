package resources_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources"
)

func TestEndpointSIPSchema(t *testing.T) {
	pairs := func(n int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = []any{"max_contacts", "1"}
		}
		return out
	}
	cases := []struct {
		name string
		body map[string]any
		want string // "" when valid
	}{
		{"Minimal", map[string]any{}, ""},
		{"NameNotString", map[string]any{"name": 42.0}, "Input Error - name: ['Not a valid string.']"},
		{"NameEmpty", map[string]any{"name": ""}, "Input Error - name: ['Shorter than minimum length 1']"},
		{"NameTooLong", map[string]any{"name": strings.Repeat("a", 80)}, "Input Error - name: ['Longer than maximum length 79']"},
		{"NameMax", map[string]any{"name": strings.Repeat("a", 79)}, ""},
		{"NameGlobal", map[string]any{"name": "global"}, "Input Error - name: ['Reserved Asterisk section name']"},
		{"NameSystem", map[string]any{"name": "system"}, "Input Error - name: ['Reserved Asterisk section name']"},
		{"NameGeneral", map[string]any{"name": "general"}, ""},
		{"NameBadChars", map[string]any{"name": "a b"}, "Input Error - name: ['Not a valid Asterisk section name']"},
		{"NameNull", map[string]any{"name": nil}, "Input Error - name: ['Field may not be null.']"},
		{"LabelNull", map[string]any{"label": nil, "asterisk_id": nil, "transport": nil}, ""},
		{"LabelTooLong", map[string]any{"label": strings.Repeat("a", 129)}, "Input Error - label: ['Longer than maximum length 128.']"},
		{"AsteriskIDTooLong", map[string]any{"asterisk_id": strings.Repeat("a", 1025)}, "Input Error - asterisk_id: ['Longer than maximum length 1024.']"},
		{"OptionTriple", map[string]any{"aor_section_options": []any{[]any{"one", "two", "three"}}},
			"Input Error - aor_section_options: {0: ['Length must be between 2 and 2.']}"},
		{"OptionEmptyValue", map[string]any{"endpoint_section_options": []any{[]any{"allow", ""}}},
			"Input Error - endpoint_section_options: {0: {1: ['Length must be between 1 and 4092.']}}"},
		{"OptionLongValue", map[string]any{"auth_section_options": []any{[]any{"password", strings.Repeat("x", 4093)}}},
			"Input Error - auth_section_options: {0: {1: ['Length must be between 1 and 4092.']}}"},
		{"OptionAnyValue", map[string]any{"endpoint_section_options": []any{[]any{"callerid", `"A B" <100>`}}}, ""},
		{"OptionsNotList", map[string]any{"identify_section_options": "x"}, "Input Error - identify_section_options: ['Not a valid list.']"},
		{"Options512", map[string]any{"aor_section_options": pairs(512)}, ""},
		{"Options513", map[string]any{"aor_section_options": pairs(513)}, "Input Error - aor_section_options: ['Longer than maximum length 512.']"},
		{"TemplateNoUUID", map[string]any{"templates": []any{map[string]any{"label": "x"}}},
			"Input Error - templates: {0: {'uuid': ['Missing data for required field.']}}"},
		{"TemplateBadUUID", map[string]any{"templates": []any{map[string]any{"uuid": "nope"}}},
			"Input Error - templates: {0: {'uuid': ['Not a valid UUID.']}}"},
		{"TransportNotObject", map[string]any{"transport": "x"}, "Input Error - transport: {'_schema': ['Invalid input type.']}"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := resources.EndpointSIPSchema.Load(c.body, false)
			if c.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
		})
	}
}

func TestEndpointSIP_CheckOptionKeys(t *testing.T) {
	opt := func(k string) []resources.SIPOption { return []resources.SIPOption{{k, "v"}} }
	ok := []resources.EndpointSIP{
		{AORSectionOptions: opt("@custom_variable"), EndpointSectionOptions: opt("@custom")},
		{AORSectionOptions: opt("max_contacts"), AuthSectionOptions: opt("username"), EndpointSectionOptions: opt("allow")},
		{IdentifySectionOptions: opt("match_header"), RegistrationSectionOptions: opt("support_outbound")},
		{RegistrationOutboundAuthSectionOptions: opt("password"), OutboundAuthSectionOptions: opt("realm")},
	}
	for _, v := range ok {
		assert.NoError(t, v.CheckOptionKeys())
	}
	bad := map[string]resources.EndpointSIP{
		"'aor_section_options: invalid variable (auth_type)'":                      {AORSectionOptions: opt("auth_type")},
		"'auth_section_options: invalid variable (@custom_variable)'":              {AuthSectionOptions: opt("@custom_variable")},
		"'auth_section_options: invalid variable (type)'":                          {AuthSectionOptions: opt("type")},
		"'endpoint_section_options: invalid variable (max_contacts)'":              {EndpointSectionOptions: opt("max_contacts")},
		"'identify_section_options: invalid variable (@x)'":                        {IdentifySectionOptions: opt("@x")},
		"'registration_section_options: invalid variable (auth_type)'":             {RegistrationSectionOptions: opt("auth_type")},
		"'registration_outbound_auth_section_options: invalid variable (@x)'":      {RegistrationOutboundAuthSectionOptions: opt("@x")},
		"'outbound_auth_section_options: invalid variable (max_contacts)'":         {OutboundAuthSectionOptions: opt("max_contacts")},
		"'aor_section_options: invalid variable (max_contacts )'":                  {AORSectionOptions: opt("max_contacts ")},
		"'registration_outbound_auth_section_options: invalid variable (contact)'": {RegistrationOutboundAuthSectionOptions: opt("contact")},
	}
	for prefix, v := range bad {
		err := v.CheckOptionKeys()
		require.Error(t, err, prefix)
		assert.Equal(t, resources.Invalid, resources.KindOf(err))
		assert.True(t, strings.HasPrefix(err.Error(), "Input Error - "+prefix+" must be one of ("), err.Error())
	}
	err := (&resources.EndpointSIP{IdentifySectionOptions: opt("x")}).CheckOptionKeys()
	assert.EqualError(t, err, "Input Error - 'identify_section_options: invalid variable (x)' must be one of (match, endpoint, srv_lookups, match_header)")
	err = (&resources.EndpointSIP{AuthSectionOptions: opt("x")}).CheckOptionKeys()
	assert.EqualError(t, err, "Input Error - 'auth_section_options: invalid variable (x)' must be one of (auth_type, nonce_lifetime, md5_cred, password, realm, username)")
}

func TestMergeSIPOptions(t *testing.T) {
	in := []resources.SIPOption{{"max_contacts", "1"}, {"remove_existing", "yes"}, {"max_contacts", "10"}, {"set_var", "a"}, {"set_var", "b"}}
	want := []resources.SIPOption{{"max_contacts", "10"}, {"remove_existing", "yes"}, {"set_var", "b"}}
	assert.Equal(t, want, resources.MergeSIPOptions(in))
	assert.Equal(t, []resources.SIPOption{}, resources.MergeSIPOptions(nil))
	assert.Equal(t, resources.SIPOption{"max_contacts", "1"}, in[0], "the input is left as it was")
}

func TestOptionsWithKey(t *testing.T) {
	in := []resources.SIPOption{{"username", "a"}, {"password", "p"}, {"username", "b"}}
	assert.Equal(t, []resources.SIPOption{{"username", "a"}, {"username", "b"}}, resources.OptionsWithKey(in, "username"))
	assert.Equal(t, []resources.SIPOption{}, resources.OptionsWithKey(in, "realm"))
}

func TestCanonicalUUID(t *testing.T) {
	want := "99999999-aaaa-4999-9999-999999999999"
	for _, in := range []string{want, "99999999-AAAA-4999-9999-999999999999", "99999999aaaa49999999999999999999",
		"{99999999-aaaa-4999-9999-999999999999}", "urn:uuid:99999999-aaaa-4999-9999-999999999999"} {
		assert.Equal(t, want, resources.CanonicalUUID(in), in)
	}
	assert.Equal(t, "nope", resources.CanonicalUUID("nope"))
}

func TestEndpointSIP_MarshalJSON(t *testing.T) {
	v := resources.EndpointSIP{UUID: "u", Name: "n"}
	v.Defaults()
	var endpoint, template map[string]any
	b, err := json.Marshal(v)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &endpoint))
	assert.Contains(t, endpoint, "trunk")
	assert.Contains(t, endpoint, "line")
	assert.Equal(t, []any{}, endpoint["aor_section_options"])
	assert.NotContains(t, endpoint, "template")
	v.Template = true
	b, err = json.Marshal(&v)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &template))
	assert.NotContains(t, template, "trunk")
	assert.NotContains(t, template, "line")
	delete(endpoint, "trunk")
	delete(endpoint, "line")
	assert.Equal(t, endpoint, template)
}

func TestEndpointSIP_Validate(t *testing.T) {
	v := resources.EndpointSIP{Label: resources.Ptr("x"), AORSectionOptions: []resources.SIPOption{{"max_contacts", ""}}}
	assert.EqualError(t, v.Validate(), "Input Error - aor_section_options: {0: {1: ['Length must be between 1 and 4092.']}}")
	v = resources.EndpointSIP{Name: "global"}
	assert.EqualError(t, v.Validate(), "Input Error - name: ['Reserved Asterisk section name']")
	v = resources.EndpointSIP{}
	assert.NoError(t, v.Validate(), "a missing name is generated")
}

func TestErrNotFoundUUID(t *testing.T) {
	err := resources.ErrNotFoundUUID("SIPEndpoint", "99999999-AAAA-4999-9999-999999999999")
	assert.Equal(t, resources.NotFound, err.Kind)
	assert.EqualError(t, err, "Resource Not Found - SIPEndpoint was not found ('uuid': UUID('99999999-aaaa-4999-9999-999999999999'))")
}

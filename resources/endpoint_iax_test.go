package resources_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources"
)

func TestEndpointIAXSchema_Messages(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want string
	}{
		"NameNumber":  {`{"name": 123}`, "name: ['Not a valid string.']"},
		"NameNull":    {`{"name": null}`, "name: ['Field may not be null.']"},
		"NameChars":   {`{"name": "]^"}`, "name: ['String does not match expected pattern.']"},
		"NameAccent":  {`{"name": "ûsername"}`, "name: ['String does not match expected pattern.']"},
		"NameLong":    {`{"name": "` + strings.Repeat("a", 41) + `"}`, "name: ['String does not match expected pattern.']"},
		"TypeChoice":  {`{"type": "invalid_choice"}`, "type: ['Must be one of: friend, peer, user.']"},
		"TypeBool":    {`{"type": true}`, "type: ['Not a valid string.']"},
		"TypeNull":    {`{"type": null}`, "type: ['Field may not be null.']"},
		"HostNumber":  {`{"host": 123}`, "host: ['Not a valid string.']"},
		"HostNull":    {`{"host": null}`, "host: ['Field may not be null.']"},
		"HostTooLong": {`{"host": "` + strings.Repeat("h", 256) + `"}`, "host: ['Longer than maximum length 255.']"},
	} {
		t.Run(name, func(t *testing.T) {
			_, msgs := load(t, resources.EndpointIAXSchema, tc.body, false)
			assert.Equal(t, []string{"Input Error - " + tc.want}, msgs)
		})
	}
	_, msgs := load(t, resources.EndpointIAXSchema, `{}`, false)
	assert.Nil(t, msgs, "every field is optional")
}

// iaxDefaults are the native options of an IAX endpoint created without
// options, as wazo shows them.
var iaxDefaults = [][]string{{"amaflags", "default"}, {"trunk", "no"}, {"auth", "plaintext,md5"}, {"sendani", "no"},
	{"qualify", "no"}, {"qualifysmoothing", "no"}, {"qualifyfreqok", "60000"}, {"qualifyfreqnotok", "10000"},
	{"requirecalltoken", "no"}}

// shown returns the options as the API shows them.
func shown(t *testing.T, x *resources.EndpointIAX) [][]string {
	t.Helper()
	raw, err := json.Marshal(x)
	require.NoError(t, err)
	var out struct{ Options [][]string }
	require.NoError(t, json.Unmarshal(raw, &out))
	return out.Options
}

func TestEndpointIAX_Defaults(t *testing.T) {
	x := &resources.EndpointIAX{}
	x.Defaults()
	assert.Equal(t, "friend", x.Type)
	assert.Equal(t, "dynamic", *x.Host)
	assert.Equal(t, iaxDefaults, shown(t, x))
	assert.Contains(t, x.Options, []string{"secret", ""}, "empty natives are kept, not shown")
	require.NoError(t, x.Validate(), "an empty name is generated later")

	x = &resources.EndpointIAX{Type: "peer", Host: resources.Ptr("")}
	x.Defaults()
	assert.Equal(t, "peer", x.Type)
	assert.Equal(t, "", *x.Host, "an empty host stays empty")
}

func TestEndpointIAX_Options(t *testing.T) {
	x := &resources.EndpointIAX{Options: [][]string{
		{"foo", "bar"}, {"port", "+0010"}, {"trunk", "Yes"}, {"adsi", "on"}, {"language", "fr_FR"},
		{"language", "en_US"}, {"foo", "baz"}, {"qualify", ""}, {"context", "x"},
	}}
	x.Defaults()
	got := shown(t, x)
	assert.Contains(t, got, []string{"port", "10"}, "integers in canonical form")
	assert.Contains(t, got, []string{"trunk", "no"}, "ast_true is case-sensitive")
	assert.Contains(t, got, []string{"adsi", "yes"})
	assert.Contains(t, got, []string{"language", "en_US"}, "the last native value wins")
	assert.NotContains(t, got, []string{"language", "fr_FR"})
	assert.NotContains(t, got, []string{"qualify", "no"}, "an empty native hides the default")
	assert.Equal(t, [][]string{{"foo", "bar"}, {"foo", "baz"}, {"context", "x"}}, got[len(got)-3:], "other options follow, all kept")

	again := &resources.EndpointIAX{Options: x.Options}
	again.Defaults()
	assert.Equal(t, x.Options, again.Options, "normalising is idempotent")

	x.Options = [][]string{{"allow", "gsm"}}
	x.Defaults()
	assert.Equal(t, append(append([][]string{}, iaxDefaults[:8]...), []string{"allow", "gsm"}, iaxDefaults[8]), shown(t, x),
		"new options reset the others to their defaults")
}

func TestEndpointIAX_Validate(t *testing.T) {
	for name, tc := range map[string]struct {
		option []string
		want   string
	}{
		"IntNotNumber": {[]string{"port", "abc"}, "{'port': ['Not a valid integer.']}"},
		"IntEmpty":     {[]string{"maxauthreq", ""}, "{'maxauthreq': ['Not a valid integer.']}"},
		"IntOverflow":  {[]string{"parkinglot", "99999999999"}, "{'parkinglot': ['Not a valid integer.']}"},
		"Choice":       {[]string{"amaflags", "never"}, "{'amaflags': ['Must be one of: default, omit, billing, documentation.']}"},
		"ChoiceEmpty":  {[]string{"transfer", ""}, "{'transfer': ['Must be one of: no, yes, mediaonly.']}"},
		"TextLong":     {[]string{"deny", strings.Repeat("1", 32)}, "{'deny': ['Longer than maximum length 31.']}"},
		"QualifyLong":  {[]string{"qualify", "12345"}, "{'qualify': ['Longer than maximum length 4.']}"},
	} {
		t.Run(name, func(t *testing.T) {
			x := &resources.EndpointIAX{Name: "a", Options: [][]string{{"foo", "bar"}, tc.option}}
			x.Defaults()
			err := x.Validate()
			require.Error(t, err)
			assert.Equal(t, resources.Invalid, resources.KindOf(err))
			assert.Equal(t, []string{"Input Error - options: " + tc.want}, err.(*resources.Error).Messages)
		})
	}
	ok := &resources.EndpointIAX{Name: "a", Options: [][]string{{"allow", strings.Repeat("a", 500)}, {"foo", strings.Repeat("b", 500)}}}
	ok.Defaults()
	assert.NoError(t, ok.Validate(), "allow and other options have no size limit")
	bad := &resources.EndpointIAX{Name: "bad name"}
	assert.Error(t, bad.Validate())
	pair := &resources.EndpointIAX{Options: [][]string{{"port"}}}
	pair.Defaults()
	assert.Error(t, pair.Validate(), "a bad pair survives Defaults and is refused")
}

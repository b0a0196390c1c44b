package resources_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources"
)

// The options list rules are shared by IAX and SCCP; marshmallow's messages.
func TestEndpointOptions_Messages(t *testing.T) {
	for name, tc := range map[string]struct {
		options string
		want    string
	}{
		"Number":       {`123`, "['Not a valid list.']"},
		"Null":         {`null`, "['Field may not be null.']"},
		"Object":       {`{}`, "['Not a valid list.']"},
		"String":       {`"string"`, "['Not a valid list.']"},
		"NullItem":     {`[null]`, "{0: ['Field may not be null.']}"},
		"StringItems":  {`["string", "string"]`, "{0: ['Not a valid list.'], 1: ['Not a valid list.']}"},
		"NumberItems":  {`[123, 123]`, "{0: ['Not a valid list.'], 1: ['Not a valid list.']}"},
		"Mixed":        {`["string", 123]`, "{0: ['Not a valid list.'], 1: ['Not a valid list.']}"},
		"Empty":        {`[[]]`, "{0: ['Length must be 2.']}"},
		"ObjectItem":   {`[{"key": "value"}]`, "{0: ['Not a valid list.']}"},
		"MissingValue": {`[["missing_value"]]`, "{0: ['Length must be 2.']}"},
		"TooMany":      {`[["too", "much", "value"]]`, "{0: ['Length must be 2.']}"},
		"WrongValue":   {`[["wrong_value", 1234]]`, "{0: {1: ['Not a valid string.']}}"},
		"NoneValue":    {`[["none_value", null]]`, "{0: {1: ['Field may not be null.']}}"},
	} {
		t.Run(name, func(t *testing.T) {
			for _, s := range []*resources.Schema{resources.EndpointSCCPSchema, resources.EndpointIAXSchema} {
				_, msgs := load(t, s, `{"options": `+tc.options+`}`, false)
				assert.Equal(t, []string{"Input Error - options: " + tc.want}, msgs)
			}
		})
	}
}

func TestEndpointSCCP_Options(t *testing.T) {
	x := &resources.EndpointSCCP{Options: [][]string{{"allow", "alaw"}, {"cid_num", "100"}, {"disallow", "all"},
		{"cid_name", "Bob"}, {"allow", "ulaw"}}}
	require.NoError(t, x.Validate())
	x.ApplyOptions()
	want := [][]string{{"cid_name", "Bob"}, {"cid_num", "100"}, {"disallow", "all"}, {"allow", "ulaw"}}
	assert.Equal(t, want, x.ColumnOptions(), "wazo's order, the last value wins")

	x.Options = [][]string{{"allow", "g723"}}
	x.ApplyOptions()
	assert.Equal(t, [][]string{{"cid_name", "Bob"}, {"cid_num", "100"}, {"allow", "g723"}}, x.ColumnOptions(),
		"codecs are cleared, the caller id is kept")

	x.Options = [][]string{{"cid_name", ""}, {"allow", ""}}
	x.ApplyOptions()
	assert.Equal(t, [][]string{{"cid_num", "100"}, {"allow", ""}}, x.ColumnOptions(), "an empty caller id is not shown")
}

func TestEndpointSCCP_Defaults(t *testing.T) {
	x := &resources.EndpointSCCP{CIDName: "a", Allow: resources.Ptr("ulaw")}
	x.Defaults()
	assert.Equal(t, [][]string{{"cid_name", "a"}, {"allow", "ulaw"}}, x.Options)
	x.Options = [][]string{{"cid_num", "1"}}
	x.Defaults()
	assert.Equal(t, [][]string{{"cid_num", "1"}}, x.Options, "given options are kept until applied")
	empty := &resources.EndpointSCCP{}
	empty.Defaults()
	assert.Equal(t, [][]string{}, empty.Options)
}

func TestEndpointSCCP_Validate(t *testing.T) {
	for name, tc := range map[string]struct {
		options [][]string
		want    []string
	}{
		"Unknown":     {[][]string{{"allow", "a"}, {"context", "x"}}, []string{"Unknown SCCP options: context"}},
		"CIDNameLong": {[][]string{{"cid_name", strings.Repeat("a", 81)}}, []string{"Input Error - options: {'cid_name': ['Longer than maximum length 80.']}"}},
		"DisallowLong": {[][]string{{"disallow", strings.Repeat("a", 101)}},
			[]string{"Input Error - options: {'disallow': ['Longer than maximum length 100.']}"}},
		"BadPair": {[][]string{{"allow"}}, []string{"Input Error - options: {0: ['Length must be 2.']}"}},
	} {
		t.Run(name, func(t *testing.T) {
			err := (&resources.EndpointSCCP{Options: tc.options}).Validate()
			require.Error(t, err)
			assert.Equal(t, resources.Invalid, resources.KindOf(err))
			assert.Equal(t, tc.want, err.(*resources.Error).Messages)
		})
	}
	long := &resources.EndpointSCCP{Options: [][]string{{"allow", strings.Repeat("a", 1000)}}}
	assert.NoError(t, long.Validate(), "allow has no size limit")
}

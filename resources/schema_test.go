package resources_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources"
)

func load(t *testing.T, s *resources.Schema, body string, partial bool) (map[string]any, []string) {
	t.Helper()
	m, err := resources.DecodeJSON([]byte(body))
	require.NoError(t, err)
	out, err := s.Load(m, partial)
	if err != nil {
		return nil, err.(*resources.Error).Messages
	}
	return out, nil
}

func TestSchema_Messages(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want []string
	}{
		"Missing":     {`{}`, []string{"Input Error - label: ['Missing data for required field.']"}},
		"Null":        {`{"label": null}`, []string{"Input Error - label: ['Field may not be null.']"}},
		"WrongType":   {`{"label": 123}`, []string{"Input Error - label: ['Not a valid string.']"}},
		"TooLong":     {`{"label": "` + string(make([]byte, 0)) + `x` + repeat("y", 128) + `"}`, []string{"Input Error - label: ['Length must be between 1 and 128.']"}},
		"Enum":        {`{"label": "a", "type": "bad"}`, []string{"Input Error - type: ['Must be one of: internal, incall, outcall, services, others.']"}},
		"StrictBool":  {`{"label": "a", "enabled": "true"}`, []string{"Input Error - enabled: ['Not a valid boolean.']"}},
		"NotAList":    {`{"label": "a", "user_ranges": {}}`, []string{"Input Error - user_ranges: {'_schema': ['Invalid input type.']}"}},
		"NestedType":  {`{"label": "a", "user_ranges": ["1"]}`, []string{"Input Error - user_ranges: {0: {'_schema': ['Invalid input type.']}}"}},
		"NestedField": {`{"label": "a", "user_ranges": [{"end": "1"}]}`, []string{"Input Error - user_ranges: {0: {'start': ['Missing data for required field.']}}"}},
		"RangeOrder":  {`{"label": "a", "user_ranges": [{"start": "60", "end": "50"}]}`, []string{"Input Error - user_ranges: {0: {'_schema': ['Start of range must be lower than or equal to the end']}}"}},
		"TwoFields":   {`{"label": 1, "enabled": 2}`, []string{"Input Error - enabled: ['Not a valid boolean.']", "Input Error - label: ['Not a valid string.']"}},
		"NameIsLabel": {`{"name": 1}`, []string{"Input Error - label: ['Not a valid string.']"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, msgs := load(t, resources.ContextSchema, tc.body, false)
			assert.Equal(t, tc.want, msgs)
		})
	}
}

func repeat(s string, n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += s
	}
	return out
}

func TestSchema_DropsReadOnlyAndUnknown(t *testing.T) {
	out, msgs := load(t, resources.ContextSchema, `{"label": "a", "id": 5, "name": "x", "tenant_uuid": "t", "bogus": 1}`, false)
	require.Empty(t, msgs)
	assert.Equal(t, map[string]any{"label": "a"}, out)
}

func TestSchema_PartialAllowsMissingRequired(t *testing.T) {
	out, msgs := load(t, resources.ExtensionSchema, `{"enabled": "yes"}`, true)
	require.Empty(t, msgs)
	assert.Equal(t, map[string]any{"enabled": true}, out, "plain booleans accept wazo's truthy strings")
}

func TestDecodeJSON(t *testing.T) {
	for _, body := range []string{"", "{", "not json", `{"a":1} {"b":2}`} {
		_, err := resources.DecodeJSON([]byte(body))
		require.Error(t, err, body)
		assert.Equal(t, []string{"The browser (or proxy) sent a request that this server could not understand."}, err.(*resources.Error).Messages)
	}
	for _, body := range []string{"null", "[]", "false", `""`, "0"} {
		m, err := resources.DecodeJSON([]byte(body))
		require.NoError(t, err, body)
		assert.Empty(t, m)
	}
	_, err := resources.DecodeJSON([]byte(`[1]`))
	assert.Error(t, err)
}

func TestContext_InRange(t *testing.T) {
	c := &resources.Context{UserRanges: []resources.Range{{Start: "1000", End: "1999"}},
		IncallRanges: []resources.Range{{Start: "4185550000", End: "4185559999", DIDLength: resources.Ptr(4)}}}
	assert.True(t, c.InRange("user", "1500"))
	assert.False(t, c.InRange("user", "999"))
	assert.False(t, c.InRange("user", "01500"))
	assert.True(t, c.InRange("incall", "1234"), "DID length matches the last digits")
	assert.False(t, c.InRange("group", "1500"))
}

func TestExtension_CheckExten(t *testing.T) {
	for exten, ok := range map[string]bool{"1000": true, "_XXXX": true, "*98": true, "ABC": false, "XXXX": false, "_+111": false} {
		err := (&resources.Extension{Exten: exten}).CheckExten("internal")
		assert.Equal(t, ok, err == nil, exten)
	}
	assert.NoError(t, (&resources.Extension{Exten: "_+XXXX"}).CheckExten("outcall"))
	assert.Error(t, (&resources.Extension{Exten: "_1+111"}).CheckExten("outcall"))
}

func FuzzLoad(f *testing.F) {
	for _, seed := range []string{`{"label":"a"}`, `{"user_ranges":[{"start":"1","end":"2"}]}`, `[]`, `{"enabled":"yes"}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		m, err := resources.DecodeJSON([]byte(body))
		if err != nil {
			return
		}
		for _, s := range []*resources.Schema{resources.ContextSchema, resources.ExtensionSchema, resources.TenantSchema} {
			if _, err := s.Load(m, false); err != nil {
				if _, ok := err.(*resources.Error); !ok {
					t.Fatalf("non-API error %T", err)
				}
			}
		}
	})
}

func TestApply_ListReplacedWhole(t *testing.T) {
	c := &resources.Context{IncallRanges: []resources.Range{{Start: "1000", End: "1999", DIDLength: resources.Ptr(4)}}}
	require.NoError(t, resources.Apply(map[string]any{"incall_ranges": []any{map[string]any{"start": "2000", "end": "2999"}}}, c))
	assert.Equal(t, []resources.Range{{Start: "2000", End: "2999"}}, c.IncallRanges, "no did_length left over")
	require.NoError(t, resources.Apply(map[string]any{"label": "x"}, c))
	assert.Equal(t, []resources.Range{{Start: "2000", End: "2999"}}, c.IncallRanges, "a list not given stays")
}

package contract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSchema_FieldsInSourceOrder(t *testing.T) {
	c, err := Schema("UserSchema")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(c.Fields), 3)
	assert.Equal(t, []string{"id", "uuid", "firstname"}, []string{c.Fields[0].Name, c.Fields[1].Name, c.Fields[2].Name})
	f, ok := c.Field("firstname")
	require.True(t, ok)
	assert.True(t, f.Required)
	require.Len(t, f.Validate, 1)
	assert.Equal(t, "Length", f.Validate[0].Kind)
	assert.Equal(t, 128.0, *f.Validate[0].Max)
	f, _ = c.Field("caller_id")
	require.Len(t, f.Validate, 2, "a list of validators")
	assert.Equal(t, `^"(.*)"( <\+?\d+>)?$`, f.Validate[0].Regex)
}

func TestSchema_InheritsAndNests(t *testing.T) {
	c, err := Schema("EndpointSIPSchema")
	require.NoError(t, err)
	name, ok := c.Field("name")
	require.True(t, ok, "from _BaseSIPSchema")
	assert.Equal(t, "PJSIPSection", name.Validate[0].Kind)
	transport, _ := c.Field("transport")
	nested, err := c.NestedClass(transport)
	require.NoError(t, err)
	assert.Equal(t, "TransportRelationSchema", nested.Name)
	templates, _ := c.Field("templates")
	elem, ok := templates.Elem()
	require.True(t, ok)
	ref, ok := elem.Nested()
	assert.True(t, ok)
	assert.Equal(t, "EndpointSIPRelationSchema", ref)
}

func TestSchema_AmbiguousAndMissing(t *testing.T) {
	_, err := Schema("UserDestinationSchema")
	assert.Error(t, err, "several modules have one")
	_, err = Schema("wazo_confd/helpers/destination.py:UserDestinationSchema")
	assert.NoError(t, err)
	_, err = Schema("NoSuchSchema")
	assert.Error(t, err)
}

// Every class of the contract reads, with its bases and nested classes.
func TestSchema_EveryClassReads(t *testing.T) {
	require.NoError(t, load())
	for key := range raw {
		c, err := Schema(key)
		require.NoError(t, err, key)
		for _, f := range c.Fields {
			if _, ok := f.Nested(); ok {
				_, err := c.NestedClass(f)
				assert.NoError(t, err, "%s.%s", key, f.Name)
			}
		}
	}
}

func TestPluginEvents(t *testing.T) {
	p, err := PluginEvents("call_pickup")
	require.NoError(t, err)
	e, ok := p.Event("call_pickup_created")
	require.True(t, ok)
	assert.Equal(t, "config.callpickup.created", e.RoutingKeyFmt)
	assert.Equal(t, "TenantEvent", e.Kind)
	assert.Equal(t, []string{"id"}, e.ContentKeys)
	assert.Contains(t, p.IpbxCommands, "module reload res_pjsip.so")
	_, err = PluginEvents("no_such_plugin")
	assert.Error(t, err)
}

// Operations keeps the ACL of each flask path, even where the API's
// documentation merges paths.
func TestOperations_PerFlaskPath(t *testing.T) {
	ops, err := Operations()
	require.NoError(t, err)
	acl := map[string]string{}
	for _, op := range ops {
		acl[op.Method+" "+op.Path] = op.ACL
	}
	assert.Equal(t, "confd.users.{user_id}.forwards.noanswer.read", acl["GET /users/{user_id}/forwards/noanswer"])
	assert.Equal(t, "confd.lines.{line_id}.extensions.{extension_id}.update", acl["PUT /lines/{line_id}/extensions/{extension_id}"])
}

func TestSearchOf(t *testing.T) {
	s, err := SearchOf("call_pickup")
	require.NoError(t, err)
	assert.Equal(t, []string{"description", "enabled", "id", "name"}, s.Columns)
	assert.Equal(t, []string{"name", "description"}, s.Searched)
	assert.Equal(t, "name", s.DefaultSort)
	s, err = SearchOf("incall")
	require.NoError(t, err)
	assert.Contains(t, s.Searched, "exten", "an object of searched columns")
}

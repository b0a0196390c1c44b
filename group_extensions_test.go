package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
)

func TestGroupExtension(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Support")
		x := mustCreateExtension(t, e, "2000", "default")
		e.flush(t)
		require.NoError(t, e.Groups.AssociateExtension(e.ctx, confd.Scope{}, g.UUID, x.ID))
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "group_extension_associated", evs[0].Name)
		assert.Equal(t, "config.groups.extensions.updated", evs[0].RoutingKey)
		assert.JSONEq(t, `{"group_id":`+itoa(g.ID)+`,"group_uuid":"`+g.UUID+`","extension_id":`+itoa(x.ID)+`}`, string(evs[0].Data))
		assert.Equal(t, []string{"dialplan reload"}, e.reload.Merged().Ipbx)
		e.flush(t)
		require.NoError(t, e.Groups.AssociateExtension(e.ctx, confd.Scope{}, g.ID, x.ID), "again: nothing")
		assert.Empty(t, e.delivered(t))

		got, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		require.Len(t, got.Extensions, 1)
		assert.Equal(t, "2000", got.Extensions[0].Exten)
		ext, err := e.Extensions.Get(e.ctx, confd.Scope{}, x.ID)
		require.NoError(t, err)
		require.NotNil(t, ext.Group)
		assert.Equal(t, g.UUID, ext.Group.UUID)

		assert.EqualError(t, e.Extensions.Delete(e.ctx, confd.Scope{}, x.ID),
			"Resource Error - Extension is associated with a group ('extension_id': "+itoa(x.ID)+", 'associated_id': "+itoa(g.ID)+")")
		ext.Context = "from-extern"
		assert.EqualError(t, e.Extensions.Update(e.ctx, confd.Scope{}, ext), "Input Error - ContextType 'incall' cannot be associated")
		ext.Context, ext.Exten = "default", "1500"
		assert.EqualError(t, e.Extensions.Update(e.ctx, confd.Scope{}, ext), "Input Error - Extension '1500' is outside of range for context 'default'")
		ext.Exten = "2001"
		require.NoError(t, e.Extensions.Update(e.ctx, confd.Scope{}, ext), "inside the group range")
		e.flush(t)

		require.NoError(t, e.Groups.DissociateExtension(e.ctx, confd.Scope{}, g.ID, x.ID))
		assert.Equal(t, []string{"group_extension_dissociated"}, e.delivered(t))
		e.flush(t)
		require.NoError(t, e.Groups.DissociateExtension(e.ctx, confd.Scope{}, g.ID, x.ID), "not associated: nothing")
		assert.Empty(t, e.delivered(t))
		require.NoError(t, e.Extensions.Delete(e.ctx, confd.Scope{}, x.ID))
	})
}

func TestGroupExtension_Refused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g, g2 := mustCreateGroup(t, e, "one"), mustCreateGroup(t, e, "two")
		used := mustCreateExtension(t, e, "2000", "default")
		require.NoError(t, e.Groups.AssociateExtension(e.ctx, confd.Scope{}, g.ID, used.ID))
		free := mustCreateExtension(t, e, "2001", "default")
		line, _ := mustLineWithEndpoint(t, e)
		u := mustCreateUser(t, e, &confd.User{Firstname: "Ann"})
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, line.ID))
		ofLine := mustCreateExtension(t, e, "1000", "default")
		require.NoError(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, line.ID, ofLine.ID))
		incall := mustCreateExtension(t, e, "2002", "from-extern")
		outside := mustCreateExtension(t, e, "9999", "default")
		pattern := mustCreateExtension(t, e, "_2XXX", "default")
		other := mustGroupsTenant(t, e, "other")
		ctx := mustCreateContext(t, e, &confd.Context{Label: "o", TenantUUID: other,
			GroupRanges: []confd.Range{{Start: "2000", End: "2999"}}})
		foreign := mustCreateExtension(t, e, "2003", ctx.Name)
		e.flush(t)
		for name, tc := range map[string]struct {
			group, ext int
			scope      confd.Scope
			want       string
		}{
			"GroupHasOne": {g.ID, free.ID, confd.Scope{}, "Resource Error - Group is associated with a Extension ('group_id': " + itoa(g.ID) + ", 'extension_id': " + itoa(used.ID) + ")"},
			"ExtenHasOne": {g2.ID, used.ID, confd.Scope{}, "Resource Error - Group is associated with a Extension ('group_id': " + itoa(g.ID) + ", 'extension_id': " + itoa(used.ID) + ")"},
			"UsedByLine":  {g2.ID, ofLine.ID, confd.Scope{}, "Resource Error - Extension is associated with a user ('extension_id': " + itoa(ofLine.ID) + ", 'associated_id': '" + itoa(u.ID) + "')"},
			"IncallCtx":   {g2.ID, incall.ID, confd.Scope{}, "Input Error - ContextType 'incall' cannot be associated ('id': " + itoa(incall.ID) + ", 'context': 'from-extern')"},
			"OutOfRange":  {g2.ID, outside.ID, confd.Scope{}, "Input Error - Extension '9999' is outside of range for context 'default'"},
			"OtherTenant": {g2.ID, foreign.ID, confd.Scope{}, "Resource Error - different tenants ('extension_tenant_uuid': '" + other + "', 'group_tenant_uuid': '" + e.tenant + "')"},
			"NotVisible":  {g2.ID, foreign.ID, confd.InTenants(e.tenant), "Resource Not Found - Extension was not found ('id': " + itoa(foreign.ID) + ")"},
			"NoSuchGroup": {999999, free.ID, confd.Scope{}, "Resource Not Found - Group was not found ('id': 999999)"},
			"NoSuchExten": {g2.ID, 999999, confd.Scope{}, "Resource Not Found - Extension was not found ('id': 999999)"},
		} {
			t.Run(name, func(t *testing.T) {
				assert.EqualError(t, e.Groups.AssociateExtension(e.ctx, tc.scope, tc.group, tc.ext), tc.want)
				assert.Empty(t, e.delivered(t))
			})
		}
		require.NoError(t, e.Groups.AssociateExtension(e.ctx, confd.Scope{}, g2.ID, pattern.ID), "a pattern needs no range")
	})
}

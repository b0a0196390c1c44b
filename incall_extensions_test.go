package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestIncallExtension(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v := mustCreateIncall(t, e, resources.NoneDestination())
		did := mustCreateExtension(t, e, "4185", "from-extern")
		e.flush(t)
		require.NoError(t, e.Incalls.AssociateExtension(e.ctx, confd.Scope{}, v.ID, did.ID))
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "incall_extension_associated", evs[0].Name)
		assert.Equal(t, "config.incalls.extensions.updated", evs[0].RoutingKey)
		assert.JSONEq(t, `{"incall_id":`+itoa(v.ID)+`,"extension_id":`+itoa(did.ID)+`}`, string(evs[0].Data))
		assert.Equal(t, []string{"dialplan reload"}, e.reload.Merged().Ipbx)
		e.flush(t)
		require.NoError(t, e.Incalls.AssociateExtension(e.ctx, confd.Scope{}, v.ID, did.ID), "again: nothing")
		assert.Empty(t, e.delivered(t))

		got, err := e.Incalls.Get(e.ctx, confd.Scope{}, v.ID)
		require.NoError(t, err)
		assert.Equal(t, []resources.ExtensionBrief{{ID: did.ID, Exten: "4185", Context: "from-extern",
			Links: []resources.Link{{Rel: "extensions", Href: "/1.1/extensions/" + itoa(did.ID)}}}}, got.Extensions)
		p, err := e.Incalls.ParseList(map[string][]string{"search": {"418"}})
		require.NoError(t, err)
		_, total, err := e.Incalls.List(e.ctx, confd.Scope{}, p)
		require.NoError(t, err)
		assert.Equal(t, 1, total, "found by its exten")
		ext, err := e.Extensions.Get(e.ctx, confd.Scope{}, did.ID)
		require.NoError(t, err)
		require.NotNil(t, ext.Incall)
		assert.Equal(t, v.ID, ext.Incall.ID)

		assert.Equal(t, 400, status(e.Extensions.Delete(e.ctx, confd.Scope{}, did.ID)))
		ext.Context = "default"
		assert.EqualError(t, e.Extensions.Update(e.ctx, confd.Scope{}, ext), "Input Error - ContextType 'internal' cannot be associated")
		ext.Context, ext.Exten = "from-extern", "5000"
		assert.EqualError(t, e.Extensions.Update(e.ctx, confd.Scope{}, ext), "Input Error - Extension '5000' is outside of range for context 'from-extern'")
		e.flush(t)

		require.NoError(t, e.Incalls.DissociateExtension(e.ctx, confd.Scope{}, v.ID, did.ID))
		assert.Equal(t, []string{"incall_extension_dissociated"}, e.delivered(t))
		require.NoError(t, e.Incalls.AssociateExtension(e.ctx, confd.Scope{}, v.ID, did.ID))
		require.NoError(t, e.Incalls.Delete(e.ctx, confd.Scope{}, v.ID))
		require.NoError(t, e.Extensions.Delete(e.ctx, confd.Scope{}, did.ID), "the incall's deletion frees its extension")
	})
}

func TestIncallExtension_Refused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v, v2 := mustCreateIncall(t, e, resources.NoneDestination()), mustCreateIncall(t, e, resources.NoneDestination())
		used := mustCreateExtension(t, e, "1000", "from-extern")
		require.NoError(t, e.Incalls.AssociateExtension(e.ctx, confd.Scope{}, v.ID, used.ID))
		free := mustCreateExtension(t, e, "1001", "from-extern")
		internal := mustCreateExtension(t, e, "1002", "default")
		outside := mustCreateExtension(t, e, "5000", "from-extern")
		g := mustCreateGroup(t, e, "g")
		ofGroup := mustCreateExtension(t, e, "2000", "default")
		require.NoError(t, e.Groups.AssociateExtension(e.ctx, confd.Scope{}, g.ID, ofGroup.ID))
		other := mustGroupsTenant(t, e, "other")
		ctx := mustCreateContext(t, e, &confd.Context{Label: "o", Type: "incall", TenantUUID: other,
			IncallRanges: []confd.Range{{Start: "1000", End: "9999"}}})
		foreign := mustCreateExtension(t, e, "1003", ctx.Name)
		e.flush(t)
		for name, tc := range map[string]struct {
			incall, ext int
			want        string
		}{
			"IncallHasOne": {v.ID, free.ID, "Resource Error - Incall is associated with a Extension ('incall_id': '" + itoa(v.ID) + "', 'extension_id': " + itoa(used.ID) + ")"},
			"ExtenHasOne":  {v2.ID, used.ID, "Resource Error - Incall is associated with a Extension ('incall_id': '" + itoa(v.ID) + "', 'extension_id': " + itoa(used.ID) + ")"},
			"UsedByGroup":  {v2.ID, ofGroup.ID, "Resource Error - Extension is associated with a group ('extension_id': " + itoa(ofGroup.ID) + ", 'associated_id': '" + itoa(g.ID) + "')"},
			"Internal":     {v2.ID, internal.ID, "Input Error - ContextType 'internal' cannot be associated ('id': " + itoa(internal.ID) + ", 'context': 'default')"},
			"OtherTenant":  {v2.ID, foreign.ID, "Resource Error - different tenants ('extension_tenant_uuid': '" + other + "', 'incall_tenant_uuid': '" + e.tenant + "')"},
		} {
			t.Run(name, func(t *testing.T) {
				assert.EqualError(t, e.Incalls.AssociateExtension(e.ctx, confd.Scope{}, tc.incall, tc.ext), tc.want)
				assert.Empty(t, e.delivered(t))
			})
		}
		err := e.Incalls.AssociateExtension(e.ctx, confd.InTenants(other), v2.ID, foreign.ID)
		assert.Equal(t, 404, status(err), "another tenant's incall is missing")
		require.NoError(t, e.Incalls.AssociateExtension(e.ctx, confd.Scope{}, v2.ID, outside.ID),
			"a DID outside the incall ranges is accepted, as in wazo")
	})
}

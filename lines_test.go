package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreateLine(t *testing.T, e *env, l *confd.Line) *confd.Line {
	t.Helper()
	require.NoError(t, e.Lines.Create(e.ctx, confd.Scope{}, l))
	return l
}

func TestLines_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("Defaults", func(t *testing.T) {
			l := mustCreateLine(t, e, &confd.Line{Context: "default"})
			assert.Equal(t, e.tenant, l.TenantUUID, "a line belongs to its context's tenant")
			assert.Equal(t, 1, *l.Position)
			assert.Equal(t, 1, l.DeviceSlot)
			assert.Len(t, l.ProvisioningCode, 6)
			assert.Equal(t, l.ProvisioningCode, l.ProvisioningExtension)
			assert.Equal(t, "default", l.Registrar)
			assert.Nil(t, l.Name)
			assert.Equal(t, []string{"line_created"}, e.delivered(t))
			assert.Equal(t, []string{"dialplan reload", "module reload chan_sccp.so", "module reload res_pjsip.so"}, e.reload.Merged().Ipbx)
			e.flush(t)
		})
		t.Run("ErrProvisioningCodeTaken", func(t *testing.T) {
			mustCreateLine(t, e, &confd.Line{Context: "default", ProvisioningCode: "135246"})
			e.flush(t)
			err := e.Lines.Create(e.ctx, confd.Scope{}, &confd.Line{Context: "default", ProvisioningCode: "135246"})
			assert.EqualError(t, err, "Resource Error - Line already exists ('provisioning_code': '135246')")
			assert.Empty(t, e.delivered(t))
		})
		t.Run("ErrUnknownContext", func(t *testing.T) {
			err := e.Lines.Create(e.ctx, confd.Scope{}, &confd.Line{Context: "nope"})
			assert.EqualError(t, err, "Input Error - field 'context': Context was not found ('context': 'nope')")
		})
		t.Run("ErrContextOfAnotherTenant", func(t *testing.T) {
			err := e.Lines.Create(e.ctx, confd.InTenants("other"), &confd.Line{Context: "default", TenantUUID: "other"})
			assert.Equal(t, 400, status(err))
		})
		t.Run("ErrCallerIDWithoutEndpoint", func(t *testing.T) {
			err := e.Lines.Create(e.ctx, confd.Scope{}, &confd.Line{Context: "default", CallerIDName: confd.Ptr("Bob")})
			assert.Equal(t, resources.Invalid, resources.KindOf(err))
		})
		t.Run("ErrRegistrar", func(t *testing.T) {
			before := countAll[confd.Line](t, e, e.Lines)
			err := e.Lines.Create(e.ctx, confd.Scope{}, &confd.Line{Context: "default", Registrar: "elsewhere"})
			assert.EqualError(t, err, "Input Error - field 'registrar': Registrar was not found ('registrar': 'elsewhere')")
			assert.Equal(t, before, countAll[confd.Line](t, e, e.Lines), "nothing stored")
			assert.Empty(t, e.delivered(t))
		})
		t.Run("DrawnCodeTakenIsDrawnAgain", func(t *testing.T) {
			taken := mustCreateLine(t, e, &confd.Line{Context: "default"})
			e.flush(t)
			drawn := &confd.Line{Context: "default"}
			drawn.Defaults()
			require.True(t, drawn.GeneratedCode())
			drawn.ProvisioningCode = taken.ProvisioningCode
			require.NoError(t, confd.LineCodeTaken(e.ctx, e.Client, drawn))
			assert.NotEqual(t, taken.ProvisioningCode, drawn.ProvisioningCode)
			assert.Len(t, drawn.ProvisioningCode, 6)
			assert.Equal(t, drawn.ProvisioningCode, drawn.ProvisioningExtension, "shown as drawn")
		})
	})
}

func TestLines_Update(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l := mustCreateLine(t, e, &confd.Line{Context: "default", Position: confd.Ptr(2)})
		e.flush(t)
		got, err := e.Lines.Get(e.ctx, confd.Scope{}, l.ID)
		require.NoError(t, err)
		got.ProvisioningCode = "768493"
		require.NoError(t, e.Lines.Update(e.ctx, confd.Scope{}, got))
		again, err := e.Lines.Get(e.ctx, confd.Scope{}, l.ID)
		require.NoError(t, err)
		assert.Equal(t, 2, again.DeviceSlot, "other values are kept")
		assert.Equal(t, "768493", again.ProvisioningExtension)

		require.NoError(t, e.Lines.Update(e.ctx, confd.Scope{}, again))
		assert.Equal(t, []string{"line_edited", "line_edited"}, e.delivered(t))
		assert.Len(t, e.reload.Requests(), 1, "an edit that changes nothing reloads nothing")
	})
}

func TestDeleteLine_DeletesItsEndpoint(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		nl := &confd.NewLine{Line: &confd.Line{Context: "default", TenantUUID: e.tenant},
			EndpointSIP: &resources.EndpointSIP{Name: "test"}}
		require.NoError(t, e.CreateLineWith(e.ctx, confd.Scope{}, nl))
		e.flush(t)
		require.NoError(t, e.Lines.Delete(e.ctx, confd.Scope{}, nl.Line.ID))
		_, err := e.EndpointsSIP.Get(e.ctx, confd.Scope{}, nl.EndpointSIP.UUID)
		assert.True(t, resources.IsNotFound(err), "the endpoint went with its line: %v", err)
		assert.Contains(t, e.delivered(t), "sip_endpoint_deleted")
		again := &confd.NewLine{Line: &confd.Line{Context: "default", TenantUUID: e.tenant},
			EndpointSIP: &resources.EndpointSIP{Name: "test"}}
		require.NoError(t, e.CreateLineWith(e.ctx, confd.Scope{}, again), "its name is free again")

		custom := &confd.NewLine{Line: &confd.Line{Context: "default", TenantUUID: e.tenant},
			EndpointCustom: &resources.EndpointCustom{Interface: "custom/x"}}
		require.NoError(t, e.CreateLineWith(e.ctx, confd.Scope{}, custom))
		require.NoError(t, e.Lines.Delete(e.ctx, confd.Scope{}, custom.Line.ID))
		_, err = e.EndpointsCustom.Get(e.ctx, confd.Scope{}, custom.EndpointCustom.ID)
		assert.True(t, resources.IsNotFound(err), "a custom endpoint too: %v", err)
	})
}

package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestCreateLineWith(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		nl := &confd.NewLine{Line: &confd.Line{Context: "default", TenantUUID: e.tenant,
			CallerIDName: confd.Ptr("Foobar"), CallerIDNum: confd.Ptr("1004")},
			EndpointSIP: &resources.EndpointSIP{}, Extensions: []*confd.Extension{{Exten: "1004"}}}
		require.NoError(t, e.CreateLineWith(e.ctx, confd.Scope{}, nl))
		assert.Contains(t, nl.EndpointSIP.EndpointSectionOptions, resources.SIPOption{"callerid", `"Foobar" <1004>`})
		assert.Contains(t, nl.EndpointSIP.EndpointSectionOptions, resources.SIPOption{"context", "default"})
		got, err := e.Lines.Get(e.ctx, confd.Scope{}, nl.Line.ID)
		require.NoError(t, err)
		assert.Equal(t, "Foobar", *got.CallerIDName)
		assert.Equal(t, "sip", *got.Protocol)
		require.Len(t, got.Extensions, 1)

		amb := &confd.NewLine{Line: &confd.Line{Context: "default", TenantUUID: e.tenant, CallerIDName: confd.Ptr("Foobar")},
			EndpointSCCP: &resources.EndpointSCCP{TenantUUID: e.tenant, Options: [][]string{{"cid_name", "Lol"}}}}
		assert.ErrorContains(t, e.CreateLineWith(e.ctx, confd.Scope{}, amb), "Ambiguous caller ID")
		_, total, err := e.Lines.List(e.ctx, confd.Scope{}, confd.ListParams{})
		require.NoError(t, err)
		assert.Equal(t, 1, total, "the refused line left nothing")
	})
}

func TestLineEndpoint_NotATemplate(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tpl := &resources.EndpointSIP{TenantUUID: e.tenant, Label: confd.Ptr("tpl")}
		require.NoError(t, e.EndpointSIPTemplates.Create(e.ctx, confd.Scope{}, tpl))
		l := mustCreateLine(t, e, &confd.Line{Context: "default"})
		err := e.AssociateLineEndpoint(e.ctx, confd.Scope{}, l.ID, "sip", tpl.UUID)
		assert.True(t, resources.IsNotFound(err), "a template is no endpoint: %v", err)
	})
}

func TestDeleteLine_NextMainLine(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Two lines"})
		l1, _ := mustLineWithEndpoint(t, e)
		l2, _ := mustLineWithEndpoint(t, e)
		require.NoError(t, e.SetUserLines(e.ctx, confd.Scope{}, u.ID, []int{l1.ID, l2.ID}))
		require.NoError(t, e.Lines.Delete(e.ctx, confd.Scope{}, l1.ID))
		sip, err := e.UserLineSIPEndpoint(e.ctx, confd.Scope{}, u.ID, "main", false)
		assert.ErrorIs(t, err, confd.ErrNoSIPEndpoint, "custom lines: no SIP endpoint")
		assert.Nil(t, sip)
		var main []int
		require.NoError(t, e.DB().NewSelect().Table("user_lines").Column("line_id").Where("user_id = ? AND main_line", u.ID).Scan(e.ctx, &main))
		assert.Equal(t, []int{l2.ID}, main, "the next line is the main line")

		require.NoError(t, e.DeleteUserRecursive(e.ctx, confd.Scope{}, u.UUID))
		_, total, err := e.Lines.List(e.ctx, confd.Scope{}, confd.ListParams{})
		require.NoError(t, err)
		assert.Zero(t, total, "the user's lines went with it")
	})
}

func TestDeleteRecursive_LineOnDevice(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l := mustFellowship(t, e, "sip", 1)
		d := mustCreateDevice(t, e, &confd.Device{TenantUUID: e.tenant})
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, l.ID, d.ID))
		e.flush(t)
		require.NoError(t, e.DeleteLineRecursive(e.ctx, confd.Scope{}, l.ID))
		assert.Contains(t, e.delivered(t), "line_device_dissociated", "off its device first")
		assert.Empty(t, deviceLines(t, e, d.ID))

		l2 := mustFellowship(t, e, "sip", 1)
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, l2.ID, d.ID))
		require.NoError(t, e.Lines.Delete(e.ctx, confd.Scope{}, l2.ID), "a plain delete takes it off too")
		assert.Empty(t, deviceLines(t, e, d.ID))
	})
}

func deviceLines(t *testing.T, e *env, id string) []confd.LineDevice {
	t.Helper()
	lines, err := e.DeviceLines(e.ctx, confd.Scope{}, id)
	require.NoError(t, err)
	return lines
}

func TestCreateLineWith_CallerIDFromEndpoint(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		nl := &confd.NewLine{Line: &confd.Line{Context: "default", TenantUUID: e.tenant},
			EndpointSIP: &resources.EndpointSIP{EndpointSectionOptions: []resources.SIPOption{{"callerid", `"Firstname Lastname" <100>`}}}}
		require.NoError(t, e.CreateLineWith(e.ctx, confd.Scope{}, nl))
		got, err := e.Lines.Get(e.ctx, confd.Scope{}, nl.Line.ID)
		require.NoError(t, err)
		assert.Equal(t, "Firstname Lastname", *got.CallerIDName)
		assert.Equal(t, "100", *got.CallerIDNum)

		sccp := &confd.NewLine{Line: &confd.Line{Context: "default", TenantUUID: e.tenant},
			EndpointSCCP: &resources.EndpointSCCP{Options: [][]string{{"cid_name", "Bob"}, {"cid_num", "101"}}}}
		require.NoError(t, e.CreateLineWith(e.ctx, confd.Scope{}, sccp))
		got, err = e.Lines.Get(e.ctx, confd.Scope{}, sccp.Line.ID)
		require.NoError(t, err)
		assert.Equal(t, "Bob", *got.CallerIDName)
		assert.Equal(t, "101", *got.CallerIDNum)
	})
}

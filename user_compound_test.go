package confd_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
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

// A user created with a new box and a line (SIP endpoint, extension) is
// announced part after part in wazo's order, though the box is stored
// before the user and the endpoint before the line; the line is announced
// without endpoint, which its association announces.
func TestCreateUserWith_EventOrder(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		n := &confd.NewUser{
			User: &confd.User{TenantUUID: e.tenant, Firstname: "Order"},
			Lines: []confd.NewLine{{Line: &confd.Line{Context: "default"}, EndpointSIP: &resources.EndpointSIP{},
				Extensions: []*confd.Extension{{Exten: "1042"}}}},
			Voicemail: &confd.Voicemail{Number: "1042", Context: "default"},
		}
		require.NoError(t, e.CreateUserWith(e.ctx, confd.Scope{}, n))
		require.NoError(t, e.Flush(e.ctx))
		assert.Equal(t, []string{"user_created", "voicemail_created", "user_voicemail_associated",
			"line_created", "sip_endpoint_created", "line_endpoint_sip_associated",
			"extension_created", "line_extension_associated", "user_line_associated"}, e.events.Names())
		for _, ev := range e.events.Events() {
			if ev.Name == "line_created" {
				assert.JSONEq(t, fmt.Sprintf(`{"id": %d, "tenant_uuid": %q, "protocol": null, "name": null}`,
					n.Lines[0].Line.ID, e.tenant), string(ev.Data))
			}
		}
		got, err := e.Users.Get(e.ctx, confd.Scope{}, n.User.ID)
		require.NoError(t, err)
		assert.Equal(t, n.Voicemail.ID, *got.VoicemailID)
		assert.Equal(t, n.User.Voicemail, got.Voicemail, "the box is shown as a read shows it")
		line, err := e.Lines.Get(e.ctx, confd.Scope{}, n.Lines[0].Line.ID)
		require.NoError(t, err)
		assert.Equal(t, n.Lines[0].EndpointSIP.UUID, *line.EndpointSIPUUID)
		assert.Equal(t, "sip", *line.Protocol)
	})
}

// The parts are checked in wazo's order: the user before its box, a line
// before its endpoint.
func TestCreateUserWith_ErrorOrder(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		badUserAndBox := &confd.NewUser{
			User:      &confd.User{TenantUUID: e.tenant, Firstname: "Bad", Username: confd.Ptr("taken")},
			Voicemail: &confd.Voicemail{Number: "1043", Context: "nowhere"},
		}
		mustCreateUser(t, e, &confd.User{Firstname: "First", Username: confd.Ptr("taken")})
		e.flush(t)
		err := e.CreateUserWith(e.ctx, confd.Scope{}, badUserAndBox)
		assert.ErrorContains(t, err, "User already exists")

		badLineAndEndpoint := &confd.NewUser{
			User: &confd.User{TenantUUID: e.tenant, Firstname: "Bad line"},
			Lines: []confd.NewLine{{Line: &confd.Line{Context: "nowhere"},
				EndpointSIP: &resources.EndpointSIP{Name: "system"}}},
		}
		err = e.CreateUserWith(e.ctx, confd.Scope{}, badLineAndEndpoint)
		assert.EqualError(t, err, "Input Error - field 'context': Context was not found ('context': 'nowhere')")
		mustCreateSIP(t, e, &resources.EndpointSIP{Name: "taken"})
		taken := mustCreateLine(t, e, &confd.Line{Context: "default"})
		e.flush(t)
		for _, c := range []struct {
			line *confd.Line
			want string
		}{
			{&confd.Line{Context: "default", Registrar: "nope"}, "Input Error - field 'registrar': Registrar was not found ('registrar': 'nope')"},
			{&confd.Line{Context: "default", ProvisioningCode: taken.ProvisioningCode},
				"Resource Error - Line already exists ('provisioning_code': '" + taken.ProvisioningCode + "')"},
		} {
			n := &confd.NewUser{User: &confd.User{TenantUUID: e.tenant, Firstname: "Bad line"},
				Lines: []confd.NewLine{{Line: c.line, EndpointSIP: &resources.EndpointSIP{Name: "taken"}}}}
			assert.EqualError(t, e.CreateUserWith(e.ctx, confd.Scope{}, n), c.want)
		}
		assert.Empty(t, e.delivered(t))
		assert.Equal(t, 1, countAll[confd.User](t, e, e.Users))
		assert.Equal(t, 1, countAll[confd.Line](t, e, e.Lines))
	})
}

// A retried transaction starts again from what the caller gave: the
// attempt rolled back filled only its own copies (a box id, a line's
// caller id put into its endpoint, an incall number).
func TestCreateUserWith_Retry(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		incall := mustCreateContext(t, e, &confd.Context{Label: "From extern", Type: "incall"})
		n := &confd.NewUser{
			User: &confd.User{TenantUUID: e.tenant, Firstname: "Again"},
			Lines: []confd.NewLine{{Line: &confd.Line{Context: "default", CallerIDName: confd.Ptr("Again")},
				EndpointSIP: &resources.EndpointSIP{}, Extensions: []*confd.Extension{{Exten: "1044"}}}},
			Voicemail: &confd.Voicemail{Number: "1044", Context: "default"},
			Incalls:   []confd.NewUserIncall{{Extensions: []*confd.Extension{{Exten: "5551044", Context: incall.Name}}}},
		}
		require.NoError(t, confd.CreateUserAfterRollback(e.ctx, e.Client, confd.Scope{}, n))
		got, err := e.Users.Get(e.ctx, confd.Scope{}, n.User.ID)
		require.NoError(t, err)
		assert.Equal(t, n.Voicemail.ID, *got.VoicemailID)
		require.Len(t, got.Lines, 1)
		line, err := e.Lines.Get(e.ctx, confd.Scope{}, n.Lines[0].Line.ID)
		require.NoError(t, err)
		assert.Equal(t, "Again", *line.CallerIDName)
		assert.NotZero(t, n.Incalls[0].ID)
		assert.Equal(t, 1, countAll[confd.User](t, e, e.Users), "the attempt rolled back left nothing")
	})
}

// A user's new box takes its context's tenant, which must be the user's.
func TestCreateUserWith_VoicemailOfAnotherTenant(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		other := &confd.Tenant{Slug: "other"}
		require.NoError(t, e.Tenants.Create(e.ctx, "", other))
		elsewhere := mustCreateContext(t, e, &confd.Context{Label: "Elsewhere", TenantUUID: other.UUID,
			UserRanges: []resources.Range{{Start: "1000", End: "1999"}}})
		e.flush(t)
		n := &confd.NewUser{User: &confd.User{TenantUUID: e.tenant, Firstname: "Here"},
			Voicemail: &confd.Voicemail{Number: "1045", Context: elsewhere.Name}}
		err := e.CreateUserWith(e.ctx, confd.InTenants(e.tenant, other.UUID), n)
		assert.ErrorContains(t, err, "different tenants")
		assert.Equal(t, 0, countAll[confd.User](t, e, e.Users))
		assert.Equal(t, 0, countAll[confd.Voicemail](t, e, e.Voicemails))
		assert.Empty(t, e.delivered(t))
	})
}

// A write that waits for the commit (the line's endpoint) and finds its
// endpoint deleted meanwhile by another connection makes the transaction
// run again, which answers as if the endpoint had been missing.
func TestAssociateLineEndpoint_EndpointDeletedMeanwhile(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		if e.DB().Engine != store.Postgres {
			t.Skip("SQLite runs one connection at a time")
		}
		l := mustCreateLine(t, e, &confd.Line{Context: "default"})
		sip := mustCreateSIP(t, e, &resources.EndpointSIP{Name: "going"})
		e.flush(t)
		runs := 0
		err := e.RunInTx(e.ctx, func(ctx context.Context, tx *confd.Client) error {
			runs++
			if err := tx.AssociateLineEndpoint(ctx, confd.Scope{}, l.ID, "sip", sip.UUID); err != nil {
				return err
			}
			_, err := e.DB().ExecContext(ctx, "DELETE FROM endpoints_sip WHERE uuid = ?", sip.UUID)
			return err
		})
		assert.True(t, resources.IsNotFound(err), "%v", err)
		assert.Equal(t, 2, runs, "run again once")
		got, err := e.Lines.Get(e.ctx, confd.Scope{}, l.ID)
		require.NoError(t, err)
		assert.Nil(t, got.EndpointSIPUUID)
		assert.Empty(t, e.delivered(t))
	})
}

package confd_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
)

func mustCreateVoicemail(t *testing.T, e *env, v *confd.Voicemail) *confd.Voicemail {
	t.Helper()
	if v.TenantUUID == "" {
		v.TenantUUID = e.tenant
	}
	if v.Context == "" {
		v.Context = "default"
	}
	require.NoError(t, e.Voicemails.Create(e.ctx, confd.Scope{}, v))
	return v
}

// assertNothing checks that a refused write announced and reloaded nothing.
func assertNothing(t *testing.T, e *env) {
	t.Helper()
	assert.Empty(t, e.delivered(t))
	assert.Empty(t, e.reload.Requests())
}

func TestVoicemails_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("OK", func(t *testing.T) {
			v := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Alice", Number: "1000"})
			assert.NotZero(t, v.ID)
			assert.Equal(t, e.tenant, v.TenantUUID)
			assert.Equal(t, "personal", v.AccessType)
			assert.True(t, *v.AskPassword)
			assert.False(t, *v.DeleteMessages)
			assert.True(t, *v.Enabled)
			assert.Nil(t, v.AttachAudio)
			assert.Equal(t, [][]string{}, v.Options)
			assert.Equal(t, []resources.VoicemailUser{}, v.Users)
			assert.Equal(t, "/1.1/voicemails/"+itoa(v.ID), v.Links[0].Href)
			assert.Equal(t, []string{"voicemail_created"}, e.delivered(t))
			ev := e.events.Events()[0]
			assert.Equal(t, "config.voicemail.created", ev.RoutingKey)
			assert.Equal(t, e.tenant, ev.TenantUUID)
			assert.JSONEq(t, `{"id":`+itoa(v.ID)+`}`, string(ev.Data))
			assert.Equal(t, []reload.Request{reload.Commands("voicemail reload")}, e.reload.Requests())
			e.flush(t)
		})
		t.Run("OKSameNumberOtherContext", func(t *testing.T) {
			c := mustCreateContext(t, e, &confd.Context{Label: "other"})
			mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Alice", Number: "1000", Context: c.Name})
			e.flush(t)
		})
		t.Run("OKAllFields", func(t *testing.T) {
			v := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "full", Number: "1001", Password: resources.Ptr("1234"),
				Email: resources.Ptr("a@example.com"), AttachAudio: resources.Ptr(true), DeleteMessages: resources.Ptr(true),
				MaxMessages: resources.Ptr(10), Options: [][]string{{"saycid", "yes"}, {"emailbody", "a\nb|c"}}})
			got, err := e.Voicemails.Get(e.ctx, confd.Scope{}, v.ID)
			require.NoError(t, err)
			assert.Equal(t, v.Options, got.Options)
			assert.Equal(t, 10, *got.MaxMessages)
			assert.True(t, *got.AttachAudio)
			e.flush(t)
		})
	})
}

func TestVoicemails_Create_Err(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Alice", Number: "1000"})
		mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Shared", Number: "1999", AccessType: "global"})
		sub := &confd.Tenant{Slug: "sub"}
		require.NoError(t, e.Tenants.Create(e.ctx, e.tenant, sub))
		e.flush(t)
		before := countAll(t, e, e.Voicemails)
		cases := []struct {
			name  string
			scope confd.Scope
			v     confd.Voicemail
			want  string
		}{
			{"ErrNameTooLong", confd.Scope{}, confd.Voicemail{Name: strings.Repeat("x", 81), Number: "1", Context: "default"},
				"Input Error - name: ['Longer than maximum length 80.']"},
			{"ErrNumber", confd.Scope{}, confd.Voicemail{Name: "x", Number: "*12", Context: "default"},
				"Input Error - number: ['String does not match expected pattern.']"},
			{"ErrContextNotFound", confd.Scope{}, confd.Voicemail{Name: "x", Number: "1", Context: "nope"},
				"Input Error - field 'context': Context was not found ('context': 'nope')"},
			{"ErrContextOfParent", confd.InTenants(sub.UUID), confd.Voicemail{Name: "x", Number: "1", Context: "default", TenantUUID: sub.UUID},
				"Input Error - field 'context': Context was not found ('context': 'default')"},
			{"ErrTimezone", confd.Scope{}, confd.Voicemail{Name: "x", Number: "1", Context: "default", Timezone: resources.Ptr("faketimezone")},
				"Input Error - field 'timezone': Timezone was not found ('timezone': 'faketimezone')"},
			{"ErrDuplicate", confd.Scope{}, confd.Voicemail{Name: "x", Number: "1000", Context: "default"},
				"Resource Error - Voicemail already exists ('number': '1000', 'context': 'default')"},
			{"ErrSecondGlobal", confd.Scope{}, confd.Voicemail{Name: "x", Number: "1", Context: "default", AccessType: "global"},
				"Resource Error - Operation not permitted. There can be only one global voicemail per context."},
			{"ErrDeleteWithoutEmail", confd.Scope{}, confd.Voicemail{Name: "x", Number: "1", Context: "default",
				DeleteMessages: resources.Ptr(true), AttachAudio: resources.Ptr(true)},
				"Input Error - _schema: ['email must be provided if delete_messages is set']"},
			{"ErrDeleteWithoutAttach", confd.Scope{}, confd.Voicemail{Name: "x", Number: "1", Context: "default",
				DeleteMessages: resources.Ptr(true), Email: resources.Ptr("a@b.c")},
				"Input Error - _schema: ['attach_audio must be set if delete_messages is set']"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				if c.v.TenantUUID == "" {
					c.v.TenantUUID = e.tenant
				}
				err := e.Voicemails.Create(e.ctx, c.scope, &c.v)
				require.Error(t, err)
				assert.Equal(t, 400, status(err))
				assert.Equal(t, c.want, err.Error())
				assert.Equal(t, before, countAll(t, e, e.Voicemails))
				assertNothing(t, e)
			})
		}
	})
}

func TestVoicemails_Update(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Alice", Number: "1000"})
		e.flush(t)
		edited := reload.Commands("voicemail reload", "module reload res_pjsip.so", "module reload chan_sccp.so")
		t.Run("OKNameOnly", func(t *testing.T) {
			v.Name = "Alicia"
			require.NoError(t, e.Voicemails.Update(e.ctx, confd.Scope{}, v))
			assert.Equal(t, []string{"voicemail_edited"}, e.delivered(t))
			assert.Equal(t, "config.voicemail.edited", e.events.Events()[0].RoutingKey)
			assert.Equal(t, []reload.Request{edited}, e.reload.Requests(), "no move")
			e.flush(t)
		})
		t.Run("OKMove", func(t *testing.T) {
			c := mustCreateContext(t, e, &confd.Context{Label: "other"})
			e.flush(t)
			v.Number, v.Context = "2000", c.Name
			require.NoError(t, e.Voicemails.Update(e.ctx, confd.Scope{}, v))
			e.delivered(t)
			want := edited
			want.Calls = []reload.Call{{Method: "GET", Path: "/move_voicemail", Query: map[string]string{
				"old_mailbox": "1000", "old_context": "default", "new_mailbox": "2000", "new_context": c.Name}}}
			assert.Equal(t, []reload.Request{want}, e.reload.Requests())
			got, err := e.Voicemails.Get(e.ctx, confd.Scope{}, v.ID)
			require.NoError(t, err)
			assert.Equal(t, "2000", got.Number)
			assert.Equal(t, "Alicia", got.Name)
			e.flush(t)
		})
		t.Run("OKGlobalItself", func(t *testing.T) {
			v.AccessType = "global"
			require.NoError(t, e.Voicemails.Update(e.ctx, confd.Scope{}, v))
			require.NoError(t, e.Voicemails.Update(e.ctx, confd.Scope{}, v))
			e.flush(t)
		})
	})
}

func TestVoicemails_Update_Err(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		sub := &confd.Tenant{Slug: "sub"}
		require.NoError(t, e.Tenants.Create(e.ctx, e.tenant, sub))
		subCtx := mustCreateContext(t, e, &confd.Context{Label: "sub", TenantUUID: sub.UUID})
		mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Shared", Number: "1999", AccessType: "global"})
		mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Bob", Number: "1001"})
		v := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Alice", Number: "1000"})
		inSub := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Sub", Number: "1000", Context: subCtx.Name, TenantUUID: sub.UUID})
		e.flush(t)
		cases := []struct {
			name  string
			scope confd.Scope
			v     confd.Voicemail
			edit  func(v *confd.Voicemail)
			want  string
		}{
			{"ErrDuplicate", confd.Scope{}, *v, func(v *confd.Voicemail) { v.Number = "1001" },
				"Resource Error - Voicemail already exists ('number': '1001', 'context': 'default')"},
			{"ErrSecondGlobal", confd.Scope{}, *v, func(v *confd.Voicemail) { v.AccessType = "global" },
				"Resource Error - Operation not permitted. There can be only one global voicemail per context."},
			{"ErrContextOfParent", confd.InTenants(sub.UUID), *inSub, func(v *confd.Voicemail) { v.Context = "default" },
				"Input Error - field 'context': Context was not found ('context': 'default')"},
			{"ErrOtherTenant", confd.Scope{}, *inSub, func(v *confd.Voicemail) { v.Context = "default"; v.Number = "5" },
				"Resource Error - different tenants ('current_tenant_uuid': '" + sub.UUID + "', 'context_tenant_uuid': '" + e.tenant + "')"},
			{"ErrNotFoundInScope", confd.InTenants(sub.UUID), *v, func(v *confd.Voicemail) { v.Name = "x" },
				"Resource Not Found - Voicemail was not found ('id': " + itoa(v.ID) + ")"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := c.v
				c.edit(&c.v)
				err := e.Voicemails.Update(e.ctx, c.scope, &c.v)
				require.Error(t, err)
				assert.Equal(t, c.want, err.Error())
				got, err := e.Voicemails.Get(e.ctx, confd.Scope{}, before.ID)
				require.NoError(t, err)
				assert.Equal(t, before.Number, got.Number)
				assert.Equal(t, before.Context, got.Context)
				assert.Equal(t, before.AccessType, got.AccessType)
				assertNothing(t, e)
			})
		}
	})
}

func TestVoicemails_Delete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Alice", Number: "1000"})
		e.flush(t)
		t.Run("ErrNotFoundInScope", func(t *testing.T) {
			err := e.Voicemails.Delete(e.ctx, confd.InTenants("other"), v.ID)
			assert.Equal(t, 404, status(err))
			assertNothing(t, e)
		})
		t.Run("OK", func(t *testing.T) {
			require.NoError(t, e.Voicemails.Delete(e.ctx, confd.Scope{}, v.ID))
			assert.Equal(t, []string{"voicemail_deleted"}, e.delivered(t))
			assert.Equal(t, "config.voicemail.deleted", e.events.Events()[0].RoutingKey)
			want := reload.Commands("voicemail reload")
			want.Calls = []reload.Call{{Method: "GET", Path: "/delete_voicemail",
				Query: map[string]string{"mailbox": "1000", "context": "default"}}}
			assert.Equal(t, []reload.Request{want}, e.reload.Requests())
			_, err := e.Voicemails.Get(e.ctx, confd.Scope{}, v.ID)
			assert.True(t, resources.IsNotFound(err))
		})
	})
}

func TestVoicemails_ContextInUse(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := mustCreateContext(t, e, &confd.Context{Label: "vm"})
		v := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Alice", Number: "1000", Context: c.Name})
		e.flush(t)
		err := e.Contexts.Delete(e.ctx, confd.Scope{}, c.ID)
		require.Error(t, err)
		assert.Equal(t, "Resource Error - Context is associated with a Voicemail ('context_id': "+itoa(c.ID)+
			", 'voicemail_id': "+itoa(v.ID)+")", err.Error())
		assertNothing(t, e)
		require.NoError(t, e.Voicemails.Delete(e.ctx, confd.Scope{}, v.ID))
		require.NoError(t, e.Contexts.Delete(e.ctx, confd.Scope{}, c.ID))
	})
}

func TestVoicemails_List(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		sub := &confd.Tenant{Slug: "sub"}
		require.NoError(t, e.Tenants.Create(e.ctx, e.tenant, sub))
		subCtx := mustCreateContext(t, e, &confd.Context{Label: "sub", TenantUUID: sub.UUID})
		mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Zed", Number: "1002", Email: resources.Ptr("zed@search.org")})
		mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Amy", Number: "1001", AccessType: "global"})
		mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Sub", Number: "1000", Context: subCtx.Name, TenantUUID: sub.UUID})
		cases := []struct {
			scope confd.Scope
			query string
			want  []string
		}{
			{confd.InTenants(e.tenant), "", []string{"Amy", "Zed"}},
			{confd.InTenants(e.tenant, sub.UUID), "", []string{"Sub", "Amy", "Zed"}},
			{confd.InTenants(sub.UUID), "", []string{"Sub"}},
			{confd.Scope{}, "order=name&direction=desc", []string{"Zed", "Sub", "Amy"}},
			{confd.Scope{}, "search=SEARCH", []string{"Zed"}},
			{confd.Scope{}, "search=100", []string{"Sub", "Amy", "Zed"}},
			{confd.Scope{}, "search=default", nil},
			{confd.Scope{}, "accesstype=global", []string{"Amy"}},
			{confd.Scope{}, "context=default&limit=1&offset=1", []string{"Zed"}},
		}
		for _, c := range cases {
			p, err := e.Voicemails.ParseList(parseQuery(t, c.query))
			require.NoError(t, err)
			items, _, err := e.Voicemails.List(e.ctx, c.scope, p)
			require.NoError(t, err)
			var names []string
			for _, v := range items {
				names = append(names, v.Name)
			}
			assert.Equal(t, c.want, names, c.query)
		}
		_, err := e.Voicemails.ParseList(parseQuery(t, "order=id"))
		assert.Equal(t, 400, status(err))
	})
}

func parseQuery(t *testing.T, raw string) map[string][]string {
	t.Helper()
	q, err := url.ParseQuery(raw)
	require.NoError(t, err)
	return q
}

func TestVoicemails_UpdateTellsItsUsers(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "Alice", Number: "1000"})
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		require.NoError(t, e.AssociateUserVoicemail(e.ctx, confd.Scope{}, u.ID, v.ID))
		e.flush(t)
		got, err := e.Voicemails.Get(e.ctx, confd.Scope{}, v.ID)
		require.NoError(t, err)
		got.Name = "Alicia"
		require.NoError(t, e.Voicemails.Update(e.ctx, confd.Scope{}, got))
		assert.Equal(t, []string{"voicemail_edited", "user_voicemail_edited"}, e.delivered(t))
		ev := e.events.Events()[1]
		assert.Equal(t, "config.users."+u.UUID+".voicemails.edited", ev.RoutingKey)
		assert.Equal(t, true, ev.Headers["user_uuid:"+u.UUID])
	})
}

func TestVoicemailZoneMessages(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		items, err := e.VoicemailZoneMessages(e.ctx)
		require.NoError(t, err)
		require.NotEmpty(t, items, "shipped with eu-fr")
		assert.Equal(t, "eu-fr", items[0].Name)
		tz := confd.Ptr("eu-fr")
		require.NoError(t, e.Voicemails.Create(e.ctx, confd.Scope{}, &confd.Voicemail{Name: "A", Number: "1001",
			Context: "default", TenantUUID: e.tenant, Timezone: tz}))
		e.flush(t)

		ny := []confd.ZoneMessage{{Name: "ny", Timezone: "America/New_York", Message: confd.Ptr("")}}
		require.NoError(t, e.SetVoicemailZoneMessages(e.ctx, ny))
		assert.Equal(t, []string{"voicemail_zonemessages_edited"}, e.delivered(t))
		assert.Equal(t, []reload.Request{reload.Commands("voicemail reload")}, e.reload.Requests())
		items, err = e.VoicemailZoneMessages(e.ctx)
		require.NoError(t, err)
		assert.Equal(t, []confd.ZoneMessage{{Position: 1, Name: "ny", Timezone: "America/New_York"}}, items,
			"replaced whole; an empty message is none")
		err = e.Voicemails.Create(e.ctx, confd.Scope{}, &confd.Voicemail{Name: "B", Number: "1002",
			Context: "default", TenantUUID: e.tenant, Timezone: tz})
		assert.EqualError(t, err, "Input Error - field 'timezone': Timezone was not found ('timezone': 'eu-fr')")
		e.flush(t)

		long := []confd.ZoneMessage{{Name: strings.Repeat("n", 129), Timezone: "UTC"}}
		assert.ErrorContains(t, e.SetVoicemailZoneMessages(e.ctx, long), "name", "the API's length rule holds")
		items, err = e.VoicemailZoneMessages(e.ctx)
		require.NoError(t, err)
		assert.Equal(t, "ny", items[0].Name, "nothing changed")
		assertNothingAnnounced(t, e)
	})
}

package confd_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

var sipReloads = []string{"dialplan reload", "module reload res_pjsip.so"}

func opts(kv ...string) []resources.SIPOption {
	out := []resources.SIPOption{}
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, resources.SIPOption{kv[i], kv[i+1]})
	}
	return out
}

func refs(uuids ...string) []resources.SIPTemplateRef {
	out := []resources.SIPTemplateRef{}
	for _, u := range uuids {
		out = append(out, resources.SIPTemplateRef{UUID: u})
	}
	return out
}

func mustCreateSIP(t *testing.T, e *env, v *resources.EndpointSIP) *resources.EndpointSIP {
	t.Helper()
	if v.TenantUUID == "" {
		v.TenantUUID = e.tenant
	}
	require.NoError(t, e.EndpointsSIP.Create(e.ctx, confd.Scope{}, v))
	return v
}

func mustCreateSIPTemplate(t *testing.T, e *env, v *resources.EndpointSIP) *resources.EndpointSIP {
	t.Helper()
	if v.TenantUUID == "" {
		v.TenantUUID = e.tenant
	}
	require.NoError(t, e.EndpointSIPTemplates.Create(e.ctx, confd.Scope{}, v))
	return v
}

// sipCount counts the rows of the endpoints table, both kinds.
func sipCount(t *testing.T, e *env) int {
	t.Helper()
	n, err := e.DB().NewSelect().Table("endpoints_sip").Count(e.ctx)
	require.NoError(t, err)
	return int(n)
}

func TestEndpointsSIP_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("Minimal", func(t *testing.T) {
			v := mustCreateSIP(t, e, &resources.EndpointSIP{})
			assert.Regexp(t, regexp.MustCompile(`^[a-z0-9]{8}$`), v.Name)
			assert.Equal(t, []resources.SIPOption{}, v.AORSectionOptions)
			assert.Equal(t, []resources.SIPTemplateRef{}, v.Templates)
			assert.Nil(t, v.Transport)
			assert.Equal(t, []resources.Link{{Rel: "endpoint_sip", Href: "/1.1/endpoints/sip/" + v.UUID}}, v.Links)
			assert.Equal(t, []string{"sip_endpoint_created"}, e.delivered(t))
			assert.Empty(t, e.reload.Requests(), "no reload on create")
			ev := e.events.Events()[0]
			assert.Equal(t, "config.sip_endpoint.created", ev.RoutingKey)
			assert.Equal(t, e.tenant, ev.TenantUUID)
			e.flush(t)
		})
		t.Run("Payload", func(t *testing.T) {
			v := mustCreateSIP(t, e, &resources.EndpointSIP{Name: "abc", Label: confd.Ptr("L"),
				AuthSectionOptions:         opts("username", "u1", "password", "secret"),
				RegistrationSectionOptions: opts("expiration", "120", "client_uri", "sip:a@b")})
			e.delivered(t)
			want := `{"uuid":"` + v.UUID + `","tenant_uuid":"` + e.tenant + `","name":"abc","label":"L",
				"auth_section_options":[["username","u1"]],"registration_section_options":[["client_uri","sip:a@b"]],
				"trunk":null,"line":null}`
			assert.JSONEq(t, want, string(e.events.Events()[0].Data))
			e.flush(t)
		})
		t.Run("AllFields", func(t *testing.T) {
			t1 := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Label: confd.Ptr("one")})
			t2 := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Label: confd.Ptr("two")})
			v := mustCreateSIP(t, e, &resources.EndpointSIP{Name: "all.fields-1", AsteriskID: confd.Ptr("ast"),
				AORSectionOptions:      opts("@custom", "x", "max_contacts", "1", "max_contacts", "2"),
				EndpointSectionOptions: opts("callerid", `"A B" <100>`, "set_var", "A=1", "set_var", "B=2"),
				IdentifySectionOptions: opts("match", "10.0.0.1", "match", "10.0.0.2"),
				Templates:              refs(t2.UUID, strings.ToUpper(t1.UUID))})
			got, err := e.EndpointsSIP.Get(e.ctx, confd.Scope{}, v.UUID)
			require.NoError(t, err)
			assert.Equal(t, opts("@custom", "x", "max_contacts", "1", "max_contacts", "2"), got.AORSectionOptions, "order and duplicates kept")
			assert.Equal(t, v.EndpointSectionOptions, got.EndpointSectionOptions)
			assert.Equal(t, "ast", *got.AsteriskID)
			assert.Equal(t, []resources.SIPTemplateRef{{UUID: t2.UUID, Label: confd.Ptr("two")}, {UUID: t1.UUID, Label: confd.Ptr("one")}}, got.Templates)
			e.flush(t)
		})
	})
}

func TestEndpointsSIP_Create_Errors(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tpl := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Name: "tpl"})
		ep := mustCreateSIP(t, e, &resources.EndpointSIP{Name: "ep"})
		other := &confd.Tenant{Slug: "other"}
		require.NoError(t, e.Tenants.Create(e.ctx, "", other))
		foreign := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{TenantUUID: other.UUID})
		e.flush(t)
		before := sipCount(t, e)
		fake := "99999999-9999-4999-9999-999999999999"
		notFound := func(u string) string {
			return "Input Error - field 'templates': endpoint_sip was not found ('templates': {'uuid': UUID('" + u + "')"
		}
		cases := map[string]struct {
			v    resources.EndpointSIP
			want string
		}{
			"ErrNameReserved":     {resources.EndpointSIP{Name: "system"}, "Input Error - name: ['Reserved Asterisk section name']"},
			"ErrNameOfTemplate":   {resources.EndpointSIP{Name: "tpl"}, "Resource Error - SIPEndpointTemplate already exists ('name': 'tpl')"},
			"ErrNameOfEndpoint":   {resources.EndpointSIP{Name: "ep"}, "Resource Error - SIPEndpoint already exists ('name': 'ep')"},
			"ErrTemplateUnknown":  {resources.EndpointSIP{Templates: refs(fake)}, notFound(fake)},
			"ErrTemplateEndpoint": {resources.EndpointSIP{Templates: refs(ep.UUID)}, notFound(ep.UUID)},
			"ErrTemplateTenant":   {resources.EndpointSIP{Templates: refs(foreign.UUID)}, notFound(foreign.UUID)},
			"ErrTemplateTwice": {resources.EndpointSIP{Templates: refs(tpl.UUID, tpl.UUID)},
				"Resource Error - Operation not permitted. Cannot use the same template more than once"},
			"ErrTransport": {resources.EndpointSIP{Transport: &resources.SIPTransportRef{UUID: fake}},
				"Input Error - field 'transport': SIPTransport was not found ('uuid': UUID('" + fake + "'))"},
			"ErrKey": {resources.EndpointSIP{AuthSectionOptions: opts("@custom", "x")}, "Input Error - 'auth_section_options: invalid variable (@custom)'"},
			"ErrKeyAfterName": {resources.EndpointSIP{Name: "ep", RegistrationSectionOptions: opts("bogus", "x")},
				"Resource Error - SIPEndpoint already exists"},
			"ErrValue": {resources.EndpointSIP{AORSectionOptions: opts("max_contacts", "")}, "Input Error - aor_section_options: {0: {1:"},
		}
		for name, c := range cases {
			t.Run(name, func(t *testing.T) {
				for _, m := range []interface {
					Create(ctx2 context.Context, s confd.Scope, v *resources.EndpointSIP) error
				}{e.EndpointsSIP, e.EndpointSIPTemplates} {
					v := c.v
					v.TenantUUID = e.tenant
					err := m.Create(e.ctx, confd.Scope{}, &v)
					require.Error(t, err)
					assert.Equal(t, 400, status(err))
					assert.True(t, strings.HasPrefix(err.Error(), c.want), err.Error())
				}
				assert.Equal(t, before, sipCount(t, e), "nothing stored")
				assert.Empty(t, e.delivered(t))
				assert.Empty(t, e.reload.Requests())
			})
		}
	})
}

// A new endpoint's name or uuid taken is found by its insert, then
// explained: a drawn name is drawn again, a given one or a uuid is refused.
func TestEndpointsSIP_InsertConflict(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ep := mustCreateSIP(t, e, &resources.EndpointSIP{Name: "taken"})
		before := sipCount(t, e)
		drawn := &resources.EndpointSIP{UUID: resources.NewUUID()}
		drawn.DrawName()
		drawn.Name = "taken"
		require.NoError(t, confd.SIPNameTaken(e.ctx, e.Client, drawn))
		assert.Regexp(t, "^[a-z0-9]{8}$", drawn.Name, "drawn again")

		given := &resources.EndpointSIP{UUID: resources.NewUUID(), Name: "taken"}
		err := confd.SIPNameTaken(e.ctx, e.Client, given)
		assert.EqualError(t, err, "Resource Error - SIPEndpoint already exists ('name': 'taken')")

		sameUUID := &resources.EndpointSIP{TenantUUID: e.tenant, UUID: ep.UUID}
		err = e.EndpointsSIP.Create(e.ctx, confd.Scope{}, sameUUID)
		assert.EqualError(t, err, "Resource Error - SIPEndpoint already exists ('uuid': '"+ep.UUID+"')")
		assert.Equal(t, before, sipCount(t, e), "nothing stored")
	})
}

func TestEndpointsSIP_Kinds(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ep := mustCreateSIP(t, e, &resources.EndpointSIP{Name: "ep-one", Label: confd.Ptr("search-me"), AsteriskID: confd.Ptr("a1")})
		tpl := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Label: confd.Ptr("search-me")})
		e.flush(t)
		_, err := e.EndpointSIPTemplates.Get(e.ctx, confd.Scope{}, ep.UUID)
		assert.EqualError(t, err, "Resource Not Found - SIPEndpointTemplate was not found ('uuid': UUID('"+ep.UUID+"'))")
		_, err = e.EndpointsSIP.Get(e.ctx, confd.Scope{}, tpl.UUID)
		assert.EqualError(t, err, "Resource Not Found - SIPEndpoint was not found ('uuid': UUID('"+tpl.UUID+"'))")
		_, err = e.EndpointsSIP.Get(e.ctx, confd.Scope{}, 42)
		assert.True(t, resources.IsNotFound(err))
		err = e.EndpointsSIP.Delete(e.ctx, confd.Scope{}, tpl.UUID)
		assert.EqualError(t, err, "Resource Not Found - SIPEndpoint was not found ('uuid': UUID('"+tpl.UUID+"'))")
		err = e.EndpointSIPTemplates.Update(e.ctx, confd.Scope{}, ep)
		assert.EqualError(t, err, "Resource Not Found - SIPEndpointTemplate was not found ('uuid': UUID('"+ep.UUID+"'))")
		assert.Empty(t, e.delivered(t))

		got, err := e.EndpointsSIP.Get(e.ctx, confd.Scope{}, strings.ToUpper(ep.UUID))
		require.NoError(t, err)
		assert.Equal(t, ep.UUID, got.UUID)

		list := func(m interface {
			List(ctx2 context.Context, s confd.Scope, p confd.ListParams) ([]resources.EndpointSIP, int, error)
		}, q map[string][]string) []string {
			p, err := e.EndpointsSIP.ParseList(q)
			require.NoError(t, err)
			items, total, err := m.List(e.ctx, confd.InTenants(e.tenant), p)
			require.NoError(t, err)
			require.Len(t, items, total)
			var out []string
			for _, v := range items {
				out = append(out, v.UUID)
			}
			return out
		}
		assert.Equal(t, []string{ep.UUID}, list(e.EndpointsSIP, map[string][]string{"search": {"SEARCH"}}))
		assert.Equal(t, []string{tpl.UUID}, list(e.EndpointSIPTemplates, map[string][]string{"search": {"search"}}))
		assert.Equal(t, []string{ep.UUID}, list(e.EndpointsSIP, map[string][]string{"template": {"true"}}), "template is not a filter")
		assert.Equal(t, []string{ep.UUID}, list(e.EndpointsSIP, map[string][]string{"uuid": {ep.UUID + ",42," + tpl.UUID}}))
		assert.Empty(t, list(e.EndpointsSIP, map[string][]string{"uuid": {"42"}}))
		assert.Equal(t, []string{ep.UUID}, list(e.EndpointsSIP, map[string][]string{"asterisk_id": {"a1"}}))
		assert.Empty(t, list(e.EndpointsSIP, map[string][]string{"search": {"0"}}), "the kind column is not searched")
	})
}

func TestEndpointsSIP_TenantIsolation(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		sub := &confd.Tenant{Slug: "sub"}
		require.NoError(t, e.Tenants.Create(e.ctx, e.tenant, sub))
		ep := mustCreateSIP(t, e, &resources.EndpointSIP{TenantUUID: sub.UUID})
		tpl := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{})
		e.flush(t)
		scope := confd.InTenants(e.tenant)
		_, err := e.EndpointsSIP.Get(e.ctx, scope, ep.UUID)
		assert.True(t, resources.IsNotFound(err))
		assert.True(t, resources.IsNotFound(e.EndpointsSIP.Delete(e.ctx, scope, ep.UUID)))
		_, total, err := e.EndpointsSIP.List(e.ctx, scope, confd.ListParams{})
		require.NoError(t, err)
		assert.Zero(t, total)
		got, err := e.EndpointsSIP.Get(e.ctx, confd.InTenants(e.tenant, sub.UUID), ep.UUID)
		require.NoError(t, err)
		got.Templates = refs(tpl.UUID)
		err = e.EndpointsSIP.Update(e.ctx, confd.InTenants(e.tenant, sub.UUID), got)
		assert.ErrorContains(t, err, "field 'templates': endpoint_sip was not found", "a template of another tenant")
		err = e.EndpointsSIP.Create(e.ctx, scope, &resources.EndpointSIP{TenantUUID: sub.UUID})
		assert.True(t, resources.IsNotFound(err), "a tenant out of scope")
		assert.Empty(t, e.delivered(t))
	})
}

func TestEndpointsSIP_UpdateDelete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tpl := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Label: confd.Ptr("t")})
		ep := mustCreateSIP(t, e, &resources.EndpointSIP{Name: "keep", Templates: refs(tpl.UUID)})
		e.flush(t)
		v, err := e.EndpointsSIP.Get(e.ctx, confd.Scope{}, ep.UUID)
		require.NoError(t, err)
		v.Label, v.AuthSectionOptions, v.Name = confd.Ptr("new"), opts("username", "bob"), ""
		v.TenantUUID = "moved"
		require.NoError(t, e.EndpointsSIP.Update(e.ctx, confd.Scope{}, v))
		assert.Equal(t, []string{"sip_endpoint_edited"}, e.delivered(t))
		assert.Equal(t, sipReloads, e.reload.Merged().Ipbx)
		got, err := e.EndpointsSIP.Get(e.ctx, confd.Scope{}, ep.UUID)
		require.NoError(t, err)
		assert.Equal(t, e.tenant, got.TenantUUID, "the tenant never changes")
		assert.Len(t, got.Name, 8, "an emptied name is generated again")
		assert.Equal(t, "new", *got.Label)
		e.flush(t)

		require.NoError(t, e.EndpointSIPTemplates.Delete(e.ctx, confd.Scope{}, tpl.UUID))
		assert.Equal(t, []string{"sip_endpoint_template_deleted"}, e.delivered(t))
		assert.Equal(t, sipReloads, e.reload.Merged().Ipbx)
		assert.JSONEq(t, `{}`, string(e.events.Events()[0].Data))
		got, err = e.EndpointsSIP.Get(e.ctx, confd.Scope{}, ep.UUID)
		require.NoError(t, err)
		assert.Empty(t, got.Templates, "a deleted template leaves the lists")
		e.flush(t)

		require.NoError(t, e.EndpointsSIP.Delete(e.ctx, confd.Scope{}, ep.UUID))
		assert.Equal(t, []string{"sip_endpoint_deleted"}, e.delivered(t))
		assert.Equal(t, sipReloads, e.reload.Merged().Ipbx)
		assert.Contains(t, string(e.events.Events()[0].Data), `"auth_section_options":[["username","bob"]]`)
		_, err = e.EndpointsSIP.Get(e.ctx, confd.Scope{}, ep.UUID)
		assert.True(t, resources.IsNotFound(err))
	})
}

func TestEndpointSIPTemplates_Loop(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{})
		b := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Templates: refs(a.UUID)})
		c := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Templates: refs(b.UUID)})
		e.flush(t)
		cases := map[string]struct {
			templates []string
			want      string
		}{
			"ErrItself":   {[]string{a.UUID}, "Resource Error - Operation not permitted. Cannot use itself as template"},
			"ErrDirect":   {[]string{b.UUID}, "Resource Error - Operation not permitted. SIPEndpointTemplate(" + b.UUID + ") already include this template"},
			"ErrIndirect": {[]string{c.UUID}, "Resource Error - Operation not permitted. SIPEndpointTemplate(" + b.UUID + ") already include this template"},
		}
		for name, tc := range cases {
			t.Run(name, func(t *testing.T) {
				v, err := e.EndpointSIPTemplates.Get(e.ctx, confd.Scope{}, a.UUID)
				require.NoError(t, err)
				v.Templates = refs(tc.templates...)
				assert.EqualError(t, e.EndpointSIPTemplates.Update(e.ctx, confd.Scope{}, v), tc.want)
				assert.Empty(t, e.delivered(t))
				got, err := e.EndpointSIPTemplates.Get(e.ctx, confd.Scope{}, a.UUID)
				require.NoError(t, err)
				assert.Empty(t, got.Templates)
			})
		}
		v, err := e.EndpointSIPTemplates.Get(e.ctx, confd.Scope{}, c.UUID)
		require.NoError(t, err)
		v.Templates = refs(a.UUID, b.UUID)
		require.NoError(t, e.EndpointSIPTemplates.Update(e.ctx, confd.Scope{}, v), "a diamond is no loop")
		assert.Equal(t, []string{"sip_endpoint_template_edited"}, e.delivered(t))
	})
}

func TestEndpointsSIP_Merged(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		base := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{
			AORSectionOptions: opts("max_contacts", "1", "remove_existing", "yes", "qualify_frequency", "60")})
		t1 := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Templates: refs(base.UUID),
			AORSectionOptions: opts("max_contacts", "2"), EndpointSectionOptions: opts("allow", "!all,ulaw")})
		t2 := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{
			AORSectionOptions: opts("max_contacts", "10"), EndpointSectionOptions: opts("allow", "!all,opus")})
		ep := mustCreateSIP(t, e, &resources.EndpointSIP{Templates: refs(t1.UUID, t2.UUID),
			EndpointSectionOptions: opts("allow", "!all,alaw", "@x", "1"), AuthSectionOptions: opts("username", "u")})
		got, err := e.EndpointsSIP.Merged(e.ctx, confd.Scope{}, ep.UUID)
		require.NoError(t, err)
		assert.Equal(t, opts("max_contacts", "10", "remove_existing", "yes", "qualify_frequency", "60"), got.AORSectionOptions)
		assert.Equal(t, opts("allow", "!all,alaw", "@x", "1"), got.EndpointSectionOptions)
		assert.Equal(t, opts("username", "u"), got.AuthSectionOptions)
		assert.Equal(t, []resources.SIPOption{}, got.IdentifySectionOptions)
		assert.Len(t, got.Templates, 2)
		plain, err := e.EndpointsSIP.Get(e.ctx, confd.Scope{}, ep.UUID)
		require.NoError(t, err)
		assert.Equal(t, opts("allow", "!all,alaw", "@x", "1"), plain.EndpointSectionOptions)
		assert.Empty(t, plain.AORSectionOptions)
		_, err = e.EndpointsSIP.Merged(e.ctx, confd.Scope{}, base.UUID)
		assert.True(t, resources.IsNotFound(err))
	})
}

func TestCreateTenantSIPTemplates(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tenant := &confd.Tenant{Slug: "tpl"}
		require.NoError(t, e.Tenants.Create(e.ctx, "", tenant))
		row, err := e.Tenants.Get(e.ctx, confd.Scope{}, tenant.UUID)
		require.NoError(t, err)
		e.flush(t)
		if !row.SIPTemplatesGenerated { // else Tenants.Create did it
			require.NoError(t, e.RunInTx(e.ctx, func(ctx context.Context, tx *confd.Client) error {
				return confd.CreateTenantSIPTemplates(ctx, tx, row)
			}))
			assert.Empty(t, e.delivered(t), "wazo announces nothing")
			assert.Empty(t, e.reload.Requests())
		}
		row, err = e.Tenants.Get(e.ctx, confd.Scope{}, tenant.UUID)
		require.NoError(t, err)
		assert.True(t, row.SIPTemplatesGenerated)
		byLabel := tenantTemplates(t, e, tenant.UUID)
		require.Len(t, byLabel, 5)
		global, webrtc := byLabel["global"], byLabel["webrtc"]
		assert.Equal(t, global.UUID, *row.GlobalSIPTemplateUUID)
		assert.Equal(t, webrtc.UUID, *row.WebRTCSIPTemplateUUID)
		assert.Equal(t, byLabel["registration_trunk"].UUID, *row.RegistrationTrunkSIPTemplateUUID)
		assert.Equal(t, byLabel["twilio_trunk"].UUID, *row.TwilioTrunkSIPTemplateUUID)
		assert.Nil(t, row.GlobalTrunkSIPTemplateUUID, "wazo has no such template")
		assert.Len(t, global.EndpointSectionOptions, 17)
		assert.Contains(t, global.EndpointSectionOptions, resources.SIPOption{"set_var", "DYNAMIC_FEATURES=togglerecord"})
		assert.Equal(t, opts("remove_existing", "false", "max_contacts", "10"), webrtc.AORSectionOptions)
		assert.Equal(t, global.UUID, webrtc.Templates[0].UUID)
		assert.Equal(t, webrtc.UUID, byLabel["meeting_guest"].Templates[0].UUID)
		assert.Equal(t, byLabel["registration_trunk"].UUID, byLabel["twilio_trunk"].Templates[0].UUID)
		assert.Len(t, byLabel["twilio_trunk"].IdentifySectionOptions, 32)
		assert.Equal(t, "10000", byLabel["registration_trunk"].RegistrationSectionOptions[2][1])

		// Generated once: a second call does nothing.
		require.NoError(t, confd.CreateTenantSIPTemplates(e.ctx, e.Client, row))
		assert.Len(t, tenantTemplates(t, e, tenant.UUID), 5)

		// Not generated yet but named: reset in place.
		global.AORSectionOptions = opts("max_contacts", "99")
		require.NoError(t, e.EndpointSIPTemplates.Update(e.ctx, confd.Scope{}, &global))
		row.SIPTemplatesGenerated = false
		e.flush(t)
		require.NoError(t, confd.CreateTenantSIPTemplates(e.ctx, e.Client, row))
		after := tenantTemplates(t, e, tenant.UUID)
		_, total, err := e.EndpointSIPTemplates.List(e.ctx, confd.InTenants(tenant.UUID), confd.ListParams{})
		require.NoError(t, err)
		assert.Equal(t, 5, total, "every template is reset in place, none created again")
		assert.Equal(t, byLabel["meeting_guest"].UUID, *row.MeetingGuestSIPTemplateUUID)
		assert.Equal(t, global.UUID, after["global"].UUID)
		assert.Equal(t, byLabel["global"].AORSectionOptions, after["global"].AORSectionOptions)
		assert.Empty(t, e.delivered(t))

		// Deleting a generated template clears the tenant's column.
		require.NoError(t, e.EndpointSIPTemplates.Delete(e.ctx, confd.Scope{}, byLabel["twilio_trunk"].UUID))
		row, err = e.Tenants.Get(e.ctx, confd.Scope{}, tenant.UUID)
		require.NoError(t, err)
		assert.Nil(t, row.TwilioTrunkSIPTemplateUUID)
		assert.NotNil(t, row.GlobalSIPTemplateUUID)
	})
}

// tenantTemplates returns the SIP templates of a tenant by label.
func tenantTemplates(t *testing.T, e *env, tenant string) map[string]resources.EndpointSIP {
	t.Helper()
	items, _, err := e.EndpointSIPTemplates.List(e.ctx, confd.InTenants(tenant), confd.ListParams{})
	require.NoError(t, err)
	out := map[string]resources.EndpointSIP{}
	for _, v := range items {
		out[*v.Label] = v
	}
	return out
}

func TestEndpointSIP_JSON(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tpl := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{})
		b, err := json.Marshal(tpl)
		require.NoError(t, err)
		assert.NotContains(t, string(b), `"trunk"`)
		assert.Contains(t, string(b), `"rel":"endpoint_sip_templates","href":"/1.1/endpoints/sip/templates/`+tpl.UUID)
	})
}

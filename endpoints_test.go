package confd_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreateEndpointCustom(t *testing.T, e *env, iface string) *confd.EndpointCustom {
	t.Helper()
	v := &confd.EndpointCustom{Interface: iface, TenantUUID: e.tenant}
	require.NoError(t, e.EndpointsCustom.Create(e.ctx, confd.Scope{}, v))
	return v
}

func mustCreateEndpointIAX(t *testing.T, e *env, v *confd.EndpointIAX) *confd.EndpointIAX {
	t.Helper()
	if v.TenantUUID == "" {
		v.TenantUUID = e.tenant
	}
	require.NoError(t, e.EndpointsIAX.Create(e.ctx, confd.Scope{}, v))
	return v
}

func mustCreateEndpointSCCP(t *testing.T, e *env, options [][]string) *confd.EndpointSCCP {
	t.Helper()
	v := &confd.EndpointSCCP{TenantUUID: e.tenant, Options: options}
	require.NoError(t, e.EndpointsSCCP.Create(e.ctx, confd.Scope{}, v))
	return v
}

// otherTenant creates a second top-level tenant.
func otherTenant(t *testing.T, e *env) string {
	t.Helper()
	o := &resources.Tenant{Name: "other", Slug: "other"}
	require.NoError(t, e.Tenants.Create(e.ctx, "", o))
	e.flush(t)
	return o.UUID
}

// assertNothingAnnounced checks a refused write left no event and no reload.
func assertNothingAnnounced(t *testing.T, e *env) {
	t.Helper()
	assert.Empty(t, e.delivered(t))
	assert.Empty(t, e.reload.Requests())
}

func TestEndpointsCustom_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("OK", func(t *testing.T) {
			v := mustCreateEndpointCustom(t, e, "custom/one")
			assert.NotZero(t, v.ID)
			assert.True(t, *v.Enabled)
			assert.Nil(t, v.Trunk)
			assert.Nil(t, v.Line)
			assert.Equal(t, []resources.Link{{Rel: "endpoint_custom", Href: "/1.1/endpoints/custom/" + itoa(v.ID)}}, v.Links)
			assert.Equal(t, []string{"custom_endpoint_created"}, e.delivered(t))
			assert.Empty(t, e.reload.Requests(), "custom endpoints reload nothing")
			ev := e.events.Events()[0]
			assert.Equal(t, "config.custom_endpoint.created", ev.RoutingKey)
			assert.Equal(t, e.tenant, ev.TenantUUID)
			assert.JSONEq(t, `{"id":`+itoa(v.ID)+`,"tenant_uuid":"`+e.tenant+`","interface":"custom/one","trunk":null,"line":null}`, string(ev.Data))
			e.flush(t)
		})
		t.Run("EmptySuffixIsNone", func(t *testing.T) {
			v := &confd.EndpointCustom{Interface: "custom/suffix", InterfaceSuffix: confd.Ptr(""), TenantUUID: e.tenant}
			require.NoError(t, e.EndpointsCustom.Create(e.ctx, confd.Scope{}, v))
			got, err := e.EndpointsCustom.Get(e.ctx, confd.Scope{}, v.ID)
			require.NoError(t, err)
			assert.Nil(t, got.InterfaceSuffix)
			e.flush(t)
		})
		t.Run("ErrInterface", func(t *testing.T) {
			err := e.EndpointsCustom.Create(e.ctx, confd.Scope{}, &confd.EndpointCustom{Interface: "custom/&&&", TenantUUID: e.tenant})
			assert.Equal(t, []string{"Input Error - interface: ['String does not match expected pattern.']"}, err.(*confd.Error).Messages)
			assertNothingAnnounced(t, e)
		})
		t.Run("ErrDuplicateOfOtherTenant", func(t *testing.T) {
			other := otherTenant(t, e)
			err := e.EndpointsCustom.Create(e.ctx, confd.InTenants(other), &confd.EndpointCustom{Interface: "custom/one", TenantUUID: other})
			require.Error(t, err)
			assert.Equal(t, []string{"Resource Error - CustomEndpoint already exists ('interface': 'custom/one')"}, err.(*confd.Error).Messages)
			assertNothingAnnounced(t, e)
			_, total, err := e.EndpointsCustom.List(e.ctx, confd.InTenants(other), confd.ListParams{})
			require.NoError(t, err)
			assert.Zero(t, total)
		})
		t.Run("ErrTenantMissing", func(t *testing.T) {
			err := e.EndpointsCustom.Create(e.ctx, confd.Scope{}, &confd.EndpointCustom{Interface: "custom/x", TenantUUID: "nope"})
			assert.Equal(t, []string{"Input Error - field 'tenant_uuid': Tenant was not found ('uuid': 'nope')"}, err.(*confd.Error).Messages)
			err = e.EndpointsCustom.Create(e.ctx, confd.InTenants("other"), &confd.EndpointCustom{Interface: "custom/x", TenantUUID: e.tenant})
			assert.True(t, resources.IsNotFound(err), "a tenant out of scope")
			assertNothingAnnounced(t, e)
		})
	})
}

func TestEndpointsCustom_Update(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v := mustCreateEndpointCustom(t, e, "custom/a")
		mustCreateEndpointCustom(t, e, "custom/b")
		e.flush(t)
		t.Run("OK", func(t *testing.T) {
			v.Interface, v.InterfaceSuffix, v.Enabled, v.TenantUUID = "custom/c", confd.Ptr("x"), confd.Ptr(false), "moved"
			require.NoError(t, e.EndpointsCustom.Update(e.ctx, confd.Scope{}, v))
			got, err := e.EndpointsCustom.Get(e.ctx, confd.Scope{}, v.ID)
			require.NoError(t, err)
			assert.Equal(t, "custom/c", got.Interface)
			assert.Equal(t, "x", *got.InterfaceSuffix)
			assert.False(t, *got.Enabled)
			assert.Equal(t, e.tenant, got.TenantUUID, "an endpoint stays in its tenant")
			assert.Equal(t, []string{"custom_endpoint_edited"}, e.delivered(t))
			assert.Equal(t, "config.custom_endpoint.edited", e.events.Events()[0].RoutingKey)
			assert.Empty(t, e.reload.Requests())
			e.flush(t)
		})
		t.Run("SameInterface", func(t *testing.T) {
			got, _ := e.EndpointsCustom.Get(e.ctx, confd.Scope{}, v.ID)
			require.NoError(t, e.EndpointsCustom.Update(e.ctx, confd.Scope{}, got))
			e.flush(t)
		})
		t.Run("ErrDuplicate", func(t *testing.T) {
			got, _ := e.EndpointsCustom.Get(e.ctx, confd.Scope{}, v.ID)
			got.Interface = "custom/b"
			err := e.EndpointsCustom.Update(e.ctx, confd.Scope{}, got)
			require.Error(t, err)
			assert.Equal(t, []string{"Resource Error - CustomEndpoint already exists ('interface': 'custom/b')"}, err.(*confd.Error).Messages)
			assertNothingAnnounced(t, e)
		})
	})
}

func TestEndpointsCustom_ListDelete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		b := mustCreateEndpointCustom(t, e, "custom/zz-b")
		a := mustCreateEndpointCustom(t, e, "custom/zz-a")
		other := otherTenant(t, e)
		require.NoError(t, e.EndpointsCustom.Create(e.ctx, confd.Scope{}, &confd.EndpointCustom{Interface: "custom/zz-o", TenantUUID: other}))
		e.flush(t)
		items, total, err := e.EndpointsCustom.List(e.ctx, confd.InTenants(e.tenant), confd.ListParams{Search: "ZZ"})
		require.NoError(t, err)
		assert.Equal(t, 2, total)
		assert.Equal(t, []int{a.ID, b.ID}, []int{items[0].ID, items[1].ID}, "sorted by interface")
		p, err := e.EndpointsCustom.ParseList(map[string][]string{"interface": {"custom/zz-b"}})
		require.NoError(t, err)
		items, _, err = e.EndpointsCustom.List(e.ctx, confd.Scope{}, p)
		require.NoError(t, err)
		require.Len(t, items, 1)
		assert.Equal(t, b.ID, items[0].ID)

		_, err = e.EndpointsCustom.Get(e.ctx, confd.InTenants(other), a.ID)
		assert.Equal(t, []string{"Resource Not Found - CustomEndpoint was not found ('id': " + itoa(a.ID) + ")"}, err.(*confd.Error).Messages)
		assert.True(t, resources.IsNotFound(e.EndpointsCustom.Delete(e.ctx, confd.InTenants(other), a.ID)))
		assertNothingAnnounced(t, e)

		require.NoError(t, e.EndpointsCustom.Delete(e.ctx, confd.Scope{}, a.ID))
		assert.Equal(t, []string{"custom_endpoint_deleted"}, e.delivered(t))
		assert.Equal(t, "config.custom_endpoint.deleted", e.events.Events()[0].RoutingKey)
		assert.Empty(t, e.reload.Requests())
		_, err = e.EndpointsCustom.Get(e.ctx, confd.Scope{}, a.ID)
		assert.True(t, resources.IsNotFound(err))
	})
}

var generatedName = regexp.MustCompile(`^[a-z0-9]{8}$`)

func TestEndpointsIAX_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("OK", func(t *testing.T) {
			v := mustCreateEndpointIAX(t, e, &confd.EndpointIAX{})
			assert.Regexp(t, generatedName, v.Name)
			assert.Equal(t, "friend", v.Type)
			assert.Equal(t, "dynamic", *v.Host)
			assert.Contains(t, v.Options, []string{"qualifyfreqok", "60000"})
			assert.Equal(t, []resources.Link{{Rel: "endpoint_iax", Href: "/1.1/endpoints/iax/" + itoa(v.ID)}}, v.Links)
			assert.Equal(t, []string{"iax_endpoint_created"}, e.delivered(t))
			assert.Empty(t, e.reload.Requests(), "a new IAX endpoint is used by nothing yet")
			ev := e.events.Events()[0]
			assert.Equal(t, "config.iax_endpoint.created", ev.RoutingKey)
			assert.JSONEq(t, `{"id":`+itoa(v.ID)+`,"tenant_uuid":"`+e.tenant+`","name":"`+v.Name+`","trunk":null}`, string(ev.Data))
			got, err := e.EndpointsIAX.Get(e.ctx, confd.Scope{}, v.ID)
			require.NoError(t, err)
			assert.Equal(t, v.Options, got.Options)
			e.flush(t)
		})
		t.Run("Options", func(t *testing.T) {
			v := mustCreateEndpointIAX(t, e, &confd.EndpointIAX{Name: "opts", Type: "peer", Host: confd.Ptr("10.0.0.1"),
				Options: [][]string{{"foo", "bar"}, {"port", "4569"}, {"trunk", "yes"}, {"foo", "baz"}}})
			got, err := e.EndpointsIAX.Get(e.ctx, confd.Scope{}, v.ID)
			require.NoError(t, err)
			assert.Equal(t, "opts", got.Name)
			assert.Equal(t, "peer", got.Type)
			assert.Equal(t, "10.0.0.1", *got.Host)
			assert.Contains(t, got.Options, []string{"port", "4569"})
			assert.Contains(t, got.Options, []string{"trunk", "yes"})
			assert.Equal(t, [][]string{{"foo", "bar"}, {"foo", "baz"}}, got.Options[len(got.Options)-2:])
			e.flush(t)
		})
		t.Run("ErrNameOfOtherTenant", func(t *testing.T) {
			other := otherTenant(t, e)
			err := e.EndpointsIAX.Create(e.ctx, confd.Scope{}, &confd.EndpointIAX{Name: "opts", TenantUUID: other})
			require.Error(t, err)
			assert.Equal(t, []string{"Resource Error - IAXEndpoint already exists ('name': 'opts')"}, err.(*confd.Error).Messages)
			assertNothingAnnounced(t, e)
		})
		t.Run("ErrOptionValue", func(t *testing.T) {
			err := e.EndpointsIAX.Create(e.ctx, confd.Scope{}, &confd.EndpointIAX{TenantUUID: e.tenant, Options: [][]string{{"port", "x"}}})
			require.Error(t, err)
			assert.Equal(t, []string{"Input Error - options: {'port': ['Not a valid integer.']}"}, err.(*confd.Error).Messages)
			assertNothingAnnounced(t, e)
		})
		_, total, err := e.EndpointsIAX.List(e.ctx, confd.Scope{}, confd.ListParams{})
		require.NoError(t, err)
		assert.Equal(t, 2, total, "refused endpoints left no row")
	})
}

func TestEndpointsIAX_UpdateDelete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v := mustCreateEndpointIAX(t, e, &confd.EndpointIAX{Name: "first", Options: [][]string{{"allow", "gsm"}, {"foo", "bar"}}})
		mustCreateEndpointIAX(t, e, &confd.EndpointIAX{Name: "second"})
		e.flush(t)
		t.Run("KeepsOptions", func(t *testing.T) {
			got, _ := e.EndpointsIAX.Get(e.ctx, confd.Scope{}, v.ID)
			got.Name = "renamed"
			require.NoError(t, e.EndpointsIAX.Update(e.ctx, confd.Scope{}, got))
			again, _ := e.EndpointsIAX.Get(e.ctx, confd.Scope{}, v.ID)
			assert.Equal(t, "renamed", again.Name)
			assert.Equal(t, v.Options, again.Options)
			assert.Equal(t, []string{"iax_endpoint_edited"}, e.delivered(t))
			assert.Equal(t, []string{"iax2 reload"}, e.reload.Merged().Ipbx)
			assert.JSONEq(t, `{"id":`+itoa(v.ID)+`,"tenant_uuid":"`+e.tenant+`","name":"renamed","trunk":null}`, string(e.events.Events()[0].Data))
			e.flush(t)
		})
		t.Run("ReplacesOptions", func(t *testing.T) {
			got, _ := e.EndpointsIAX.Get(e.ctx, confd.Scope{}, v.ID)
			got.Options = [][]string{{"allow", "g723"}}
			require.NoError(t, e.EndpointsIAX.Update(e.ctx, confd.Scope{}, got))
			again, _ := e.EndpointsIAX.Get(e.ctx, confd.Scope{}, v.ID)
			assert.Contains(t, again.Options, []string{"allow", "g723"})
			assert.NotContains(t, again.Options, []string{"foo", "bar"})
			e.flush(t)
		})
		t.Run("ErrDuplicate", func(t *testing.T) {
			got, _ := e.EndpointsIAX.Get(e.ctx, confd.Scope{}, v.ID)
			got.Name = "second"
			err := e.EndpointsIAX.Update(e.ctx, confd.Scope{}, got)
			require.Error(t, err)
			assert.Equal(t, []string{"Resource Error - IAXEndpoint already exists ('name': 'second')"}, err.(*confd.Error).Messages)
			assertNothingAnnounced(t, e)
		})
		t.Run("Delete", func(t *testing.T) {
			require.NoError(t, e.EndpointsIAX.Delete(e.ctx, confd.Scope{}, v.ID))
			assert.Equal(t, []string{"iax_endpoint_deleted"}, e.delivered(t))
			assert.Equal(t, "config.iax_endpoint.deleted", e.events.Events()[0].RoutingKey)
			assert.Equal(t, []string{"iax2 reload"}, e.reload.Merged().Ipbx)
			_, err := e.EndpointsIAX.Get(e.ctx, confd.Scope{}, v.ID)
			assert.Equal(t, []string{"Resource Not Found - IAXEndpoint was not found ('id': " + itoa(v.ID) + ")"}, err.(*confd.Error).Messages)
		})
	})
}

func TestEndpointsSCCP(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v := mustCreateEndpointSCCP(t, e, [][]string{{"allow", "alaw"}, {"cid_name", "Bob"}, {"disallow", "all"}})
		t.Run("Create", func(t *testing.T) {
			assert.Equal(t, [][]string{{"cid_name", "Bob"}, {"disallow", "all"}, {"allow", "alaw"}}, v.Options)
			assert.Regexp(t, generatedName, v.Name)
			assert.Nil(t, v.Line)
			assert.Equal(t, []resources.Link{{Rel: "endpoint_sccp", Href: "/1.1/endpoints/sccp/" + itoa(v.ID)}}, v.Links)
			assert.Equal(t, []string{"sccp_endpoint_created"}, e.delivered(t))
			assert.Empty(t, e.reload.Requests())
			ev := e.events.Events()[0]
			assert.Equal(t, "config.sccp_endpoint.created", ev.RoutingKey)
			assert.JSONEq(t, `{"id":`+itoa(v.ID)+`,"tenant_uuid":"`+e.tenant+`","line":null}`, string(ev.Data))
			e.flush(t)
		})
		t.Run("Update", func(t *testing.T) {
			got, err := e.EndpointsSCCP.Get(e.ctx, confd.Scope{}, v.ID)
			require.NoError(t, err)
			assert.Equal(t, v.Options, got.Options)
			got.Options = [][]string{{"allow", "g723"}}
			require.NoError(t, e.EndpointsSCCP.Update(e.ctx, confd.Scope{}, got))
			again, _ := e.EndpointsSCCP.Get(e.ctx, confd.Scope{}, v.ID)
			assert.Equal(t, [][]string{{"cid_name", "Bob"}, {"allow", "g723"}}, again.Options, "codecs cleared, caller id kept")
			assert.Equal(t, v.Name, again.Name)
			assert.Equal(t, []string{"sccp_endpoint_edited"}, e.delivered(t))
			assert.ElementsMatch(t, []string{"dialplan reload", "module reload chan_sccp.so"}, e.reload.Merged().Ipbx)
			e.flush(t)
		})
		t.Run("ErrUnknownOption", func(t *testing.T) {
			got, _ := e.EndpointsSCCP.Get(e.ctx, confd.Scope{}, v.ID)
			got.Options = [][]string{{"allow", "ulaw"}, {"context", "x"}}
			err := e.EndpointsSCCP.Update(e.ctx, confd.Scope{}, got)
			require.Error(t, err)
			assert.Equal(t, []string{"Unknown SCCP options: context"}, err.(*confd.Error).Messages)
			assertNothingAnnounced(t, e)
			again, _ := e.EndpointsSCCP.Get(e.ctx, confd.Scope{}, v.ID)
			assert.Equal(t, [][]string{{"cid_name", "Bob"}, {"allow", "g723"}}, again.Options, "nothing changed")
		})
		t.Run("OtherTenant", func(t *testing.T) {
			other := otherTenant(t, e)
			_, err := e.EndpointsSCCP.Get(e.ctx, confd.InTenants(other), v.ID)
			assert.True(t, resources.IsNotFound(err))
			items, _, err := e.EndpointsSCCP.List(e.ctx, confd.InTenants(other), confd.ListParams{})
			require.NoError(t, err)
			assert.Empty(t, items)
		})
		t.Run("Delete", func(t *testing.T) {
			require.NoError(t, e.EndpointsSCCP.Delete(e.ctx, confd.Scope{}, v.ID))
			assert.Equal(t, []string{"sccp_endpoint_deleted"}, e.delivered(t))
			assert.Equal(t, "config.sccp_endpoint.deleted", e.events.Events()[0].RoutingKey)
			assert.ElementsMatch(t, []string{"dialplan reload", "module reload chan_sccp.so"}, e.reload.Merged().Ipbx)
		})
	})
}

package confd_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
	"github.com/gopbx/confd/store/storetest"
)

func mustCreateTransport(t *testing.T, e *env, name string, opts ...resources.SIPOption) *confd.SIPTransport {
	t.Helper()
	v := &confd.SIPTransport{Name: name, Options: opts}
	require.NoError(t, e.SIPTransports.Create(e.ctx, confd.Scope{}, v))
	return v
}

func TestSIPTransports_Initial(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		items, total, err := e.SIPTransports.List(e.ctx, confd.InTenants(e.tenant), confd.ListParams{})
		require.NoError(t, err)
		require.Equal(t, 2, total)
		assert.Equal(t, "transport-udp", items[0].Name)
		assert.Equal(t, []resources.SIPOption{{"protocol", "udp"}, {"bind", "0.0.0.0:5060"}}, items[0].Options)
		assert.Equal(t, "transport-wss", items[1].Name)
		assert.Equal(t, []resources.SIPOption{{"protocol", "wss"}, {"bind", "0.0.0.0:5060"}}, items[1].Options)

		byLabel := tenantTemplates(t, e, e.tenant)
		require.NotNil(t, byLabel["global"].Transport)
		assert.Equal(t, items[0].UUID, byLabel["global"].Transport.UUID)
		require.NotNil(t, byLabel["webrtc"].Transport)
		assert.Equal(t, items[1].UUID, byLabel["webrtc"].Transport.UUID)
		assert.Nil(t, byLabel["meeting_guest"].Transport)
	})
}

func TestSIPTransports_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("OK", func(t *testing.T) {
			v := mustCreateTransport(t, e, "my-transport", resources.SIPOption{"bind", "0.0.0.0:5060"},
				resources.SIPOption{"local_net", "192.168.0.0/16"}, resources.SIPOption{"local_net", "10.37.1.0/24"})
			got, err := e.SIPTransports.Get(e.ctx, confd.Scope{}, v.UUID)
			require.NoError(t, err)
			assert.Equal(t, v.Options, got.Options)
			assert.Equal(t, []string{"sip_transport_created"}, e.delivered(t))
			assert.Equal(t, []string{"module reload res_pjsip.so"}, e.reload.Merged().Ipbx)
			ev := e.events.Events()[0]
			assert.Equal(t, "config.sip.transports.created", ev.RoutingKey)
			assert.Empty(t, ev.TenantUUID, "a service event")
			assert.JSONEq(t, `{"uuid":"`+v.UUID+`","name":"my-transport","options":[["bind","0.0.0.0:5060"],
				["local_net","192.168.0.0/16"],["local_net","10.37.1.0/24"]]}`, string(ev.Data))
			e.flush(t)
		})
		t.Run("NoOptions", func(t *testing.T) {
			v := mustCreateTransport(t, e, "bare")
			assert.Equal(t, []resources.SIPOption{}, v.Options)
			e.flush(t)
		})
		mustCreateSIP(t, e, &resources.EndpointSIP{Name: "endpoint-name"})
		mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Name: "template-name"})
		e.flush(t)
		bad := map[string]struct {
			v    confd.SIPTransport
			want string
		}{
			"ErrNameTransport": {confd.SIPTransport{Name: "transport-udp"}, "Resource Error - name already exists ('name': 'transport-udp')"},
			"ErrNameEndpoint":  {confd.SIPTransport{Name: "endpoint-name"}, "Resource Error - name already exists ('name': 'endpoint-name')"},
			"ErrNameTemplate":  {confd.SIPTransport{Name: "template-name"}, "Resource Error - name already exists ('name': 'template-name')"},
			"ErrOptionKey": {confd.SIPTransport{Name: "x", Options: []resources.SIPOption{{"not-an-option", "1"}}},
				"'options: invalid variable (not-an-option)' must be one of"},
			"ErrNameReserved": {confd.SIPTransport{Name: "global"}, "Input Error - name: ['Reserved Asterisk section name']"},
		}
		for name, c := range bad {
			t.Run(name, func(t *testing.T) {
				err := e.SIPTransports.Create(e.ctx, confd.Scope{}, &c.v)
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.want)
				assert.Equal(t, 400, status(err))
				assert.Empty(t, e.delivered(t))
				assert.Empty(t, e.reload.Requests())
			})
		}
	})
}

func TestSIPTransports_Update(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v := mustCreateTransport(t, e, "t1")
		mustCreateSIP(t, e, &resources.EndpointSIP{Name: "endpoint-name"})
		mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Name: "template-name"})
		e.flush(t)
		for name, want := range map[string]string{
			"transport-udp": "Resource Error - Transport already exists ('name': 'transport-udp')",
			"endpoint-name": "Resource Error - SIPEndpoint already exists ('name': 'endpoint-name')",
			"template-name": "Resource Error - SIPEndpointTemplate already exists ('name': 'template-name')",
		} {
			c := *v
			c.Name = name
			assert.EqualError(t, e.SIPTransports.Update(e.ctx, confd.Scope{}, &c), want)
		}
		assert.Empty(t, e.delivered(t))

		v.Name, v.Options = "t2", []resources.SIPOption{{"cipher", "ECDHE-RSA-AES128-GCM-SHA256,TLS_CHACHA20_POLY1305_SHA256"}}
		require.NoError(t, e.SIPTransports.Update(e.ctx, confd.Scope{}, v))
		got, err := e.SIPTransports.Get(e.ctx, confd.Scope{}, v.UUID)
		require.NoError(t, err)
		assert.Equal(t, "t2", got.Name)
		assert.Equal(t, v.Options, got.Options)
		assert.Equal(t, []string{"sip_transport_edited"}, e.delivered(t))
		assert.Equal(t, []string{"module reload res_pjsip.so"}, e.reload.Merged().Ipbx)

		fake := "99999999-9999-4999-9999-999999999999"
		_, err = e.SIPTransports.Get(e.ctx, confd.Scope{}, fake)
		assert.EqualError(t, err, "Resource Not Found - Transport was not found ('uuid': UUID('"+fake+"'))")
		assert.EqualError(t, e.SIPTransports.Update(e.ctx, confd.Scope{}, &confd.SIPTransport{UUID: fake, Name: "t3"}),
			"Resource Not Found - Transport was not found ('uuid': UUID('"+fake+"'))")
	})
}

func TestSIPTransports_Endpoints(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tr := mustCreateTransport(t, e, "t1")
		ep := mustCreateSIP(t, e, &resources.EndpointSIP{Transport: &resources.SIPTransportRef{UUID: tr.UUID}})
		require.NotNil(t, ep.Transport)
		assert.Equal(t, tr.UUID, ep.Transport.UUID)
		tpl := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Transport: &resources.SIPTransportRef{UUID: tr.UUID}})
		got, err := e.EndpointSIPTemplates.Get(e.ctx, confd.Scope{}, tpl.UUID)
		require.NoError(t, err)
		assert.Equal(t, &resources.SIPTransportRef{UUID: tr.UUID}, got.Transport)

		err = e.EndpointsSIP.Create(e.ctx, confd.Scope{}, &resources.EndpointSIP{TenantUUID: e.tenant, Name: "t1"})
		assert.EqualError(t, err, "Resource Error - Transport already exists ('name': 't1')")
		ep.Name = "transport-wss"
		assert.EqualError(t, e.EndpointsSIP.Update(e.ctx, confd.Scope{}, ep), "Resource Error - Transport already exists ('name': 'transport-wss')")
		ep.Name = ""
		ep, err = e.EndpointsSIP.Get(e.ctx, confd.Scope{}, ep.UUID)
		require.NoError(t, err)

		ep.Transport = nil
		require.NoError(t, e.EndpointsSIP.Update(e.ctx, confd.Scope{}, ep))
		got, err = e.EndpointsSIP.Get(e.ctx, confd.Scope{}, ep.UUID)
		require.NoError(t, err)
		assert.Nil(t, got.Transport)
	})
}

func TestSIPTransports_Delete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tr := mustCreateTransport(t, e, "t1")
		fallback := mustCreateTransport(t, e, "t2")
		ep := mustCreateSIP(t, e, &resources.EndpointSIP{Transport: &resources.SIPTransportRef{UUID: tr.UUID}})
		tpl := mustCreateSIPTemplate(t, e, &resources.EndpointSIP{Transport: &resources.SIPTransportRef{UUID: tr.UUID}})
		e.flush(t)
		fake := "99999999-9999-4999-9999-999999999999"
		t.Run("ErrUsed", func(t *testing.T) {
			err := e.SIPTransports.Delete(e.ctx, confd.Scope{}, tr.UUID)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "Resource Error - Transport is associated with a EndpointSIP ('transport_uuid': UUID('"+tr.UUID+"'), 'endpoint_sip_uuid': UUID('")
			assert.Empty(t, e.delivered(t))
		})
		t.Run("ErrFallbackUnknown", func(t *testing.T) {
			err := e.SIPTransports.DeleteWithFallback(e.ctx, confd.Scope{}, tr.UUID, fake)
			assert.EqualError(t, err, "Resource Not Found - Transport was not found ('uuid': UUID('"+fake+"'))")
		})
		t.Run("ErrFallbackItself", func(t *testing.T) {
			err := e.SIPTransports.DeleteWithFallback(e.ctx, confd.Scope{}, tr.UUID, tr.UUID)
			assert.Equal(t, 400, status(err))
		})
		t.Run("ErrUnknown", func(t *testing.T) {
			err := e.SIPTransports.Delete(e.ctx, confd.Scope{}, fake)
			assert.EqualError(t, err, "Resource Not Found - Transport was not found ('uuid': UUID('"+fake+"'))")
		})
		t.Run("Fallback", func(t *testing.T) {
			require.NoError(t, e.SIPTransports.DeleteWithFallback(e.ctx, confd.Scope{}, tr.UUID, fallback.UUID))
			assert.Equal(t, []string{"sip_transport_deleted"}, e.delivered(t))
			assert.Equal(t, []string{"module reload res_pjsip.so"}, e.reload.Merged().Ipbx)
			gotEP, err := e.EndpointsSIP.Get(e.ctx, confd.Scope{}, ep.UUID)
			require.NoError(t, err)
			assert.Equal(t, fallback.UUID, gotEP.Transport.UUID)
			gotTpl, err := e.EndpointSIPTemplates.Get(e.ctx, confd.Scope{}, tpl.UUID)
			require.NoError(t, err)
			assert.Equal(t, fallback.UUID, gotTpl.Transport.UUID)
			_, err = e.SIPTransports.Get(e.ctx, confd.Scope{}, tr.UUID)
			assert.True(t, resources.IsNotFound(err))
		})
		t.Run("Unused", func(t *testing.T) {
			bare := mustCreateTransport(t, e, "t3")
			e.flush(t)
			require.NoError(t, e.SIPTransports.Delete(e.ctx, confd.Scope{}, bare.UUID))
			assert.Equal(t, []string{"sip_transport_deleted"}, e.delivered(t))
		})
	})
}

// TestSIPTransports_ConcurrentDelete races endpoints taking a transport
// against its deletion: no endpoint may be left naming a deleted one.
func TestSIPTransports_ConcurrentDelete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for round := 0; round < 10; round++ {
			tr := mustCreateTransport(t, e, "race")
			var wg sync.WaitGroup
			for i := 0; i < 4; i++ {
				wg.Go(func() {
					_ = e.EndpointsSIP.Create(e.ctx, confd.Scope{}, &resources.EndpointSIP{TenantUUID: e.tenant,
						Transport: &resources.SIPTransportRef{UUID: tr.UUID}})
				})
			}
			wg.Go(func() { _ = e.SIPTransports.Delete(e.ctx, confd.Scope{}, tr.UUID) })
			wg.Wait()
			dangling, err := store.Exists(e.ctx, e.DB(), "endpoints_sip", "transport_uuid IS NOT NULL AND "+
				"NOT EXISTS (SELECT 1 FROM sip_transports AS t WHERE t.uuid = endpoints_sip.transport_uuid)")
			require.NoError(t, err)
			require.False(t, dangling, "round %d: an endpoint names a deleted transport", round)
			_, err = e.DB().NewUpdate().Table("endpoints_sip").Set("transport_uuid = NULL").Where("transport_uuid = ?", tr.UUID).Exec(e.ctx)
			require.NoError(t, err)
			_ = e.SIPTransports.Delete(e.ctx, confd.Scope{}, tr.UUID)
		}
	})
}

// TestSIPTransports_ConcurrentNames races a transport and an endpoint for
// one name: at most one of them may have it.
func TestSIPTransports_ConcurrentNames(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for round := 0; round < 10; round++ {
			name := "same-" + itoa(round)
			var wg sync.WaitGroup
			wg.Go(func() { _ = e.SIPTransports.Create(e.ctx, confd.Scope{}, &confd.SIPTransport{Name: name}) })
			wg.Go(func() {
				_ = e.EndpointsSIP.Create(e.ctx, confd.Scope{}, &resources.EndpointSIP{TenantUUID: e.tenant, Name: name})
			})
			wg.Wait()
			transport, err := store.Exists(e.ctx, e.DB(), "sip_transports", "name = ?", name)
			require.NoError(t, err)
			endpoint, err := store.Exists(e.ctx, e.DB(), "endpoints_sip", "name = ?", name)
			require.NoError(t, err)
			require.True(t, transport != endpoint, "round %d: transport %v, endpoint %v", round, transport, endpoint)
		}
	})
}

// TestSIPTransports_Migration gives the global and webrtc templates made
// before transports existed the transports generation now gives them.
func TestSIPTransports_Migration(t *testing.T) {
	storetest.EachEmpty(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db, err := store.Open(ctx, url)
		require.NoError(t, err)
		defer db.Close()
		_, err = db.MigrateTo(ctx, 11)
		require.NoError(t, err)
		for _, q := range []string{
			"INSERT INTO tenants (uuid, slug, global_sip_template_uuid, webrtc_sip_template_uuid) VALUES ('t1', 't1', 'g', 'w')",
			"INSERT INTO endpoints_sip (uuid, tenant_uuid, template, name) VALUES ('g', 't1', TRUE, 'g'), ('w', 't1', TRUE, 'w'), ('o', 't1', TRUE, 'o')",
		} {
			_, err := db.ExecContext(ctx, q)
			require.NoError(t, err)
		}
		_, err = db.MigrateTo(ctx, 12)
		require.NoError(t, err)
		var rows []struct {
			UUID      string  `bun:"uuid"`
			Transport *string `bun:"transport"`
		}
		require.NoError(t, db.NewSelect().TableExpr("endpoints_sip AS e").
			ColumnExpr("e.uuid, (SELECT t.name FROM sip_transports AS t WHERE t.uuid = e.transport_uuid) AS transport").
			OrderExpr("e.uuid").Scan(ctx, &rows))
		require.Len(t, rows, 3)
		assert.Equal(t, "transport-udp", *rows[0].Transport)
		assert.Nil(t, rows[1].Transport)
		assert.Equal(t, "transport-wss", *rows[2].Transport)
	})
}

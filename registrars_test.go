package confd_test

import (
	"regexp"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

func mustCreateRegistrar(t *testing.T, e *env, r *confd.Registrar) *confd.Registrar {
	t.Helper()
	if r.MainHost == "" {
		r.MainHost, r.ProxyMainHost = "10.0.0.1", "10.0.0.2"
	}
	require.NoError(t, e.Registrars.Create(e.ctx, confd.Scope{}, r))
	return r
}

func TestRegistrars_Default(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		r, err := e.Registrars.Get(e.ctx, confd.InTenants(e.tenant), "default")
		require.NoError(t, err)
		assert.Equal(t, "local", *r.Name)
		assert.False(t, *r.Deletable)
		assert.Equal(t, "127.0.0.1", r.MainHost)
		assert.Equal(t, "127.0.0.1", r.ProxyMainHost)
		assert.Equal(t, []resources.Link{{Rel: "registrars", Href: "/1.1/registrars/default"}}, r.Links)

		err = e.Registrars.Delete(e.ctx, confd.Scope{}, "default")
		assert.EqualError(t, err, "Resource Error - Operation not permitted. Registrar 'default' is not deletable")
		assert.Empty(t, e.delivered(t))
	})
}

func TestRegistrars_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("GeneratedID", func(t *testing.T) {
			r := mustCreateRegistrar(t, e, &confd.Registrar{MainPort: resources.Ptr(5060)})
			assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{32}$`), r.ID)
			assert.True(t, *r.Deletable)
			assert.Equal(t, []string{"registrar_created"}, e.delivered(t))
			assert.Empty(t, e.reload.Requests(), "registrars reload nothing")
			ev := e.events.Events()[0]
			assert.Equal(t, "config.registrar.created", ev.RoutingKey)
			assert.Empty(t, ev.TenantUUID, "a service event")
			assert.NotContains(t, ev.Headers, "user_uuid:*")
			assert.JSONEq(t, `{"id":"`+r.ID+`","deletable":true,"name":null,"main_host":"10.0.0.1","main_port":5060,
				"backup_host":null,"backup_port":null,"proxy_main_host":"10.0.0.2","proxy_main_port":null,
				"proxy_backup_host":null,"proxy_backup_port":null,"outbound_proxy_host":null,"outbound_proxy_port":null}`, string(ev.Data))
			e.flush(t)
		})
		t.Run("GivenID", func(t *testing.T) {
			r := mustCreateRegistrar(t, e, &confd.Registrar{ID: "Mine", Deletable: resources.Ptr(false)})
			got, err := e.Registrars.Get(e.ctx, confd.Scope{}, "Mine")
			require.NoError(t, err)
			assert.Equal(t, r.ID, got.ID)
			assert.False(t, *got.Deletable)
			e.flush(t)
		})
		t.Run("ErrIDTaken", func(t *testing.T) {
			err := e.Registrars.Create(e.ctx, confd.Scope{}, &confd.Registrar{ID: "default", MainHost: "h", ProxyMainHost: "p"})
			assert.EqualError(t, err, "Resource Error - Registrar already exists ('id': 'default')")
			assert.Empty(t, e.delivered(t))
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := e.Registrars.Get(e.ctx, confd.Scope{}, "999999")
			assert.EqualError(t, err, "Resource Not Found - Registrar was not found ('id': '999999')")
		})
	})
}

func TestRegistrars_UpdateDelete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		r := mustCreateRegistrar(t, e, &confd.Registrar{ID: "r1", Name: resources.Ptr("one")})
		e.flush(t)
		r.Name, r.BackupHost, r.MainPort = nil, resources.Ptr("10.0.0.3"), resources.Ptr(5070)
		require.NoError(t, e.Registrars.Update(e.ctx, confd.Scope{}, r))
		got, err := e.Registrars.Get(e.ctx, confd.Scope{}, "r1")
		require.NoError(t, err)
		assert.Nil(t, got.Name)
		assert.Equal(t, "10.0.0.3", *got.BackupHost)
		assert.Equal(t, 5070, *got.MainPort)
		assert.Equal(t, []string{"registrar_edited"}, e.delivered(t))
		e.flush(t)

		l := mustCreateLine(t, e, &confd.Line{Context: "default", Registrar: "r1"})
		e.flush(t)
		err = e.Registrars.Delete(e.ctx, confd.Scope{}, "r1")
		assert.EqualError(t, err, "Resource Error - Registrar is associated with a Line ('registrar_id': 'r1', 'line_id': "+itoa(l.ID)+")")
		assert.Empty(t, e.delivered(t))

		require.NoError(t, e.Lines.Delete(e.ctx, confd.Scope{}, l.ID))
		e.flush(t)
		require.NoError(t, e.Registrars.Delete(e.ctx, confd.Scope{}, "r1"))
		assert.Equal(t, []string{"registrar_deleted"}, e.delivered(t))
		_, err = e.Registrars.Get(e.ctx, confd.Scope{}, "r1")
		assert.True(t, resources.IsNotFound(err))
		assert.True(t, resources.IsNotFound(e.Registrars.Delete(e.ctx, confd.Scope{}, "r1")))
	})
}

func TestRegistrars_Lines(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		mustCreateRegistrar(t, e, &confd.Registrar{ID: "other"})
		l := mustCreateLine(t, e, &confd.Line{Context: "default", Registrar: "other"})
		assert.Equal(t, "other", l.Registrar)
		l.Registrar = "gone"
		err := e.Lines.Update(e.ctx, confd.Scope{}, l)
		assert.EqualError(t, err, "Input Error - field 'registrar': Registrar was not found ('registrar': 'gone')")
		l.Registrar = "default"
		require.NoError(t, e.Lines.Update(e.ctx, confd.Scope{}, l))
	})
}

// listIDs lists registrars with query q and returns the ids and the total.
func listIDs(t *testing.T, e *env, q map[string][]string) ([]string, int) {
	t.Helper()
	p, err := e.Registrars.ParseList(q)
	require.NoError(t, err)
	items, total, err := e.Registrars.List(e.ctx, confd.Scope{}, p)
	require.NoError(t, err)
	ids := []string{}
	for _, r := range items {
		ids = append(ids, r.ID)
	}
	return ids, total
}

func TestRegistrars_List(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		mustCreateRegistrar(t, e, &confd.Registrar{ID: "VisibleId", Name: resources.Ptr("Visible"), MainPort: resources.Ptr(5061),
			MainHost: "99.0.0.1", ProxyMainHost: "1.2.3.4"})
		mustCreateRegistrar(t, e, &confd.Registrar{ID: "HiddenId", Name: resources.Ptr("Hidden"), MainPort: resources.Ptr(50600),
			MainHost: "99.0.0.2", ProxyMainHost: "1.2.2.4"})
		q := func(kv ...string) map[string][]string {
			m := map[string][]string{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i]] = []string{kv[i+1]}
			}
			return m
		}
		cases := []struct {
			name  string
			query map[string][]string
			want  []string
			total int
		}{
			{"DefaultOrderByNameAsText", q(), []string{"HiddenId", "VisibleId", "default"}, 3},
			{"SearchAnyFieldCaseless", q("search", "LEID"), []string{"VisibleId"}, 1},
			{"SearchPort", q("search", "5061"), []string{"VisibleId"}, 1},
			{"FilterSubstring", q("proxy_main_host", "1.2.3"), []string{"VisibleId"}, 1},
			{"FiltersOr", q("name", "visible", "main_host", "99.0.0.2"), []string{"HiddenId", "VisibleId"}, 2},
			{"OrderPortAsText", q("order", "main_port", "search", "99.0"), []string{"HiddenId", "VisibleId"}, 2},
			{"OrderDesc", q("order", "main_port", "direction", "desc", "search", "99.0"), []string{"VisibleId", "HiddenId"}, 2},
			{"UnsetSortsFirst", q("order", "main_port"), []string{"default", "HiddenId", "VisibleId"}, 3},
			{"OffsetLimit", q("offset", "1", "limit", "1"), []string{"VisibleId"}, 3},
			{"LimitZeroIsAll", q("limit", "0"), []string{"HiddenId", "VisibleId", "default"}, 3},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				ids, total := listIDs(t, e, c.query)
				assert.Equal(t, c.want, ids)
				assert.Equal(t, c.total, total)
			})
		}
		_, err := e.Registrars.ParseList(q("order", "deletable"))
		assert.EqualError(t, err, "Input Error - order: column 'deletable' was not found")
	})
}

// TestRegistrars_ConcurrentDelete races lines taking a registrar against
// its deletion: no line may be left naming a deleted registrar.
func TestRegistrars_ConcurrentDelete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for round := 0; round < 10; round++ {
			mustCreateRegistrar(t, e, &confd.Registrar{ID: "race"})
			var wg sync.WaitGroup
			for i := 0; i < 4; i++ {
				wg.Go(func() {
					_ = e.Lines.Create(e.ctx, confd.Scope{}, &confd.Line{Context: "default", Registrar: "race"})
				})
			}
			wg.Go(func() { _ = e.Registrars.Delete(e.ctx, confd.Scope{}, "race") })
			wg.Wait()
			dangling, err := store.Exists(e.ctx, e.DB(), "lines",
				"NOT EXISTS (SELECT 1 FROM registrars AS r WHERE r.id = lines.registrar)")
			require.NoError(t, err)
			require.False(t, dangling, "round %d: a line names a deleted registrar", round)
			_, err = e.DB().NewDelete().Table("lines").Where("registrar = ?", "race").Exec(e.ctx)
			require.NoError(t, err)
			_ = e.Registrars.Delete(e.ctx, confd.Scope{}, "race")
		}
	})
}

// Global objects have no tenant: a caller's tenant scope does not keep it
// from writing them (who may is the API's rule, see masterTenantOnly).
func TestGlobalObjects_AnyScope(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		scope := confd.InTenants(e.tenant)
		r := &confd.Registrar{MainHost: "h", ProxyMainHost: "p"}
		require.NoError(t, e.Registrars.Create(e.ctx, scope, r))
		r.MainHost = "h2"
		require.NoError(t, e.Registrars.Update(e.ctx, scope, r))
		got, err := e.Registrars.Get(e.ctx, scope, r.ID)
		require.NoError(t, err)
		assert.Equal(t, "h2", got.MainHost)
		_, total, err := e.SIPTransports.List(e.ctx, scope, confd.ListParams{})
		require.NoError(t, err)
		assert.Equal(t, 2, total, "the shipped transports")
	})
}

package confd_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store/storetest"
)

func TestPhoneNumbers_SetMain(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := mustCreatePhoneNumber(t, e, "1000")
		b := mustCreatePhoneNumber(t, e, "1001")
		e.flush(t)
		_, err := e.PhoneNumbers.GetMain(e.ctx, confd.Scope{}, e.tenant)
		assert.Equal(t, []string{"Resource Not Found - PhoneNumber was not found ('main': True)"}, messages(err))

		t.Run("First", func(t *testing.T) {
			got, err := e.SetMainPhoneNumber(e.ctx, confd.InTenants(e.tenant), e.tenant, a.UUID)
			require.NoError(t, err)
			assert.True(t, got.Main && got.Shared)
			main, err := e.PhoneNumbers.GetMain(e.ctx, confd.Scope{}, e.tenant)
			require.NoError(t, err)
			assert.Equal(t, a.UUID, main.UUID)
			assert.True(t, main.Shared, "the main number is shared")
			assert.Equal(t, "/1.1/phone-numbers/"+a.UUID, main.Links[0].Href)
			assert.Equal(t, []string{"phone_number_edited", "phone_number_main_updated"}, e.delivered(t))
			assertMainEvent(t, e, nil, a.UUID)
			e.flush(t)
		})
		t.Run("Replace", func(t *testing.T) {
			_, err := e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, b.UUID)
			require.NoError(t, err)
			old, _ := e.PhoneNumbers.Get(e.ctx, confd.Scope{}, a.UUID)
			assert.False(t, old.Main)
			assert.True(t, old.Shared, "the old main number stays shared")
			main, _ := e.PhoneNumbers.GetMain(e.ctx, confd.Scope{}, e.tenant)
			assert.Equal(t, b.UUID, main.UUID)
			assert.Equal(t, []string{"phone_number_edited", "phone_number_edited", "phone_number_main_updated"}, e.delivered(t))
			assert.Contains(t, string(e.events.Events()[0].Data), `"uuid":"`+a.UUID+`"`)
			assert.Contains(t, string(e.events.Events()[0].Data), `"main":false`)
			assertMainEvent(t, e, a.UUID, b.UUID)
			e.flush(t)
		})
		t.Run("Again", func(t *testing.T) {
			_, err := e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, b.UUID)
			require.NoError(t, err)
			assert.Equal(t, []string{"phone_number_edited", "phone_number_main_updated"}, e.delivered(t))
			assertMainEvent(t, e, b.UUID, b.UUID)
			e.flush(t)
		})
		t.Run("ErrUnknown", func(t *testing.T) {
			unknown := resources.NewUUID()
			_, err := e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, unknown)
			assert.Equal(t, []string{"Resource Not Found - PhoneNumber was not found ('uuid': '" + unknown + "')"}, messages(err))
			assertMain(t, e, b.UUID)
		})
		t.Run("ErrOtherTenant", func(t *testing.T) {
			other := &resources.Tenant{Name: "other", Slug: "other"}
			require.NoError(t, e.Tenants.Create(e.ctx, "", other))
			theirs := &confd.PhoneNumber{Number: "1000", TenantUUID: other.UUID}
			require.NoError(t, e.PhoneNumbers.Create(e.ctx, confd.Scope{}, theirs))
			e.flush(t)
			_, err := e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, theirs.UUID)
			assert.Equal(t, []string{"Resource Not Found - PhoneNumber was not found ('uuid': '" + theirs.UUID + "')"}, messages(err))
			_, err = e.PhoneNumbers.SetMain(e.ctx, confd.InTenants(other.UUID), e.tenant, b.UUID)
			assert.Equal(t, 404, status(err), "a tenant out of scope")
			_, err = e.PhoneNumbers.GetMain(e.ctx, confd.InTenants(other.UUID), e.tenant)
			assert.Equal(t, 404, status(err))
			_, err = e.PhoneNumbers.GetMain(e.ctx, confd.Scope{}, other.UUID)
			assert.Equal(t, 404, status(err), "each tenant has its own main number")
			assertMain(t, e, b.UUID)
			assert.Empty(t, e.delivered(t))
		})
	})
}

func assertMainEvent(t *testing.T, e *env, current any, next string) {
	t.Helper()
	evs := e.events.Events()
	ev := evs[len(evs)-1]
	assert.Equal(t, "config.phone_number.main.updated", ev.RoutingKey)
	assert.Equal(t, e.tenant, ev.TenantUUID)
	want, _ := json.Marshal(map[string]any{"current_main_uuid": current, "new_main_uuid": next})
	assert.JSONEq(t, string(want), string(ev.Data))
}

// assertMain checks that the tenant has exactly one main number, uuid.
func assertMain(t *testing.T, e *env, uuid string) {
	t.Helper()
	p, err := e.PhoneNumbers.ParseList(map[string][]string{"main": {"true"}})
	require.NoError(t, err)
	items, total, err := e.PhoneNumbers.List(e.ctx, confd.InTenants(e.tenant), p)
	require.NoError(t, err)
	require.Equal(t, 1, total, "one main number")
	if uuid != "" {
		assert.Equal(t, uuid, items[0].UUID)
	}
}

// The database itself keeps one main number per tenant, and the main
// number shared, whatever writes it.
func TestPhoneNumbers_MainInDatabase(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := mustCreatePhoneNumber(t, e, "1000")
		b := mustCreatePhoneNumber(t, e, "1001")
		_, err := e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, a.UUID)
		require.NoError(t, err)
		_, err = e.DB().NewUpdate().Table("phone_numbers").Set("main = ?, shared = ?", true, true).Where("uuid = ?", b.UUID).Exec(e.ctx)
		assert.Error(t, err, "a second main number")
		_, err = e.DB().NewUpdate().Table("phone_numbers").Set("shared = ?", false).Where("uuid = ?", a.UUID).Exec(e.ctx)
		assert.Error(t, err, "an unshared main number")
		assertMain(t, e, a.UUID)
	})
}

// 32 goroutines set 32 different main numbers at once: every call
// succeeds, and the tenant ends with exactly one main number, the end of
// a chain of announcements where each setter replaced the previous
// one's number. On PostgreSQL the goroutines share two Clients, as two
// confd processes on one database would.
func TestPhoneNumbers_SetMain_Concurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		e := newEnv(t, url)
		clients := []*confd.Client{e.Client}
		if url != "sqlite::memory:" {
			other, err := confd.New(e.ctx, confd.Config{DatabaseURL: url, Publisher: e.events, Reloader: e.reload,
				RetryInterval: 20 * time.Millisecond, Logger: quiet})
			require.NoError(t, err)
			t.Cleanup(func() { other.Close() })
			clients = append(clients, other)
		}
		r, err := e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, e.tenant, "5000", "5031")
		require.NoError(t, err)
		e.flush(t)
		var wg sync.WaitGroup
		errs := make([]error, len(r.Created))
		for i, n := range r.Created {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = clients[i%len(clients)].PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, n.UUID)
			}()
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		assertMain(t, e, "")
		main, err := e.PhoneNumbers.GetMain(e.ctx, confd.Scope{}, e.tenant)
		require.NoError(t, err)
		require.NoError(t, e.Flush(e.ctx))
		assert.Equal(t, main.UUID, followMainChain(t, e, 32))
	})
}

// followMainChain checks that the main_updated events form one chain, each
// setter replacing the main number the previous one set, and returns its end.
func followMainChain(t *testing.T, e *env, n int) string {
	t.Helper()
	next := map[string]string{}
	seen := map[string]bool{}
	for _, ev := range e.events.Events() {
		if ev.Name != "phone_number_main_updated" || seen[ev.ID] {
			continue // delivery is at least once: an event may come twice
		}
		seen[ev.ID] = true
		var d struct {
			Current *string `json:"current_main_uuid"`
			New     string  `json:"new_main_uuid"`
		}
		require.NoError(t, json.Unmarshal(ev.Data, &d))
		from := ""
		if d.Current != nil {
			from = *d.Current
		}
		_, dup := next[from]
		require.False(t, dup, "two setters replaced %q", from)
		next[from] = d.New
	}
	require.Len(t, next, n)
	at := ""
	for range n {
		at = next[at]
	}
	return at
}

// An update made from a copy read before a concurrent SetMain neither
// undoes it nor makes a second main number: Update never writes main from
// the caller's copy.
func TestPhoneNumbers_SetMain_ConcurrentUpdate(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := mustCreatePhoneNumber(t, e, "1000")
		b := mustCreatePhoneNumber(t, e, "1001")
		for i := range 20 {
			stale, err := e.PhoneNumbers.Get(e.ctx, confd.Scope{}, a.UUID)
			require.NoError(t, err)
			stale.Shared = true
			var wg sync.WaitGroup
			wg.Add(2)
			go func() {
				defer wg.Done()
				_, err := e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, a.UUID)
				assert.NoError(t, err)
			}()
			go func() {
				defer wg.Done()
				stale.CallerIDName = confd.Ptr("try " + itoa(i))
				assert.NoError(t, e.PhoneNumbers.Update(e.ctx, confd.Scope{}, stale))
			}()
			wg.Wait()
			assertMain(t, e, a.UUID)
			_, err = e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, b.UUID)
			require.NoError(t, err)
		}
	})
}

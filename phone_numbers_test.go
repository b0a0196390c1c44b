package confd_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreatePhoneNumber(t *testing.T, e *env, number string) *confd.PhoneNumber {
	t.Helper()
	p := &confd.PhoneNumber{Number: number, TenantUUID: e.tenant}
	require.NoError(t, e.PhoneNumbers.Create(e.ctx, confd.Scope{}, p))
	return p
}

func TestPhoneNumbers_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("OK", func(t *testing.T) {
			p := &confd.PhoneNumber{Number: "+15551230000", CallerIDName: confd.Ptr("Sales"), Main: true, TenantUUID: e.tenant}
			require.NoError(t, e.PhoneNumbers.Create(e.ctx, confd.Scope{}, p))
			assert.Len(t, p.UUID, 36)
			assert.False(t, p.Main, "main is read-only")
			assert.False(t, p.Shared)
			href := "/1.1/phone-numbers/" + p.UUID
			assert.Equal(t, []resources.Link{{Rel: "phone_numbers", Href: href}}, p.Links)
			assert.Equal(t, []string{"phone_number_created"}, e.delivered(t))
			ev := e.events.Events()[0]
			assert.Equal(t, "config.phone_number.created", ev.RoutingKey)
			assert.Equal(t, e.tenant, ev.TenantUUID)
			assert.JSONEq(t, `{"uuid":"`+p.UUID+`","tenant_uuid":"`+e.tenant+`","number":"+15551230000",
				"caller_id_name":"Sales","main":false,"shared":false,"links":[{"rel":"phone_numbers","href":"`+href+`"}]}`, string(ev.Data))
			e.flush(t)
		})
		t.Run("ErrDuplicate", func(t *testing.T) {
			err := e.PhoneNumbers.Create(e.ctx, confd.Scope{}, &confd.PhoneNumber{Number: "+15551230000", TenantUUID: e.tenant})
			assert.Equal(t, []string{"Resource Error - PhoneNumber already exists ('number': '+15551230000', 'tenant_uuid': '" + e.tenant + "')"},
				messages(err))
			assert.Equal(t, 1, countAll(t, e, e.PhoneNumbers))
			assert.Empty(t, e.delivered(t))
		})
		t.Run("SameNumberOtherTenant", func(t *testing.T) {
			other := &resources.Tenant{Name: "other", Slug: "other"}
			require.NoError(t, e.Tenants.Create(e.ctx, "", other))
			p := &confd.PhoneNumber{Number: "+15551230000", TenantUUID: other.UUID}
			require.NoError(t, e.PhoneNumbers.Create(e.ctx, confd.Scope{}, p))
			e.flush(t)
		})
		t.Run("ErrTenantOutOfScope", func(t *testing.T) {
			err := e.PhoneNumbers.Create(e.ctx, confd.InTenants("other"), &confd.PhoneNumber{Number: "1", TenantUUID: e.tenant})
			assert.Equal(t, 404, status(err))
		})
		t.Run("ErrUnknownTenant", func(t *testing.T) {
			err := e.PhoneNumbers.Create(e.ctx, confd.Scope{}, &confd.PhoneNumber{Number: "1", TenantUUID: resources.NewUUID()})
			assert.Equal(t, 400, status(err))
			assert.Contains(t, err.Error(), "Tenant was not found")
		})
	})
}

// badNumbers are the numbers the API refuses, with wazo's messages.
var badNumbers = map[string]string{
	"letters":                "['not a valid digit-only phone number']",
	"12a4":                   "['not a valid digit-only phone number']",
	"+":                      "['not a valid digit-only phone number']",
	"++15551234":             "['not a valid digit-only phone number']",
	"1+5551234":              "['not a valid digit-only phone number']",
	"555-1234":               "['not a valid digit-only phone number']",
	" 5551234":               "['not a valid digit-only phone number']",
	"":                       "['Length must be between 1 and 128.', 'not a valid digit-only phone number']",
	strings.Repeat("1", 129): "['Length must be between 1 and 128.']",
}

func TestPhoneNumbers_Create_BadInput(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for number, msg := range badNumbers {
			err := e.PhoneNumbers.Create(e.ctx, confd.Scope{}, &confd.PhoneNumber{Number: number, TenantUUID: e.tenant})
			assert.Equal(t, []string{"Input Error - number: " + msg}, messages(err), "%q", number)
		}
		for _, name := range []string{"", strings.Repeat("x", 257)} {
			err := e.PhoneNumbers.Create(e.ctx, confd.Scope{}, &confd.PhoneNumber{Number: "1", CallerIDName: &name, TenantUUID: e.tenant})
			assert.Equal(t, []string{"Input Error - caller_id_name: ['Length must be between 1 and 256.']"}, messages(err))
		}
		ok := &confd.PhoneNumber{Number: "+" + strings.Repeat("1", 127), CallerIDName: confd.Ptr(strings.Repeat("x", 256)), TenantUUID: e.tenant}
		require.NoError(t, e.PhoneNumbers.Create(e.ctx, confd.Scope{}, ok), "the longest accepted values")
		require.NoError(t, e.PhoneNumbers.Delete(e.ctx, confd.Scope{}, ok.UUID))
		assert.Zero(t, countAll(t, e, e.PhoneNumbers))
		assert.Equal(t, []string{"phone_number_created", "phone_number_deleted"}, e.delivered(t))
	})
}

func TestPhoneNumbers_Update(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := mustCreatePhoneNumber(t, e, "1000")
		q := mustCreatePhoneNumber(t, e, "1001")
		e.flush(t)
		t.Run("OK", func(t *testing.T) {
			p.Number, p.CallerIDName, p.Shared, p.Main = "+1000", confd.Ptr("Front"), true, true
			require.NoError(t, e.PhoneNumbers.Update(e.ctx, confd.Scope{}, p))
			got, err := e.PhoneNumbers.Get(e.ctx, confd.Scope{}, p.UUID)
			require.NoError(t, err)
			assert.Equal(t, "+1000", got.Number)
			assert.Equal(t, "Front", *got.CallerIDName)
			assert.True(t, got.Shared)
			assert.False(t, got.Main, "main cannot be set by Update")
			assert.Equal(t, []string{"phone_number_edited"}, e.delivered(t))
			assert.Contains(t, string(e.events.Events()[0].Data), `"main":false`)
			e.flush(t)
		})
		t.Run("ErrDuplicate", func(t *testing.T) {
			q.Number = "+1000"
			err := e.PhoneNumbers.Update(e.ctx, confd.Scope{}, q)
			assert.Equal(t, 400, status(err))
			assert.Contains(t, err.Error(), "PhoneNumber already exists ('number': '+1000'")
			got, _ := e.PhoneNumbers.Get(e.ctx, confd.Scope{}, q.UUID)
			assert.Equal(t, "1001", got.Number)
			assert.Empty(t, e.delivered(t))
		})
		t.Run("ErrBadNumber", func(t *testing.T) {
			q.Number = "10-01"
			assert.Equal(t, 400, status(e.PhoneNumbers.Update(e.ctx, confd.Scope{}, q)))
			assert.Empty(t, e.delivered(t))
		})
		t.Run("KeepsMainAndTenant", func(t *testing.T) {
			_, err := e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, q.UUID)
			require.NoError(t, err)
			e.flush(t)
			q, err = e.PhoneNumbers.Get(e.ctx, confd.Scope{}, q.UUID)
			require.NoError(t, err)
			q.Number, q.Main, q.TenantUUID = "1001", false, "elsewhere"
			require.NoError(t, e.PhoneNumbers.Update(e.ctx, confd.Scope{}, q))
			got, _ := e.PhoneNumbers.Get(e.ctx, confd.Scope{}, q.UUID)
			assert.True(t, got.Main)
			assert.Equal(t, e.tenant, got.TenantUUID)
			e.flush(t)
		})
		t.Run("ErrUnshareMain", func(t *testing.T) {
			q.Shared = false
			err := e.PhoneNumbers.Update(e.ctx, confd.Scope{}, q)
			assert.Equal(t, []string{"Resource Error - Operation not permitted. The main phone number must be shared"}, messages(err))
			got, _ := e.PhoneNumbers.Get(e.ctx, confd.Scope{}, q.UUID)
			assert.True(t, got.Shared)
			assert.Empty(t, e.delivered(t))
		})
	})
}

func TestPhoneNumbers_Delete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := mustCreatePhoneNumber(t, e, "1000")
		_, err := e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, p.UUID)
		require.NoError(t, err)
		e.flush(t)
		require.Equal(t, 404, status(e.PhoneNumbers.Delete(e.ctx, confd.InTenants("other"), p.UUID)))
		require.NoError(t, e.PhoneNumbers.Delete(e.ctx, confd.Scope{}, p.UUID))
		assert.Equal(t, []string{"phone_number_deleted"}, e.delivered(t))
		_, err = e.PhoneNumbers.GetMain(e.ctx, confd.Scope{}, e.tenant)
		assert.Equal(t, []string{"Resource Not Found - PhoneNumber was not found ('main': True)"}, messages(err))
		err = e.PhoneNumbers.Delete(e.ctx, confd.Scope{}, p.UUID)
		assert.Equal(t, []string{"Resource Not Found - PhoneNumber was not found ('uuid': '" + p.UUID + "')"}, messages(err))
	})
}

func TestPhoneNumbers_List(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := &confd.PhoneNumber{Number: "+18001235555", CallerIDName: confd.Ptr("search"), Shared: true, TenantUUID: e.tenant}
		require.NoError(t, e.PhoneNumbers.Create(e.ctx, confd.Scope{}, a))
		b := &confd.PhoneNumber{Number: "+15551112222", CallerIDName: confd.Ptr("hidden"), TenantUUID: e.tenant}
		require.NoError(t, e.PhoneNumbers.Create(e.ctx, confd.Scope{}, b))
		c := &confd.PhoneNumber{Number: "2000", CallerIDName: confd.Ptr("zz"), TenantUUID: e.tenant}
		require.NoError(t, e.PhoneNumbers.Create(e.ctx, confd.Scope{}, c))
		_, err := e.PhoneNumbers.SetMain(e.ctx, confd.Scope{}, e.tenant, a.UUID)
		require.NoError(t, err)
		list := func(q map[string][]string) []string {
			p, err := e.PhoneNumbers.ParseList(q)
			require.NoError(t, err)
			items, total, err := e.PhoneNumbers.List(e.ctx, confd.InTenants(e.tenant), p)
			require.NoError(t, err)
			var out []string
			for _, v := range items {
				out = append(out, v.Number)
			}
			if p.Limit == nil && p.Offset == 0 {
				assert.Len(t, out, total)
			}
			return out
		}
		assert.Equal(t, []string{"+15551112222", "+18001235555", "2000"}, list(nil), "sorted by number")
		assert.Equal(t, []string{"2000", "+18001235555", "+15551112222"}, list(map[string][]string{"direction": {"desc"}}))
		assert.Equal(t, []string{"+18001235555"}, list(map[string][]string{"search": {"800123"}}))
		assert.Equal(t, []string{"+18001235555"}, list(map[string][]string{"search": {"SEARCH"}}))
		assert.Equal(t, []string{"+18001235555"}, list(map[string][]string{"number": {"+18001235555"}}))
		assert.Equal(t, []string{"+18001235555"}, list(map[string][]string{"main": {"True"}}))
		assert.Equal(t, []string{"+15551112222", "2000"}, list(map[string][]string{"main": {"false"}}))
		assert.Equal(t, []string{"+18001235555"}, list(map[string][]string{"shared": {"true"}}))
		assert.Equal(t, []string{"+15551112222"}, list(map[string][]string{"caller_id_name": {"hidden"}}))
		assert.Equal(t, []string{"+15551112222"}, list(map[string][]string{"order": {"caller_id_name"}, "limit": {"1"}}))
		assert.Equal(t, []string{"2000"}, list(map[string][]string{"offset": {"2"}}))
		_, total, err := e.PhoneNumbers.List(e.ctx, confd.InTenants("other"), confd.ListParams{})
		require.NoError(t, err)
		assert.Zero(t, total, "another tenant sees none")
		_, err = e.PhoneNumbers.Get(e.ctx, confd.InTenants("other"), c.UUID)
		assert.Equal(t, 404, status(err))
	})
}

// messages returns the messages of an API error (nil for nil).
func messages(err error) []string {
	var e *resources.Error
	if errors.As(err, &e) {
		return e.Messages
	}
	if err != nil {
		return []string{err.Error()}
	}
	return nil
}

// Concurrent writers of one number, alone or in overlapping ranges, end
// with one row per number: the losers see the winner (one "already exists"
// each, never a 500), ranges skip what the others created.
func TestPhoneNumbers_Concurrent(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = e.PhoneNumbers.Create(e.ctx, confd.Scope{}, &confd.PhoneNumber{Number: "+15550000", TenantUUID: e.tenant})
			}()
		}
		wg.Wait()
		created := 0
		for _, err := range errs {
			if err == nil {
				created++
				continue
			}
			assert.Equal(t, 400, status(err), "%v", err)
		}
		assert.Equal(t, 1, created)
		ranges := make([]*resources.PhoneNumberRange, 4)
		for i := range ranges {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var err error
				ranges[i], err = e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, e.tenant, itoa(1000+100*i), itoa(1199+100*i))
				assert.NoError(t, err)
			}()
		}
		wg.Wait()
		total := 0
		for _, r := range ranges {
			require.NotNil(t, r)
			assert.Len(t, r.Links, 200)
			total += len(r.Created)
		}
		assert.Equal(t, 500, total, "1000-1499, each number created once")
		assert.Equal(t, 501, countAll(t, e, e.PhoneNumbers))
	})
}

package confd_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestPhoneNumbers_CreateRange(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("OK", func(t *testing.T) {
			r, err := e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, e.tenant, "+18001235560", "+18001235569")
			require.NoError(t, err)
			assert.Equal(t, 10, r.Total)
			require.Len(t, r.Created, 10)
			require.Len(t, r.Links, 10)
			for i, c := range r.Created {
				assert.Equal(t, "+1800123556"+itoa(i), c.Number)
				assert.Equal(t, resources.Link{Rel: "phone_numbers", Href: "/1.1/phone-numbers/" + c.UUID}, r.Links[i])
				got, err := e.PhoneNumbers.Get(e.ctx, confd.InTenants(e.tenant), c.UUID)
				require.NoError(t, err)
				assert.Equal(t, c.Number, got.Number)
				assert.False(t, got.Main || got.Shared)
				assert.Nil(t, got.CallerIDName)
			}
			names := e.delivered(t)
			assert.Len(t, names, 10)
			assert.Equal(t, "phone_number_created", names[9])
			ev := e.events.Events()[0]
			assert.Equal(t, "config.phone_number.created", ev.RoutingKey)
			assert.Contains(t, string(ev.Data), `"number":"+18001235560"`)
			e.flush(t)
		})
		t.Run("SkipsExisting", func(t *testing.T) {
			before, err := e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, e.tenant, "+18001235565", "+18001235574")
			require.NoError(t, err)
			assert.Equal(t, 10, before.Total)
			require.Len(t, before.Created, 5)
			assert.Equal(t, "+18001235570", before.Created[0].Number)
			require.Len(t, before.Links, 10, "one link per number of the range")
			assert.Len(t, e.delivered(t), 5)
			e.flush(t)
			again, err := e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, e.tenant, "+18001235560", "+18001235574")
			require.NoError(t, err)
			assert.Empty(t, again.Created)
			assert.Len(t, again.Links, 15)
			assert.Empty(t, e.delivered(t))
		})
		t.Run("SingletonAndLeadingZeros", func(t *testing.T) {
			r, err := e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, e.tenant, "0098", "0102")
			require.NoError(t, err)
			var got []string
			for _, c := range r.Created {
				got = append(got, c.Number)
			}
			assert.Equal(t, []string{"0098", "0099", "0100", "0101", "0102"}, got)
			r, err = e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, e.tenant, "7", "7")
			require.NoError(t, err)
			assert.Equal(t, 1, r.Total)
			e.flush(t)
		})
		t.Run("PerTenant", func(t *testing.T) {
			other := &resources.Tenant{Name: "other", Slug: "other"}
			require.NoError(t, e.Tenants.Create(e.ctx, "", other))
			r, err := e.CreatePhoneNumberRange(e.ctx, confd.InTenants(other.UUID), other.UUID, "+18001235560", "+18001235569")
			require.NoError(t, err)
			assert.Len(t, r.Created, 10, "another tenant's numbers do not count")
			_, err = e.CreatePhoneNumberRange(e.ctx, confd.InTenants(other.UUID), e.tenant, "1", "2")
			assert.Equal(t, 404, status(err))
			e.flush(t)
		})
	})
}

func TestPhoneNumbers_CreateRange_BadInput(t *testing.T) {
	must := func(msg string) []string { return []string{"Input Error - _schema: ['" + msg + "']"} }
	precede := must("start phone number must precede end phone number")
	size := must("range size must be between 1 and 10000")
	cases := []struct {
		name, start, end string
		want             []string
	}{
		{"Reversed", "+18001230000", "+18001225000", precede},
		{"TooLarge", "+18001230000", "+18001249999", size},
		{"OneOverMax", "10000", "20000", size},
		{"Huge", "1" + zeros(100), "9" + zeros(100), size},
		{"MixedForm", "+1000", "10000", must("start and end phone numbers must both have a leading + or both have none")},
		{"DifferentLength", "99", "100", must("start and end phone numbers must have the same length")},
		{"Letters", "1000a", "10010", []string{"Input Error - start_number: ['not a valid digit-only phone number']"}},
		{"PlusAlone", "+", "+1", []string{"Input Error - start_number: ['not a valid digit-only phone number']"}},
		{"TwoPlus", "++1", "++2", []string{"Input Error - end_number: ['not a valid digit-only phone number']",
			"Input Error - start_number: ['not a valid digit-only phone number']"}},
		{"Hyphens", "555-0000", "555-0009", []string{"Input Error - end_number: ['not a valid digit-only phone number']",
			"Input Error - start_number: ['not a valid digit-only phone number']"}},
		{"Empty", "", "1", []string{"Input Error - start_number: ['Length must be between 1 and 128.', 'not a valid digit-only phone number']"}},
	}
	each(t, func(t *testing.T, e *env) {
		for _, c := range cases {
			_, err := e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, e.tenant, c.start, c.end)
			assert.Equal(t, c.want, messages(err), c.name)
		}
		r, err := e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, e.tenant, "10000", "19999")
		require.NoError(t, err, "exactly 10,000 numbers")
		assert.Equal(t, 10000, r.Total)
		_, err = e.CreatePhoneNumberRange(e.ctx, confd.Scope{}, resources.NewUUID(), "1", "2")
		assert.Contains(t, err.Error(), "Tenant was not found")
	})
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

// A range is one transaction: when the transaction it belongs to fails,
// nothing of it remains, events included.
func TestPhoneNumbers_CreateRange_AllOrNothing(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		boom := errors.New("boom")
		err := e.RunInTx(e.ctx, func(ctx context.Context, tx *confd.Client) error {
			r, err := tx.CreatePhoneNumberRange(ctx, confd.Scope{}, e.tenant, "2000", "2999")
			require.NoError(t, err)
			require.Len(t, r.Created, 1000)
			return boom
		})
		require.ErrorIs(t, err, boom)
		assert.Zero(t, countAll(t, e, e.PhoneNumbers))
		assert.Empty(t, e.delivered(t))
		pending, err := e.Pending(e.ctx)
		require.NoError(t, err)
		assert.Zero(t, pending)
	})
}

func TestPhoneNumbers_RangeNumbers(t *testing.T) {
	assert.Equal(t, []string{"+199", "+200", "+201"}, resources.PhoneNumberRangeNumbers("+199", "+201"))
	assert.Equal(t, []string{"09", "10"}, resources.PhoneNumberRangeNumbers("09", "10"))
	long := "+" + zeros(120) + "99999998"
	assert.Equal(t, []string{long, "+" + zeros(120) + "99999999"}, resources.PhoneNumberRangeNumbers(long, "+"+zeros(120)+"99999999"))
	assert.Len(t, resources.PhoneNumberRangeNumbers("0000", "9999"), 10000)
}

// The events of a range keep their place among the events of the
// transaction, and carry the whole number as a single create does.
func TestPhoneNumbers_CreateRange_Events(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		var r *resources.PhoneNumberRange
		err := e.RunInTx(e.ctx, func(ctx context.Context, tx *confd.Client) error {
			if err := tx.PhoneNumbers.Create(ctx, confd.Scope{}, &confd.PhoneNumber{Number: "1", TenantUUID: e.tenant}); err != nil {
				return err
			}
			var err error
			if r, err = tx.CreatePhoneNumberRange(ctx, confd.Scope{}, e.tenant, "2", "4"); err != nil {
				return err
			}
			return tx.PhoneNumbers.Create(ctx, confd.Scope{}, &confd.PhoneNumber{Number: "5", TenantUUID: e.tenant})
		})
		require.NoError(t, err)
		require.Len(t, e.delivered(t), 5)
		var numbers []string
		for _, ev := range e.events.Events() {
			var d struct{ Number string }
			require.NoError(t, json.Unmarshal(ev.Data, &d))
			numbers = append(numbers, d.Number)
			assert.Equal(t, e.Info().UUID, ev.OriginUUID)
			assert.NotEmpty(t, ev.ID)
		}
		assert.Equal(t, []string{"1", "2", "3", "4", "5"}, numbers)
		uuid, href := r.Created[0].UUID, "/1.1/phone-numbers/"+r.Created[0].UUID
		assert.JSONEq(t, `{"uuid":"`+uuid+`","tenant_uuid":"`+e.tenant+`","number":"2","caller_id_name":null,
			"main":false,"shared":false,"links":[{"rel":"phone_numbers","href":"`+href+`"}]}`, string(e.events.Events()[1].Data))
	})
}

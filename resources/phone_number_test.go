package resources_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources"
)

func TestPhoneNumberMainSchema_CanonicalUUID(t *testing.T) {
	want := "0f0e0d0c-0b0a-4908-8706-050403020100"
	for _, in := range []string{want, strings.ToUpper(want), "{" + want + "}", "urn:uuid:" + want,
		strings.ReplaceAll(want, "-", "")} {
		out, err := resources.PhoneNumberMainSchema.Load(map[string]any{"phone_number_uuid": in}, false)
		require.NoError(t, err, in)
		assert.Equal(t, want, out["phone_number_uuid"], in)
	}
}

// Any range the API accepts lists its numbers in order, both ends
// included, in the form and length of its ends.
func FuzzPhoneNumberRange(f *testing.F) {
	for _, seed := range [][2]string{{"+18001230000", "+18001230099"}, {"0098", "0102"}, {"7", "7"},
		{"+1", "2"}, {"99", "100"}, {"10000", "20000"}, {"++1", "++2"}, {"", ""}, {"19999", "10000"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, start, end string) {
		if resources.CheckPhoneNumberRange(start, end) != nil {
			return
		}
		numbers := resources.PhoneNumberRangeNumbers(start, end)
		require.NotEmpty(t, numbers)
		require.LessOrEqual(t, len(numbers), resources.MaxPhoneNumberRange)
		assert.Equal(t, start, numbers[0])
		assert.Equal(t, end, numbers[len(numbers)-1])
		for i := 1; i < len(numbers); i++ {
			require.Len(t, numbers[i], len(start))
			require.Less(t, numbers[i-1], numbers[i])
			require.Equal(t, strings.HasPrefix(start, "+"), strings.HasPrefix(numbers[i], "+"))
		}
	})
}

package confd

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources/contract"
	"github.com/gopbx/confd/store"
)

// searchDrift are the families known to list otherwise than wazo, and
// how: each one is a bug to fix, or a difference to keep on purpose.
var searchDrift = map[string]string{
	"call_permission": "an extra enabled_text column",
	"incall":          "an extra id column",
	"endpoint_sip":    "an extra uuid column",
	"tenant":          "the built-in tenants also filter on name and slug",
}

// Each family lists as wazo does: the same filter and sort columns, the
// same searched columns and default sort; the families of searchDrift
// differ, and must (a fixed one leaves the list).
func TestSearch_AsTheContract(t *testing.T) {
	for resource, table := range map[string]store.Table{
		"call_permission": callPermissionTable, "call_pickup": callPickupTable, "context": contextTable,
		"endpoint_custom": endpointCustomTable, "endpoint_iax": endpointIAXTable, "endpoint_sccp": endpointSCCPTable,
		"endpoint_sip": endpointSIPTable, "extension": extensionTable, "group": groupTable, "incall": incallTable,
		"line": lineTable, "phone_number": phoneNumberTable, "schedule": scheduleTable,
		"pjsip_transport": sipTransportTable, "tenant": tenantTable, "user": userTable, "voicemail": voicemailTable,
	} {
		t.Run(resource, func(t *testing.T) {
			want, err := contract.SearchOf(resource)
			require.NoError(t, err)
			var cols []string
			for c := range table.Search.Columns {
				cols = append(cols, c)
			}
			slices.Sort(cols)
			searched := slices.Clone(table.Search.Search)
			if searched == nil {
				searched = cols
			}
			wantSearched := slices.Clone(want.Searched)
			if len(wantSearched) == 0 {
				wantSearched = want.Columns
			}
			slices.Sort(searched)
			slices.Sort(wantSearched)
			same := slices.Equal(want.Columns, cols) && slices.Equal(wantSearched, searched) &&
				want.DefaultSort == table.Search.Default
			if drift, known := searchDrift[resource]; known {
				assert.False(t, same, "%s lists as wazo now: drop it from searchDrift (%s)", resource, drift)
				return
			}
			assert.Equal(t, want.Columns, cols, "columns")
			assert.Equal(t, wantSearched, searched, "searched columns")
			assert.Equal(t, want.DefaultSort, table.Search.Default, "default sort")
		})
	}
}

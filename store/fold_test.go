package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/store"
	"github.com/gopbx/confd/store/storetest"
)

func TestFold(t *testing.T) {
	assert.Equal(t, "elodie zoe-alice abc", store.Fold("Élodie Zoé-Alice ABC"))
	assert.Equal(t, "ß", store.Fold("ß"), "what the table does not know stays")
}

// The database folds columns as Fold folds terms, on both engines.
func TestFold_SQL(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		db := open(t, url)
		for _, s := range []string{"Âboubacar", "ÉricDir", "Môustapha Bângoura", "Łukasz Ÿ"} {
			var got string
			require.NoError(t, db.NewSelect().ColumnExpr("confd_fold(?)", s).Scan(context.Background(), &got))
			assert.Equal(t, store.Fold(s), got, s)
		}
	})
}

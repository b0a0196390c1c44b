package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func TestTenants_Delete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		child := &confd.Tenant{Slug: "child"}
		require.NoError(t, e.Tenants.Create(e.ctx, e.tenant, child))
		err := e.Tenants.Delete(e.ctx, confd.Scope{}, e.tenant)
		assert.EqualError(t, err, "Resource Error - Operation not permitted. The tenant still has sub-tenants")

		c := mustCreateContext(t, e, &confd.Context{Label: "owned", TenantUUID: child.UUID})
		err = e.Tenants.Delete(e.ctx, confd.Scope{}, child.UUID)
		assert.EqualError(t, err, "Resource Error - Operation not permitted. The tenant still owns resources")

		require.NoError(t, e.Contexts.Delete(e.ctx, confd.Scope{}, c.ID))
		require.NoError(t, e.Tenants.Delete(e.ctx, confd.Scope{}, child.UUID))
		err = e.Tenants.Delete(e.ctx, confd.Scope{}, e.Tenants.Master())
		assert.Error(t, err, "the master tenant stays")
	})
}

func TestTenants_Lineage(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := &confd.Tenant{Slug: "a"}
		require.NoError(t, e.Tenants.Create(e.ctx, e.tenant, a))
		b := &confd.Tenant{Slug: "b"}
		require.NoError(t, e.Tenants.Create(e.ctx, a.UUID, b))
		above, below, err := e.Tenants.Lineage(e.ctx, e.tenant)
		require.NoError(t, err)
		assert.Equal(t, e.tenant, below[0])
		assert.ElementsMatch(t, []string{e.tenant, a.UUID, b.UUID}, below)
		assert.NotContains(t, above, e.tenant)
		above, below, err = e.Tenants.Lineage(e.ctx, b.UUID)
		require.NoError(t, err)
		assert.Equal(t, []string{b.UUID}, below, "never the ancestors")
		assert.Equal(t, []string{a.UUID, e.tenant}, above[:2], "parent first")
		if e.tenant != e.Tenants.Master() {
			assert.Equal(t, e.Tenants.Master(), above[len(above)-1], "up to the top")
		}
		above, below, err = e.Tenants.Lineage(e.ctx, resources.NewUUID())
		require.NoError(t, err)
		assert.Empty(t, above)
		assert.Empty(t, below, "no such tenant")
	})
}

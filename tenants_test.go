package confd_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
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

func TestTenants_Descendants(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := &confd.Tenant{Slug: "a"}
		require.NoError(t, e.Tenants.Create(e.ctx, e.tenant, a))
		b := &confd.Tenant{Slug: "b"}
		require.NoError(t, e.Tenants.Create(e.ctx, a.UUID, b))
		got, err := e.Tenants.Descendants(e.ctx, e.tenant)
		require.NoError(t, err)
		assert.Equal(t, e.tenant, got[0])
		assert.ElementsMatch(t, []string{e.tenant, a.UUID, b.UUID}, got)
		got, err = e.Tenants.Descendants(e.ctx, b.UUID)
		require.NoError(t, err)
		assert.Equal(t, []string{b.UUID}, got, "never the ancestors")
	})
}

package confd_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store/storetest"
)

// hosting is a Client whose operator tenant is operator ("" for none),
// with two top-level tenants: customer, created first, then owner.
func hosting(t *testing.T, url, operator, owner string) (c *confd.Client, customer string) {
	t.Helper()
	c, err := confd.New(context.Background(), confd.Config{DatabaseURL: url, OperatorTenant: operator, Logger: quiet})
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	first := &resources.Tenant{Name: "Customer", Slug: "customer"}
	require.NoError(t, c.Tenants.Create(context.Background(), "", first))
	require.NoError(t, c.Tenants.Create(context.Background(), "", &resources.Tenant{UUID: owner, Name: "Owner", Slug: "owner"}))
	return c, first.UUID
}

// contextNames lists the names of tenant's contexts.
func contextNames(t *testing.T, c *confd.Client, tenant string) []string {
	t.Helper()
	items, _, err := c.Contexts.List(context.Background(), confd.InTenants(tenant), confd.ListParams{})
	require.NoError(t, err)
	names := []string{}
	for _, v := range items {
		names = append(names, v.Name)
	}
	return names
}

// unallocatedOwners lists the tenants of the unallocated devices, after
// giving a device to each tenant named.
func unallocatedOwners(t *testing.T, c *confd.Client, tenants ...string) []string {
	t.Helper()
	ctx := context.Background()
	for _, tenant := range tenants {
		require.NoError(t, c.Devices.Create(ctx, confd.Scope{}, &confd.Device{TenantUUID: tenant}))
	}
	items, _, err := c.Devices.Unallocated(ctx, confd.ListParams{})
	require.NoError(t, err)
	var out []string
	for _, d := range items {
		out = append(out, d.TenantUUID)
	}
	return out
}

var starter = []string{"default", "from-extern", "to-extern"}

// The operator tenant is the one Config.OperatorTenant names, created
// before or after the others; it receives the starter dialplan.
func TestTenants_Operator(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		owner := resources.NewUUID()
		c, customer := hosting(t, url, strings.ToUpper(owner), owner)
		assert.Equal(t, owner, c.Tenants.Operator(), "in canonical form")
		assert.Equal(t, starter, contextNames(t, c, owner))
		assert.Empty(t, contextNames(t, c, customer), "the first top-level tenant is no one special")
		master := c.Tenants.Master()
		assert.ElementsMatch(t, []string{master, owner}, unallocatedOwners(t, c, master, owner, customer))
	})
}

// Without Config.OperatorTenant no tenant is the operator: the first
// top-level tenant gets the starter dialplan, a convenience granting no
// right, and its devices are its own.
func TestTenants_NoOperator(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		owner := resources.NewUUID()
		c, customer := hosting(t, url, "", owner)
		assert.Empty(t, c.Tenants.Operator())
		assert.Equal(t, starter, contextNames(t, c, customer))
		assert.Empty(t, contextNames(t, c, owner))
		master := c.Tenants.Master()
		assert.Equal(t, []string{master}, unallocatedOwners(t, c, master, owner, customer))
	})
}

func TestTenants_ErrOperatorNotUUID(t *testing.T) {
	_, err := confd.New(context.Background(), confd.Config{DatabaseURL: "sqlite::memory:", OperatorTenant: "owner", Logger: quiet})
	assert.EqualError(t, err, `confd: Config.OperatorTenant: "owner" is not a UUID`)
}

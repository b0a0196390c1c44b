package confd

import (
	"context"
	"slices"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// unallocatedTenants hold the devices not yet given to a tenant. In wazo
// they are those of the master tenant, wazo-auth's root, where wazo-provd
// puts the phones it discovers: here the master tenant's and the operator
// tenant's, which stands for wazo-auth's root (see Tenants.Operator).
func (m *Devices) unallocatedTenants() []string {
	master, op := m.c.Tenants.Master(), m.c.Tenants.Operator()
	if op == "" || op == master {
		return []string{master}
	}
	return []string{master, op}
}

// Unallocated lists the devices no tenant has taken yet (is_new).
func (m *Devices) Unallocated(ctx context.Context, p ListParams) ([]Device, int, error) {
	return m.List(ctx, InTenants(m.unallocatedTenants()...), p)
}

// Allocate gives the unallocated device id to tenant, which must be
// visible in s; a device already allocated is NotFound.
func (m *Devices) Allocate(ctx context.Context, s Scope, id, tenant string) error {
	if !s.Allows(tenant) {
		return store.NotFound("Tenant", "uuid", tenant)
	}
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		st := m.open(tx)
		v, err := st.Get(ctx, nil, id)
		if err != nil {
			return err
		}
		if !slices.Contains(m.unallocatedTenants(), v.TenantUUID) {
			return resources.ErrNotFound("Device", "id", id)
		}
		from := v.TenantUUID
		v.TenantUUID = tenant
		if err := st.Update(ctx, v); err != nil {
			return err
		}
		// wazo announces the edit in the tenant the device came from.
		return m.emit(ctx, tx, "edited", from, v.ID)
	})
}

package confd_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreateDevice(t *testing.T, e *env, d *confd.Device) *confd.Device {
	t.Helper()
	if d.TenantUUID == "" {
		d.TenantUUID = e.tenant
	}
	require.NoError(t, e.Devices.Create(e.ctx, confd.Scope{}, d))
	return d
}

func TestDevices_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("OK", func(t *testing.T) {
			d := mustCreateDevice(t, e, &confd.Device{MAC: confd.Ptr("AA:BB:CC:00:11:22"), IP: confd.Ptr("10.1.2.3")})
			assert.Regexp(t, `^[0-9a-f]{32}$`, d.ID)
			assert.Equal(t, "aa:bb:cc:00:11:22", *d.MAC, "MAC in lower case")
			assert.Equal(t, resources.DeviceNotConfigured, d.Status)
			assert.True(t, d.IsNew, "the operator tenant's devices are unallocated")
			assert.Equal(t, "/1.1/devices/"+d.ID, d.Links[0].Href)
			assert.Equal(t, []string{"device_created"}, e.delivered(t))
			assert.Empty(t, e.reload.Requests())
			ev := e.events.Events()[0]
			assert.Equal(t, "config.device.created", ev.RoutingKey)
			assert.Equal(t, e.tenant, ev.TenantUUID)
			assert.Equal(t, e.Info().UUID, ev.OriginUUID)
			assert.JSONEq(t, `{"id":"`+d.ID+`"}`, string(ev.Data))
			got, err := e.Devices.Get(e.ctx, confd.InTenants(e.tenant), d.ID)
			require.NoError(t, err)
			assert.Equal(t, d, got)
			e.flush(t)
		})
		t.Run("PluginMakesAutoprov", func(t *testing.T) {
			d := mustCreateDevice(t, e, &confd.Device{Plugin: confd.Ptr("zero"), TemplateID: confd.Ptr("defaultconfigdevice")})
			assert.Equal(t, resources.DeviceAutoprov, d.Status)
			assert.Equal(t, "defaultconfigdevice", *d.TemplateID)
			e.flush(t)
		})
		t.Run("InMasterIsNew", func(t *testing.T) {
			d := mustCreateDevice(t, e, &confd.Device{TenantUUID: e.Tenants.Master()})
			assert.True(t, d.IsNew)
			e.flush(t)
		})
	})
}

// Unallocated devices are those of the master tenant and of the operator
// tenant (standing for wazo-auth's root); a tenant takes one with Allocate.
func TestDevices_Unallocated(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		require.Equal(t, e.tenant, e.Tenants.Operator())
		customer := otherTenant(t, e)
		master := mustCreateDevice(t, e, &confd.Device{TenantUUID: e.Tenants.Master()})
		operators := mustCreateDevice(t, e, &confd.Device{})
		customers := mustCreateDevice(t, e, &confd.Device{TenantUUID: customer})
		assert.True(t, master.IsNew)
		assert.True(t, operators.IsNew)
		assert.False(t, customers.IsNew)
		items, total, err := e.Devices.Unallocated(e.ctx, confd.ListParams{})
		require.NoError(t, err)
		assert.Equal(t, 2, total)
		assert.ElementsMatch(t, []string{master.ID, operators.ID}, []string{items[0].ID, items[1].ID})

		require.NoError(t, e.Devices.Allocate(e.ctx, confd.Scope{}, operators.ID, customer))
		got, err := e.Devices.Get(e.ctx, confd.InTenants(customer), operators.ID)
		require.NoError(t, err)
		assert.False(t, got.IsNew)
		err = e.Devices.Allocate(e.ctx, confd.Scope{}, customers.ID, e.tenant)
		assert.True(t, resources.IsNotFound(err), "a customer's device is not up for grabs")
	})
}

func TestDevices_Create_Errors(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		taken := mustCreateDevice(t, e, &confd.Device{MAC: confd.Ptr("aa:aa:aa:aa:aa:aa")})
		other := &resources.Tenant{Name: "other", Slug: "other"}
		require.NoError(t, e.Tenants.Create(e.ctx, "", other))
		e.flush(t)
		before := countAll(t, e, e.Devices)
		for name, tc := range map[string]struct {
			scope confd.Scope
			d     confd.Device
			want  string
		}{
			"ErrPlugin":     {d: confd.Device{Plugin: confd.Ptr("superduper")}, want: "Input Error - field 'plugin': Plugin was not found ('plugin': 'superduper')"},
			"ErrTemplate":   {d: confd.Device{TemplateID: confd.Ptr("nope")}, want: "Input Error - field 'template_id': DeviceTemplate was not found ('template_id': 'nope')"},
			"ErrMACTaken":   {d: confd.Device{MAC: confd.Ptr("AA:AA:AA:AA:AA:AA"), TenantUUID: other.UUID}, want: "Resource Error - Device already exists ('mac': 'aa:aa:aa:aa:aa:aa')"},
			"ErrIDTaken":    {d: confd.Device{ID: taken.ID}, want: "Resource Error - Device already exists ('id': '" + taken.ID + "')"},
			"ErrIDForm":     {d: confd.Device{ID: "a b"}, want: "Input Error - id: ['String does not match expected pattern.']"},
			"ErrIP":         {d: confd.Device{IP: confd.Ptr("1.2.3")}, want: "Input Error - ip: ['String does not match expected pattern.']"},
			"ErrOutOfScope": {scope: confd.InTenants(other.UUID), want: "Resource Not Found - Tenant was not found"},
		} {
			t.Run(name, func(t *testing.T) {
				d := tc.d
				if d.TenantUUID == "" {
					d.TenantUUID = e.tenant
				}
				err := e.Devices.Create(e.ctx, tc.scope, &d)
				require.Error(t, err)
				assert.True(t, strings.HasPrefix(err.Error(), tc.want), err.Error())
				assert.Equal(t, before, countAll(t, e, e.Devices))
				assert.Empty(t, e.delivered(t))
			})
		}
	})
}

// TestDevices_Create_MACRace checks that the database, not only the check
// before the insert, keeps MAC addresses unique (PostgreSQL runs the
// writes concurrently; about half the rounds race without the index).
func TestDevices_Create_MACRace(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for round := range 10 {
			mac := fmt.Sprintf("00:11:22:33:44:%02x", round)
			errs := make([]error, 8)
			var wg sync.WaitGroup
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = e.Devices.Create(e.ctx, confd.Scope{}, &confd.Device{TenantUUID: e.tenant, MAC: confd.Ptr(mac)})
				}()
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				if err == nil {
					ok++
					continue
				}
				assert.Equal(t, "Resource Error - Device already exists ('mac': '"+mac+"')", err.Error())
			}
			assert.Equal(t, 1, ok, mac)
		}
		assert.Equal(t, 10, countAll(t, e, e.Devices))
	})
}

func TestDevices_Update(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		d := mustCreateDevice(t, e, &confd.Device{MAC: confd.Ptr("aa:00:00:00:00:01"), Plugin: confd.Ptr("null")})
		mustCreateDevice(t, e, &confd.Device{MAC: confd.Ptr("aa:00:00:00:00:02")})
		e.flush(t)
		t.Run("OK", func(t *testing.T) {
			v, err := e.Devices.Get(e.ctx, confd.Scope{}, d.ID)
			require.NoError(t, err)
			v.MAC, v.Plugin, v.Description = confd.Ptr("AA:00:00:00:00:01"), nil, confd.Ptr("desk")
			v.TenantUUID, v.Config = e.Tenants.Master(), confd.Ptr("mine")
			require.NoError(t, e.Devices.Update(e.ctx, confd.InTenants(e.tenant), v))
			got, err := e.Devices.Get(e.ctx, confd.Scope{}, d.ID)
			require.NoError(t, err)
			assert.Equal(t, "desk", *got.Description)
			assert.Equal(t, e.tenant, got.TenantUUID, "tenant stays")
			assert.Equal(t, *d.Config, *got.Config, "configuration stays")
			assert.Equal(t, resources.DeviceNotConfigured, got.Status)
			assert.Equal(t, []string{"device_edited"}, e.delivered(t))
			assert.Equal(t, "config.device.edited", e.events.Events()[0].RoutingKey)
			e.flush(t)
		})
		t.Run("ErrMACTaken", func(t *testing.T) {
			v, _ := e.Devices.Get(e.ctx, confd.Scope{}, d.ID)
			v.MAC = confd.Ptr("AA:00:00:00:00:02")
			err := e.Devices.Update(e.ctx, confd.Scope{}, v)
			assert.EqualError(t, err, "Resource Error - Device already exists ('mac': 'aa:00:00:00:00:02')")
			got, _ := e.Devices.Get(e.ctx, confd.Scope{}, d.ID)
			assert.Equal(t, "aa:00:00:00:00:01", *got.MAC)
			assert.Empty(t, e.delivered(t))
		})
		t.Run("ErrOtherTenant", func(t *testing.T) {
			v, _ := e.Devices.Get(e.ctx, confd.Scope{}, d.ID)
			err := e.Devices.Update(e.ctx, confd.InTenants(e.Tenants.Master()), v)
			assert.Equal(t, 404, status(err))
			assert.Empty(t, e.delivered(t))
		})
		t.Run("ErrCorruptedTemplate", func(t *testing.T) {
			_, err := e.DB().ExecContext(e.ctx, "UPDATE devices SET config = NULL, template_id = 'defaultconfigdevice' WHERE id = ?", d.ID)
			require.NoError(t, err)
			v, err := e.Devices.Get(e.ctx, confd.Scope{}, d.ID)
			require.NoError(t, err)
			assert.Equal(t, resources.DeviceCorrupted, v.Status)
			assert.Nil(t, v.TemplateID, "the template was in the lost configuration")
			v.TemplateID = confd.Ptr("defaultconfigdevice")
			err = e.Devices.Update(e.ctx, confd.Scope{}, v)
			assert.EqualError(t, err, "Device "+d.ID+" has a corrupted configuration")
			assert.Empty(t, e.delivered(t))
			v.TemplateID, v.SN = nil, confd.Ptr("sn1")
			assert.NoError(t, e.Devices.Update(e.ctx, confd.Scope{}, v), "other fields may change")
		})
	})
}

func TestDevices_Delete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		d := mustCreateDevice(t, e, &confd.Device{})
		e.flush(t)
		err := e.Devices.Delete(e.ctx, confd.InTenants(e.Tenants.Master()), d.ID)
		assert.Equal(t, 404, status(err), "another tenant's device is missing")
		assert.Empty(t, e.delivered(t))
		require.NoError(t, e.Devices.Delete(e.ctx, confd.InTenants(e.tenant), d.ID))
		assert.Equal(t, []string{"device_deleted"}, e.delivered(t))
		ev := e.events.Events()[0]
		assert.Equal(t, "config.device.deleted", ev.RoutingKey)
		assert.JSONEq(t, `{"id":"`+d.ID+`"}`, string(ev.Data))
		_, err = e.Devices.Get(e.ctx, confd.Scope{}, d.ID)
		assert.EqualError(t, err, "Resource Not Found - Device was not found ('id': '"+d.ID+"')")
	})
}

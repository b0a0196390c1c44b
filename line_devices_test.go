package confd_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

var fellowSeq int

// mustFellowship creates a line at position pos with an endpoint of kind
// ("sip", "sccp", "custom"), an extension and a user: what a device needs.
func mustFellowship(t *testing.T, e *env, kind string, pos int) *confd.Line {
	t.Helper()
	fellowSeq++
	u := mustCreateUser(t, e, &confd.User{Firstname: "F" + itoa(fellowSeq)})
	l := mustCreateLine(t, e, &confd.Line{Context: "default", Position: confd.Ptr(pos)})
	var key string
	switch kind {
	case "sip":
		key = mustCreateSIP(t, e, &resources.EndpointSIP{}).UUID
	case "sccp":
		key = itoa(mustCreateEndpointSCCP(t, e, nil).ID)
	default:
		key = itoa(mustCreateEndpointCustom(t, e, "custom/f"+itoa(fellowSeq)).ID)
	}
	require.NoError(t, e.AssociateLineEndpoint(e.ctx, confd.Scope{}, l.ID, kind, key))
	x := mustCreateExtension(t, e, itoa(1000+fellowSeq%1000), "default")
	require.NoError(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, l.ID, x.ID))
	require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID))
	e.flush(t)
	return mustGetLine(t, e, l.ID)
}

func mustGetLine(t *testing.T, e *env, id int) *confd.Line {
	t.Helper()
	l, err := e.Lines.Get(e.ctx, confd.Scope{}, id)
	require.NoError(t, err)
	return l
}

// deviceOf returns the device id of line id, "" without one.
func deviceOf(t *testing.T, e *env, id int) string {
	t.Helper()
	if d := mustGetLine(t, e, id).DeviceID; d != nil {
		return *d
	}
	return ""
}

func deviceStatus(t *testing.T, e *env, id string) string {
	t.Helper()
	d, err := e.Devices.Get(e.ctx, confd.Scope{}, id)
	require.NoError(t, err)
	return d.Status
}

func TestLineDevice_Associate(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l := mustFellowship(t, e, "sip", 1)
		d := mustCreateDevice(t, e, &confd.Device{Plugin: confd.Ptr("zero")})
		e.flush(t)
		assert.Equal(t, resources.DeviceAutoprov, d.Status)
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.InTenants(e.tenant), l.ID, d.ID))
		assert.Equal(t, []string{"line_device_associated"}, e.delivered(t))
		assert.Empty(t, e.reload.Requests(), "chan_sccp is reloaded for SCCP lines only")
		ev := e.events.Events()[0]
		assert.Equal(t, fmt.Sprintf("config.lines.%d.devices.%s.updated", l.ID, d.ID), ev.RoutingKey)
		assert.Equal(t, e.tenant, ev.TenantUUID)
		assert.JSONEq(t, fmt.Sprintf(`{"line": {"id": %d, "name": %q, "endpoint_sip": {"uuid": %q}, "endpoint_sccp": null,
			"endpoint_custom": null}, "device": {"id": %q}}`, l.ID, *l.Name, *l.EndpointSIPUUID, d.ID), string(ev.Data))
		assert.Equal(t, d.ID, deviceOf(t, e, l.ID))
		assert.Equal(t, resources.DeviceConfigured, deviceStatus(t, e, d.ID), "the device has its configuration")

		ld, err := e.LineDevice(e.ctx, confd.InTenants(e.tenant), l.ID)
		require.NoError(t, err)
		assert.Equal(t, &confd.LineDevice{LineID: l.ID, DeviceID: d.ID, Links: []resources.Link{
			{Rel: "lines", Href: "/1.1/lines/" + itoa(l.ID)}, {Rel: "devices", Href: "/1.1/devices/" + d.ID}}}, ld)
		lds, err := e.DeviceLines(e.ctx, confd.InTenants(e.tenant), d.ID)
		require.NoError(t, err)
		assert.Equal(t, []confd.LineDevice{*ld}, lds)

		e.flush(t)
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, l.ID, d.ID), "again: nothing")
		assertNothingAnnounced(t, e)
	})
}

func TestLineDevice_Errors(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l := mustFellowship(t, e, "sip", 1)
		d := mustCreateDevice(t, e, &confd.Device{})
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, l.ID, d.ID))
		busy := mustFellowship(t, e, "sip", 2)
		d2 := mustCreateDevice(t, e, &confd.Device{})
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, busy.ID, d2.ID))
		samePos := mustFellowship(t, e, "sip", 1)
		free := mustCreateDevice(t, e, &confd.Device{})
		bare := mustCreateLine(t, e, &confd.Line{Context: "default"})
		noExten, _ := mustLineWithEndpoint(t, e)
		noUser, _ := mustLineWithEndpoint(t, e)
		require.NoError(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, noUser.ID, mustCreateExtension(t, e, "1999", "default").ID))
		other := otherTenant(t, e)
		od := mustCreateDevice(t, e, &confd.Device{TenantUUID: other})
		e.flush(t)
		mine := confd.InTenants(e.tenant)
		for name, tc := range map[string]struct {
			scope  confd.Scope
			line   int
			device string
			want   string
		}{
			"ErrLineNotFound":      {mine, 999999, free.ID, "Resource Not Found - Line was not found"},
			"ErrDeviceNotFound":    {mine, l.ID, "nope", "Resource Not Found - Device was not found ('id': 'nope')"},
			"ErrLineOtherTenant":   {confd.InTenants(other), l.ID, od.ID, "Line was not found"},
			"ErrDeviceOtherTenant": {mine, samePos.ID, od.ID, "Device was not found"},
			"ErrDifferentTenants": {confd.Scope{}, samePos.ID, od.ID, fmt.Sprintf(
				"Resource Error - different tenants ('line_tenant_uuid': '%s', 'device_tenant_uuid': '%s')", e.tenant, other)},
			"ErrLineHasDevice": {mine, busy.ID, free.ID, fmt.Sprintf(
				"Resource Error - Line is associated with a Device ('line_id': %d, 'device_id': '%s')", busy.ID, d2.ID)},
			"ErrPosition":    {mine, samePos.ID, d.ID, "Cannot associate 2 lines with same position (position: 1)"},
			"ErrNoEndpoint":  {mine, bare.ID, free.ID, fmt.Sprintf("Resource Error - Line must be associated with a Endpoint ('line_id': %d)", bare.ID)},
			"ErrNoExtension": {mine, noExten.ID, free.ID, fmt.Sprintf("Resource Error - Line must be associated with a Extension ('line_id': %d)", noExten.ID)},
			"ErrNoUser":      {mine, noUser.ID, free.ID, fmt.Sprintf("Resource Error - User must be associated with a Line ('line_id': %d)", noUser.ID)},
		} {
			t.Run(name, func(t *testing.T) {
				var before []string
				if tc.line != 999999 {
					before = []string{deviceOf(t, e, tc.line)}
				}
				err := e.AssociateLineDevice(e.ctx, tc.scope, tc.line, tc.device)
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.want)
				if before != nil {
					assert.Equal(t, before[0], deviceOf(t, e, tc.line), "the line keeps its device")
				}
				assertNothingAnnounced(t, e)
			})
		}
		_, err := e.LineDevice(e.ctx, mine, samePos.ID)
		assert.EqualError(t, err, fmt.Sprintf("Resource Not Found - LineDevice was not found ('line_id': %d)", samePos.ID))
		_, err = e.LineDevice(e.ctx, confd.InTenants(other), l.ID)
		assert.EqualError(t, err, fmt.Sprintf("Resource Not Found - Line was not found ('id': %d)", l.ID))
		_, err = e.DeviceLines(e.ctx, confd.InTenants(other), d.ID)
		assert.True(t, resources.IsNotFound(err))
	})
}

func TestLineDevice_SCCP(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		s1 := mustFellowship(t, e, "sccp", 1)
		s2 := mustFellowship(t, e, "sccp", 2)
		sip := mustFellowship(t, e, "sip", 2)
		d := mustCreateDevice(t, e, &confd.Device{})
		e.flush(t)
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, s1.ID, d.ID))
		assert.Equal(t, []string{"line_device_associated"}, e.delivered(t))
		assert.Equal(t, []string{"module reload chan_sccp.so"}, e.reload.Merged().Ipbx)
		assert.JSONEq(t, fmt.Sprintf(`{"line": {"id": %d, "name": %q, "endpoint_sip": null, "endpoint_sccp": {"id": %d},
			"endpoint_custom": null}, "device": {"id": %q}}`, s1.ID, *s1.Name, *s1.EndpointSCCPID, d.ID), string(e.events.Events()[0].Data))
		e.flush(t)

		err := e.AssociateLineDevice(e.ctx, confd.Scope{}, s2.ID, d.ID)
		assert.EqualError(t, err, fmt.Sprintf("Resource Error - Line is associated with a Device ('line_id': %d, 'device_id': '%s', 'endpoint': 'sccp', 'endpoint_id': %d)",
			s2.ID, d.ID, *s2.EndpointSCCPID), "an SCCP device has one line")
		err = e.AssociateLineDevice(e.ctx, confd.Scope{}, sip.ID, d.ID)
		assert.EqualError(t, err, fmt.Sprintf("Resource Error - Line is associated with a Device ('line_id': %d, 'device_id': '%s', 'endpoint': 'sccp', 'endpoint_id': None)",
			sip.ID, d.ID))
		assertNothingAnnounced(t, e)

		sipOne := mustFellowship(t, e, "sip", 1)
		d2 := mustCreateDevice(t, e, &confd.Device{})
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, sipOne.ID, d2.ID))
		e.flush(t)
		err = e.AssociateLineDevice(e.ctx, confd.Scope{}, s2.ID, d2.ID)
		assert.ErrorContains(t, err, "'endpoint': 'sccp', 'endpoint_id': "+itoa(*s2.EndpointSCCPID), "nor an SCCP line a SIP device")
		assertNothingAnnounced(t, e)

		require.NoError(t, e.DissociateLineDevice(e.ctx, confd.Scope{}, s1.ID, d.ID))
		assert.Equal(t, []string{"line_device_dissociated"}, e.delivered(t))
		assert.Equal(t, []string{"module reload chan_sccp.so"}, e.reload.Merged().Ipbx)
		assert.Equal(t, fmt.Sprintf("config.lines.%d.devices.%s.deleted", s1.ID, d.ID), e.events.Events()[0].RoutingKey)
	})
}

func TestLineDevice_Dissociate(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		one := mustFellowship(t, e, "sip", 1)
		two := mustFellowship(t, e, "custom", 2)
		d := mustCreateDevice(t, e, &confd.Device{Plugin: confd.Ptr("zero")})
		other := mustCreateDevice(t, e, &confd.Device{})
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, one.ID, d.ID))
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, two.ID, d.ID), "two SIP or custom lines share a device")
		lds, err := e.DeviceLines(e.ctx, confd.Scope{}, d.ID)
		require.NoError(t, err)
		require.Len(t, lds, 2)
		assert.Equal(t, []int{one.ID, two.ID}, []int{lds[0].LineID, lds[1].LineID})
		e.flush(t)

		require.NoError(t, e.DissociateLineDevice(e.ctx, confd.Scope{}, one.ID, other.ID), "another device: nothing")
		assertNothingAnnounced(t, e)
		assert.Equal(t, d.ID, deviceOf(t, e, one.ID))
		require.NoError(t, e.DissociateLineDevice(e.ctx, confd.Scope{}, one.ID, d.ID))
		assert.Equal(t, []string{"line_device_dissociated"}, e.delivered(t))
		assert.Empty(t, e.reload.Requests())
		assert.Equal(t, "", deviceOf(t, e, one.ID))
		assert.Equal(t, resources.DeviceConfigured, deviceStatus(t, e, d.ID), "a line is left")
		e.flush(t)
		require.NoError(t, e.DissociateLineDevice(e.ctx, confd.Scope{}, one.ID, d.ID), "again: nothing")
		assertNothingAnnounced(t, e)
		require.NoError(t, e.DissociateLineDevice(e.ctx, confd.Scope{}, two.ID, d.ID))
		assert.Equal(t, resources.DeviceAutoprov, deviceStatus(t, e, d.ID), "no line left: autoprov")

		_, err = e.LineDevice(e.ctx, confd.Scope{}, one.ID)
		assert.True(t, resources.IsNotFound(err))
		err = e.DissociateLineDevice(e.ctx, confd.InTenants(otherTenant(t, e)), one.ID, d.ID)
		assert.ErrorContains(t, err, "Line was not found")
	})
}

func TestLineDevice_NewDeviceMoves(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l := mustFellowship(t, e, "sip", 1)
		d := mustCreateDevice(t, e, &confd.Device{TenantUUID: e.Tenants.Master()})
		require.True(t, d.IsNew)
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, l.ID, d.ID))
		got, err := e.Devices.Get(e.ctx, confd.InTenants(e.tenant), d.ID)
		require.NoError(t, err, "the device moved to the line's tenant")
		assert.Equal(t, e.tenant, got.TenantUUID)
	})
}

// TestLineDevice_Refusals: what a line on a device needs stays; so does a
// device lines are on.
func TestLineDevice_Refusals(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l := mustFellowship(t, e, "sip", 1)
		l2 := mustFellowship(t, e, "sip", 2)
		d := mustCreateDevice(t, e, &confd.Device{})
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, l.ID, d.ID))
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, l2.ID, d.ID))
		e.flush(t)
		onDevice := fmt.Sprintf("Resource Error - Line is associated with a Device ('line_id': %d, 'device_id': '%s')", l.ID, d.ID)
		user, exten := l.Users[0], l.Extensions[0]
		assert.EqualError(t, e.DissociateLineExtension(e.ctx, confd.Scope{}, l.ID, exten.ID), onDevice)
		assert.EqualError(t, e.DissociateUserLine(e.ctx, confd.Scope{}, user.UUID, l.ID), onDevice)
		assert.EqualError(t, e.SetUserLines(e.ctx, confd.Scope{}, user.UUID, nil), onDevice)
		assert.EqualError(t, e.Devices.Delete(e.ctx, confd.Scope{}, d.ID), fmt.Sprintf(
			"Resource Error - Device is associated with a Line ('device_id': '%s', 'line_ids': (%d, %d))", d.ID, l.ID, l2.ID))
		assertNothingAnnounced(t, e)
		got := mustGetLine(t, e, l.ID)
		assert.Len(t, got.Users, 1)
		assert.Len(t, got.Extensions, 1)

		// A line on a device always has a user and an extension, which
		// refuse first; the endpoint's own refusal shows on a line put on a
		// device behind the API's back, as wazo's tests do.
		bare, ep := mustLineWithEndpoint(t, e)
		_, err := e.DB().NewUpdate().Table("lines").Set("device_id = ?", d.ID).Where("id = ?", bare.ID).Exec(e.ctx)
		require.NoError(t, err)
		assert.EqualError(t, e.DissociateLineEndpoint(e.ctx, confd.Scope{}, bare.ID, "custom", itoa(ep.ID)), fmt.Sprintf(
			"Resource Error - Line is associated with a Device ('line_id': %d, 'device_id': '%s')", bare.ID, d.ID))
		require.NoError(t, e.DissociateLineDevice(e.ctx, confd.Scope{}, bare.ID, d.ID))
		require.NoError(t, e.DissociateLineEndpoint(e.ctx, confd.Scope{}, bare.ID, "custom", itoa(ep.ID)))

		require.NoError(t, e.DissociateLineDevice(e.ctx, confd.Scope{}, l2.ID, d.ID))
		assert.EqualError(t, e.Devices.Delete(e.ctx, confd.Scope{}, d.ID), fmt.Sprintf(
			"Resource Error - Device is associated with a Line ('device_id': '%s', 'line_ids': (%d,))", d.ID, l.ID))
		require.NoError(t, e.DissociateLineDevice(e.ctx, confd.Scope{}, l.ID, d.ID))
		require.NoError(t, e.DissociateLineExtension(e.ctx, confd.Scope{}, l.ID, exten.ID))
		require.NoError(t, e.DissociateUserLine(e.ctx, confd.Scope{}, user.UUID, l.ID))
		require.NoError(t, e.Devices.Delete(e.ctx, confd.Scope{}, d.ID))
	})
}

func TestLineDevice_ResetAutoprov(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l := mustFellowship(t, e, "sip", 1)
		l2 := mustFellowship(t, e, "sip", 2)
		d := mustCreateDevice(t, e, &confd.Device{Plugin: confd.Ptr("zero")})
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, l.ID, d.ID))
		require.NoError(t, e.AssociateLineDevice(e.ctx, confd.Scope{}, l2.ID, d.ID))
		e.flush(t)
		require.NoError(t, e.Devices.ResetAutoprov(e.ctx, confd.InTenants(e.tenant), d.ID))
		assert.Equal(t, []string{"line_device_dissociated", "line_device_dissociated"}, e.delivered(t))
		assert.Equal(t, "", deviceOf(t, e, l.ID))
		assert.Equal(t, "", deviceOf(t, e, l2.ID))
		assert.Equal(t, resources.DeviceAutoprov, deviceStatus(t, e, d.ID))
		require.NoError(t, e.Devices.Delete(e.ctx, confd.Scope{}, d.ID))
	})
}

// TestLineDevice_Concurrent races lines of one position onto one device,
// and devices onto one line: one of each wins, the others get a 400.
func TestLineDevice_Concurrent(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		d := mustCreateDevice(t, e, &confd.Device{})
		var lines []*confd.Line
		var devices []string
		for i := 0; i < 6; i++ {
			lines = append(lines, mustFellowship(t, e, "sip", 1))
			devices = append(devices, mustCreateDevice(t, e, &confd.Device{}).ID)
		}
		race := func(n int, assoc func(i int) error) (won int) {
			var wg sync.WaitGroup
			errs := make([]error, n)
			for i := range n {
				wg.Add(1)
				go func() { defer wg.Done(); errs[i] = assoc(i) }()
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					assert.Equal(t, 400, status(err), "only 400: %v", err)
				} else {
					won++
				}
			}
			return won
		}
		won := race(len(lines), func(i int) error { return e.AssociateLineDevice(e.ctx, confd.Scope{}, lines[i].ID, d.ID) })
		assert.Equal(t, 1, won)
		lds, err := e.DeviceLines(e.ctx, confd.Scope{}, d.ID)
		require.NoError(t, err)
		assert.Len(t, lds, 1, "one line at position 1")

		free := lines[0]
		if lds[0].LineID == free.ID {
			free = lines[1]
		}
		won = race(len(devices), func(i int) error { return e.AssociateLineDevice(e.ctx, confd.Scope{}, free.ID, devices[i]) })
		assert.Equal(t, 1, won)
		on := 0
		for _, dev := range devices {
			lds, err := e.DeviceLines(e.ctx, confd.Scope{}, dev)
			require.NoError(t, err)
			on += len(lds)
		}
		assert.Equal(t, 1, on, "a line is on one device")
	})
}

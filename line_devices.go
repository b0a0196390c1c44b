package confd

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// LineDevice is the association of a line and the device it is on.
type LineDevice struct {
	LineID   int              `json:"line_id"`
	DeviceID string           `json:"device_id"`
	Links    []resources.Link `json:"links"`
}

var lineDeviceReload = reload.Commands("module reload chan_sccp.so")

// AssociateLineDevice puts line lineID on device deviceID. The device is of
// the line's tenant, or new (then it moves to the line's tenant); the line
// has no other device, an endpoint, an extension and a user, and its
// position is free on the device; an SCCP device has one line. The device
// gets its provisioning configuration. Associating again does nothing.
func (c *Client) AssociateLineDevice(ctx context.Context, s Scope, lineID int, deviceID string) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		l, d, st, err := c.lineAndDevice(ctx, tx, s, lineID, deviceID)
		if err != nil || onDevice(l, d.ID) {
			return err
		}
		if !d.IsNew && l.TenantUUID != d.TenantUUID {
			return resources.ErrDifferentTenants("line_tenant_uuid", l.TenantUUID, "device_tenant_uuid", d.TenantUUID)
		}
		res, err := tx.NewUpdate().Table("lines").Set("device_id = ?", d.ID).Where("id = ? AND device_id IS NULL", l.ID).Exec(ctx)
		if err != nil {
			return err
		}
		// Read the line again: the write waited for any concurrent change.
		if l, err = store.Get[resources.Line](ctx, tx, lineTable, l.ID, nil); err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if onDevice(l, d.ID) {
				return nil
			}
			return resources.ErrAssociated("Line", "Device", "line_id", l.ID, "device_id", deviceOf(l))
		}
		if err := checkLineDevice(ctx, tx, l, d.ID); err != nil {
			return err
		}
		d.TenantUUID, d.Config = l.TenantUUID, &d.ID // wazo names the device's configuration after it
		if err := st.Update(ctx, d); err != nil {
			return err
		}
		return c.announceLineDevice(ctx, tx, l, d.ID, "associated")
	})
}

// lineAndDevice loads line lineID and device deviceID visible in s. On
// PostgreSQL it holds the device's lock until commit: the writes on one
// device's lines run one after the other, whatever the DeviceStore.
func (c *Client) lineAndDevice(ctx context.Context, tx *store.Tx, s Scope, lineID int, deviceID string) (*resources.Line, *Device, DeviceStore, error) {
	l, err := store.Get[resources.Line](ctx, tx, lineTable, lineID, s.Tenants)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := lockDevice(ctx, tx, deviceID); err != nil {
		return nil, nil, nil, err
	}
	st := c.Devices.open(tx)
	d, err := st.Get(ctx, s.Tenants, deviceID)
	if err != nil {
		return nil, nil, nil, err
	}
	c.Devices.fill(ctx, d)
	return l, d, st, nil
}

// lockDevice takes a transaction lock named after the device (PostgreSQL).
func lockDevice(ctx context.Context, tx *store.Tx, deviceID string) error {
	if tx.Engine != store.Postgres {
		return nil // SQLite runs one write at a time
	}
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(4863, hashtext(?))", deviceID)
	return err
}

func onDevice(l *resources.Line, deviceID string) bool {
	return l.DeviceID != nil && *l.DeviceID == deviceID
}

func deviceOf(l *resources.Line) any {
	if l.DeviceID == nil {
		return nil
	}
	return *l.DeviceID
}

// checkLineDevice applies wazo's rules, in wazo's order, to line l just
// put on device deviceID.
func checkLineDevice(ctx context.Context, tx *store.Tx, l *resources.Line, deviceID string) error {
	others := tx.NewSelect().Table("lines").Column("id").Where("device_id = ? AND id <> ?", deviceID, l.ID)
	if taken, err := others.Clone().Where("position = ?", *l.Position).Exists(ctx); err != nil || taken {
		if err == nil {
			err = &resources.Error{Kind: resources.Conflict, Messages: []string{
				fmt.Sprintf("Cannot associate 2 lines with same position (position: %d)", *l.Position)}}
		}
		return err
	}
	if err := lineRequirements(ctx, tx, l); err != nil {
		return err
	}
	sccp, err := others.Clone().Where("endpoint_sccp_id IS NOT NULL").Exists(ctx)
	if err != nil {
		return err
	}
	if !sccp && l.EndpointSCCPID != nil {
		sccp, err = others.Exists(ctx)
	}
	if err != nil || !sccp {
		return err
	}
	var endpointID any
	if l.EndpointSCCPID != nil {
		endpointID = *l.EndpointSCCPID
	}
	return resources.ErrAssociated("Line", "Device", "line_id", l.ID, "device_id", deviceID, "endpoint", "sccp", "endpoint_id", endpointID)
}

// lineRequirements: a line on a device has an endpoint, an extension and a user.
func lineRequirements(ctx context.Context, tx *store.Tx, l *resources.Line) error {
	if !l.HasEndpoint() {
		return resources.ErrMissingAssociation("Line", "Endpoint", "line_id", l.ID)
	}
	if ok, err := store.Exists(ctx, tx, "line_extensions", "line_id = ?", l.ID); err != nil || !ok {
		if err == nil {
			err = resources.ErrMissingAssociation("Line", "Extension", "line_id", l.ID)
		}
		return err
	}
	if ok, err := store.Exists(ctx, tx, "user_lines", "line_id = ?", l.ID); err != nil || !ok {
		if err == nil {
			err = resources.ErrMissingAssociation("User", "Line", "line_id", l.ID)
		}
		return err
	}
	return nil
}

// DissociateLineDevice takes line lineID off device deviceID; a device left
// without lines goes back to autoprov. Dissociating a line that is not on
// the device does nothing.
func (c *Client) DissociateLineDevice(ctx context.Context, s Scope, lineID int, deviceID string) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		l, d, st, err := c.lineAndDevice(ctx, tx, s, lineID, deviceID)
		if err != nil || !onDevice(l, d.ID) {
			return err
		}
		if off, err := c.takeLineOff(ctx, tx, l, d.ID); err != nil || !off {
			return err // !off: a concurrent dissociation did it
		}
		if left, err := store.Exists(ctx, tx, "lines", "device_id = ?", d.ID); err != nil || left {
			return err
		}
		return st.ResetAutoprov(ctx, d)
	})
}

// takeLineOff removes line l from device deviceID and announces it; false
// when the line was not on the device.
func (c *Client) takeLineOff(ctx context.Context, tx *store.Tx, l *resources.Line, deviceID string) (bool, error) {
	res, err := tx.NewUpdate().Table("lines").Set("device_id = NULL").Where("id = ? AND device_id = ?", l.ID, deviceID).Exec(ctx)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	return true, c.announceLineDevice(ctx, tx, l, deviceID, "dissociated")
}

// releaseDeviceLines takes every line off device d (its autoprov reset).
func (c *Client) releaseDeviceLines(ctx context.Context, tx *store.Tx, d *Device) error {
	if err := lockDevice(ctx, tx, d.ID); err != nil {
		return err
	}
	var lines []resources.Line
	if err := tx.NewSelect().Model(&lines).Where("device_id = ?", d.ID).OrderExpr("id").Scan(ctx); err != nil {
		return err
	}
	for i := range lines {
		if _, err := c.takeLineOff(ctx, tx, &lines[i], d.ID); err != nil {
			return err
		}
	}
	return nil
}

// deviceUnused refuses to delete a device lines are on.
func deviceUnused(ctx context.Context, tx *store.Tx, deviceID string) error {
	if err := lockDevice(ctx, tx, deviceID); err != nil {
		return err
	}
	var ids []int
	if err := tx.NewSelect().Table("lines").Column("id").Where("device_id = ?", deviceID).OrderExpr("id").Scan(ctx, &ids); err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	return resources.ErrResource("Device is associated with a Line ('device_id': '%s', 'line_ids': %s)", deviceID, pyTuple(ids))
}

// pyTuple prints ids as a Python tuple: (1,) or (1, 2).
func pyTuple(ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
	}
	if len(ids) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// lineHasNoDevice refuses to take from a line on a device what the device
// needs (endpoint, extension, user). On PostgreSQL the line's row stays
// locked until commit, so that a concurrent association waits and then
// sees the change.
func lineHasNoDevice(ctx context.Context, tx *store.Tx, lineID int) error {
	q := tx.NewSelect().Table("lines").Column("device_id").Where("id = ?", lineID)
	if tx.Engine == store.Postgres {
		q = q.For("UPDATE")
	}
	var device *string
	if err := q.Scan(ctx, &device); err != nil {
		return err
	}
	if device != nil {
		return resources.ErrAssociated("Line", "Device", "line_id", lineID, "device_id", *device)
	}
	return nil
}

func (c *Client) announceLineDevice(ctx context.Context, tx *store.Tx, l *resources.Line, deviceID, verb string) error {
	if err := nameLineEndpoint(ctx, tx, l); err != nil {
		return err
	}
	line := map[string]any{"id": l.ID, "name": l.Name, "endpoint_sip": nil, "endpoint_sccp": nil, "endpoint_custom": nil}
	if k, key, ok := lineEndpointOf(l); ok {
		if k.name == "sip" {
			line["endpoint_sip"] = map[string]any{"uuid": key}
		} else {
			line["endpoint_"+k.name] = map[string]any{"id": keyValue(k, key)}
		}
	}
	if l.EndpointSCCPID != nil {
		tx.Reload(lineDeviceReload)
	}
	action := assocAction(verb)
	rk := "config.lines." + itoa(l.ID) + ".devices." + deviceID + "." + action
	data := map[string]any{"line": line, "device": map[string]any{"id": deviceID}}
	return tx.Emit(ctx, withOrigin(c, tenantEvent("line_device_"+verb, rk, l.TenantUUID, data))...)
}

// LineDevice returns the device of line lineID visible in s; a line
// without a device is a NotFound LineDevice.
func (c *Client) LineDevice(ctx context.Context, s Scope, lineID int) (*LineDevice, error) {
	l, err := store.Get[resources.Line](ctx, c.Lines.db(), lineTable, lineID, s.Tenants)
	if err != nil {
		return nil, err
	}
	if l.DeviceID == nil {
		return nil, resources.ErrNotFound("LineDevice", "line_id", l.ID)
	}
	v := lineDeviceOf(ctx, l.ID, *l.DeviceID)
	return &v, nil
}

// DeviceLines lists the lines on device deviceID visible in s.
func (c *Client) DeviceLines(ctx context.Context, s Scope, deviceID string) ([]LineDevice, error) {
	d, err := c.Devices.Get(ctx, s, deviceID)
	if err != nil {
		return nil, err
	}
	var ids []int
	err = c.Lines.db().NewSelect().Table("lines").Column("id").Where("device_id = ?", d.ID).OrderExpr("id").Scan(ctx, &ids)
	out := make([]LineDevice, len(ids))
	for i, id := range ids {
		out[i] = lineDeviceOf(ctx, id, d.ID)
	}
	return out, err
}

func lineDeviceOf(ctx context.Context, lineID int, deviceID string) LineDevice {
	return LineDevice{LineID: lineID, DeviceID: deviceID,
		Links: append(link(ctx, "lines", lineID), link(ctx, "devices", deviceID)...)}
}

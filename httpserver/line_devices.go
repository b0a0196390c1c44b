package httpserver

import (
	"net/http"

	"github.com/gopbx/confd"
)

// lineDeviceRoutes put lines on devices and list them. A device id is a
// provisioning server's string, so its wildcard is the untyped {device}.
func (s *Server) lineDeviceRoutes() []route {
	ld := "/lines/{line_id}/devices/{device}"
	return []route{
		{"PUT", ld, "confd.lines.{line_id}.devices.{device}.update", lineDevice(true)},
		{"DELETE", ld, "confd.lines.{line_id}.devices.{device}.delete", lineDevice(false)},
		{"GET", "/lines/{line_id}/devices", "confd.lines.{line_id}.devices.read", getLineDevice},
		{"GET", "/devices/{device}/lines", "confd.devices.{device}.lines.read", listDeviceLines},
	}
}

func lineDevice(associate bool) func(q *request) error {
	return func(q *request) error {
		scope, err := q.itemScope()
		if err != nil {
			return err
		}
		line, _ := parseKey("int", q.r.PathValue("line_id"))
		do := q.c.DissociateLineDevice
		if associate {
			do = q.c.AssociateLineDevice
		}
		if err := do(q.ctx, scope, line.(int), q.r.PathValue("device")); err != nil {
			return err
		}
		return q.noContent()
	}
}

// getLineDevice is GET /lines/{id}/devices: the line's device, 404 when
// it has none.
func getLineDevice(q *request) error {
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	line, _ := parseKey("int", q.r.PathValue("line_id"))
	v, err := q.c.LineDevice(q.ctx, scope, line.(int))
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, v)
}

// listDeviceLines is GET /devices/{device}/lines.
func listDeviceLines(q *request) error {
	id, err := deviceID(q, "device")
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	items, err := q.c.DeviceLines(q.ctx, scope, id)
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, list[confd.LineDevice]{Total: len(items), Items: items})
}

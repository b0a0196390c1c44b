package httpserver

import (
	"net/http"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// unallocated is the path segment of the devices no tenant has taken.
const unallocated = "unallocated"

// deviceRoutes are the device routes. A device id is a provisioning
// server's string, so the wildcard is {device}, whose form the handlers
// check. ServeMux cannot hold GET /devices/unallocated beside the
// method-less /devices/{device} that register adds for 405 answers, nor
// /devices/unallocated/{device} beside /devices/{device}/autoprov: the
// {device} routes serve them when device is "unallocated", and their ACLs
// then read as wazo's (confd.devices.unallocated.read,
// confd.devices.unallocated.{id}.update).
func (s *Server) deviceRoutes() []route {
	return []route{
		{"GET", "/devices", "confd.devices.read", listDevices},
		{"POST", "/devices", "confd.devices.create", createDevice},
		{"GET", "/devices/{device}", "confd.devices.{device}.read", getDevice},
		{"PUT", "/devices/{device}", "confd.devices.{device}.update", updateDevice},
		{"DELETE", "/devices/{device}", "confd.devices.{device}.delete", deleteDevice},
		{"GET", "/devices/{device}/{action}", "confd.devices.{device}.{action}.read", deviceAction},
		{"PUT", "/devices/{device}/{action}", "confd.devices.{device}.{action}.update", allocateDevice},
	}
}

// deviceID returns the path's device id; one of a form no device has is
// answered as a missing device.
func deviceID(q *request, wildcard string) (string, error) {
	id := q.r.PathValue(wildcard)
	if !resources.ValidDeviceID(id) {
		return "", resources.ErrNotFound("Device", "id", id)
	}
	return id, nil
}

func listDevices(q *request) error {
	scope, err := q.listScope()
	if err != nil {
		return err
	}
	return q.deviceList(func(p confd.ListParams) ([]confd.Device, int, error) {
		return q.c.Devices.List(q.ctx, scope, p)
	})
}

func (q *request) deviceList(find func(p confd.ListParams) ([]confd.Device, int, error)) error {
	p, err := q.c.Devices.ParseList(q.r.URL.Query())
	if err != nil {
		return err
	}
	items, total, err := find(p)
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, list[confd.Device]{Total: total, Items: items})
}

func createDevice(q *request) error {
	fields, err := q.body(resources.DeviceSchema, false)
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	v := &confd.Device{}
	if err := resources.Apply(fields, v); err != nil {
		return err
	}
	v.SetTenant(q.tenant)
	if err := q.c.Devices.Create(q.ctx, scope, v); err != nil {
		return err
	}
	q.w.Header().Set("Location", baseURL(q.r)+"/devices/"+v.ID)
	return q.json(http.StatusCreated, v)
}

// loadDevice returns the device of the path among the visible tenants.
func loadDevice(q *request) (*confd.Device, confd.Scope, error) {
	id, err := deviceID(q, "device")
	if err != nil {
		return nil, confd.Scope{}, err
	}
	scope, err := q.itemScope()
	if err != nil {
		return nil, scope, err
	}
	v, err := q.c.Devices.Get(q.ctx, scope, id)
	return v, scope, err
}

// getDevice is GET /devices/{device}, and GET /devices/unallocated.
func getDevice(q *request) error {
	if q.r.PathValue("device") == unallocated {
		return q.deviceList(func(p confd.ListParams) ([]confd.Device, int, error) {
			return q.c.Devices.Unallocated(q.ctx, p)
		})
	}
	v, _, err := loadDevice(q)
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, v)
}

// updateDevice is a partial update (see family.update).
func updateDevice(q *request) error {
	id, err := deviceID(q, "device")
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	fields, bodyErr := q.body(resources.DeviceSchema, true)
	err = q.c.Devices.Edit(q.ctx, scope, id, func(v *confd.Device) error {
		if bodyErr != nil {
			return bodyErr
		}
		return resources.Apply(fields, v)
	})
	if err != nil {
		return err
	}
	return q.noContent()
}

func deleteDevice(q *request) error {
	id, err := deviceID(q, "device")
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if err := q.c.Devices.Delete(q.ctx, scope, id); err != nil {
		return err
	}
	return q.noContent()
}

// deviceAction is GET /devices/{device}/autoprov and .../synchronize.
func deviceAction(q *request) error {
	action := q.r.PathValue("action")
	if action != "autoprov" && action != "synchronize" {
		return q.noDeviceRoute(q.r.PathValue("device") == unallocated)
	}
	id, err := deviceID(q, "device")
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if action == "autoprov" {
		err = q.c.Devices.ResetAutoprov(q.ctx, scope, id)
	} else {
		err = q.c.Devices.Synchronize(q.ctx, scope, id)
	}
	if err != nil {
		return err
	}
	return q.noContent()
}

// allocateDevice is PUT /devices/unallocated/{id}: the device moves to the
// tenant the request acts in.
func allocateDevice(q *request) error {
	if q.r.PathValue("device") != unallocated {
		action := q.r.PathValue("action")
		return q.noDeviceRoute(action == "autoprov" || action == "synchronize")
	}
	id, err := deviceID(q, "action")
	if err != nil {
		return err
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if err := q.c.Devices.Allocate(q.ctx, scope, id, q.tenant); err != nil {
		return err
	}
	return q.noContent()
}

// noDeviceRoute answers a path of the shared {device}/{action} routes that
// wazo does not have: 405 when the path exists for another method.
func (q *request) noDeviceRoute(otherMethod bool) error {
	if otherMethod {
		methodNotAllowed(q.w, q.r)
	} else {
		notFound(q.w, q.r)
	}
	return nil
}

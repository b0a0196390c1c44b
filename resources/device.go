package resources

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/uptrace/bun"
)

// Device statuses, as wazo computes them from the provisioning state.
const (
	DeviceNotConfigured = "not_configured"
	DeviceAutoprov      = "autoprov"
	DeviceConfigured    = "configured"
	DeviceCorrupted     = "corrupted"
)

// AutoprovPrefix starts the id of every autoprov configuration: a device
// whose configuration id has it is waiting for a provisioning code.
const AutoprovPrefix = "autoprov"

var deviceIDRegexp = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,128}$`)

// DeviceOptions are the standard options of a device.
type DeviceOptions struct {
	Switchboard *bool `json:"switchboard,omitempty"`
}

// Device is a phone or gateway, keyed by a provisioning server's string id.
// Status and IsNew are computed when the device is read.
type Device struct {
	bun.BaseModel `bun:"table:devices"`

	ID          string         `bun:"id,pk" json:"id"`
	Status      string         `bun:"-" json:"status"`
	TenantUUID  string         `bun:"tenant_uuid" json:"tenant_uuid"`
	IsNew       bool           `bun:"-" json:"is_new"`
	IP          *string        `bun:"ip" json:"ip"`
	MAC         *string        `bun:"mac" json:"mac"`
	SN          *string        `bun:"sn" json:"sn"`
	Plugin      *string        `bun:"plugin" json:"plugin"`
	Vendor      *string        `bun:"vendor" json:"vendor"`
	Model       *string        `bun:"model" json:"model"`
	Version     *string        `bun:"version" json:"version"`
	Description *string        `bun:"description" json:"description"`
	TemplateID  *string        `bun:"template_id" json:"template_id"`
	Options     *DeviceOptions `bun:"options" json:"options"`
	// Config is the id of the device's provisioning configuration; a
	// device without one is corrupted. It is not part of the API body.
	Config *string `bun:"config" json:"-"`
	Links  []Link  `bun:"-" json:"links"`
}

// GetID returns the device's id.
func (d *Device) GetID() any { return d.ID }

// SetTenant sets the tenant owning the device.
func (d *Device) SetTenant(uuid string) { d.TenantUUID = uuid }

// GetTenant returns the tenant owning the device.
func (d *Device) GetTenant() string { return d.TenantUUID }

// Defaults normalizes the MAC address to lower case, as wazo does.
func (d *Device) Defaults() {
	if d.MAC != nil {
		d.MAC = Ptr(strings.ToLower(*d.MAC))
	}
}

// Corrupted reports whether the device has lost its configuration.
func (d *Device) Corrupted() bool { return d.Config == nil || *d.Config == "" }

// ComputeStatus sets Status: corrupted without a configuration, autoprov
// or configured when a plugin handles it, not_configured otherwise.
func (d *Device) ComputeStatus() {
	switch {
	case d.Corrupted():
		d.Status = DeviceCorrupted
	case d.Plugin == nil:
		d.Status = DeviceNotConfigured
	case strings.HasPrefix(*d.Config, AutoprovPrefix):
		d.Status = DeviceAutoprov
	default:
		d.Status = DeviceConfigured
	}
}

// DeviceSchema validates device bodies (wazo's).
var DeviceSchema = FromContract("DeviceSchema")

// Validate checks d against the API's rules.
func (d *Device) Validate() error { return Check(DeviceSchema, d) }

// NewDeviceID returns a new device id: 32 hexadecimal digits, as
// wazo-provd generates them.
func NewDeviceID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

// NewAutoprovConfig returns the id of a new autoprov configuration.
func NewAutoprovConfig() string { return AutoprovPrefix + NewDeviceID()[:16] }

// ValidDeviceID reports whether s has the form of a device id; anything
// else cannot name a device.
func ValidDeviceID(s string) bool { return deviceIDRegexp.MatchString(s) }

// ErrDeviceCorrupted is wazo's answer to a template set on a device that
// has lost its configuration.
func ErrDeviceCorrupted(id string) *Error {
	return newErr(Invalid, "Device %s has a corrupted configuration", id)
}

package resources

import (
	"math/rand/v2"
	"strconv"

	"github.com/uptrace/bun"
)

// DefaultRegistrar is the registrar every PBX has.
const DefaultRegistrar = "default"

// LineExtensionRef is an extension as listed inside a line.
type LineExtensionRef struct {
	ID      int    `json:"id"`
	Exten   string `json:"exten"`
	Context string `json:"context"`
	Links   []Link `json:"links"`
}

// LineUserRef is a user as listed inside a line.
type LineUserRef struct {
	UUID      string  `json:"uuid"`
	Firstname string  `json:"firstname"`
	Lastname  *string `json:"lastname"`
	Links     []Link  `json:"links"`
}

// Line is a phone line: what a user's device registers with, in a context.
type Line struct {
	bun.BaseModel `bun:"table:lines"`

	ID                    int                `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID            string             `bun:"tenant_uuid" json:"tenant_uuid"`
	Name                  *string            `bun:"-" json:"name"`
	Protocol              *string            `bun:"-" json:"protocol"`
	DeviceID              *string            `bun:"device_id" json:"device_id"`
	DeviceSlot            int                `bun:"-" json:"device_slot"`
	ProvisioningExtension string             `bun:"-" json:"provisioning_extension"`
	Context               string             `bun:"context" json:"context"`
	ProvisioningCode      string             `bun:"provisioning_code" json:"provisioning_code"`
	Position              *int               `bun:"position" json:"position"`
	CallerIDName          *string            `bun:"caller_id_name" json:"caller_id_name"`
	CallerIDNum           *string            `bun:"caller_id_num" json:"caller_id_num"`
	Registrar             string             `bun:"registrar" json:"registrar"`
	Application           any                `bun:"-" json:"application"`
	EndpointSIP           any                `bun:"-" json:"endpoint_sip"`
	EndpointSCCP          any                `bun:"-" json:"endpoint_sccp"`
	EndpointCustom        any                `bun:"-" json:"endpoint_custom"`
	Extensions            []LineExtensionRef `bun:"-" json:"extensions"`
	Users                 []LineUserRef      `bun:"-" json:"users"`
	IsWebRTC              bool               `bun:"-" json:"is_webrtc"`
	Links                 []Link             `bun:"-" json:"links"`

	// The line's endpoint, at most one of the three (see AssociateLineEndpoint).
	EndpointSIPUUID  *string `bun:"endpoint_sip_uuid" json:"-"`
	EndpointSCCPID   *int    `bun:"endpoint_sccp_id" json:"-"`
	EndpointCustomID *int    `bun:"endpoint_custom_id" json:"-"`

	// generatedCode is set when Defaults chose the provisioning code.
	generatedCode bool
}

// HasEndpoint reports whether the line has an endpoint.
func (l *Line) HasEndpoint() bool {
	return l.EndpointSIPUUID != nil || l.EndpointSCCPID != nil || l.EndpointCustomID != nil
}

// GetID returns the line's id.
func (l *Line) GetID() any { return l.ID }

// SetTenant sets the tenant owning the line.
func (l *Line) SetTenant(uuid string) { l.TenantUUID = uuid }

// GetTenant returns the tenant owning the line.
func (l *Line) GetTenant() string { return l.TenantUUID }

// Defaults: position 1, the default registrar; device slot and
// provisioning extension mirror position and provisioning code.
func (l *Line) Defaults() {
	if l.ProvisioningCode == "" {
		l.NewProvisioningCode()
	}
	if l.Position == nil {
		l.Position = Ptr(1)
	}
	if l.Registrar == "" {
		l.Registrar = DefaultRegistrar
	}
	l.DeviceSlot, l.ProvisioningExtension = *l.Position, l.ProvisioningCode
	if l.Extensions == nil {
		l.Extensions = []LineExtensionRef{}
	}
	if l.Users == nil {
		l.Users = []LineUserRef{}
	}
}

// NewProvisioningCode draws a random 6-digit provisioning code.
func (l *Line) NewProvisioningCode() {
	l.ProvisioningCode = strconv.Itoa(100000 + rand.IntN(900000))
	l.ProvisioningExtension = l.ProvisioningCode
	l.generatedCode = true
}

// GeneratedCode reports whether the provisioning code was drawn, not given.
func (l *Line) GeneratedCode() bool { return l.generatedCode }

// LineSchema validates line bodies (PUT): wazo's, where endpoints and
// extensions are only shown.
var LineSchema = FromContract("LineListSchema")

// LineCreateSchema validates POST /lines: provisioning code, position and
// registrar may be null there, meaning their default; a null endpoint is
// no endpoint (wazo's remove_endpoints_none); an extension's context is
// the line's when it has none (propagate_context).
var LineCreateSchema = FromContract("LineSchemaNullable",
	Obj("endpoint_sip", EndpointSIPSchema).Null(),
	Obj("endpoint_sccp", EndpointSCCPSchema).Null(),
	Obj("endpoint_custom", EndpointCustomSchema).Null(),
	NestedList("extensions", ExtensionSchema.WithOptional("context")))

// Validate checks l against the API's rules.
func (l *Line) Validate() error { return Check(LineSchema, l) }

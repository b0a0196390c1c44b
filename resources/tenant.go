package resources

import "github.com/uptrace/bun"

// Tenant is a customer of the PBX; every other object belongs to one.
type Tenant struct {
	bun.BaseModel `bun:"table:tenants"`

	UUID                             string  `bun:"uuid,pk" json:"uuid"`
	Name                             string  `bun:"name" json:"name"`
	Slug                             string  `bun:"slug" json:"slug"`
	ParentUUID                       *string `bun:"parent_uuid" json:"parent_uuid"`
	SIPTemplatesGenerated            bool    `bun:"sip_templates_generated" json:"sip_templates_generated"`
	GlobalSIPTemplateUUID            *string `bun:"global_sip_template_uuid" json:"global_sip_template_uuid"`
	WebRTCSIPTemplateUUID            *string `bun:"webrtc_sip_template_uuid" json:"webrtc_sip_template_uuid"`
	RegistrationTrunkSIPTemplateUUID *string `bun:"registration_trunk_sip_template_uuid" json:"registration_trunk_sip_template_uuid"`
	GlobalTrunkSIPTemplateUUID       *string `bun:"global_trunk_sip_template_uuid" json:"global_trunk_sip_template_uuid"`
	TwilioTrunkSIPTemplateUUID       *string `bun:"twilio_trunk_sip_template_uuid" json:"twilio_trunk_sip_template_uuid"`
	MeetingGuestSIPTemplateUUID      *string `bun:"meeting_guest_sip_template_uuid" json:"meeting_guest_sip_template_uuid"`
	// Path is the uuids from the top of the tenant's tree down to it,
	// joined by "/" (see PlaceUnder).
	Path string `bun:"path" json:"-"`
}

// PlaceUnder makes t a child of parent (nil: the top of a tree).
func (t *Tenant) PlaceUnder(parent *Tenant) {
	t.Path = t.UUID
	if parent != nil && parent.UUID != t.UUID {
		t.Path = parent.Path + "/" + t.UUID
	}
}

// GetID returns the tenant's uuid.
func (t *Tenant) GetID() any { return t.UUID }

// SetTenant sets the tenant owning the object.
func (t *Tenant) SetTenant(uuid string) { t.UUID = uuid }

// GetTenant returns the tenant's own uuid: a tenant belongs to itself.
func (t *Tenant) GetTenant() string { return t.UUID }

// Defaults does nothing: tenants have no defaults.
func (t *Tenant) Defaults() {}

// TenantSchema validates tenant bodies (built-in authentication only).
var TenantSchema = &Schema{Fields: []Field{
	UUIDField("uuid"),
	Str("name").Null().Len(-1, 128),
	Str("slug").Req().Len(1, 10).Match(`^[a-zA-Z0-9_]+$`),
}}

// Validate checks t against the API's rules.
func (t *Tenant) Validate() error { return Check(TenantSchema, t) }

package resources

import (
	"regexp"

	"github.com/uptrace/bun"
)

// phoneNumberRegexp is the form of a phone number: digits with an optional
// leading "+" (wazo's mallow.PhoneNumber).
var phoneNumberRegexp = regexp.MustCompile(`^\+?[0-9]+$`)

// PhoneNumber is a number of a tenant, usable as outgoing caller id or for
// incoming call routing. At most one number per tenant is its main number,
// and the main number is always shared.
type PhoneNumber struct {
	bun.BaseModel `bun:"table:phone_numbers"`

	UUID         string  `bun:"uuid,pk" json:"uuid"`
	TenantUUID   string  `bun:"tenant_uuid" json:"tenant_uuid"`
	Number       string  `bun:"number" json:"number"`
	CallerIDName *string `bun:"caller_id_name" json:"caller_id_name"`
	// Main is read-only: SetMain changes it.
	Main   bool   `bun:"main" json:"main"`
	Shared bool   `bun:"shared" json:"shared"`
	Links  []Link `bun:"-" json:"links"`
}

// GetID returns the phone number's uuid.
func (p *PhoneNumber) GetID() any { return p.UUID }

// SetTenant sets the tenant owning the object.
func (p *PhoneNumber) SetTenant(uuid string) { p.TenantUUID = uuid }

// GetTenant returns the tenant owning the phone number.
func (p *PhoneNumber) GetTenant() string { return p.TenantUUID }

// Defaults does nothing: shared defaults to false, the zero value.
func (p *PhoneNumber) Defaults() {}

// phoneNumberField is wazo's PhoneNumber field: 1 to 128 characters,
// digits with an optional leading "+".
func phoneNumberField(name string) Field {
	return Str(name).Len(1, 128).Check(func(v any) string {
		if s, ok := v.(string); ok && phoneNumberRegexp.MatchString(s) {
			return ""
		}
		return "not a valid digit-only phone number"
	})
}

// PhoneNumberSchema validates phone number bodies: wazo's, with its
// phone number rule; main is read-only.
var PhoneNumberSchema = FromContract("PhoneNumberSchema", phoneNumberField("number").Req())

// Validate checks p against the API's rules.
func (p *PhoneNumber) Validate() error { return Check(PhoneNumberSchema, p) }

// PhoneNumberMainSchema validates the body of PUT /phone-numbers/main; the
// uuid is read in its canonical form, as Python's str(UUID) gives it.
var PhoneNumberMainSchema = &Schema{
	Fields: []Field{UUIDField("phone_number_uuid").Req()},
	PostLoad: func(m map[string]any) {
		if s, ok := m["phone_number_uuid"].(string); ok {
			m["phone_number_uuid"] = CanonicalUUID(s)
		}
	},
}

package resources

import (
	"encoding/json"
	"math/rand/v2"
	"strings"

	"github.com/uptrace/bun"
)

// SIPOption is one [key, value] pair of a PJSIP section.
type SIPOption [2]string

// SIPSection names one of the seven option lists of a SIP endpoint: its
// body field and the PJSIP section type its keys are checked against.
type SIPSection struct {
	Field   string // "registration_outbound_auth_section_options"
	DocType string // "auth"
}

// SIPSections are the option lists of a SIP endpoint, in wazo's order.
var SIPSections = []SIPSection{
	{"aor_section_options", "aor"},
	{"auth_section_options", "auth"},
	{"endpoint_section_options", "endpoint"},
	{"identify_section_options", "identify"},
	{"registration_section_options", "registration"},
	{"registration_outbound_auth_section_options", "auth"},
	{"outbound_auth_section_options", "auth"},
}

// SIPTemplateRef is a template used by a SIP endpoint or template.
type SIPTemplateRef struct {
	UUID  string  `json:"uuid"`
	Label *string `json:"label"`
}

// SIPTransportRef is the SIP transport of an endpoint.
type SIPTransportRef struct {
	UUID string `json:"uuid"`
}

// SIPOwnerRef is the line or trunk using a SIP endpoint.
type SIPOwnerRef struct {
	ID    int    `json:"id"`
	Links []Link `json:"links"`
}

// EndpointSIP is a PJSIP endpoint, or a template of endpoints (Template):
// named PJSIP sections of [key, value] options, completed by the options
// of its templates, in order.
type EndpointSIP struct {
	bun.BaseModel `bun:"table:endpoints_sip"`

	UUID                                   string           `bun:"uuid,pk" json:"uuid"`
	TenantUUID                             string           `bun:"tenant_uuid" json:"tenant_uuid"`
	Template                               bool             `bun:"template" json:"-"`
	Name                                   string           `bun:"name" json:"name,omitempty"`
	Label                                  *string          `bun:"label" json:"label"`
	AORSectionOptions                      []SIPOption      `bun:"aor_section_options" json:"aor_section_options"`
	AuthSectionOptions                     []SIPOption      `bun:"auth_section_options" json:"auth_section_options"`
	EndpointSectionOptions                 []SIPOption      `bun:"endpoint_section_options" json:"endpoint_section_options"`
	IdentifySectionOptions                 []SIPOption      `bun:"identify_section_options" json:"identify_section_options"`
	RegistrationSectionOptions             []SIPOption      `bun:"registration_section_options" json:"registration_section_options"`
	RegistrationOutboundAuthSectionOptions []SIPOption      `bun:"registration_outbound_auth_section_options" json:"registration_outbound_auth_section_options"`
	OutboundAuthSectionOptions             []SIPOption      `bun:"outbound_auth_section_options" json:"outbound_auth_section_options"`
	Templates                              []SIPTemplateRef `bun:"-" json:"templates"`
	TransportUUID                          *string          `bun:"transport_uuid" json:"-"`
	Transport                              *SIPTransportRef `bun:"-" json:"transport"`
	AsteriskID                             *string          `bun:"asterisk_id" json:"asterisk_id"`
	Trunk                                  *SIPOwnerRef     `bun:"-" json:"trunk"`
	Line                                   *SIPOwnerRef     `bun:"-" json:"line"`
	Links                                  []Link           `bun:"-" json:"links"`

	drawnName bool // DrawName chose the name
}

// sipNamePool is what drawn names are made of (xivo-dao's hash).
const sipNamePool = "abcdefghijklmnopqrstuvwxyz0123456789"

// DrawName gives the endpoint a random 8-character name, as wazo names an
// endpoint created without one.
func (e *EndpointSIP) DrawName() {
	b := make([]byte, 8)
	for i := range b {
		b[i] = sipNamePool[rand.IntN(len(sipNamePool))]
	}
	e.Name, e.drawnName = string(b), true
}

// DrawnName reports whether DrawName chose the name.
func (e *EndpointSIP) DrawnName() bool { return e.drawnName }

// MarshalJSON leaves trunk and line out of a template, as wazo does.
func (e EndpointSIP) MarshalJSON() ([]byte, error) {
	type plain EndpointSIP
	if !e.Template {
		return json.Marshal(plain(e))
	}
	return json.Marshal(struct {
		plain
		Trunk *SIPOwnerRef `json:"trunk,omitempty"`
		Line  *SIPOwnerRef `json:"line,omitempty"`
	}{plain: plain(e)})
}

// GetID returns the endpoint's uuid.
func (e *EndpointSIP) GetID() any { return e.UUID }

// SetTenant sets the tenant owning the object.
func (e *EndpointSIP) SetTenant(uuid string) { e.TenantUUID = uuid }

// GetTenant returns the tenant owning the endpoint.
func (e *EndpointSIP) GetTenant() string { return e.TenantUUID }

// Defaults gives empty lists to absent options and templates.
func (e *EndpointSIP) Defaults() {
	for _, o := range e.Options() {
		if *o == nil {
			*o = []SIPOption{}
		}
	}
	if e.Templates == nil {
		e.Templates = []SIPTemplateRef{}
	}
}

// Options returns the seven option lists, in the order of SIPSections.
func (e *EndpointSIP) Options() []*[]SIPOption {
	return []*[]SIPOption{
		&e.AORSectionOptions, &e.AuthSectionOptions, &e.EndpointSectionOptions,
		&e.IdentifySectionOptions, &e.RegistrationSectionOptions,
		&e.RegistrationOutboundAuthSectionOptions, &e.OutboundAuthSectionOptions,
	}
}

// CheckOptionKeys checks every option key against Asterisk's PJSIP
// documentation, section by section, as wazo does after the schema.
func (e *EndpointSIP) CheckOptionKeys() error {
	for i, o := range e.Options() {
		if err := CheckPJSIPOptions(SIPSections[i].Field, SIPSections[i].DocType, *o); err != nil {
			return err
		}
	}
	return nil
}

// OptionsWithKey returns the options of opts whose key is key, as wazo's
// events show "auth_section_options.username".
func OptionsWithKey(opts []SIPOption, key string) []SIPOption {
	out := []SIPOption{}
	for _, o := range opts {
		if o[0] == key {
			out = append(out, o)
		}
	}
	return out
}

// MergeSIPOptions keeps one value per key, the last one, at the place of
// the key's first occurrence (wazo's merged view).
func MergeSIPOptions(opts []SIPOption) []SIPOption {
	out := []SIPOption{}
	at := map[string]int{}
	for _, o := range opts {
		if i, ok := at[o[0]]; ok {
			out[i][1] = o[1]
			continue
		}
		at[o[0]] = len(out)
		out = append(out, o)
	}
	return out
}

// CanonicalUUID returns a UUID in its canonical form (lower case, with
// dashes) as marshmallow's UUID field does, or s unchanged when it is not
// a UUID.
func CanonicalUUID(s string) string {
	if !uuidRe.MatchString(s) {
		return s
	}
	hex := strings.Map(func(r rune) rune {
		if strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return r
		}
		return -1
	}, strings.TrimPrefix(strings.ToLower(s), "urn:uuid:"))
	return hex[0:8] + "-" + hex[8:12] + "-" + hex[12:16] + "-" + hex[16:20] + "-" + hex[20:32]
}

func sipOptionsField(name string) Field {
	return ListOf(name, ListOf("", Str("").Len(1, 4092)).Len(2, 2)).Len(-1, 512)
}

var sipRelationSchema = &Schema{Fields: []Field{UUIDField("uuid").Req(), Str("label").RO()}}

// EndpointSIPSchema validates SIP endpoint and template bodies.
var EndpointSIPSchema = &Schema{Fields: []Field{
	UUIDField("uuid").RO(), UUIDField("tenant_uuid").RO(),
	PJSIPSectionName("name"),
	Str("label").Null().Len(-1, 128),
	sipOptionsField("aor_section_options"),
	sipOptionsField("auth_section_options"),
	sipOptionsField("endpoint_section_options"),
	sipOptionsField("identify_section_options"),
	sipOptionsField("registration_section_options"),
	sipOptionsField("registration_outbound_auth_section_options"),
	sipOptionsField("outbound_auth_section_options"),
	ListOf("templates", Obj("", sipRelationSchema)),
	Obj("transport", &Schema{Fields: []Field{UUIDField("uuid").Req()}}).Null(),
	Str("asterisk_id").Null().Len(-1, 1024),
}}

// Validate checks e against the API's rules (the option keys are checked
// by CheckOptionKeys, after the references); absent lists are empty.
func (e *EndpointSIP) Validate() error {
	c := *e
	c.Defaults()
	return Check(EndpointSIPSchema, &c)
}

// ErrNotFoundUUID is ErrNotFound for an object addressed by a UUID path
// wildcard, which wazo prints as a Python UUID: ('uuid': UUID('...')).
func ErrNotFoundUUID(resource, uuid string) *Error {
	return newErr(NotFound, "Resource Not Found - %s was not found ('uuid': UUID('%s'))", resource, strings.ToLower(uuid))
}

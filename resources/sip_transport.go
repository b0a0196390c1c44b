package resources

import (
	"github.com/uptrace/bun"
)

// SIPTransport is a PJSIP transport section: a name unique among
// transports, SIP endpoints and templates, and [key, value] options.
// SIP endpoints and templates name theirs. Transports are global.
type SIPTransport struct {
	bun.BaseModel `bun:"table:sip_transports"`

	UUID    string      `bun:"uuid,pk" json:"uuid"`
	Name    string      `bun:"name" json:"name"`
	Options []SIPOption `bun:"options" json:"options"`
}

// GetID returns the transport's uuid.
func (t *SIPTransport) GetID() any { return t.UUID }

// GetTenant returns "": transports are global.
func (t *SIPTransport) GetTenant() string { return "" }

// SetTenant does nothing: transports are global.
func (t *SIPTransport) SetTenant(string) {}

// Defaults gives an empty options list.
func (t *SIPTransport) Defaults() {
	if t.Options == nil {
		t.Options = []SIPOption{}
	}
}

// sipTransportOption is wazo's PJSIPSectionOption: a [key, value] pair of
// non-empty strings of a restricted alphabet.
var sipTransportOption = ListOf("", Str("").Len(1, 4092).Match(`^[a-zA-Z0-9\-_/.:,]*$`)).Len(2, 2)

// SIPTransportSchema validates SIP transport bodies (wazo's
// PJSIPTransportSchema); option keys are checked against Asterisk's
// documentation by CheckOptionKeys.
var SIPTransportSchema = &Schema{Fields: []Field{
	UUIDField("uuid").RO(),
	PJSIPSectionName("name").Req(),
	ListOf("options", sipTransportOption).Len(-1, 128),
}}

// Validate checks t against the API's rules.
func (t *SIPTransport) Validate() error {
	c := *t
	c.Defaults()
	return Check(SIPTransportSchema, &c)
}

// CheckOptionKeys checks that every option is a documented transport
// option, with wazo's message.
func (t *SIPTransport) CheckOptionKeys() error {
	return CheckPJSIPOptions("options", "transport", t.Options)
}

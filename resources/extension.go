package resources

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/uptrace/bun"
)

// Exten patterns wazo accepts: internal numbers or "_" patterns, and in
// outcall contexts an optional leading "+".
var (
	extenRegexp        = regexp.MustCompile(`^(?:_[*#0-9_XxZzNn\[\].!-]{1,39}|[*#0-9]{1,40})$`)
	extenOutcallRegexp = regexp.MustCompile(`^_?\+?[*#0-9_XxZzNn\[\].!-]*$`)
)

// ExtenRef is a related object shown inside an extension (line, group, ...).
type ExtenRef struct {
	ID    int    `json:"id"`
	UUID  string `json:"uuid,omitempty"`
	Name  string `json:"name,omitempty"`
	Label string `json:"label,omitempty"`
	Links []Link `json:"links"`
}

// Extension is a number in a context.
type Extension struct {
	bun.BaseModel `bun:"table:extensions"`

	ID         int        `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID string     `bun:"tenant_uuid" json:"tenant_uuid"`
	Exten      string     `bun:"exten" json:"exten"`
	Context    string     `bun:"context" json:"context"`
	Enabled    *bool      `bun:"enabled" json:"enabled"`
	Commented  *bool      `bun:"-" json:"commented,omitempty"`
	Lines      []ExtenRef `bun:"-" json:"lines"`
	Conference *ExtenRef  `bun:"-" json:"conference"`
	ParkingLot *ExtenRef  `bun:"-" json:"parking_lot"`
	Group      *ExtenRef  `bun:"-" json:"group"`
	Incall     *ExtenRef  `bun:"-" json:"incall"`
	Outcall    *ExtenRef  `bun:"-" json:"outcall"`
	Queue      *ExtenRef  `bun:"-" json:"queue"`
	Links      []Link     `bun:"-" json:"links"`
}

// MarshalJSON shows "commented", the legacy inverse of "enabled".
func (e Extension) MarshalJSON() ([]byte, error) {
	type plain Extension
	p := plain(e)
	if p.Enabled != nil {
		p.Commented = Ptr(!*p.Enabled)
	}
	return json.Marshal(p)
}

// GetID returns the extension's id.
func (e *Extension) GetID() any { return e.ID }

// SetTenant sets the tenant owning the object.
func (e *Extension) SetTenant(uuid string) { e.TenantUUID = uuid }

// GetTenant returns the tenant owning the extension.
func (e *Extension) GetTenant() string { return e.TenantUUID }

// Defaults enables the extension unless said otherwise; "commented" is the
// legacy inverse of "enabled" and wins when given.
func (e *Extension) Defaults() {
	if e.Commented != nil {
		e.Enabled = Ptr(!*e.Commented)
		e.Commented = nil
	}
	if e.Enabled == nil {
		e.Enabled = Ptr(true)
	}
	if e.Lines == nil {
		e.Lines = []ExtenRef{}
	}
}

// IsPattern reports whether the exten is an Asterisk pattern ("_XXXX").
func (e *Extension) IsPattern() bool { return strings.HasPrefix(e.Exten, "_") }

// CheckExten validates the exten for a context of the given type.
func (e *Extension) CheckExten(contextType string) error {
	re := extenRegexp
	if contextType == ContextOutcall {
		re = extenOutcallRegexp
	}
	if !re.MatchString(e.Exten) {
		return ErrInput("exten: ['String does not match expected pattern.']")
	}
	return nil
}

// ExtensionSchema validates extension bodies (wazo's).
var ExtensionSchema = FromContract("ExtensionSchema")

// Validate checks e against the API's rules.
func (e *Extension) Validate() error { return Check(ExtensionSchema, e) }

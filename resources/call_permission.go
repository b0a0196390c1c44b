package resources

import "github.com/uptrace/bun"

// Call permission modes.
const (
	CallPermissionAllow = "allow"
	CallPermissionDeny  = "deny"
)

// CallPermission allows or denies calls to some extensions, optionally
// behind a password, to the users, groups and outcalls it is given to.
type CallPermission struct {
	bun.BaseModel `bun:"table:call_permissions"`

	ID          int            `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID  string         `bun:"tenant_uuid" json:"tenant_uuid"`
	Name        string         `bun:"name" json:"name"`
	Password    *string        `bun:"password" json:"password"`
	Mode        string         `bun:"mode" json:"mode"`
	Extensions  []string       `bun:"extensions" json:"extensions"`
	Enabled     *bool          `bun:"enabled" json:"enabled"`
	Description *string        `bun:"description" json:"description"`
	Links       []Link         `bun:"-" json:"links"`
	Users       []RelatedUser  `bun:"-" json:"users"`
	Groups      []RelatedGroup `bun:"-" json:"groups"`
	Outcalls    []NamedRef     `bun:"-" json:"outcalls"`
}

// GetID returns the call permission's id.
func (p *CallPermission) GetID() any { return p.ID }

// SetTenant sets the tenant owning the object.
func (p *CallPermission) SetTenant(uuid string) { p.TenantUUID = uuid }

// GetTenant returns the tenant owning the call permission.
func (p *CallPermission) GetTenant() string { return p.TenantUUID }

// Defaults fills wazo's defaults (mode deny, enabled) and keeps each
// extension once, as wazo stores them as a set.
func (p *CallPermission) Defaults() {
	if p.Mode == "" {
		p.Mode = CallPermissionDeny
	}
	if p.Enabled == nil {
		p.Enabled = Ptr(true)
	}
	p.Extensions = uniqueStrings(p.Extensions)
	if p.Users == nil {
		p.Users = []RelatedUser{}
	}
	if p.Groups == nil {
		p.Groups = []RelatedGroup{}
	}
	if p.Outcalls == nil {
		p.Outcalls = []NamedRef{}
	}
}

// uniqueStrings returns ss without repeats, in first-seen order, never nil.
func uniqueStrings(ss []string) []string {
	out := make([]string, 0, len(ss))
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// CallPermissionSchema validates call permission bodies (wazo's).
var CallPermissionSchema = FromContract("CallPermissionSchema")

// Validate checks p against the API's rules.
func (p *CallPermission) Validate() error { return Check(CallPermissionSchema, p) }

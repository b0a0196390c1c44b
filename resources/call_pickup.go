package resources

import "github.com/uptrace/bun"

// CallPickupMembers are the users and groups on one side of a call pickup.
type CallPickupMembers struct {
	Groups []RelatedGroup `json:"groups"`
	Users  []RelatedUser  `json:"users"`
}

// CallPickup lets its interceptors pick up the calls ringing its targets.
// Names are unique across tenants, as in wazo.
type CallPickup struct {
	bun.BaseModel `bun:"table:call_pickups"`

	ID           int               `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID   string            `bun:"tenant_uuid" json:"tenant_uuid"`
	Name         string            `bun:"name" json:"name"`
	Description  *string           `bun:"description" json:"description"`
	Enabled      *bool             `bun:"enabled" json:"enabled"`
	Links        []Link            `bun:"-" json:"links"`
	Interceptors CallPickupMembers `bun:"-" json:"interceptors"`
	Targets      CallPickupMembers `bun:"-" json:"targets"`
}

// GetID returns the call pickup's id.
func (p *CallPickup) GetID() any { return p.ID }

// SetTenant sets the tenant owning the object.
func (p *CallPickup) SetTenant(uuid string) { p.TenantUUID = uuid }

// GetTenant returns the tenant owning the call pickup.
func (p *CallPickup) GetTenant() string { return p.TenantUUID }

// Defaults enables the call pickup unless said otherwise and shows empty
// member lists.
func (p *CallPickup) Defaults() {
	if p.Enabled == nil {
		p.Enabled = Ptr(true)
	}
	for _, m := range []*CallPickupMembers{&p.Interceptors, &p.Targets} {
		if m.Groups == nil {
			m.Groups = []RelatedGroup{}
		}
		if m.Users == nil {
			m.Users = []RelatedUser{}
		}
	}
}

// CallPickupSchema validates call pickup bodies (wazo's).
var CallPickupSchema = FromContract("CallPickupSchema")

// Validate checks p against the API's rules.
func (p *CallPickup) Validate() error { return Check(CallPickupSchema, p) }

// CallPickupUsersSchema validates PUT /callpickups/{id}/.../users bodies.
var CallPickupUsersSchema = &Schema{Fields: []Field{
	ListOf("users", Obj("", &Schema{Fields: []Field{Str("uuid").Req()}})).Req(),
}}

// CallPickupGroupsSchema validates PUT /callpickups/{id}/.../groups bodies.
var CallPickupGroupsSchema = &Schema{Fields: []Field{
	ListOf("groups", Obj("", &Schema{Fields: []Field{Int("id").Req()}})).Req(),
}}

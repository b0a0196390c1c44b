package resources

import "github.com/uptrace/bun"

// EndpointRelation is the line or trunk an endpoint is attached to, as
// shown inside the endpoint (wazo's only=id,links).
type EndpointRelation struct {
	ID    int    `json:"id"`
	Links []Link `json:"links"`
}

// RelationID is the relation as an event payload shows it: {"id": n}, or
// nil when there is none.
func RelationID(r *EndpointRelation) any {
	if r == nil {
		return nil
	}
	return map[string]any{"id": r.ID}
}

// EndpointCustom is a custom endpoint: a free-form Asterisk dial string
// (interface), used by a line or a trunk.
type EndpointCustom struct {
	bun.BaseModel `bun:"table:endpoints_custom"`

	ID              int               `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID      string            `bun:"tenant_uuid" json:"tenant_uuid"`
	Interface       string            `bun:"interface" json:"interface"`
	InterfaceSuffix *string           `bun:"interface_suffix" json:"interface_suffix"`
	Enabled         *bool             `bun:"enabled" json:"enabled"`
	Links           []Link            `bun:"-" json:"links"`
	Trunk           *EndpointRelation `bun:"-" json:"trunk"`
	Line            *EndpointRelation `bun:"-" json:"line"`
	// Context is the dialplan context of the line using the endpoint; the
	// API does not show it but lists filter on it.
	Context *string `bun:"context" json:"-"`
}

// GetID returns the endpoint's id.
func (c *EndpointCustom) GetID() any { return c.ID }

// SetTenant sets the tenant owning the endpoint.
func (c *EndpointCustom) SetTenant(uuid string) { c.TenantUUID = uuid }

// GetTenant returns the tenant owning the endpoint.
func (c *EndpointCustom) GetTenant() string { return c.TenantUUID }

// SetLinks sets the endpoint's links.
func (c *EndpointCustom) SetLinks(l []Link) { c.Links = l }

// Defaults enables the endpoint unless said otherwise; an empty suffix is
// no suffix (wazo stores both as an empty string and shows null).
func (c *EndpointCustom) Defaults() {
	if c.Enabled == nil {
		c.Enabled = Ptr(true)
	}
	if c.InterfaceSuffix != nil && *c.InterfaceSuffix == "" {
		c.InterfaceSuffix = nil
	}
}

// EndpointCustomSchema validates custom endpoint bodies (wazo's).
var EndpointCustomSchema = FromContract("CustomSchema")

// Validate checks c against the API's rules.
func (c *EndpointCustom) Validate() error { return Check(EndpointCustomSchema, c) }

// SetLine shows the line the endpoint serves.
func (c *EndpointCustom) SetLine(r *EndpointRelation) { c.Line = r }

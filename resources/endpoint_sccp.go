package resources

import "github.com/uptrace/bun"

// sccpOptions are the only options an SCCP endpoint takes; each one is a
// column of the endpoint.
var sccpOptions = optionRules{
	textOption("cid_name", 80), textOption("cid_num", 80), textOption("disallow", 100), textOption("allow", 0),
}

// EndpointSCCP is an SCCP (Skinny) endpoint, used by a line. Its options
// are the caller id and the codecs; Options is computed from the columns
// on read and applied to them on write (ApplyOptions).
type EndpointSCCP struct {
	bun.BaseModel `bun:"table:endpoints_sccp"`

	ID         int               `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID string            `bun:"tenant_uuid" json:"tenant_uuid"`
	Options    [][]string        `bun:"-" json:"options"`
	Links      []Link            `bun:"-" json:"links"`
	Line       *EndpointRelation `bun:"-" json:"line"`
	// Name is the generated Asterisk name; Context is the context of the
	// line using the endpoint.
	Name     string  `bun:"name" json:"-"`
	Context  string  `bun:"context" json:"-"`
	CIDName  string  `bun:"cid_name" json:"-"`
	CIDNum   string  `bun:"cid_num" json:"-"`
	Disallow *string `bun:"disallow" json:"-"`
	Allow    *string `bun:"allow" json:"-"`
}

// GetID returns the endpoint's id.
func (x *EndpointSCCP) GetID() any { return x.ID }

// SetTenant sets the tenant owning the endpoint.
func (x *EndpointSCCP) SetTenant(uuid string) { x.TenantUUID = uuid }

// GetTenant returns the tenant owning the endpoint.
func (x *EndpointSCCP) GetTenant() string { return x.TenantUUID }

// SetLinks sets the endpoint's links.
func (x *EndpointSCCP) SetLinks(l []Link) { x.Links = l }

// Defaults shows the stored options when none were set.
func (x *EndpointSCCP) Defaults() {
	if x.Options == nil {
		x.Options = x.ColumnOptions()
	}
}

// ColumnOptions returns the options as wazo shows them: caller id name and
// number when not empty, then the codecs when set.
func (x *EndpointSCCP) ColumnOptions() [][]string {
	out := [][]string{}
	if x.CIDName != "" {
		out = append(out, []string{"cid_name", x.CIDName})
	}
	if x.CIDNum != "" {
		out = append(out, []string{"cid_num", x.CIDNum})
	}
	if x.Disallow != nil {
		out = append(out, []string{"disallow", *x.Disallow})
	}
	if x.Allow != nil {
		out = append(out, []string{"allow", *x.Allow})
	}
	return out
}

// ApplyOptions sets the columns from Options as wazo does: the codecs are
// cleared first, the caller id is kept unless given; the last value of a
// name wins. Validate refuses unknown names.
func (x *EndpointSCCP) ApplyOptions() {
	x.Allow, x.Disallow = nil, nil
	for _, o := range x.Options {
		if len(o) != 2 {
			continue
		}
		switch o[0] {
		case "cid_name":
			x.CIDName = o[1]
		case "cid_num":
			x.CIDNum = o[1]
		case "disallow":
			x.Disallow = Ptr(o[1])
		case "allow":
			x.Allow = Ptr(o[1])
		}
	}
}

// EndpointSCCPSchema validates SCCP endpoint bodies: wazo's, with its
// option list.
var EndpointSCCPSchema = FromContract("SccpSchema", optionsField("options"))

// Validate checks x against the API's rules: only the four SCCP options,
// each within its column's size.
func (x *EndpointSCCP) Validate() error {
	if err := Check(EndpointSCCPSchema, x); err != nil {
		return err
	}
	for _, o := range x.Options {
		if _, ok := sccpOptions.get(o[0]); !ok {
			return &Error{Kind: Invalid, Messages: []string{"Unknown SCCP options: " + o[0]}}
		}
	}
	return sccpOptions.check(x.Options)
}

// SetLine shows the line the endpoint serves.
func (x *EndpointSCCP) SetLine(r *EndpointRelation) { x.Line = r }

package resources

import (
	"math"
	"strconv"

	"github.com/uptrace/bun"
)

// Context types.
const (
	ContextInternal = "internal"
	ContextIncall   = "incall"
	ContextOutcall  = "outcall"
	ContextServices = "services"
	ContextOthers   = "others"
)

// Range is a range of numbers of a context, e.g. 1000-1999 for users.
// End is empty for a single number.
type Range struct {
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
	// DIDLength is only used by incall ranges.
	DIDLength *int `json:"did_length,omitempty"`
}

// Link is wazo's hypermedia link.
type Link struct {
	Rel  string `json:"rel"`
	Href string `json:"href"`
}

// ContextRef is a context as listed inside another.
type ContextRef struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Label string `json:"label"`
	Links []Link `json:"links"`
}

// Context is an Asterisk dialplan context with its number ranges.
type Context struct {
	bun.BaseModel `bun:"table:contexts"`

	ID                   int          `bun:"id,pk,autoincrement" json:"id"`
	UUID                 string       `bun:"uuid" json:"uuid"`
	TenantUUID           string       `bun:"tenant_uuid" json:"tenant_uuid"`
	Name                 string       `bun:"name" json:"name"`
	Label                string       `bun:"label" json:"label"`
	Type                 string       `bun:"type" json:"type"`
	UserRanges           []Range      `bun:"user_ranges" json:"user_ranges"`
	GroupRanges          []Range      `bun:"group_ranges" json:"group_ranges"`
	QueueRanges          []Range      `bun:"queue_ranges" json:"queue_ranges"`
	ConferenceRoomRanges []Range      `bun:"conference_room_ranges" json:"conference_room_ranges"`
	IncallRanges         []Range      `bun:"incall_ranges" json:"incall_ranges"`
	Description          *string      `bun:"description" json:"description"`
	Enabled              *bool        `bun:"enabled" json:"enabled"`
	Contexts             []ContextRef `bun:"-" json:"contexts"`
	Links                []Link       `bun:"-" json:"links"`
}

// GetID returns the context's id.
func (c *Context) GetID() any { return c.ID }

// SetTenant sets the tenant owning the object.
func (c *Context) SetTenant(uuid string) { c.TenantUUID = uuid }

// GetTenant returns the tenant owning the context.
func (c *Context) GetTenant() string { return c.TenantUUID }

// Defaults fills the fields the API defaults: type internal, enabled, empty ranges.
func (c *Context) Defaults() {
	if c.Type == "" {
		c.Type = ContextInternal
	}
	if c.Enabled == nil {
		c.Enabled = Ptr(true)
	}
	for _, r := range []*[]Range{&c.UserRanges, &c.GroupRanges, &c.QueueRanges, &c.ConferenceRoomRanges, &c.IncallRanges} {
		if *r == nil {
			*r = []Range{}
		}
	}
	if c.Contexts == nil {
		c.Contexts = []ContextRef{}
	}
}

// Range kinds, as used by /contexts/{id}/ranges/{kind}.
const (
	RangeUser       = "user"
	RangeGroup      = "group"
	RangeQueue      = "queue"
	RangeConference = "conference"
	RangeIncall     = "incall"
)

// Ranges returns the context's ranges of a kind, and false for an unknown kind.
func (c *Context) Ranges(kind string) ([]Range, bool) {
	switch kind {
	case RangeUser:
		return c.UserRanges, true
	case RangeGroup:
		return c.GroupRanges, true
	case RangeQueue:
		return c.QueueRanges, true
	case RangeConference:
		return c.ConferenceRoomRanges, true
	case RangeIncall:
		return c.IncallRanges, true
	}
	return nil, false
}

// InRange reports whether exten falls inside one of the context's ranges of
// a kind. Incall ranges with a DID length match on the exten's last digits.
func (c *Context) InRange(kind, exten string) bool {
	ranges, _ := c.Ranges(kind)
	for _, r := range ranges {
		if r.contains(exten) {
			return true
		}
	}
	return false
}

func (r Range) contains(exten string) bool {
	start, end := r.Start, r.End
	if end == "" {
		end = start
	}
	if r.DIDLength != nil && *r.DIDLength > 0 && *r.DIDLength < len(start) {
		n := *r.DIDLength
		start, end = start[len(start)-n:], end[len(end)-n:]
	}
	if len(exten) != len(start) {
		return false
	}
	x, err := strconv.ParseUint(exten, 10, 64)
	if err != nil {
		return false
	}
	lo, _ := strconv.ParseUint(start, 10, 64)
	hi, _ := strconv.ParseUint(end, 10, 64)
	return x >= lo && x <= hi
}

func rangeSchema(incall bool) *Schema {
	s := &Schema{
		Fields: []Field{
			Str("start").Req().Digits().Len(-1, 16),
			Str("end").Digits().Len(-1, 16),
		},
		Checks: []func(map[string]any) string{checkRange},
	}
	if incall {
		s.Fields = append(s.Fields, Int("did_length").Range(0, math.NaN()))
	}
	return s
}

func checkRange(m map[string]any) string {
	start, _ := m["start"].(string)
	end, _ := m["end"].(string)
	if start == "" || end == "" {
		return ""
	}
	if len(start) != len(end) {
		return "Start and end must be of the same length"
	}
	a, _ := strconv.ParseUint(start, 10, 64)
	b, _ := strconv.ParseUint(end, 10, 64)
	if a > b {
		return "Start of range must be lower than or equal to the end"
	}
	return ""
}

// ContextSchema validates context bodies: wazo's, with the ranges' own
// checks; a body's name stands for its label when it has none.
var ContextSchema = func() *Schema {
	s := FromContract("ContextSchema",
		NestedList("user_ranges", rangeSchema(false)),
		NestedList("group_ranges", rangeSchema(false)),
		NestedList("queue_ranges", rangeSchema(false)),
		NestedList("conference_room_ranges", rangeSchema(false)),
		NestedList("incall_ranges", rangeSchema(true)))
	s.PreLoad = func(m map[string]any) {
		if _, ok := m["label"]; !ok {
			if name, ok := m["name"]; ok {
				m["label"] = name
			}
		}
	}
	return s
}()

// Validate checks c against the API's rules.
func (c *Context) Validate() error { return Check(ContextSchema, c) }

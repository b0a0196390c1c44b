package resources

import (
	"github.com/uptrace/bun"
)

// Ring strategies of groups (Asterisk queue strategies under wazo's names).
const (
	RingAll                 = "all"
	RingRandom              = "random"
	RingLeastRecent         = "least_recent"
	RingLinear              = "linear"
	RingFewestCalls         = "fewest_calls"
	RingMemorizedRoundRobin = "memorized_round_robin"
	RingWeightRandom        = "weight_random"
)

// ExtensionBrief is an extension as listed inside a group or an incall.
type ExtensionBrief struct {
	ID      int    `json:"id"`
	Exten   string `json:"exten"`
	Context string `json:"context"`
	Links   []Link `json:"links"`
}

// IncallBrief is an incall as listed inside a group or a user: the incalls
// whose destination is the group or the user.
type IncallBrief struct {
	ID         int              `json:"id"`
	Extensions []ExtensionBrief `json:"extensions"`
	Links      []Link           `json:"links"`
}

// GroupMemberUser is a user member of a group; members ring by priority
// (lowest first) with the linear strategy.
type GroupMemberUser struct {
	UUID      string  `json:"uuid"`
	Firstname string  `json:"firstname"`
	Lastname  *string `json:"lastname"`
	Priority  int     `json:"priority"`
	Links     []Link  `json:"links"`
}

// GroupMemberExtension is a number rung as a member of a group: any
// exten@context, not necessarily an extension of confd.
type GroupMemberExtension struct {
	Exten    string `json:"exten"`
	Context  string `json:"context"`
	Priority int    `json:"priority"`
}

// GroupMembers are a group's members.
type GroupMembers struct {
	Users      []GroupMemberUser      `json:"users"`
	Extensions []GroupMemberExtension `json:"extensions"`
}

// GroupFallbacks are where a group's unanswered calls go; nil is none.
type GroupFallbacks struct {
	NoAnswer   *Destination `json:"noanswer_destination"`
	Congestion *Destination `json:"congestion_destination"`
}

// GroupFallbacksSchema validates PUT /groups/{id}/fallbacks.
var GroupFallbacksSchema = &Schema{Fields: []Field{
	DestinationField("noanswer_destination").Null(),
	DestinationField("congestion_destination").Null(),
}}

// Group is a ring group: members rung together or in turn, addressed by
// uuid or id.
type Group struct {
	bun.BaseModel `bun:"table:groups"`

	ID                    int              `bun:"id,pk,autoincrement" json:"id"`
	UUID                  string           `bun:"uuid" json:"uuid"`
	TenantUUID            string           `bun:"tenant_uuid" json:"tenant_uuid"`
	Name                  string           `bun:"name" json:"name"`
	Label                 string           `bun:"label" json:"label"`
	PreprocessSubroutine  *string          `bun:"preprocess_subroutine" json:"preprocess_subroutine"`
	RingStrategy          string           `bun:"ring_strategy" json:"ring_strategy"`
	CallerIDMode          *string          `bun:"caller_id_mode" json:"caller_id_mode"`
	CallerIDName          *string          `bun:"caller_id_name" json:"caller_id_name"`
	DTMFRecordToggle      *bool            `bun:"dtmf_record_toggle" json:"dtmf_record_toggle"`
	Timeout               *int             `bun:"timeout" json:"timeout"`
	UserTimeout           *int             `bun:"user_timeout" json:"user_timeout"`
	RetryDelay            *int             `bun:"retry_delay" json:"retry_delay"`
	MusicOnHold           *string          `bun:"music_on_hold" json:"music_on_hold"`
	RingInUse             *bool            `bun:"ring_in_use" json:"ring_in_use"`
	MarkAnsweredElsewhere *bool            `bun:"mark_answered_elsewhere" json:"mark_answered_elsewhere"`
	Enabled               *bool            `bun:"enabled" json:"enabled"`
	IgnoreForward         *bool            `bun:"ignore_forward" json:"ignore_forward"`
	MaxCalls              *int             `bun:"max_calls" json:"max_calls"`
	Links                 []Link           `bun:"-" json:"links"`
	Extensions            []ExtensionBrief `bun:"-" json:"extensions"`
	Fallbacks             GroupFallbacks   `bun:"-" json:"fallbacks"`
	Incalls               []IncallBrief    `bun:"-" json:"incalls"`
	Members               GroupMembers     `bun:"-" json:"members"`
	Schedules             []NamedRef       `bun:"-" json:"schedules"`
	CallPermissions       []NamedRef       `bun:"-" json:"call_permissions"`
}

// GetID returns the group's key, its uuid (its id is also a key).
func (g *Group) GetID() any { return g.UUID }

// SetTenant sets the tenant owning the group.
func (g *Group) SetTenant(uuid string) { g.TenantUUID = uuid }

// GetTenant returns the tenant owning the group.
func (g *Group) GetTenant() string { return g.TenantUUID }

// Defaults fills what wazo fills: ring all members, ring even members in
// use, enabled, the other flags off, and empty relations. The numeric
// defaults (user_timeout 15, retry_delay 5, max_calls 0) are set on
// create only, as these fields may be null.
func (g *Group) Defaults() {
	if g.RingStrategy == "" {
		g.RingStrategy = RingAll
	}
	for _, b := range []**bool{&g.DTMFRecordToggle, &g.MarkAnsweredElsewhere, &g.IgnoreForward} {
		if *b == nil {
			*b = Ptr(false)
		}
	}
	for _, b := range []**bool{&g.RingInUse, &g.Enabled} {
		if *b == nil {
			*b = Ptr(true)
		}
	}
	g.Extensions = NonNil(g.Extensions)
	g.Incalls = NonNil(g.Incalls)
	g.Members.Users = NonNil(g.Members.Users)
	g.Members.Extensions = NonNil(g.Members.Extensions)
	g.Schedules = NonNil(g.Schedules)
	g.CallPermissions = NonNil(g.CallPermissions)
}

// CreateDefaults sets the numeric defaults of a new group.
func (g *Group) CreateDefaults() {
	defaultInt(&g.UserTimeout, 15)
	defaultInt(&g.RetryDelay, 5)
	defaultInt(&g.MaxCalls, 0)
}

// NonNil returns s, or an empty slice for nil (JSON [] rather than null).
func NonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// GroupSchema validates group bodies (wazo's); a "name" stands for a
// missing "label" (deprecated in wazo 21.04).
var GroupSchema = func() *Schema {
	s := FromContract("GroupSchema")
	s.PreLoad = func(m map[string]any) {
		if _, ok := m["label"]; !ok {
			if name, ok := m["name"]; ok {
				m["label"] = name
			}
		}
	}
	return s
}()

// Validate checks g against the API's rules.
func (g *Group) Validate() error { return Check(GroupSchema, g) }

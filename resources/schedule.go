package resources

import (
	"encoding/json"
	"strings"

	"github.com/uptrace/bun"
)

// SchedulePeriod is when a schedule is open (or an exception applies):
// hours_start to hours_end (HH:MM) on the days, month days and months
// listed (all when absent).
type SchedulePeriod struct {
	HoursStart string `json:"hours_start"`
	HoursEnd   string `json:"hours_end"`
	WeekDays   []int  `json:"week_days"`
	MonthDays  []int  `json:"month_days"`
	Months     []int  `json:"months"`
}

// ScheduleExceptionalPeriod is a period where calls go to Destination.
type ScheduleExceptionalPeriod struct {
	SchedulePeriod
	Destination Destination `json:"destination"`
}

// UnmarshalJSON reads a period afresh: a key absent from b is absent from
// p, even when p held a value (a PUT replaces whole periods).
func (p *SchedulePeriod) UnmarshalJSON(b []byte) error {
	type plain SchedulePeriod
	var x plain
	err := json.Unmarshal(b, &x)
	*p = SchedulePeriod(x)
	return err
}

// UnmarshalJSON reads an exceptional period afresh, as SchedulePeriod.
func (p *ScheduleExceptionalPeriod) UnmarshalJSON(b []byte) error {
	var x struct {
		Destination Destination `json:"destination"`
	}
	if err := json.Unmarshal(b, &x); err != nil {
		return err
	}
	p.Destination = x.Destination
	return p.SchedulePeriod.UnmarshalJSON(b)
}

// Schedule sends the calls of the users, groups and incalls it is given to
// to its closed destination outside its open periods, and to the
// destination of an exceptional period during that period.
type Schedule struct {
	bun.BaseModel `bun:"table:schedules"`

	ID                 int                         `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID         string                      `bun:"tenant_uuid" json:"tenant_uuid"`
	Name               *string                     `bun:"name" json:"name"`
	Timezone           *string                     `bun:"timezone" json:"timezone"`
	ClosedDestination  Destination                 `bun:"-" json:"closed_destination"`
	OpenPeriods        []SchedulePeriod            `bun:"open_periods" json:"open_periods"`
	ExceptionalPeriods []ScheduleExceptionalPeriod `bun:"-" json:"exceptional_periods"`
	Enabled            *bool                       `bun:"enabled" json:"enabled"`
	Links              []Link                      `bun:"-" json:"links"`
	Incalls            []LinkRef                   `bun:"-" json:"incalls"`
	Users              []RelatedUser               `bun:"-" json:"users"`
	Groups             []RelatedGroup              `bun:"-" json:"groups"`
	Queues             []any                       `bun:"-" json:"queues"`
	Outcalls           []NamedRef                  `bun:"-" json:"outcalls"`

	// ExceptionalTimes stores the exceptional periods without their
	// destinations, which are stored apart.
	ExceptionalTimes []SchedulePeriod `bun:"exceptional_periods" json:"-"`
}

// GetID returns the schedule's id.
func (s *Schedule) GetID() any { return s.ID }

// SetTenant sets the tenant owning the object.
func (s *Schedule) SetTenant(uuid string) { s.TenantUUID = uuid }

// GetTenant returns the tenant owning the schedule.
func (s *Schedule) GetTenant() string { return s.TenantUUID }

// Defaults enables the schedule, fills the periods' days and months (all
// of them) and shows empty relations.
func (s *Schedule) Defaults() {
	if s.Enabled == nil {
		s.Enabled = Ptr(true)
	}
	if s.OpenPeriods == nil {
		s.OpenPeriods = []SchedulePeriod{}
	}
	for i := range s.OpenPeriods {
		s.OpenPeriods[i].defaults()
	}
	if s.ExceptionalPeriods == nil {
		s.ExceptionalPeriods = []ScheduleExceptionalPeriod{}
	}
	for i := range s.ExceptionalPeriods {
		s.ExceptionalPeriods[i].defaults()
	}
	if s.Incalls == nil {
		s.Incalls = []LinkRef{}
	}
	if s.Users == nil {
		s.Users = []RelatedUser{}
	}
	if s.Groups == nil {
		s.Groups = []RelatedGroup{}
	}
	if s.Queues == nil {
		s.Queues = []any{}
	}
	if s.Outcalls == nil {
		s.Outcalls = []NamedRef{}
	}
}

func (p *SchedulePeriod) defaults() {
	if p.WeekDays == nil {
		p.WeekDays = numbers(1, 7)
	}
	if p.MonthDays == nil {
		p.MonthDays = numbers(1, 31)
	}
	if p.Months == nil {
		p.Months = numbers(1, 12)
	}
}

func numbers(from, to int) []int {
	out := make([]int, 0, to-from+1)
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

const hourPattern = `^([0,1][0-9]|2[0-3]):[0-5][0-9]$`

// periodFields are the fields of an open or exceptional period.
func periodFields() []Field {
	days := func(name string, max float64) Field {
		return ListOf(name, Int("").Range(1, max)).Check(func(v any) string {
			if l, _ := v.([]any); len(l) == 0 {
				return name + " cannot be empty"
			}
			return ""
		})
	}
	return []Field{
		Str("hours_start").Req().Match(hourPattern),
		Str("hours_end").Req().Match(hourPattern),
		days("week_days", 7), days("month_days", 31), days("months", 12),
	}
}

// checkHours refuses a period ending before it starts.
func checkHours(m map[string]any) string {
	start, _ := m["hours_start"].(string)
	end, _ := m["hours_end"].(string)
	if start == "" || end == "" {
		return ""
	}
	if strings.Compare(start, end) > 0 { // HH:MM compares as text
		return "hours_end is before hours_start"
	}
	return ""
}

var (
	openPeriodSchema        = &Schema{Fields: periodFields(), Checks: []func(map[string]any) string{checkHours}}
	exceptionalPeriodSchema = &Schema{
		Fields: append(periodFields(), DestinationField("destination").Req()),
		Checks: []func(map[string]any) string{checkHours},
	}
)

// ScheduleSchema validates schedule bodies: wazo's, with destinations and
// the periods' own checks.
var ScheduleSchema = FromContract("ScheduleSchema",
	DestinationField("closed_destination").Req(),
	NestedList("open_periods", openPeriodSchema),
	NestedList("exceptional_periods", exceptionalPeriodSchema))

// Validate checks s against the API's rules.
func (s *Schedule) Validate() error { return Check(ScheduleSchema, s) }

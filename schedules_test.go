package confd_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreateSchedule(t *testing.T, e *env, s *resources.Schedule) *resources.Schedule {
	t.Helper()
	if s.TenantUUID == "" {
		s.TenantUUID = e.tenant
	}
	if s.ClosedDestination.Type == "" {
		s.ClosedDestination = resources.NoneDestination()
	}
	require.NoError(t, e.Schedules.Create(e.ctx, confd.Scope{}, s))
	return s
}

// newTestGroup creates a ring group of tenant (e's when empty).
func newTestGroup(t *testing.T, e *env, label, tenant string) *resources.Group {
	t.Helper()
	if tenant == "" {
		tenant = e.tenant
	}
	g := &resources.Group{Label: label, TenantUUID: tenant}
	require.NoError(t, e.Groups.Create(e.ctx, confd.Scope{}, g))
	return g
}

func period(start, end string) resources.SchedulePeriod {
	return resources.SchedulePeriod{HoursStart: start, HoursEnd: end}
}

func TestSchedules_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		s := mustCreateSchedule(t, e, &resources.Schedule{Name: confd.Ptr("office"),
			OpenPeriods: []resources.SchedulePeriod{period("08:00", "18:00")},
			ExceptionalPeriods: []resources.ScheduleExceptionalPeriod{{SchedulePeriod: resources.SchedulePeriod{
				HoursStart: "12:00", HoursEnd: "13:00", WeekDays: []int{1}, Months: []int{12}},
				Destination: resources.Destination{Type: resources.DestHangup, Cause: "busy", Timeout: confd.Ptr(25.0)}}}})
		assert.Equal(t, []string{"schedule_created"}, e.delivered(t))
		ev := e.events.Events()[0]
		assert.Equal(t, "config.schedules.created", ev.RoutingKey)
		assert.JSONEq(t, `{"id":`+itoa(s.ID)+`}`, string(ev.Data))
		assert.Empty(t, e.reload.Requests())
		got, err := e.Schedules.Get(e.ctx, confd.Scope{}, s.ID)
		require.NoError(t, err)
		assert.True(t, *got.Enabled)
		assert.Equal(t, resources.DestNone, got.ClosedDestination.Type)
		open := got.OpenPeriods[0]
		assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 7}, open.WeekDays, "all days by default")
		assert.Len(t, open.MonthDays, 31)
		assert.Len(t, open.Months, 12)
		require.Len(t, got.ExceptionalPeriods, 1)
		x := got.ExceptionalPeriods[0]
		assert.Equal(t, []int{1}, x.WeekDays)
		assert.Equal(t, []int{12}, x.Months)
		assert.Len(t, x.MonthDays, 31)
		assert.Equal(t, "busy", x.Destination.Cause)
		assert.Equal(t, 25.0, *x.Destination.Timeout)
		assert.Empty(t, got.Users)
		assert.Empty(t, got.Queues)
	})
}

func TestSchedules_Create_Errors(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		other := mustCreateOtherTenant(t, e, "other")
		stranger := mustCreateUser(t, e, &confd.User{Firstname: "Zed", TenantUUID: other})
		e.flush(t)
		exceptional := func(d resources.Destination) []resources.ScheduleExceptionalPeriod {
			return []resources.ScheduleExceptionalPeriod{{SchedulePeriod: period("07:00", "08:00"), Destination: d}}
		}
		cases := []struct {
			name string
			s    resources.Schedule
			want string
		}{
			{"ErrHoursReversed", resources.Schedule{OpenPeriods: []resources.SchedulePeriod{period("10:00", "09:59")}},
				"Input Error - open_periods: {0: {'_schema': ['hours_end is before hours_start']}}"},
			{"ErrHour", resources.Schedule{OpenPeriods: []resources.SchedulePeriod{period("24:00", "24:00")}},
				"Input Error - open_periods: {0: {'hours_end': ['String does not match expected pattern.'], 'hours_start': ['String does not match expected pattern.']}}"},
			{"ErrWeekDaysEmpty", resources.Schedule{OpenPeriods: []resources.SchedulePeriod{{HoursStart: "07:00", HoursEnd: "08:00", WeekDays: []int{}}}},
				"Input Error - open_periods: {0: {'week_days': ['week_days cannot be empty']}}"},
			{"ErrMonth", resources.Schedule{OpenPeriods: []resources.SchedulePeriod{{HoursStart: "07:00", HoursEnd: "08:00", Months: []int{13}}}},
				"Input Error - open_periods: {0: {'months': {0: ['Must be greater than or equal to 1 and less than or equal to 12.']}}}"},
			{"ErrNameTooLong", resources.Schedule{Name: confd.Ptr(strings.Repeat("n", 129))}, "Input Error - name: ['Longer than maximum length 128.']"},
			{"ErrClosedUserNotFound", resources.Schedule{ClosedDestination: resources.UserDestination(999999)},
				"Input Error - field 'user_id': User was not found ('user_id': 999999)"},
			{"ErrClosedUserOfOtherTenant", resources.Schedule{ClosedDestination: resources.UserDestination(stranger.ID)},
				"Input Error - field 'user_id': User was not found ('user_id': " + itoa(stranger.ID) + ")"},
			{"ErrClosedMOH", resources.Schedule{ClosedDestination: resources.Destination{Type: resources.DestUser, ID: stranger.ID, MOHUUID: confd.Ptr("00000000-0000-0000-0000-000000000000")}},
				"Input Error - field 'moh_uuid': MOH was not found ('moh_uuid': '00000000-0000-0000-0000-000000000000')"},
			{"ErrExceptionalGroupNotFound", resources.Schedule{ExceptionalPeriods: exceptional(resources.GroupDestination(999999))},
				"Input Error - field 'group_id': Group was not found ('group_id': 999999)"},
			{"ErrExceptionalDestination", resources.Schedule{ExceptionalPeriods: exceptional(resources.Destination{Type: "nowhere"})},
				"Input Error - exceptional_periods: {0: {'destination': {'type': ['Must be one of: application, conference, custom, extension, group, hangup, ivr, none, outcall, queue, sound, switchboard, user, voicemail.']}}}"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s := tc.s
				s.TenantUUID = e.tenant
				if s.ClosedDestination.Type == "" {
					s.ClosedDestination = resources.NoneDestination()
				}
				err := e.Schedules.Create(e.ctx, confd.Scope{}, &s)
				assert.EqualError(t, err, tc.want)
				assert.Equal(t, 400, status(err))
				assert.Empty(t, e.delivered(t))
				_, total, err := e.Schedules.List(e.ctx, confd.Scope{}, confd.ListParams{})
				require.NoError(t, err)
				assert.Zero(t, total, "nothing stored")
			})
		}
	})
}

func TestSchedules_Destinations(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Alice", Lastname: confd.Ptr("Smith")})
		g := newTestGroup(t, e, "Support", "")
		s := mustCreateSchedule(t, e, &resources.Schedule{ClosedDestination: resources.UserDestination(u.ID),
			ExceptionalPeriods: []resources.ScheduleExceptionalPeriod{
				{SchedulePeriod: period("07:00", "08:00"), Destination: resources.GroupDestination(g.ID)},
				{SchedulePeriod: period("09:00", "10:00"), Destination: resources.UserDestination(u.ID)},
			}})
		assert.Equal(t, "Alice", s.ClosedDestination.Display["user_firstname"], "display fields on create")
		got, err := e.Schedules.Get(e.ctx, confd.Scope{}, s.ID)
		require.NoError(t, err)
		assert.Equal(t, "Smith", got.ClosedDestination.Display["user_lastname"])
		assert.Equal(t, "Support", got.ExceptionalPeriods[0].Destination.Display["group_label"])
		assert.Equal(t, g.Name, got.ExceptionalPeriods[0].Destination.Display["group_name"])

		require.NoError(t, e.Users.Delete(e.ctx, confd.Scope{}, u.ID))
		got, err = e.Schedules.Get(e.ctx, confd.Scope{}, s.ID)
		require.NoError(t, err)
		assert.Equal(t, resources.DestNone, got.ClosedDestination.Type, "a deleted target leaves none")
		assert.Equal(t, resources.DestNone, got.ExceptionalPeriods[1].Destination.Type)
		assert.Equal(t, resources.DestGroup, got.ExceptionalPeriods[0].Destination.Type)

		got.ExceptionalPeriods = got.ExceptionalPeriods[:1]
		got.ClosedDestination = resources.GroupDestination(g.ID)
		require.NoError(t, e.Schedules.Update(e.ctx, confd.Scope{}, got))
		again, err := e.Schedules.Get(e.ctx, confd.Scope{}, s.ID)
		require.NoError(t, err)
		assert.Len(t, again.ExceptionalPeriods, 1)
		assert.Equal(t, g.ID, again.ClosedDestination.ID)

		require.NoError(t, e.Schedules.Delete(e.ctx, confd.Scope{}, s.ID))
		n, err := e.DB().NewSelect().Table("destinations").Where("owner = 'schedule'").Count(e.ctx)
		require.NoError(t, err)
		assert.Zero(t, n, "a deleted schedule leaves no destination")
	})
}

func TestSchedules_List(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		mustCreateSchedule(t, e, &resources.Schedule{Name: confd.Ptr("b"), Timezone: confd.Ptr("America/Montreal")})
		mustCreateSchedule(t, e, &resources.Schedule{Name: confd.Ptr("a"), Timezone: confd.Ptr("Europe/Paris")})
		p, err := e.Schedules.ParseList(map[string][]string{"search": {"europe"}})
		require.NoError(t, err)
		items, total, err := e.Schedules.List(e.ctx, confd.Scope{}, p)
		require.NoError(t, err)
		assert.Equal(t, 1, total)
		assert.Equal(t, "a", *items[0].Name)
		items, _, err = e.Schedules.List(e.ctx, confd.Scope{}, confd.ListParams{})
		require.NoError(t, err)
		assert.Equal(t, "a", *items[0].Name, "sorted by name")
		_, total, err = e.Schedules.List(e.ctx, confd.InTenants("someone-else"), confd.ListParams{})
		require.NoError(t, err)
		assert.Zero(t, total)
	})
}

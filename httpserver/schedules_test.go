package httpserver_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (a *api) mustCreateSchedule(token string, body map[string]any) int {
	a.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	if _, ok := body["closed_destination"]; !ok {
		body["closed_destination"] = map[string]any{"type": "none"}
	}
	r := a.mustStatus(201, "POST", "/1.1/schedules", token, "", body)
	return int(r.obj()["id"].(float64))
}

func TestSchedules_HTTP(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/schedules", mainTok, "", map[string]any{"closed_destination": map[string]any{"type": "none"}})
		id := int(r.obj()["id"].(float64))
		href := a.srv.URL + "/1.1/schedules/" + itoa(id)
		assert.Equal(t, href, r.header.Get("Location"))
		assert.Equal(t, map[string]any{"id": float64(id), "tenant_uuid": mainTenant, "name": nil, "timezone": nil,
			"closed_destination": map[string]any{"type": "none"}, "open_periods": []any{}, "exceptional_periods": []any{},
			"enabled": true, "links": []any{map[string]any{"rel": "schedules", "href": href}},
			"incalls": []any{}, "users": []any{}, "groups": []any{}, "queues": []any{}, "outcalls": []any{}}, r.obj())
		evs, cmds := a.delivered()
		assert.Equal(t, map[string]int{"schedule_created": 1}, evs)
		assert.Empty(t, cmds)

		full := map[string]any{"name": "MySchedule", "timezone": "America/Toronto", "enabled": false,
			"closed_destination": map[string]any{"type": "hangup", "cause": "busy", "timeout": 25},
			"open_periods": []any{map[string]any{"hours_start": "07:15", "hours_end": "08:15",
				"week_days": []any{1, 2}, "month_days": []any{1, 15}, "months": []any{6}}},
			"exceptional_periods": []any{map[string]any{"hours_start": "07:25", "hours_end": "07:35", "week_days": []any{3},
				"destination": map[string]any{"type": "hangup", "cause": "congestion", "timeout": 30}}}}
		a.run(scenario{method: "PUT", path: itemPath("schedules", id), token: mainTok, body: full, status: 204,
			events: map[string]int{"schedule_edited": 1}})
		got := a.mustStatus(200, "GET", itemPath("schedules", id), mainTok, "", nil).obj()
		want, _ := json.Marshal(full)
		var wantObj map[string]any
		require.NoError(t, json.Unmarshal(want, &wantObj))
		for k, v := range wantObj {
			if k != "exceptional_periods" {
				assert.Equal(t, v, got[k], k)
			}
		}
		x := got["exceptional_periods"].([]any)[0].(map[string]any)
		assert.Equal(t, []any{float64(3)}, x["week_days"])
		assert.Len(t, x["months"], 12, "defaults")

		// A PUT replaces whole periods: what a period leaves out takes its default.
		a.mustStatus(204, "PUT", itemPath("schedules", id), mainTok, "", map[string]any{
			"open_periods": []any{map[string]any{"hours_start": "09:00", "hours_end": "10:00"}}})
		got = a.mustStatus(200, "GET", itemPath("schedules", id), mainTok, "", nil).obj()
		open := got["open_periods"].([]any)[0].(map[string]any)
		assert.Len(t, open["week_days"], 7)
		assert.Len(t, open["months"], 12)
		assert.Equal(t, "MySchedule", got["name"], "a partial update")
		assert.Len(t, got["exceptional_periods"], 1)

		a.mustStatus(404, "GET", itemPath("schedules", id), subTok, "", nil)
		a.mustStatus(204, "PUT", itemPath("schedules", id), mainTok, "", map[string]any{})
		a.run(scenario{method: "DELETE", path: itemPath("schedules", id), token: mainTok, status: 204,
			events: map[string]int{"schedule_deleted": 1}})
	})
}

func TestSchedules_HTTP_ErrInput(t *testing.T) {
	null := json.RawMessage("null")
	none := map[string]any{"type": "none"}
	post := func(name string, body map[string]any, want ...string) scenario {
		if _, ok := body["closed_destination"]; !ok {
			body["closed_destination"] = none
		}
		return scenario{name: name, method: "POST", path: "/1.1/schedules", token: mainTok, body: body,
			status: 400, want: want, unchanged: "schedules"}
	}
	period := func(k string, v any) map[string]any {
		p := map[string]any{"hours_start": "07:00", "hours_end": "08:00"}
		p[k] = v
		return p
	}
	runAll(t, func(a *api) []scenario {
		return []scenario{
			{name: "ErrClosedMissing", method: "POST", path: "/1.1/schedules", token: mainTok, body: map[string]any{},
				status: 400, want: []string{"Input Error - closed_destination: ['Missing data for required field.']"}, unchanged: "schedules"},
			post("ErrClosedNull", map[string]any{"closed_destination": null}, "Input Error - closed_destination: ['Field may not be null.']"),
			post("ErrClosedUser", map[string]any{"closed_destination": map[string]any{"type": "user", "user_id": 999999}},
				"Input Error - field 'user_id': User was not found ('user_id': 999999)"),
			post("ErrClosedGroupIDMissing", map[string]any{"closed_destination": map[string]any{"type": "group"}},
				"Input Error - closed_destination: {'group_id': ['Missing data for required field.']}"),
			post("ErrName", map[string]any{"name": strings.Repeat("a", 129)}, "Input Error - name: ['Longer than maximum length 128.']"),
			post("ErrTimezone", map[string]any{"timezone": 1234}, "Input Error - timezone: ['Not a valid string.']"),
			post("ErrEnabled", map[string]any{"enabled": "invalid"}, "Input Error - enabled: ['Not a valid boolean.']"),
			post("ErrOpenPeriods", map[string]any{"open_periods": map[string]any{}}, "Input Error - open_periods: {'_schema': ['Invalid input type.']}"),
			post("ErrExceptionalNull", map[string]any{"exceptional_periods": null}, "Input Error - exceptional_periods: ['Field may not be null.']"),
			post("ErrHoursStart", map[string]any{"open_periods": []any{period("hours_start", "7:15")}},
				"Input Error - open_periods: {0: {'hours_start': ['String does not match expected pattern.']}}"),
			post("ErrHoursReversed", map[string]any{"open_periods": []any{period("hours_end", "06:59")}},
				"Input Error - open_periods: {0: {'_schema': ['hours_end is before hours_start']}}"),
			post("ErrMonthDaysEmpty", map[string]any{"open_periods": []any{period("month_days", []any{})}},
				"Input Error - open_periods: {0: {'month_days': ['month_days cannot be empty']}}"),
			post("ErrWeekDay", map[string]any{"open_periods": []any{period("week_days", []any{8})}},
				"Input Error - open_periods: {0: {'week_days': {0: ['Must be greater than or equal to 1 and less than or equal to 7.']}}}"),
			post("ErrMonthsItem", map[string]any{"open_periods": []any{period("months", []any{"1-2"})}},
				"Input Error - open_periods: {0: {'months': {0: ['Not a valid integer.']}}}"),
			post("ErrExceptionalDestinationMissing", map[string]any{"exceptional_periods": []any{period("x", 1)}},
				"Input Error - exceptional_periods: {0: {'destination': ['Missing data for required field.']}}"),
			post("ErrExceptionalDestinationType", map[string]any{"exceptional_periods": []any{period("destination", map[string]any{"type": "hangup", "cause": "nope"})}},
				"Input Error - exceptional_periods: {0: {'destination': {'cause': ['Must be one of: busy, congestion, normal.']}}}"),
		}
	})
}

func TestScheduleAssociations_HTTP(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		sched := a.mustCreateSchedule(mainTok, nil)
		other := a.mustCreateSchedule(mainTok, nil)
		sub := a.mustCreateSchedule(subTok, nil)
		_, uuid := a.mustCreateUserRef(mainTok, "", "Alice")
		group := a.mustStatus(201, "POST", "/1.1/groups", mainTok, "", map[string]any{"label": "Support"}).obj()
		incall := a.mustStatus(201, "POST", "/1.1/incalls", mainTok, "", map[string]any{"destination": map[string]any{"type": "none"}}).obj()
		gid, guuid := int(group["id"].(float64)), group["uuid"].(string)
		iid := int(incall["id"].(float64))
		user := "/1.1/users/" + uuid + "/schedules/"
		return []scenario{
			{name: "User", method: "PUT", path: user + itoa(sched), token: mainTok, status: 204,
				events: map[string]int{"user_schedule_associated": 1}},
			{name: "UserAgain", method: "PUT", path: user + itoa(sched), token: mainTok, status: 204},
			{name: "ErrUserSecond", method: "PUT", path: user + itoa(other), token: mainTok, status: 400,
				contains: "Resource Error - User is associated with a Schedule"},
			{name: "ErrUserOtherTenant", method: "PUT", path: user + itoa(sub), token: mainTok, status: 400,
				contains: "Resource Error - different tenants"},
			{name: "ErrUserHidden", method: "PUT", path: user + itoa(sub), token: subTok, status: 404,
				want: []string{"Resource Not Found - User was not found ('id': '" + uuid + "')"}},
			{name: "ErrScheduleNotFound", method: "DELETE", path: user + "999999", token: mainTok, status: 404,
				want: []string{"Resource Not Found - Schedule was not found ('id': 999999)"}},
			{name: "UserDissociate", method: "DELETE", path: user + itoa(sched), token: mainTok, status: 204,
				events: map[string]int{"user_schedule_dissociated": 1}},
			{name: "GroupByUUID", method: "PUT", path: "/1.1/groups/" + guuid + "/schedules/" + itoa(sched), token: mainTok, status: 204,
				events: map[string]int{"group_schedule_associated": 1}},
			{name: "GroupByID", method: "DELETE", path: "/1.1/groups/" + itoa(gid) + "/schedules/" + itoa(sched), token: mainTok, status: 204,
				events: map[string]int{"group_schedule_dissociated": 1}},
			{name: "Incall", method: "PUT", path: "/1.1/incalls/" + itoa(iid) + "/schedules/" + itoa(sched), token: mainTok, status: 204,
				events: map[string]int{"incall_schedule_associated": 1}},
			{name: "ErrIncallHidden", method: "PUT", path: "/1.1/incalls/" + itoa(iid) + "/schedules/" + itoa(sub), token: subTok, status: 404,
				want: []string{"Resource Not Found - Incall was not found ('id': " + itoa(iid) + ")"}},
			{name: "ErrIncallUUID", method: "PUT", path: "/1.1/incalls/" + guuid + "/schedules/" + itoa(sched), token: mainTok, status: 404},
			{name: "ErrReadOnly", method: "PUT", path: "/1.1/incalls/" + itoa(iid) + "/schedules/" + itoa(sched), token: readTok, status: 401},
		}
	})
}

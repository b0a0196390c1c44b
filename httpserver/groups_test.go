package httpserver_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// mustCreateGroup creates a group of MAIN (or of tenant) and returns its id and uuid.
func (a *api) mustCreateGroup(tenant, label string) (int, string) {
	a.t.Helper()
	r := a.mustStatus(201, "POST", "/1.1/groups", mainTok, tenant, map[string]any{"label": label})
	return int(r.obj()["id"].(float64)), r.obj()["uuid"].(string)
}

// mustUserWithLine creates a user of MAIN with a line and returns its uuid.
func (a *api) mustUserWithLine(name string) string {
	a.t.Helper()
	ctx, all := context.Background(), confd.Scope{}
	u := &confd.User{Firstname: name, TenantUUID: mainTenant}
	require.NoError(a.t, a.c.Users.Create(ctx, all, u))
	l := &confd.Line{Context: "default"}
	require.NoError(a.t, a.c.Lines.Create(ctx, all, l))
	ep := &resources.EndpointCustom{TenantUUID: mainTenant, Interface: "local/" + name}
	require.NoError(a.t, a.c.EndpointsCustom.Create(ctx, all, ep))
	require.NoError(a.t, a.c.AssociateLineEndpoint(ctx, all, l.ID, "custom", strconv.Itoa(ep.ID)))
	require.NoError(a.t, a.c.AssociateUserLine(ctx, all, u.ID, l.ID))
	return u.UUID
}

func TestGroups_HTTPCreate(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/groups", mainTok, "", map[string]any{"label": "Support Team"})
		g := r.obj()
		uuid := g["uuid"].(string)
		assert.Contains(t, r.header.Get("Location"), "/1.1/groups/"+uuid)
		assert.Equal(t, "grp-main-"+uuid, g["name"])
		for k, v := range map[string]any{"ring_strategy": "all", "user_timeout": 15.0, "retry_delay": 5.0, "ring_in_use": true,
			"max_calls": 0.0, "enabled": true, "timeout": nil, "music_on_hold": nil, "caller_id_mode": nil,
			"preprocess_subroutine": nil, "mark_answered_elsewhere": false, "dtmf_record_toggle": false,
			"ignore_forward": false, "tenant_uuid": mainTenant} {
			assert.Equal(t, v, g[k], k)
		}
		for _, k := range []string{"extensions", "incalls", "schedules", "call_permissions"} {
			assert.Equal(t, []any{}, g[k], k)
		}
		assert.Equal(t, map[string]any{"users": []any{}, "extensions": []any{}}, g["members"])
		assert.Equal(t, map[string]any{"noanswer_destination": nil, "congestion_destination": nil}, g["fallbacks"])

		id := int(g["id"].(float64))
		byID := a.mustStatus(200, "GET", itemPath("groups", id), mainTok, "", nil)
		byUUID := a.mustStatus(200, "GET", "/1.1/groups/"+uuid, mainTok, "", nil)
		assert.Equal(t, byID.body, byUUID.body)
		a.mustStatus(201, "POST", "/1.1/groups", mainTok, "", map[string]any{"name": "Deprecated"})
	})
}

func TestGroups_HTTPRules(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		id, uuid := a.mustCreateGroup("", "Support")
		subID, _ := a.mustCreateGroup(subTenant, "Sub")
		user := a.mustUserWithLine("Ann")
		x := a.mustCreateExtension(mainTok, "2000", "default")
		outside := a.mustCreateExtension(mainTok, "1999", "default")
		g := "/1.1/groups/" + uuid
		members := map[string]int{"group_member_users_associated": 1}
		modules := []string{"module reload app_queue.so", "module reload chan_sccp.so", "module reload res_pjsip.so"}
		return []scenario{
			{name: "UnknownStrategy", method: "POST", path: "/1.1/groups", token: mainTok, body: map[string]any{"label": "x", "ring_strategy": "loud"},
				status: 400, want: []string{"Input Error - ring_strategy: ['Must be one of: all, random, least_recent, linear, fewest_calls, memorized_round_robin, weight_random.']"}, unchanged: "groups"},
			{name: "NegativeTimeout", method: "POST", path: "/1.1/groups", token: mainTok, body: map[string]any{"label": "x", "user_timeout": -1},
				status: 400, want: []string{"Input Error - user_timeout: ['Must be greater than or equal to 0.']"}, unchanged: "groups"},
			{name: "Linear", method: "PUT", path: g, token: mainTok, body: map[string]any{"ring_strategy": "linear"},
				status: 204, events: map[string]int{"group_edited": 1}, reloads: []string{"module reload app_queue.so"}},
			{name: "SubCannotSeeMain", method: "GET", path: g, token: subTok, status: 404,
				want: []string{"Resource Not Found - Group was not found ('id': '" + uuid + "')"}},
			{name: "MainSeesSub", method: "GET", path: itemPath("groups", subID), token: mainTok, tenant: subTenant, status: 200},
			{name: "MembersMissingGroup", method: "PUT", path: "/1.1/groups/999999/members/users", token: mainTok, body: "nope", status: 404},
			{name: "MembersBadBody", method: "PUT", path: g + "/members/users", token: mainTok, body: map[string]any{"users": []any{map[string]any{"priority": -1}}},
				status: 400, want: []string{"Input Error - users: {0: {'priority': ['Must be greater than or equal to 0.'], 'uuid': ['Missing data for required field.']}}"}},
			{name: "MembersOtherTenant", method: "PUT", path: itemPath("groups", subID) + "/members/users", token: mainTok, tenant: subTenant,
				body: map[string]any{"users": []any{map[string]any{"uuid": user}}}, status: 400,
				want: []string{"Input Error - field 'users': User was not found ('uuid': '" + user + "')"}},
			{name: "Members", method: "PUT", path: g + "/members/users", token: mainTok, body: map[string]any{"users": []any{map[string]any{"uuid": user}}},
				status: 204, events: members, reloads: modules},
			{name: "MemberExtensions", method: "PUT", path: itemPath("groups", id) + "/members/extensions", token: mainTok,
				body:   map[string]any{"extensions": []any{map[string]any{"exten": "1234", "context": "default"}}},
				status: 204, events: map[string]int{"group_member_extensions_associated": 1}, reloads: modules},
			{name: "ExtensionOutside", method: "PUT", path: g + "/extensions/" + itoa(outside), token: mainTok, status: 400,
				want: []string{"Input Error - Extension '1999' is outside of range for context 'default'"}},
			{name: "Extension", method: "PUT", path: g + "/extensions/" + itoa(x), token: mainTok, status: 204,
				events: map[string]int{"group_extension_associated": 1}, reloads: []string{"dialplan reload"}},
			{name: "ExtensionShown", method: "GET", path: itemPath("extensions", x), token: mainTok, status: 200, contains: `"group":{"id":` + itoa(id)},
			{name: "FallbackBadType", method: "PUT", path: g + "/fallbacks", token: mainTok, body: map[string]any{"noanswer_destination": map[string]any{"type": "fax"}},
				status: 400, want: []string{"Input Error - noanswer_destination: {'type': ['Must be one of: application, conference, custom, extension, group, hangup, ivr, none, outcall, queue, sound, switchboard, user, voicemail.']}"}},
			{name: "FallbackMissingTarget", method: "PUT", path: g + "/fallbacks", token: mainTok, body: map[string]any{"noanswer_destination": map[string]any{"type": "group", "group_id": 999999}},
				status: 400, want: []string{"Input Error - field 'group_id': Group was not found ('group_id': 999999)"}},
			{name: "Fallbacks", method: "PUT", path: g + "/fallbacks", token: mainTok,
				body:   map[string]any{"noanswer_destination": map[string]any{"type": "hangup", "cause": "busy"}, "congestion_destination": nil},
				status: 204, events: map[string]int{"group_fallback_edited": 1}},
			{name: "FallbacksRead", method: "GET", path: itemPath("groups", id) + "/fallbacks", token: mainTok, status: 200,
				contains: `{"noanswer_destination":{"cause":"busy","timeout":null,"type":"hangup"},"congestion_destination":null}`},
			{name: "Delete", method: "DELETE", path: g, token: mainTok, status: 204,
				events: map[string]int{"group_deleted": 1}, reloads: []string{"module reload app_queue.so"}},
		}
	})
}

package confd_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

func mustCreateGroup(t *testing.T, e *env, label string) *confd.Group {
	t.Helper()
	g := &confd.Group{Label: label, TenantUUID: e.tenant}
	require.NoError(t, e.Groups.Create(e.ctx, confd.Scope{}, g))
	return g
}

// mustUserWithLine creates a user of the env's tenant with a line.
func mustUserWithLine(t *testing.T, e *env, firstname string) *confd.User {
	t.Helper()
	u := mustCreateUser(t, e, &confd.User{Firstname: firstname})
	l, _ := mustLineWithEndpoint(t, e)
	require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID))
	return u
}

// mustGroupsTenant creates another top-level tenant and returns its uuid.
func mustGroupsTenant(t *testing.T, e *env, slug string) string {
	t.Helper()
	v := &resources.Tenant{Name: slug, Slug: slug}
	require.NoError(t, e.Tenants.Create(e.ctx, "", v))
	return v.UUID
}

func TestGroups_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Support Team")
		assert.Equal(t, "grp-acme-"+g.UUID, g.Name)
		assert.Equal(t, "all", g.RingStrategy)
		assert.Equal(t, 15, *g.UserTimeout)
		assert.Equal(t, 5, *g.RetryDelay)
		assert.Equal(t, 0, *g.MaxCalls)
		assert.Nil(t, g.Timeout)
		assert.True(t, *g.RingInUse)
		assert.True(t, *g.Enabled)
		assert.False(t, *g.IgnoreForward)
		b, err := json.Marshal(g)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"members":{"users":[],"extensions":[]}`)
		assert.Contains(t, string(b), `"fallbacks":{"noanswer_destination":null,"congestion_destination":null}`)
		assert.Contains(t, string(b), `"links":[{"rel":"groups","href":"/1.1/groups/`+g.UUID+`"}]`)
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 1)
		assert.Equal(t, "group_created", evs[0].Name)
		assert.Equal(t, "config.groups.created", evs[0].RoutingKey)
		assert.JSONEq(t, `{"id":`+itoa(g.ID)+`,"uuid":"`+g.UUID+`"}`, string(evs[0].Data))
		assert.Equal(t, []string{"module reload app_queue.so"}, e.reload.Merged().Ipbx)

		byID, err := e.Groups.Get(e.ctx, confd.InTenants(e.tenant), g.ID)
		require.NoError(t, err)
		byUUID, err := e.Groups.Get(e.ctx, confd.InTenants(e.tenant), g.UUID)
		require.NoError(t, err)
		assert.Equal(t, byID, byUUID)
		other := mustGroupsTenant(t, e, "other")
		_, err = e.Groups.Get(e.ctx, confd.InTenants(other), g.UUID)
		assert.Equal(t, 404, status(err), "another tenant's group is missing")
	})
}

func TestGroups_Validation(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.flush(t)
		for name, tc := range map[string]struct {
			g    confd.Group
			want string
		}{
			"UnknownStrategy": {confd.Group{Label: "a", RingStrategy: "loudest"}, "ring_strategy: ['Must be one of: all, random, least_recent, linear, fewest_calls, memorized_round_robin, weight_random.']"},
			"NegativeTimeout": {confd.Group{Label: "a", Timeout: confd.Ptr(-1)}, "timeout: ['Must be greater than or equal to 0.']"},
			"NegativeRing":    {confd.Group{Label: "a", UserTimeout: confd.Ptr(-1)}, "user_timeout: ['Must be greater than or equal to 0.']"},
			"NegativeRetry":   {confd.Group{Label: "a", RetryDelay: confd.Ptr(-5)}, "retry_delay: ['Must be greater than or equal to 0.']"},
			"NegativeMax":     {confd.Group{Label: "a", MaxCalls: confd.Ptr(-1)}, "max_calls: ['Must be greater than or equal to 0.']"},
			"LabelInjection":  {confd.Group{Label: "a\nb"}, "label: ['String does not match expected pattern.']"},
			"CallerIDMode":    {confd.Group{Label: "a", CallerIDMode: confd.Ptr("shout")}, "caller_id_mode: ['Must be one of: prepend, overwrite, append.']"},
			"MOH":             {confd.Group{Label: "a", MusicOnHold: confd.Ptr("jazz")}, "field 'music_on_hold': MOH was not found ('music_on_hold': 'jazz')"},
		} {
			t.Run(name, func(t *testing.T) {
				g := tc.g
				g.TenantUUID = e.tenant
				err := e.Groups.Create(e.ctx, confd.Scope{}, &g)
				assert.EqualError(t, err, "Input Error - "+tc.want)
				_, total, err := e.Groups.List(e.ctx, confd.Scope{}, confd.ListParams{})
				require.NoError(t, err)
				assert.Zero(t, total)
				assert.Empty(t, e.delivered(t))
			})
		}
		g := &confd.Group{Label: "linear", RingStrategy: "linear", MusicOnHold: confd.Ptr("default"), TenantUUID: e.tenant}
		require.NoError(t, e.Groups.Create(e.ctx, confd.Scope{}, g), "linear is kept at parity with the others")
		got, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		require.NoError(t, err)
		assert.Equal(t, "linear", got.RingStrategy)
	})
}

func TestGroups_Update(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Sales")
		e.flush(t)
		g.Label, g.UserTimeout, g.RingStrategy, g.Name = "Sales 2", nil, "memorized_round_robin", "renamed"
		require.NoError(t, e.Groups.Update(e.ctx, confd.Scope{}, g))
		got, err := e.Groups.Get(e.ctx, confd.Scope{}, g.UUID)
		require.NoError(t, err)
		assert.Equal(t, "Sales 2", got.Label)
		assert.Nil(t, got.UserTimeout, "a null timeout stays null")
		assert.Equal(t, "memorized_round_robin", got.RingStrategy)
		assert.Equal(t, "grp-acme-"+g.UUID, got.Name, "the name never changes")
		assert.Equal(t, []string{"group_edited"}, e.delivered(t))
	})
}

func TestGroups_Search(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := mustCreateGroup(t, e, "alpha")
		mustCreateGroup(t, e, "beta")
		x := mustCreateExtension(t, e, "2100", "default")
		require.NoError(t, e.Groups.AssociateExtension(e.ctx, confd.Scope{}, a.ID, x.ID))
		for _, q := range []map[string][]string{{"search": {"2100"}}, {"exten": {"2100"}}, {"label": {"alpha"}}} {
			p, err := e.Groups.ParseList(q)
			require.NoError(t, err)
			items, total, err := e.Groups.List(e.ctx, confd.Scope{}, p)
			require.NoError(t, err)
			require.Equal(t, 1, total, "%v", q)
			assert.Equal(t, a.ID, items[0].ID)
		}
		p, err := e.Groups.ParseList(map[string][]string{"order": {"label"}, "direction": {"desc"}})
		require.NoError(t, err)
		items, _, err := e.Groups.List(e.ctx, confd.Scope{}, p)
		require.NoError(t, err)
		assert.Equal(t, "beta", items[0].Label)
	})
}

func TestGroups_Delete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		g := mustCreateGroup(t, e, "Gone")
		u := mustUserWithLine(t, e, "Ann")
		x := mustCreateExtension(t, e, "2200", "default")
		vm := mustCreateVoicemail(t, e, &confd.Voicemail{Name: "box", Number: "1900", Context: "default"})
		require.NoError(t, e.Groups.SetMemberUsers(e.ctx, confd.Scope{}, g.ID, []resources.GroupUserMember{{UUID: u.UUID}}))
		require.NoError(t, e.Groups.AssociateExtension(e.ctx, confd.Scope{}, g.UUID, x.ID))
		fb := resources.VoicemailDestination(vm.ID, "busy")
		require.NoError(t, e.Groups.SetFallbacks(e.ctx, confd.Scope{}, g.ID, resources.GroupFallbacks{NoAnswer: &fb}))
		in := mustCreateIncall(t, e, resources.GroupDestination(g.ID))
		e.flush(t)

		require.NoError(t, e.Groups.Delete(e.ctx, confd.Scope{}, g.UUID))
		assert.Equal(t, []string{"group_deleted"}, e.delivered(t))
		_, err := e.Groups.Get(e.ctx, confd.Scope{}, g.ID)
		assert.Equal(t, 404, status(err))
		got, err := e.Incalls.Get(e.ctx, confd.Scope{}, in.ID)
		require.NoError(t, err)
		assert.Equal(t, resources.NoneDestination(), got.Destination, "an incall to a deleted group goes nowhere")
		ext, err := e.Extensions.Get(e.ctx, confd.Scope{}, x.ID)
		require.NoError(t, err)
		assert.Nil(t, ext.Group, "the extension is free")
		require.NoError(t, e.Extensions.Delete(e.ctx, confd.Scope{}, x.ID))
		require.NoError(t, e.Voicemails.Delete(e.ctx, confd.Scope{}, vm.ID), "no fallback row is left to the voicemail")
		refs, err := confd.UserGroupRefs(e.ctx, e.DB(), []int{u.ID})
		require.NoError(t, err)
		assert.Empty(t, refs[u.ID])
	})
}

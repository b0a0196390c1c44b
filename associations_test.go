package confd_test

import (
	"encoding/json"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

var customSeq int

// mustLineWithEndpoint creates a line of the default context with a new
// custom endpoint.
func mustLineWithEndpoint(t *testing.T, e *env) (*confd.Line, *resources.EndpointCustom) {
	t.Helper()
	l := mustCreateLine(t, e, &confd.Line{Context: "default"})
	customSeq++
	ep := &resources.EndpointCustom{TenantUUID: e.tenant, Interface: "dahdi/i1/" + strconv.Itoa(customSeq)}
	require.NoError(t, e.EndpointsCustom.Create(e.ctx, confd.Scope{}, ep))
	require.NoError(t, e.AssociateLineEndpoint(e.ctx, confd.Scope{}, l.ID, "custom", strconv.Itoa(ep.ID)))
	return l, ep
}

func TestLineEndpoint(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l, ep := mustLineWithEndpoint(t, e)
		assert.Contains(t, e.delivered(t), "line_endpoint_custom_associated")
		got, err := e.Lines.Get(e.ctx, confd.Scope{}, l.ID)
		require.NoError(t, err)
		assert.Equal(t, "custom", *got.Protocol)
		assert.Equal(t, ep.Interface, *got.Name)
		epGot, err := e.EndpointsCustom.Get(e.ctx, confd.Scope{}, ep.ID)
		require.NoError(t, err)
		assert.Equal(t, l.ID, epGot.Line.ID, "the endpoint shows its line")
		e.flush(t)

		key := strconv.Itoa(ep.ID)
		require.NoError(t, e.AssociateLineEndpoint(e.ctx, confd.Scope{}, l.ID, "custom", key), "again: nothing")
		assert.Empty(t, e.delivered(t))
		other := mustCreateLine(t, e, &confd.Line{Context: "default"})
		err = e.AssociateLineEndpoint(e.ctx, confd.Scope{}, other.ID, "custom", key)
		assert.ErrorContains(t, err, "Resource Error - Line is associated with a Endpoint")
		_, ep2 := mustLineWithEndpoint(t, e)
		err = e.AssociateLineEndpoint(e.ctx, confd.Scope{}, l.ID, "custom", strconv.Itoa(ep2.ID))
		assert.ErrorContains(t, err, "Line is associated with a Endpoint")
		err = e.AssociateLineEndpoint(e.ctx, confd.InTenants("other"), l.ID, "custom", key)
		assert.True(t, resources.IsNotFound(err))

		require.NoError(t, e.EndpointsCustom.Delete(e.ctx, confd.Scope{}, ep.ID))
		got, err = e.Lines.Get(e.ctx, confd.Scope{}, l.ID)
		require.NoError(t, err)
		assert.Nil(t, got.EndpointCustom, "deleting the endpoint frees the line")
	})
}

func TestLineExtension(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		bare := mustCreateLine(t, e, &confd.Line{Context: "default"})
		x := mustCreateExtension(t, e, "1001", "default")
		err := e.AssociateLineExtension(e.ctx, confd.Scope{}, bare.ID, x.ID)
		assert.EqualError(t, err, "Resource Error - Line must be associated with a Endpoint ('line_id': "+strconv.Itoa(bare.ID)+")")

		l, _ := mustLineWithEndpoint(t, e)
		e.flush(t)
		require.NoError(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, l.ID, x.ID))
		assert.Equal(t, []string{"line_extension_associated"}, e.delivered(t))
		require.NoError(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, l.ID, x.ID), "again: nothing")

		outside := mustCreateExtension(t, e, "9999", "default")
		l2, _ := mustLineWithEndpoint(t, e)
		assert.EqualError(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, l2.ID, outside.ID),
			"Input Error - Extension '9999' is outside of range for context 'default'")
		incall := mustCreateExtension(t, e, "1234", "from-extern")
		assert.ErrorContains(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, l2.ID, incall.ID), "ContextType 'incall' cannot be associated")

		assert.ErrorContains(t, e.Extensions.Delete(e.ctx, confd.Scope{}, x.ID), "Extension is associated with a Line")
		got, err := e.Extensions.Get(e.ctx, confd.Scope{}, x.ID)
		require.NoError(t, err)
		require.Len(t, got.Lines, 1)
		got.Exten = "9999"
		assert.ErrorContains(t, e.Extensions.Update(e.ctx, confd.Scope{}, got), "outside of range")

		require.NoError(t, e.DissociateLineExtension(e.ctx, confd.Scope{}, l.ID, x.ID))
		require.NoError(t, e.Extensions.Delete(e.ctx, confd.Scope{}, x.ID))
	})
}

func TestUserLine(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		alice := mustCreateUser(t, e, &confd.User{Firstname: "Alice"})
		bob := mustCreateUser(t, e, &confd.User{Firstname: "Bob"})
		l1, _ := mustLineWithEndpoint(t, e)
		l2, _ := mustLineWithEndpoint(t, e)
		e.flush(t)
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, alice.UUID, l1.ID))
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, alice.ID, l2.ID))
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, bob.ID, l1.ID))
		require.NoError(t, e.Flush(e.ctx))
		evs := e.events.Events()
		require.Len(t, evs, 3)
		assert.Equal(t, true, evs[0].Headers["user_uuid:"+alice.UUID], "a user event")

		got, err := e.Users.Get(e.ctx, confd.Scope{}, alice.ID)
		require.NoError(t, err)
		require.Len(t, got.Lines, 2)
		line, err := e.Lines.Get(e.ctx, confd.Scope{}, l1.ID)
		require.NoError(t, err)
		assert.Len(t, line.Users, 2)

		err = e.DissociateUserLine(e.ctx, confd.Scope{}, alice.ID, l1.ID)
		assert.ErrorContains(t, err, "There are secondary users associated to the line")
		require.NoError(t, e.SetUserLines(e.ctx, confd.Scope{}, alice.ID, []int{l2.ID, l1.ID}))
		got, _ = e.Users.Get(e.ctx, confd.Scope{}, alice.ID)
		first, _ := json.Marshal(got.Lines[0])
		assert.Contains(t, string(first), `"id":`+strconv.Itoa(l2.ID)+`,`, "the first is the main line")

		bare := mustCreateLine(t, e, &confd.Line{Context: "default"})
		assert.ErrorContains(t, e.AssociateUserLine(e.ctx, confd.Scope{}, bob.ID, bare.ID), "Line must be associated with a Endpoint")
	})
}

// TestUserLine_ConcurrentMainLine races 16 clients giving one user
// different lines: the user ends with exactly one main line.
func TestUserLine_ConcurrentMainLine(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Race"})
		var lines []*confd.Line
		for i := 0; i < 16; i++ {
			l, _ := mustLineWithEndpoint(t, e)
			lines = append(lines, l)
		}
		var wg sync.WaitGroup
		errs := make([]error, len(lines))
		for i, l := range lines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID)
			}()
		}
		wg.Wait()
		for _, err := range errs {
			assert.NoError(t, err, "a loser of the race is run again and succeeds")
		}
		var mains int
		require.NoError(t, e.DB().NewSelect().Table("user_lines").ColumnExpr("COUNT(*)").
			Where("user_id = ? AND main_line", u.ID).Scan(e.ctx, &mains))
		assert.Equal(t, 1, mains)
	})
}

// TestLineExtension_ConcurrentOwners races 16 clients giving one extension
// to the lines of 16 different users: one wins, the others get a 4xx.
func TestLineExtension_ConcurrentOwners(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		x := mustCreateExtension(t, e, "1500", "default")
		var lines []*confd.Line
		for i := 0; i < 16; i++ {
			l, _ := mustLineWithEndpoint(t, e)
			u := mustCreateUser(t, e, &confd.User{Firstname: "U" + strconv.Itoa(i)})
			require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID))
			lines = append(lines, l)
		}
		var wg sync.WaitGroup
		errs := make([]error, len(lines))
		for i, l := range lines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = e.AssociateLineExtension(e.ctx, confd.Scope{}, l.ID, x.ID)
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				assert.Equal(t, 400, status(err), "only 4xx: %v", err)
			}
		}
		assert.Equal(t, 1, ok)
		var n int
		require.NoError(t, e.DB().NewSelect().Table("line_extensions").ColumnExpr("COUNT(*)").Where("extension_id = ?", x.ID).Scan(e.ctx, &n))
		assert.Equal(t, 1, n, "the extension rings one user's line")
	})
}

func TestLine_CallerIDOfMainUser(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Jôhn", CallerID: `"Jôhn Smîth" <1000>`})
		l, _ := mustLineWithEndpoint(t, e)
		x := mustCreateExtension(t, e, "1042", "default")
		require.NoError(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, l.ID, x.ID))
		got, err := e.Lines.Get(e.ctx, confd.Scope{}, l.ID)
		require.NoError(t, err)
		assert.Nil(t, got.CallerIDName, "no user, no caller id")
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID))
		got, err = e.Lines.Get(e.ctx, confd.Scope{}, l.ID)
		require.NoError(t, err)
		assert.Equal(t, "Jôhn Smîth", *got.CallerIDName)
		assert.Equal(t, "1000", *got.CallerIDNum)
	})
}

func TestSplitCallerID(t *testing.T) {
	for in, want := range map[string][2]string{
		`"Alice Smith" <1000>`: {"Alice Smith", "1000"},
		`"Alice"`:              {"Alice", ""},
		`"A" <+33123>`:         {"A", "+33123"},
	} {
		name, num := resources.SplitCallerID(in)
		assert.Equal(t, want, [2]string{name, num}, in)
	}
}

func TestUserLineSIPEndpoint(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Sip"})
		_, err := e.UserLineSIPEndpoint(e.ctx, confd.Scope{}, u.UUID, "main", false)
		assert.ErrorIs(t, err, confd.ErrNoSIPEndpoint, "no line yet")

		sip := &resources.EndpointSIP{TenantUUID: e.tenant, Label: confd.Ptr("alice")}
		require.NoError(t, e.EndpointsSIP.Create(e.ctx, confd.Scope{}, sip))
		l := mustCreateLine(t, e, &confd.Line{Context: "default"})
		require.NoError(t, e.AssociateLineEndpoint(e.ctx, confd.Scope{}, l.ID, "sip", sip.UUID))
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID))
		for _, ref := range []string{"main", strconv.Itoa(l.ID)} {
			got, err := e.UserLineSIPEndpoint(e.ctx, confd.Scope{}, u.UUID, ref, true)
			require.NoError(t, err, ref)
			assert.Equal(t, sip.UUID, got.UUID)
		}
		other, _ := mustLineWithEndpoint(t, e)
		_, err = e.UserLineSIPEndpoint(e.ctx, confd.Scope{}, u.UUID, strconv.Itoa(other.ID), false)
		assert.ErrorIs(t, err, confd.ErrNoSIPEndpoint, "not the user's line")
	})
}

func TestUserViews(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "View", VoicemailID: nil})
		l, _ := mustLineWithEndpoint(t, e)
		x := mustCreateExtension(t, e, "1077", "default")
		require.NoError(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, l.ID, x.ID))
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID))
		got, err := e.Users.Get(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		sum := e.UserView(e.ctx, got, "summary")
		assert.Equal(t, "1077", sum["extension"])
		assert.Equal(t, "custom", *sum["protocol"].(*string))
		assert.Nil(t, sum["provisioning_code"], "no provisioning for a custom line")
		dir := e.UserView(e.ctx, got, "directory")
		assert.Equal(t, l.ID, dir["line_id"])

		for _, p := range []confd.ListParams{{Filters: map[string]string{"exten": "1077"}}, {Search: "1077"}} {
			items, total, err := e.Users.List(e.ctx, confd.Scope{}, p)
			require.NoError(t, err)
			require.Equal(t, 1, total)
			assert.Equal(t, u.ID, items[0].ID)
		}
	})
}

func TestSetUserLines_Errors(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Set"})
		l, _ := mustLineWithEndpoint(t, e)
		e.flush(t)
		err := e.SetUserLines(e.ctx, confd.Scope{}, u.ID, []int{l.ID, l.ID})
		assert.ErrorContains(t, err, "Cannot associate same line more than once")
		err = e.SetUserLines(e.ctx, confd.Scope{}, u.ID, []int{999999})
		assert.EqualError(t, err, "Input Error - field 'lines': Line was not found ('id': 999999)")
		err = e.SetUserLines(e.ctx, confd.InTenants("other"), u.ID, []int{l.ID})
		assert.True(t, resources.IsNotFound(err), "another tenant's user is not found")
		assert.Empty(t, e.delivered(t), "refused: nothing announced")
		got, err := e.Users.Get(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Lines, "refused: nothing stored")
	})
}

func TestDissociateLineEndpoint_InUse(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l, ep := mustLineWithEndpoint(t, e)
		x := mustCreateExtension(t, e, "1088", "default")
		require.NoError(t, e.AssociateLineExtension(e.ctx, confd.Scope{}, l.ID, x.ID))
		e.flush(t)
		key := strconv.Itoa(ep.ID)
		err := e.DissociateLineEndpoint(e.ctx, confd.Scope{}, l.ID, "custom", key)
		assert.ErrorContains(t, err, "Line is associated with a Extension")
		require.NoError(t, e.DissociateLineExtension(e.ctx, confd.Scope{}, l.ID, x.ID))
		u := mustCreateUser(t, e, &confd.User{Firstname: "InUse"})
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID))
		e.flush(t)
		err = e.DissociateLineEndpoint(e.ctx, confd.Scope{}, l.ID, "custom", key)
		assert.ErrorContains(t, err, "Line is associated with a User")
		assert.Empty(t, e.delivered(t))
		require.NoError(t, e.DissociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID))
		require.NoError(t, e.DissociateLineEndpoint(e.ctx, confd.Scope{}, l.ID, "custom", key))
		assert.Contains(t, e.delivered(t), "line_endpoint_custom_dissociated")
	})
}

func TestCreateLineExtension(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		l, _ := mustLineWithEndpoint(t, e)
		x := &confd.Extension{Exten: "9999", Context: "default", TenantUUID: e.tenant}
		err := e.CreateLineExtension(e.ctx, confd.Scope{}, l.ID, x)
		assert.ErrorContains(t, err, "outside of range", "the association fails")
		_, total, err := e.Extensions.List(e.ctx, confd.Scope{}, confd.ListParams{Search: "9999"})
		require.NoError(t, err)
		assert.Zero(t, total, "so the extension is not kept")
		ok := &confd.Extension{Exten: "1099", Context: "default", TenantUUID: e.tenant}
		require.NoError(t, e.CreateLineExtension(e.ctx, confd.Scope{}, l.ID, ok))
		got := mustGetLine(t, e, l.ID)
		require.Len(t, got.Extensions, 1)
		assert.Equal(t, ok.ID, got.Extensions[0].ID)
		assert.True(t, resources.IsNotFound(e.CreateLineExtension(e.ctx, confd.Scope{}, 999999, &confd.Extension{Exten: "1098", Context: "default"})))
	})
}

func TestUserViews_LinePresence(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := mustCreateUser(t, e, &confd.User{Firstname: "Presence"})
		got, err := e.Users.Get(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		v := e.UserView(e.ctx, got, "line_presence")
		assert.Empty(t, v["lines"])
		l, _ := mustLineWithEndpoint(t, e)
		require.NoError(t, e.AssociateUserLine(e.ctx, confd.Scope{}, u.ID, l.ID))
		got, err = e.Users.Get(e.ctx, confd.Scope{}, u.ID)
		require.NoError(t, err)
		v = e.UserView(e.ctx, got, "line_presence")
		lines := v["lines"].([]map[string]any)
		require.Len(t, lines, 1)
		assert.Equal(t, l.ID, lines[0]["id"])
		assert.Equal(t, u.UUID, v["uuid"])
	})
}

func TestUsers_DuplicateEmailReportedFirst(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		mustCreateUser(t, e, &confd.User{Firstname: "A", Email: confd.Ptr("a@x.org"), Username: confd.Ptr("aa")})
		for i := 0; i < 10; i++ { // the order was random before
			err := e.Users.Create(e.ctx, confd.Scope{}, &confd.User{Firstname: "B", Email: confd.Ptr("a@x.org"), Username: confd.Ptr("aa"), TenantUUID: e.tenant})
			assert.EqualError(t, err, "Resource Error - User already exists ('email': 'a@x.org')")
		}
	})
}

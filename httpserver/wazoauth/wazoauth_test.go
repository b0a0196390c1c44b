package wazoauth_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/httpserver"
	"github.com/gopbx/confd/httpserver/wazoauth"
)

const (
	headToken  = "HEAD /0.1/token"
	getToken   = "GET /0.1/token"
	getTenants = "GET /0.1/tenants"
)

var quiet = wazoauth.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))

func newAuth(f *fakeAuth, opts ...wazoauth.Option) *wazoauth.Authenticator {
	return wazoauth.New(f.srv.URL+"/", append([]wazoauth.Option{quiet}, opts...)...)
}

// requireAuthError asserts err is an *httpserver.AuthError of kind.
func requireAuthError(t *testing.T, err error, kind httpserver.AuthErrorKind) *httpserver.AuthError {
	t.Helper()
	var ae *httpserver.AuthError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, kind, ae.Kind, "error: %v", err)
	return ae
}

func TestCheckValidToken(t *testing.T) {
	f := newFakeAuth(t)
	a := newAuth(f)

	tok, err := a.Check(context.Background(), "tok-root", "confd.users.read", "")
	require.NoError(t, err)
	assert.Equal(t, httpserver.Token{ID: "tok-root", TenantUUID: "t-root", UserUUID: "u-root"}, tok)

	head := f.lastRequest(headToken)
	assert.Equal(t, "/0.1/token/tok-root", head.path)
	assert.Equal(t, "confd.users.read", head.query.Get("scope"))
	assert.False(t, head.query.Has("tenant"))
	get := f.lastRequest(getToken)
	assert.Equal(t, "tok-root", get.header.Get("X-Auth-Token"))
	assert.Empty(t, get.query)
}

func TestCheckInTenant(t *testing.T) {
	f := newFakeAuth(t)
	a := newAuth(f)

	tok, err := a.Check(context.Background(), "tok-a", "confd.users.u-a.lines.read", "t-a1")
	require.NoError(t, err)
	assert.Equal(t, "t-a", tok.TenantUUID, "the token's own tenant")
	assert.Equal(t, "u-a", tok.UserUUID)
	assert.Equal(t, "t-a1", f.lastRequest(headToken).query.Get("tenant"))
}

func TestCheckWithoutACLOrUser(t *testing.T) {
	f := newFakeAuth(t)
	a := newAuth(f)

	tok, err := a.Check(context.Background(), "tok-service", "", "")
	require.NoError(t, err)
	assert.Equal(t, httpserver.Token{ID: "tok-service", TenantUUID: "t-root"}, tok)
	assert.Empty(t, f.lastRequest(headToken).query, "no scope, no tenant")
}

func TestCheckMasterTenant(t *testing.T) {
	f := newFakeAuth(t)
	a := newAuth(f, wazoauth.WithMasterTenant(func() string { return "t-root" }))

	root, err := a.Check(context.Background(), "tok-root", "", "")
	require.NoError(t, err)
	assert.True(t, root.Master)
	sub, err := a.Check(context.Background(), "tok-a", "", "")
	require.NoError(t, err)
	assert.False(t, sub.Master)
}

func TestCheckFailures(t *testing.T) {
	tests := []struct {
		name, token, acl, tenant string
		kind                     httpserver.AuthErrorKind
		message                  string
	}{
		{"unknown token", "nope", "confd.users.read", "", httpserver.InvalidToken,
			"('nope', 'confd.users.read')"},
		{"unknown token in a tenant", "nope", "confd.users.read", "t-a", httpserver.InvalidToken,
			"('nope', 'confd.users.read')"},
		{"empty token", "", "confd.users.read", "", httpserver.InvalidToken,
			"('', 'confd.users.read')"},
		{"missing ACL", "tok-a", "confd.lines.read", "", httpserver.MissingPermission,
			"('tok-a', 'confd.lines.read', None)"},
		{"missing ACL in a visible tenant", "tok-a", "confd.lines.read", "t-a1",
			httpserver.MissingPermission, "('tok-a', 'confd.lines.read', 't-a1')"},
		{"missing ACL in an invisible tenant", "tok-a", "confd.lines.read", "t-b",
			httpserver.MissingPermission, "('tok-a', 'confd.lines.read', 't-b')"},
		{"me is another user", "tok-a", "confd.users.u-root.lines.read", "",
			httpserver.MissingPermission, "('tok-a', 'confd.users.u-root.lines.read', None)"},
		{"tenant not visible", "tok-a", "confd.users.1.read", "t-b", httpserver.TenantForbidden, "t-b"},
		{"parent tenant not visible", "tok-a", "", "t-root", httpserver.TenantForbidden, "t-root"},
		{"unknown tenant", "tok-root", "confd.users.read", "t-zzz", httpserver.TenantForbidden, "t-zzz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAuth(t)
			_, err := newAuth(f).Check(context.Background(), tt.token, tt.acl, tt.tenant)
			ae := requireAuthError(t, err, tt.kind)
			assert.Equal(t, tt.message, ae.Error())
			assert.Equal(t, tt.token, ae.Token)
			assert.Equal(t, tt.acl, ae.ACL)
			assert.Equal(t, tt.tenant, ae.Tenant)
		})
	}
}

func TestCheckAuthUnavailable(t *testing.T) {
	t.Run("server down", func(t *testing.T) {
		f := newFakeAuth(t)
		f.srv.Close()
		_, err := newAuth(f).Check(context.Background(), "tok-root", "confd.users.read", "")
		ae := requireAuthError(t, err, httpserver.AuthUnavailable)
		require.Error(t, ae.Err)
		assert.NotContains(t, ae.Error(), "tok-root", "the token is not disclosed")
	})
	for _, route := range []string{headToken, getToken} {
		t.Run("500 on "+route, func(t *testing.T) {
			f := newFakeAuth(t)
			f.set(func(f *fakeAuth) { f.statuses[route] = http.StatusInternalServerError })
			_, err := newAuth(f).Check(context.Background(), "tok-root", "confd.users.read", "")
			ae := requireAuthError(t, err, httpserver.AuthUnavailable)
			assert.ErrorContains(t, ae.Err, "unexpected status 500")
		})
	}
	t.Run("timeout", func(t *testing.T) {
		f := newFakeAuth(t)
		f.set(func(f *fakeAuth) { f.delay = 200 * time.Millisecond })
		client := &http.Client{Timeout: 20 * time.Millisecond}
		_, err := newAuth(f, wazoauth.WithHTTPClient(client)).Check(context.Background(), "tok-root", "", "")
		requireAuthError(t, err, httpserver.AuthUnavailable)
	})
}

func TestCheckCachesTokenInfo(t *testing.T) {
	f := newFakeAuth(t)
	a := newAuth(f)
	ctx := context.Background()

	for range 10 {
		_, err := a.Check(ctx, "tok-root", "confd.users.read", "")
		require.NoError(t, err)
	}
	assert.Equal(t, 1, f.count(getToken))
	assert.Equal(t, 1, f.count(headToken))

	for _, acl := range []string{"confd.lines.read", "confd.users.create"} {
		_, err := a.Check(ctx, "tok-root", acl, "")
		require.NoError(t, err)
	}
	assert.Equal(t, 1, f.count(getToken), "token details are shared by all ACLs")
	assert.Equal(t, 3, f.count(headToken), "one check per ACL")
}

func TestCheckConcurrentBurstCostsOneRound(t *testing.T) {
	f := newFakeAuth(t)
	f.set(func(f *fakeAuth) { f.delay = 20 * time.Millisecond })
	a := newAuth(f)

	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			_, err := a.Check(context.Background(), "tok-root", "confd.users.read", "t-a")
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, f.count(headToken))
	assert.Equal(t, 1, f.count(getToken))
}

func TestCheckDoesNotCacheFailures(t *testing.T) {
	f := newFakeAuth(t)
	a := newAuth(f)
	ctx := context.Background()

	for range 2 {
		_, err := a.Check(ctx, "tok-new", "confd.users.read", "")
		requireAuthError(t, err, httpserver.InvalidToken)
	}
	assert.Equal(t, 2, f.count(headToken))

	f.set(func(f *fakeAuth) { f.tokens["tok-new"] = fakeToken{tenant: "t-b", acl: []string{"confd.#"}} })
	tok, err := a.Check(ctx, "tok-new", "confd.users.read", "")
	require.NoError(t, err)
	assert.Equal(t, "t-b", tok.TenantUUID)

	f.set(func(f *fakeAuth) { f.statuses[getToken] = http.StatusBadGateway })
	_, err = a.Check(ctx, "tok-a", "", "")
	requireAuthError(t, err, httpserver.AuthUnavailable)
	f.set(func(f *fakeAuth) { delete(f.statuses, getToken) })
	_, err = a.Check(ctx, "tok-a", "", "")
	require.NoError(t, err, "an unavailable server is asked again")
}

func TestCheckCacheExpires(t *testing.T) {
	f := newFakeAuth(t)
	a := newAuth(f, wazoauth.WithCacheTTL(30*time.Millisecond))
	ctx := context.Background()

	_, err := a.Check(ctx, "tok-root", "", "")
	require.NoError(t, err)
	time.Sleep(60 * time.Millisecond)
	_, err = a.Check(ctx, "tok-root", "", "")
	require.NoError(t, err)
	assert.Equal(t, 2, f.count(getToken))
	assert.Equal(t, 2, f.count(headToken))

	f.set(func(f *fakeAuth) { delete(f.tokens, "tok-root") })
	a.Flush()
	_, err = a.Check(ctx, "tok-root", "", "")
	requireAuthError(t, err, httpserver.InvalidToken)
}

func TestCheckCacheDisabledAndBounded(t *testing.T) {
	f := newFakeAuth(t)
	off := newAuth(f, wazoauth.WithCacheTTL(0))
	for range 3 {
		_, err := off.Check(context.Background(), "tok-root", "", "")
		require.NoError(t, err)
	}
	assert.Equal(t, 3, f.count(getToken))

	small := newAuth(f, wazoauth.WithCacheSize(1))
	for _, token := range []string{"tok-root", "tok-a", "tok-root"} {
		_, err := small.Check(context.Background(), token, "", "")
		require.NoError(t, err)
	}
	assert.Equal(t, 3+3, f.count(getToken), "a one-entry cache keeps the last token only")
}

func TestCheckCancelledContext(t *testing.T) {
	f := newFakeAuth(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newAuth(f).Check(ctx, "tok-root", "", "")
	ae := requireAuthError(t, err, httpserver.AuthUnavailable)
	assert.True(t, errors.Is(ae, context.Canceled))
}

func TestCheckWaiterRetriesWhenLeaderGoesAway(t *testing.T) {
	f := newFakeAuth(t)
	f.set(func(f *fakeAuth) { f.delay = 50 * time.Millisecond })
	a := newAuth(f)

	leaderCtx, cancel := context.WithCancel(context.Background())
	leaderErr := make(chan error, 1)
	go func() {
		_, err := a.Check(leaderCtx, "tok-root", "", "")
		leaderErr <- err
	}()
	time.Sleep(10 * time.Millisecond) // the leader's HEAD is under way
	waiterErr := make(chan error, 1)
	go func() {
		_, err := a.Check(context.Background(), "tok-root", "", "")
		waiterErr <- err
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()

	requireAuthError(t, <-leaderErr, httpserver.AuthUnavailable)
	require.NoError(t, <-waiterErr, "the waiter does not inherit the leader's cancellation")
}

package wazoauth_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/httpserver"
)

func uuids(tenants []httpserver.TenantInfo) []string {
	out := make([]string, len(tenants))
	for i, t := range tenants {
		out[i] = t.UUID
	}
	return out
}

func TestTenants(t *testing.T) {
	tests := []struct {
		name   string
		tok    httpserver.Token
		tenant string
		want   []string
	}{
		{"own tenant", httpserver.Token{ID: "tok-root", TenantUUID: "t-root"}, "",
			[]string{"t-root", "t-a", "t-a1", "t-b"}},
		{"own tenant named", httpserver.Token{ID: "tok-root", TenantUUID: "t-root"}, "t-root",
			[]string{"t-root", "t-a", "t-a1", "t-b"}},
		{"sub-tenant", httpserver.Token{ID: "tok-root", TenantUUID: "t-root"}, "t-a",
			[]string{"t-a", "t-a1"}},
		{"leaf", httpserver.Token{ID: "tok-a", TenantUUID: "t-a"}, "t-a1", []string{"t-a1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAuth(t)
			got, err := newAuth(f).Tenants(context.Background(), tt.tok, tt.tenant)
			require.NoError(t, err)
			assert.Equal(t, tt.want, uuids(got))

			req := f.lastRequest(getTenants)
			assert.Equal(t, tt.tok.ID, req.header.Get("X-Auth-Token"))
			wantHeader := tt.tenant
			if wantHeader == "" {
				wantHeader = tt.tok.TenantUUID
			}
			assert.Equal(t, wantHeader, req.header.Get("Wazo-Tenant"))
		})
	}
}

func TestTenantsDetails(t *testing.T) {
	f := newFakeAuth(t)
	got, err := newAuth(f).Tenants(context.Background(), httpserver.Token{ID: "tok-root", TenantUUID: "t-root"}, "t-a")
	require.NoError(t, err)
	assert.Equal(t, []httpserver.TenantInfo{
		{UUID: "t-a", Name: "a", Slug: "a", ParentUUID: "t-root"},
		{UUID: "t-a1", Name: "a1", Slug: "a1", ParentUUID: "t-a"},
	}, got)
}

func TestTenantsOwnTenantWhenListingRefused(t *testing.T) {
	f := newFakeAuth(t)
	tok := httpserver.Token{ID: "tok-noauth", TenantUUID: "t-b"}
	got, err := newAuth(f).Tenants(context.Background(), tok, "")
	require.NoError(t, err)
	assert.Equal(t, []httpserver.TenantInfo{{UUID: "t-b"}}, got)
}

func TestTenantsFailures(t *testing.T) {
	tests := []struct {
		name   string
		tok    httpserver.Token
		tenant string
		status int // forced answer of wazo-auth, if any
		kind   httpserver.AuthErrorKind
	}{
		{"tenant not visible", httpserver.Token{ID: "tok-a", TenantUUID: "t-a"}, "t-b", 0,
			httpserver.TenantForbidden},
		{"unknown tenant", httpserver.Token{ID: "tok-a", TenantUUID: "t-a"}, "t-zzz", 0,
			httpserver.TenantForbidden},
		{"listing refused in another tenant", httpserver.Token{ID: "tok-noauth", TenantUUID: "t-b"},
			"t-a", 0, httpserver.TenantForbidden},
		{"forbidden", httpserver.Token{ID: "tok-root", TenantUUID: "t-root"}, "t-a",
			http.StatusForbidden, httpserver.TenantForbidden},
		{"server error", httpserver.Token{ID: "tok-root", TenantUUID: "t-root"}, "",
			http.StatusInternalServerError, httpserver.AuthUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAuth(t)
			if tt.status != 0 {
				f.set(func(f *fakeAuth) { f.statuses[getTenants] = tt.status })
			}
			_, err := newAuth(f).Tenants(context.Background(), tt.tok, tt.tenant)
			ae := requireAuthError(t, err, tt.kind)
			assert.Equal(t, tt.tok.ID, ae.Token)
		})
	}
}

func TestTenantsServerDown(t *testing.T) {
	f := newFakeAuth(t)
	f.srv.Close()
	_, err := newAuth(f).Tenants(context.Background(), httpserver.Token{ID: "tok-root", TenantUUID: "t-root"}, "")
	ae := requireAuthError(t, err, httpserver.AuthUnavailable)
	assert.Error(t, ae.Err)
}

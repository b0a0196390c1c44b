// Package wazoauth checks tokens against wazo-auth the way wazo-confd does
// (through xivo's auth verifier and wazo-auth-client):
//
//   - HEAD /0.1/token/{token}?scope={acl}&tenant={tenant} tells whether the
//     token is valid (204), unknown or expired (404) or lacks the ACL or the
//     tenant (403);
//   - GET /0.1/token/{token} gives the token's tenant and user;
//   - GET /0.1/tenants with Wazo-Tenant lists the tenants visible from a
//     tenant.
//
// Successful checks and token details are kept a few seconds, so that a
// burst of requests with one token costs one round of calls to wazo-auth.
package wazoauth

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gopbx/confd/httpserver"
)

// Defaults of the cache of successful results.
const (
	DefaultCacheTTL  = 5 * time.Second
	DefaultCacheSize = 1024
	// DefaultTimeout bounds each call to wazo-auth when the HTTP client is
	// the default one.
	DefaultTimeout = 10 * time.Second
)

var _ httpserver.Authenticator = (*Authenticator)(nil)

// Authenticator is an httpserver.Authenticator backed by wazo-auth.
type Authenticator struct {
	base   string
	client *http.Client
	log    *slog.Logger
	master func() string
	ttl    time.Duration
	size   int

	checks *cache[checkKey, struct{}]
	infos  *cache[string, tokenInfo]
}

// checkKey identifies one HEAD check.
type checkKey struct{ token, acl, tenant string }

// tokenInfo is what GET /0.1/token/{token} tells of a token.
type tokenInfo struct {
	TenantUUID string
	UserUUID   string
}

// Option configures an Authenticator.
type Option func(*Authenticator)

// WithHTTPClient sets the HTTP client used to call wazo-auth.
func WithHTTPClient(c *http.Client) Option {
	return func(a *Authenticator) { a.client = c }
}

// WithLogger sets the logger; the default is slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(a *Authenticator) { a.log = l }
}

// WithCacheTTL sets how long successful results are kept; 0 keeps nothing.
func WithCacheTTL(d time.Duration) Option {
	return func(a *Authenticator) { a.ttl = d }
}

// WithCacheSize bounds the number of tokens and of checks kept.
func WithCacheSize(n int) Option {
	return func(a *Authenticator) { a.size = n }
}

// WithMasterTenant sets how to learn the master tenant (wazo-confd takes it
// from its own service token): tokens of that tenant are Master.
func WithMasterTenant(f func() string) Option {
	return func(a *Authenticator) { a.master = f }
}

// New returns an Authenticator calling the wazo-auth whose API is at
// baseURL, e.g. "http://localhost:9497" or "https://host/api/auth".
func New(baseURL string, opts ...Option) *Authenticator {
	a := &Authenticator{
		base:   strings.TrimRight(baseURL, "/"),
		client: &http.Client{Timeout: DefaultTimeout},
		log:    slog.Default(),
		ttl:    DefaultCacheTTL,
		size:   DefaultCacheSize,
	}
	for _, o := range opts {
		o(a)
	}
	a.checks = newCache[checkKey, struct{}](a.ttl, a.size)
	a.infos = newCache[string, tokenInfo](a.ttl, a.size)
	return a
}

// Flush forgets every cached result, e.g. after a token was revoked.
func (a *Authenticator) Flush() {
	a.checks.forget()
	a.infos.forget()
}

// Check asks wazo-auth whether token is valid and grants acl in tenant,
// then returns the token with its tenant and user.
func (a *Authenticator) Check(ctx context.Context, token, acl, tenant string) (httpserver.Token, error) {
	fail := func(err error) (httpserver.Token, error) {
		return httpserver.Token{}, a.authError(err, token, acl, tenant)
	}
	if token == "" {
		return fail(&httpserver.AuthError{Kind: httpserver.InvalidToken})
	}
	key := checkKey{token: token, acl: acl, tenant: tenant}
	_, err := a.checks.get(ctx, key, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, a.head(ctx, token, acl, tenant)
	})
	if err != nil {
		return fail(err)
	}
	info, err := a.tokenInfo(ctx, token)
	if err != nil {
		return fail(err)
	}
	tok := httpserver.Token{ID: token, TenantUUID: info.TenantUUID, UserUUID: info.UserUUID}
	if a.master != nil {
		m := a.master()
		tok.Master = m != "" && m == info.TenantUUID
	}
	return tok, nil
}

// tokenInfo returns the token's details, from the cache when fresh.
func (a *Authenticator) tokenInfo(ctx context.Context, token string) (tokenInfo, error) {
	return a.infos.get(ctx, token, func(ctx context.Context) (tokenInfo, error) {
		return a.getToken(ctx, token, "")
	})
}

// Tenants lists the tenants tok may see from tenant (tok's own when empty),
// tenant first. When wazo-auth refuses the listing (401) for the token's own
// tenant, that tenant alone is returned, as wazo-confd does.
func (a *Authenticator) Tenants(ctx context.Context, tok httpserver.Token, tenant string) ([]httpserver.TenantInfo, error) {
	if tenant == "" {
		tenant = tok.TenantUUID
	}
	items, err := a.listTenants(ctx, tok.ID, tenant)
	if errors.Is(err, errListRefused) && tenant != "" && tenant == tok.TenantUUID {
		return []httpserver.TenantInfo{{UUID: tenant}}, nil
	}
	if err != nil {
		return nil, a.authError(err, tok.ID, "", tenant)
	}
	return tenantFirst(items, tenant), nil
}

// tenantFirst puts tenant in front of the others, adding it when missing.
func tenantFirst(items []httpserver.TenantInfo, tenant string) []httpserver.TenantInfo {
	if tenant == "" {
		return items
	}
	out := make([]httpserver.TenantInfo, 1, len(items)+1)
	out[0] = httpserver.TenantInfo{UUID: tenant}
	for _, t := range items {
		if t.UUID == tenant {
			out[0] = t
		} else {
			out = append(out, t)
		}
	}
	return out
}

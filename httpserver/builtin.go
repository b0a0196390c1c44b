package httpserver

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"github.com/gopbx/confd"
)

// TokenEntry is one token of the built-in authenticator.
type TokenEntry struct {
	Token      string   `json:"token"`
	TenantUUID string   `json:"tenant_uuid"`
	UserUUID   string   `json:"user_uuid,omitempty"`
	ACL        []string `json:"acl"`
}

// LoadTokens reads a JSON list of TokenEntry from path.
func LoadTokens(path string) ([]TokenEntry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var entries []TokenEntry
	if err := json.Unmarshal(b, &entries); err != nil {
		return nil, fmt.Errorf("tokens file %s: %w", path, err)
	}
	for i, e := range entries {
		if e.Token == "" || e.TenantUUID == "" {
			return nil, fmt.Errorf("tokens file %s: entry %d needs token and tenant_uuid", path, i)
		}
	}
	return entries, nil
}

// Builtin authenticates with fixed tokens: a master admin token (every ACL,
// the master tenant, may manage tenants) and a list of tenant tokens. The
// tenant tree comes from confd's own database.
type Builtin struct {
	c      *confd.Client
	admin  string
	tokens map[string]TokenEntry
}

var _ Authenticator = (*Builtin)(nil)

// NewBuiltin returns the built-in authenticator for c.
func NewBuiltin(c *confd.Client, adminToken string, tokens []TokenEntry) *Builtin {
	b := &Builtin{c: c, admin: adminToken, tokens: map[string]TokenEntry{}}
	for _, e := range tokens {
		b.tokens[e.Token] = e
	}
	return b
}

func (b *Builtin) lookup(token string) (TokenEntry, bool) {
	if b.admin != "" && subtle.ConstantTimeCompare([]byte(token), []byte(b.admin)) == 1 {
		return TokenEntry{Token: token, TenantUUID: b.c.Tenants.Master(), ACL: []string{"#"}}, true
	}
	e, ok := b.tokens[token]
	return e, ok
}

// Check verifies the token, its ACL and that tenant is the token's own
// tenant or below it.
func (b *Builtin) Check(ctx context.Context, token, acl, tenant string) (Token, error) {
	e, ok := b.lookup(token)
	if !ok {
		return Token{}, &AuthError{Kind: InvalidToken, Token: token, ACL: acl}
	}
	if !NewACLMatcher(e.ACL, e.UserUUID, "").Match(acl) {
		return Token{}, &AuthError{Kind: MissingPermission, Token: token, ACL: acl, Tenant: tenant}
	}
	tok := Token{ID: token, TenantUUID: e.TenantUUID, UserUUID: e.UserUUID, Master: e.TenantUUID == b.c.Tenants.Master()}
	if tenant == "" || tenant == e.TenantUUID {
		return tok, nil
	}
	above, below, err := b.c.Tenants.Lineage(ctx, tenant)
	if err != nil {
		return Token{}, &AuthError{Kind: AuthUnavailable, Err: err}
	}
	if !slices.Contains(above, e.TenantUUID) {
		return Token{}, &AuthError{Kind: TenantForbidden, Tenant: tenant}
	}
	tok.below = below // the request's tenants, read once
	return tok, nil
}

// Tenants lists tenant and its descendants from the database (Check
// already read them when the token acts below its own tenant); a token's
// own tenant not yet in the database is listed alone (it is created on
// first use).
func (b *Builtin) Tenants(ctx context.Context, tok Token, tenant string) ([]TenantInfo, error) {
	below := tok.below
	if len(below) == 0 || below[0] != tenant {
		var err error
		if _, below, err = b.c.Tenants.Lineage(ctx, tenant); err != nil {
			return nil, &AuthError{Kind: AuthUnavailable, Err: err}
		}
	}
	if len(below) == 0 {
		below = []string{tenant}
	}
	out := make([]TenantInfo, len(below))
	for i, u := range below {
		out[i] = TenantInfo{UUID: u}
	}
	return out, nil
}

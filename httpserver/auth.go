package httpserver

import (
	"context"
	"fmt"
)

// Token is what an Authenticator knows of a valid token.
type Token struct {
	// ID is the token itself.
	ID string
	// TenantUUID is the token's own tenant.
	TenantUUID string
	// UserUUID is the user the token belongs to, if any ("/users/me").
	UserUUID string
	// Master is true for the built-in master admin, who may create and
	// delete tenants.
	Master bool
	// below is the acting tenant and the tenants below it, when the
	// authenticator has already read them.
	below []string
}

// TenantInfo describes a tenant as an authenticator sees it.
type TenantInfo struct {
	UUID       string `json:"uuid"`
	Name       string `json:"name"`
	Slug       string `json:"slug"`
	ParentUUID string `json:"parent_uuid"`
}

// Authenticator checks tokens and tells which tenants a token may act in.
type Authenticator interface {
	// Check returns the token when it is valid and grants acl (an empty acl
	// checks validity only) in tenant; an empty tenant means the token's own.
	// Errors are *AuthError.
	Check(ctx context.Context, token, acl, tenant string) (Token, error)
	// Tenants returns tenant and every tenant below it that tok may see,
	// tenant first. Errors are *AuthError.
	Tenants(ctx context.Context, tok Token, tenant string) ([]TenantInfo, error)
}

// AuthErrorKind tells why a request was not authenticated.
type AuthErrorKind int

// The kinds of authentication failure.
const (
	// InvalidToken: unknown or expired token (401).
	InvalidToken AuthErrorKind = iota
	// MissingPermission: the token does not grant the ACL (401).
	MissingPermission
	// TenantForbidden: the selected tenant is not visible to the token (401).
	TenantForbidden
	// AuthUnavailable: the authentication server cannot be reached (503).
	AuthUnavailable
)

// AuthError is an authentication failure. Its message follows wazo-confd's
// 401 bodies: the repr of the failing check's arguments.
type AuthError struct {
	Kind   AuthErrorKind
	Token  string
	ACL    string
	Tenant string
	Err    error
}

func (e *AuthError) Error() string {
	switch e.Kind {
	case InvalidToken:
		return fmt.Sprintf("('%s', '%s')", e.Token, e.ACL)
	case MissingPermission:
		tenant := "None"
		if e.Tenant != "" {
			tenant = "'" + e.Tenant + "'"
		}
		return fmt.Sprintf("('%s', '%s', %s)", e.Token, e.ACL, tenant)
	case TenantForbidden:
		return e.Tenant
	default:
		if e.Err != nil {
			return "Authentication server unreachable: " + e.Err.Error()
		}
		return "Authentication server unreachable"
	}
}

func (e *AuthError) Unwrap() error { return e.Err }

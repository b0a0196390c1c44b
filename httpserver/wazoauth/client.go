package wazoauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/gopbx/confd/httpserver"
)

// errListRefused is the cause of the TenantForbidden returned when
// wazo-auth answers 401 to a tenant listing.
var errListRefused = errors.New("wazo-auth refused to list the tenants")

// call is one request to wazo-auth.
type call struct {
	method string
	path   string // escaped, below the base URL
	shown  string // path as logged: without the token
	query  url.Values
	token  string // X-Auth-Token
	tenant string // Wazo-Tenant
}

// head checks the token with HEAD /0.1/token/{token}.
func (a *Authenticator) head(ctx context.Context, token, acl, tenant string) error {
	q := url.Values{}
	if acl != "" {
		q.Set("scope", acl)
	}
	if tenant != "" {
		q.Set("tenant", tenant)
	}
	c := tokenCall(http.MethodHead, token, q)
	status, err := a.do(ctx, c, nil)
	switch {
	case err != nil:
		return unavailable(err)
	case status == http.StatusNoContent || status == http.StatusOK:
		return nil
	case status == http.StatusNotFound:
		return failure(httpserver.InvalidToken)
	case status == http.StatusForbidden && tenant == "":
		return failure(httpserver.MissingPermission)
	case status == http.StatusForbidden:
		return a.explainForbidden(ctx, token, acl)
	}
	return unexpected(c, status)
}

// explainForbidden tells why a check with a tenant was refused: wazo-auth
// answers 403 both when the ACL is missing and when the tenant is not
// visible. Asking for the token with the ACL alone settles it.
func (a *Authenticator) explainForbidden(ctx context.Context, token, acl string) error {
	if acl == "" {
		return failure(httpserver.TenantForbidden)
	}
	if _, err := a.getToken(ctx, token, acl); err != nil {
		return err
	}
	return failure(httpserver.TenantForbidden)
}

// getToken reads the token's details with GET /0.1/token/{token}, checking
// scope too when not empty.
func (a *Authenticator) getToken(ctx context.Context, token, scope string) (tokenInfo, error) {
	q := url.Values{}
	if scope != "" {
		q.Set("scope", scope)
	}
	var body struct {
		Data struct {
			Metadata struct {
				UUID       string `json:"uuid"`
				TenantUUID string `json:"tenant_uuid"`
			} `json:"metadata"`
		} `json:"data"`
	}
	c := tokenCall(http.MethodGet, token, q)
	status, err := a.do(ctx, c, &body)
	switch {
	case err != nil:
		return tokenInfo{}, unavailable(err)
	case status == http.StatusOK:
		md := body.Data.Metadata
		return tokenInfo{TenantUUID: md.TenantUUID, UserUUID: md.UUID}, nil
	case status == http.StatusNotFound || status == http.StatusUnauthorized:
		return tokenInfo{}, failure(httpserver.InvalidToken)
	case status == http.StatusForbidden:
		return tokenInfo{}, failure(httpserver.MissingPermission)
	}
	return tokenInfo{}, unexpected(c, status)
}

// listTenants lists the tenants visible from tenant with GET /0.1/tenants.
func (a *Authenticator) listTenants(ctx context.Context, token, tenant string) ([]httpserver.TenantInfo, error) {
	var body struct {
		Items []httpserver.TenantInfo `json:"items"`
	}
	c := call{method: http.MethodGet, path: "/0.1/tenants", shown: "/0.1/tenants", token: token, tenant: tenant}
	status, err := a.do(ctx, c, &body)
	switch {
	case err != nil:
		return nil, unavailable(err)
	case status == http.StatusOK:
		return body.Items, nil
	case status == http.StatusUnauthorized:
		return nil, &httpserver.AuthError{Kind: httpserver.TenantForbidden, Err: errListRefused}
	case status == http.StatusForbidden:
		return nil, failure(httpserver.TenantForbidden)
	}
	return nil, unexpected(c, status)
}

func tokenCall(method, token string, q url.Values) call {
	return call{
		method: method,
		path:   "/0.1/token/" + url.PathEscape(token),
		shown:  "/0.1/token/{token}",
		query:  q,
		token:  token,
	}
}

// do sends c and returns the response status, decoding a 200 response's
// JSON body into out when not nil. Transport and decoding failures are
// errors; the token never appears in them.
func (a *Authenticator) do(ctx context.Context, c call, out any) (int, error) {
	u := a.base + c.path
	if len(c.query) > 0 {
		u += "?" + c.query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, c.method, u, nil)
	if err != nil {
		return 0, fmt.Errorf("%s %s: invalid request", c.method, a.base+c.shown)
	}
	req.Header.Set("Accept", "application/json")
	if c.token != "" {
		req.Header.Set("X-Auth-Token", c.token)
	}
	if c.tenant != "" {
		req.Header.Set("Wazo-Tenant", c.tenant)
	}
	resp, err := a.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			ue.URL = a.base + c.shown
		}
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK && out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			return 0, fmt.Errorf("%s %s: decoding the response: %w", c.method, a.base+c.shown, err)
		}
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, nil
}

func failure(kind httpserver.AuthErrorKind) error {
	return &httpserver.AuthError{Kind: kind}
}

func unavailable(err error) error {
	return &httpserver.AuthError{Kind: httpserver.AuthUnavailable, Err: err}
}

func unexpected(c call, status int) error {
	return unavailable(fmt.Errorf("%s %s: unexpected status %d", c.method, c.shown, status))
}

// authError returns err as an *httpserver.AuthError about token, acl and
// tenant; errors that are not AuthErrors (a cancelled context) make the
// server unavailable.
func (a *Authenticator) authError(err error, token, acl, tenant string) error {
	out := httpserver.AuthError{Kind: httpserver.AuthUnavailable, Err: err}
	var ae *httpserver.AuthError
	if errors.As(err, &ae) {
		out.Kind, out.Err = ae.Kind, ae.Err
	}
	out.Token, out.ACL, out.Tenant = token, acl, tenant
	if out.Kind == httpserver.AuthUnavailable {
		a.log.Warn("wazo-auth unavailable", "error", out.Err)
	}
	return &out
}

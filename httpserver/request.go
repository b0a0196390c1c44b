package httpserver

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// route is one line of the route table.
type route struct {
	method string
	path   string // under /1.1, with ServeMux wildcards: /contexts/{id}
	acl    string // wazo ACL with {wildcard} placeholders; "" checks the token only
	h      func(q *request) error
}

// request is what a handler gets: the HTTP exchange, the checked token and
// the tenant the request acts in.
type request struct {
	*Server
	w      http.ResponseWriter
	r      *http.Request
	ctx    context.Context
	tok    Token
	tenant string

	once    sync.Once
	visible []string
	err     error
}

func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !validPath(rt.path, r) {
			s.notRouted(w, r) // as wazo's URL converters: before any auth
			return
		}
		q := &request{Server: s, w: w, r: r}
		q.ctx = confd.WithBaseURL(r.Context(), baseURL(r))
		if s.cfg.Delivery > 0 {
			q.ctx = confd.WithDelivery(q.ctx, s.cfg.Delivery)
		}
		header := r.Header.Get("Wazo-Tenant")
		tok, err := s.cfg.Auth.Check(q.ctx, r.Header.Get("X-Auth-Token"), formatACL(rt.acl, r), header)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		q.tok, q.tenant = tok, header
		if q.tenant == "" {
			q.tenant = tok.TenantUUID
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		if err := checkInput(rt.path, r); err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := rt.h(q); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// notRouted answers a request whose path does not fit the typed wildcards
// of the route that caught it: 405 when the path is a literal route's
// (DELETE /phone-numbers/main, caught by DELETE /phone-numbers/{uuid}),
// else 404.
func (s *Server) notRouted(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.paths.Handler(r); pattern != "/" && !strings.Contains(pattern, "{") {
		methodNotAllowed(w, r)
		return
	}
	notFound(w, r)
}

// wildcardKind is the key kind a path wildcard's name says: "int" ({id},
// {*_id}), "uuid" ({uuid}, {*_uuid}), "ref" (an id or a uuid: {ref},
// {*_ref}), or "" for another name.
func wildcardKind(name string) string {
	switch {
	case name == "id" || strings.HasSuffix(name, "_id"):
		return "int"
	case name == "uuid" || strings.HasSuffix(name, "_uuid"):
		return "uuid"
	case name == "ref" || strings.HasSuffix(name, "_ref"):
		return "ref"
	}
	return ""
}

// validPath checks the path's typed wildcards: {id} and {*_id} are
// integers, {uuid} and {*_uuid} UUIDs, {ref} and {*_ref} either; it writes
// UUIDs lower-case, as wazo's converter reads them in any case.
func validPath(pattern string, r *http.Request) bool {
	for _, name := range wildcards(pattern) {
		kind := wildcardKind(name)
		if kind == "" {
			continue
		}
		key, ok := parseKey(kind, r.PathValue(name))
		if !ok {
			return false
		}
		if u, isUUID := key.(string); isUUID {
			r.SetPathValue(name, strings.ToLower(u)) // UUIDs are stored lower-case
		}
	}
	return true
}

// formatACL fills an ACL's placeholders with the path's values, dots
// replaced by underscores as wazo does.
func formatACL(acl string, r *http.Request) string {
	for strings.Contains(acl, "{") {
		i := strings.Index(acl, "{")
		j := strings.Index(acl[i:], "}")
		if j < 0 {
			break
		}
		name := acl[i+1 : i+j]
		acl = acl[:i] + strings.ReplaceAll(r.PathValue(name), ".", "_") + acl[i+j+1:]
	}
	return acl
}

func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p != "" {
		scheme = p
	}
	return scheme + "://" + r.Host + r.Header.Get("X-Script-Name") + prefix
}

// tenants returns the selected tenant and every tenant below it that the
// token may see; the selected tenant is created in the database on first
// use, as wazo-confd does for tenants known to wazo-auth.
func (q *request) tenants() ([]string, error) {
	q.once.Do(func() {
		infos, err := q.Auth().Tenants(q.ctx, q.tok, q.tenant)
		if err != nil {
			q.err = err
			return
		}
		q.err = q.ensureTenants(infos)
		for _, t := range infos {
			q.visible = append(q.visible, t.UUID)
		}
	})
	return q.visible, q.err
}

func (s *Server) Auth() Authenticator { return s.cfg.Auth }

// ensureTenants creates the tenant the request acts in (the first listed)
// when it is missing from the database; its sub-tenants are created when a
// request acts in them.
func (q *request) ensureTenants(infos []TenantInfo) error {
	if len(infos) == 0 {
		return &AuthError{Kind: TenantForbidden, Tenant: q.tenant}
	}
	for _, t := range infos[:1] {
		if _, ok := q.known.Load(t.UUID); ok {
			continue
		}
		v := resources.Tenant{UUID: t.UUID, Name: t.Name, Slug: t.Slug}
		if t.ParentUUID != "" {
			v.ParentUUID = &t.ParentUUID
		}
		if err := q.c.Tenants.Ensure(q.ctx, v); err != nil {
			return err
		}
		q.known.Store(t.UUID, struct{}{})
	}
	return nil
}

// itemScope is what a path may address: the tenant and its sub-tenants.
func (q *request) itemScope() (confd.Scope, error) {
	v, err := q.tenants()
	return confd.InTenants(v...), err
}

// listScope is the tenant alone, or with its sub-tenants when recurse=true.
func (q *request) listScope() (confd.Scope, error) {
	recurse, err := resources.QueryBool(q.r.URL.Query(), "recurse")
	if err != nil {
		return confd.Scope{}, err
	}
	v, err := q.tenants()
	if err != nil {
		return confd.Scope{}, err
	}
	if recurse {
		return confd.InTenants(v...), nil
	}
	return confd.InTenants(q.tenant), nil
}

// truthy reads the recursive flag of PUT and DELETE /users and /lines as
// wazo's is_recursive does: "true" in any case, anything else is false.
func truthy(s string) bool { return strings.EqualFold(s, "true") }

// body reads the JSON body and validates it against schema.
func (q *request) body(schema *resources.Schema, partial bool) (map[string]any, error) {
	raw, err := io.ReadAll(q.r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, &resources.Error{Kind: tooLarge, Messages: []string{"Request Entity Too Large - body over the size limit"}}
	}
	if err != nil {
		return nil, resources.ErrBadRequest()
	}
	m, err := resources.DecodeJSON(raw)
	if err != nil {
		return nil, err
	}
	return schema.Load(m, partial)
}

func (q *request) json(status int, v any) error {
	writeJSON(q.w, status, v)
	return nil
}

func (q *request) noContent() error {
	q.w.WriteHeader(http.StatusNoContent)
	return nil
}

// masterTenantOnly restricts h, as wazo's required_master_tenant does, to
// tokens whose own tenant (not the Wazo-Tenant header's) is the master
// tenant or the operator tenant (the PBX owner's, which stands for
// wazo-auth's master tenant, see confd.Tenants.Operator): global objects
// (registrars, transports) concern every tenant, and a customer's admin
// may not change them. Others get 401 with the token as message.
func masterTenantOnly(h func(q *request) error) func(q *request) error {
	return func(q *request) error {
		if !q.ownerToken() {
			return &AuthError{Kind: TenantForbidden, Tenant: q.tok.ID}
		}
		return h(q)
	}
}

// ownerToken reports whether the token's own tenant is the master or the
// operator tenant; no tenant is either by the order it was created in.
func (q *request) ownerToken() bool {
	own, op := q.tok.TenantUUID, q.c.Tenants.Operator()
	return q.tok.Master || own == q.c.Tenants.Master() || (op != "" && own == op)
}

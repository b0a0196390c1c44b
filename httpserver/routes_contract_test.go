package httpserver

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources/contract"
)

// sameShape reports whether two paths (sep "/") or ACLs (sep ".") have the
// same segments, a {placeholder} on either side standing for any one.
func sameShape(a, b, sep string) bool {
	as, bs := strings.Split(a, sep), strings.Split(b, sep)
	if len(as) != len(bs) {
		return false
	}
	for i := range as {
		wild := strings.HasPrefix(as[i], "{") || strings.HasPrefix(bs[i], "{")
		if !wild && as[i] != bs[i] {
			return false
		}
	}
	return true
}

// Every route is an operation of wazo-confd's API with the ACL wazo's code
// checks, but the tenants' POST and DELETE that the built-in
// authenticator adds.
func TestRoutes_AsTheContract(t *testing.T) {
	c, err := confd.New(context.Background(), confd.Config{DatabaseURL: "sqlite::memory:"})
	require.NoError(t, err)
	defer c.Close()
	ops, err := contract.Operations()
	require.NoError(t, err)
	builtin := map[string]bool{"POST /tenants": true, "DELETE /tenants/{uuid}": true}
	s := New(c, Config{Auth: NewBuiltin(c, "admin", nil)})
	routes := s.routes()
	require.Greater(t, len(routes), 150)
	for _, rt := range routes {
		if builtin[rt.method+" "+rt.path] {
			continue
		}
		var acls []string
		for _, op := range ops { // a literal path's own operation first
			if op.Method == rt.method && op.Path == rt.path {
				acls = append(acls, op.ACL)
			}
		}
		for _, op := range ops {
			if len(acls) == 0 && op.Method == rt.method && sameShape(op.Path, rt.path, "/") {
				acls = append(acls, op.ACL)
			}
		}
		if !assert.NotEmpty(t, acls, "%s %s is not an operation of wazo-confd", rt.method, rt.path) {
			continue
		}
		matched := false
		for _, acl := range acls {
			matched = matched || sameShape(acl, rt.acl, ".")
		}
		assert.True(t, matched, "ACL of %s %s: %s, wazo's %v", rt.method, rt.path, rt.acl, acls)
	}
}

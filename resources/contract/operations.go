package contract

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
)

//go:embed acl.json
var aclJSON []byte

// Operation is one operation of wazo-confd's API as its code routes it.
type Operation struct {
	Method string `json:"method"`
	// Path is under /1.1, with wazo's placeholder names: "/users/{user_id}".
	Path string `json:"path"`
	// ACL is the ACL really checked, with the path's placeholders.
	ACL string `json:"acl"`
	// NoAuth operations take no token; RequiredMasterTenant ones only the
	// master tenant's tokens.
	NoAuth               bool `json:"no_auth"`
	RequiredMasterTenant bool `json:"required_master_tenant"`
}

var (
	opsOnce sync.Once
	opsErr  error
	ops     []Operation
	// converter is a flask path converter: <int:user_id>.
	converter = regexp.MustCompile(`<(?:[a-z]+:)?([A-Za-z_]+)>`)
)

// Operations returns every operation of the API as flask routes it: one
// per method of each flask path, so that routes the documentation merges
// (/users/{user_id}/forwards/{forward_name}) keep their own ACLs.
func Operations() ([]Operation, error) {
	opsOnce.Do(func() {
		var doc struct {
			Routes []struct {
				FlaskPath string               `json:"flask_path"`
				Methods   map[string]Operation `json:"methods"`
			} `json:"flask_routes"`
		}
		opsErr = json.Unmarshal(aclJSON, &doc)
		for _, r := range doc.Routes {
			path := converter.ReplaceAllString(r.FlaskPath, "{$1}")
			for method, op := range r.Methods {
				op.Method, op.Path = strings.ToUpper(method), path
				ops = append(ops, op)
			}
		}
	})
	return ops, opsErr
}

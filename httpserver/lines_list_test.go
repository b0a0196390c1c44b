package httpserver_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Lines list as wazo's: by their endpoint's name (the default order) and
// protocol, by their extension's number; there is no id column.
func TestLines_ListByEndpointAndExten(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		custom := a.mustStatus(201, "POST", "/1.1/lines", mainTok, "", map[string]any{"context": "default",
			"endpoint_custom": map[string]any{"interface": "aa-custom"}}).obj()
		a.mustStatus(201, "POST", "/1.1/lines", mainTok, "", map[string]any{"context": "default",
			"endpoint_custom": map[string]any{"interface": "zz-custom"}, "extensions": []any{map[string]any{"exten": "1234"}}})
		a.mustStatus(201, "POST", "/1.1/lines", mainTok, "", map[string]any{"context": "default"})
		names := func(query string) []any {
			var out []any
			for _, it := range a.mustStatus(200, "GET", "/1.1/lines?"+query, mainTok, "", nil).obj()["items"].([]any) {
				out = append(out, it.(map[string]any)["name"])
			}
			return out
		}
		assert.Equal(t, []any{"aa-custom", "zz-custom", nil}, names(""), "by name, a line without endpoint last")
		assert.Equal(t, []any{"zz-custom", "aa-custom"}, names("protocol=custom&direction=desc"))
		assert.Equal(t, []any{"zz-custom"}, names("exten=1234"))
		assert.Equal(t, []any{"aa-custom"}, names("search=aa-cus"))
		assert.Equal(t, custom["name"], "aa-custom")
		r := a.do("GET", "/1.1/lines?order=id", mainTok, "", nil)
		assert.Equal(t, 400, r.status, r.raw)
	})
}

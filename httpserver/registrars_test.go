package httpserver_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegistrars_CRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		def := a.mustStatus(200, "GET", "/1.1/registrars/default", adminTok, "", nil).obj()
		assert.Equal(t, map[string]any{"id": "default", "deletable": false, "name": "local",
			"main_host": "127.0.0.1", "main_port": nil, "backup_host": nil, "backup_port": nil,
			"proxy_main_host": "127.0.0.1", "proxy_main_port": nil, "proxy_backup_host": nil, "proxy_backup_port": nil,
			"outbound_proxy_host": nil, "outbound_proxy_port": nil,
			"links": []any{map[string]any{"rel": "registrars", "href": a.srv.URL + "/1.1/registrars/default"}}}, def)

		r := a.mustStatus(201, "POST", "/1.1/registrars", adminTok, "", map[string]any{"main_host": "1.2.3.4",
			"proxy_main_host": "1.2.3.5", "main_port": "5060", "deletable": "false", "name": nil})
		reg := r.obj()
		id := reg["id"].(string)
		assert.Len(t, id, 32)
		assert.Equal(t, a.srv.URL+"/1.1/registrars/"+id, r.header.Get("Location"))
		assert.Equal(t, float64(5060), reg["main_port"])
		assert.Equal(t, false, reg["deletable"])
		assert.Equal(t, reg, a.mustStatus(200, "GET", "/1.1/registrars/"+id, adminTok, "", nil).obj())

		a.mustStatus(204, "PUT", "/1.1/registrars/"+id, adminTok, "", map[string]any{"id": "renamed", "deletable": true, "main_port": nil})
		got := a.mustStatus(200, "GET", "/1.1/registrars/"+id, adminTok, "", nil).obj()
		assert.Equal(t, id, got["id"], "an id never changes")
		assert.Nil(t, got["main_port"])
		assert.Equal(t, "1.2.3.4", got["main_host"], "only the given fields change")
		a.mustStatus(404, "GET", "/1.1/registrars/renamed", adminTok, "", nil)

		a.mustStatus(204, "DELETE", "/1.1/registrars/"+id, adminTok, "", nil)
		a.mustStatus(404, "GET", "/1.1/registrars/"+id, adminTok, "", nil)
	})
}

func TestRegistrars_Routes(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		a.mustStatus(201, "POST", "/1.1/registrars", adminTok, "", map[string]any{"id": "used.by.line", "main_host": "h", "proxy_main_host": "p"})
		line := a.mustStatus(201, "POST", "/1.1/lines", mainTok, "", map[string]any{"context": "default", "registrar": "used.by.line"}).obj()
		body := map[string]any{"main_host": "1.2.3.4", "proxy_main_host": "1.2.3.4"}
		notFound := []string{"Resource Not Found - Registrar was not found ('id': '999999')"}
		return []scenario{
			{name: "List", method: "GET", path: "/1.1/registrars?search=local", token: adminTok, status: 200, contains: `"total":1`},
			{name: "ListSub", method: "GET", path: "/1.1/registrars", token: subTok, status: 401, want: []string{subTok}},
			{name: "CreatedByOperator", method: "POST", path: "/1.1/registrars", token: mainTok, body: map[string]any{"main_host": "h",
				"proxy_main_host": "p"}, status: 201, events: map[string]int{"registrar_created": 1}},
			{name: "ListSubAsMain", method: "GET", path: "/1.1/registrars", token: adminTok, tenant: subTenant, status: 200},
			{name: "CreateSub", method: "POST", path: "/1.1/registrars", token: subTok, body: body, status: 401,
				want: []string{subTok}, unchanged: "registrars"},
			{name: "CreateStray", method: "POST", path: "/1.1/registrars", token: strayTok, body: body, status: 401,
				want: []string{strayTok}, unchanged: "registrars"},
			{name: "CreateReadOnly", method: "POST", path: "/1.1/registrars", token: readTok, body: body, status: 401, unchanged: "registrars"},
			{name: "Created", method: "POST", path: "/1.1/registrars", token: adminTok, body: body, status: 201,
				events: map[string]int{"registrar_created": 1}},
			{name: "ErrMissing", method: "POST", path: "/1.1/registrars", token: adminTok, body: map[string]any{}, status: 400,
				want: []string{"Input Error - main_host: ['Missing data for required field.']",
					"Input Error - proxy_main_host: ['Missing data for required field.']"}, unchanged: "registrars"},
			{name: "ErrPort", method: "POST", path: "/1.1/registrars", token: adminTok,
				body: map[string]any{"main_host": "h", "proxy_main_host": "p", "main_port": "wrong"}, status: 400,
				want: []string{"Input Error - main_port: ['Not a valid integer.']"}, unchanged: "registrars"},
			{name: "ErrIDTaken", method: "POST", path: "/1.1/registrars", token: adminTok,
				body: map[string]any{"id": "default", "main_host": "h", "proxy_main_host": "p"}, status: 400,
				want: []string{"Resource Error - Registrar already exists ('id': 'default')"}, unchanged: "registrars"},
			{name: "ErrNoBody", method: "POST", path: "/1.1/registrars", token: adminTok, body: "", status: 400, contains: "could not understand"},
			{name: "ErrGet", method: "GET", path: "/1.1/registrars/999999", token: adminTok, status: 404, want: notFound},
			{name: "ErrPut", method: "PUT", path: "/1.1/registrars/999999", token: adminTok, body: map[string]any{}, status: 404, want: notFound},
			{name: "ErrPutNull", method: "PUT", path: "/1.1/registrars/default", token: adminTok, body: map[string]any{"main_host": nil},
				status: 400, want: []string{"Input Error - main_host: ['Field may not be null.']"}},
			{name: "Edited", method: "PUT", path: "/1.1/registrars/default", token: adminTok, body: map[string]any{}, status: 204,
				events: map[string]int{"registrar_edited": 1}},
			{name: "ErrDeleteDefault", method: "DELETE", path: "/1.1/registrars/default", token: adminTok, status: 400,
				want: []string{"Resource Error - Operation not permitted. Registrar 'default' is not deletable"}, unchanged: "registrars"},
			{name: "ErrDeleteUsed", method: "DELETE", path: "/1.1/registrars/used.by.line", token: adminTok, status: 400,
				want: []string{"Resource Error - Registrar is associated with a Line ('registrar_id': 'used.by.line', 'line_id': " +
					itoa(int(line["id"].(float64))) + ")"}, unchanged: "registrars"},
			{name: "ErrDeleteSub", method: "DELETE", path: "/1.1/registrars/used.by.line", token: subTok, status: 401, unchanged: "registrars"},
			{name: "ErrOrder", method: "GET", path: "/1.1/registrars?order=invalid_column", token: adminTok, status: 400,
				want: []string{"Input Error - order: column 'invalid_column' was not found"}},
			{name: "ErrLimit", method: "GET", path: "/1.1/registrars?limit=-42", token: adminTok, status: 400, contains: "limit"},
		}
	})
}

func TestRegistrars_Lines(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		a.mustStatus(201, "POST", "/1.1/registrars", adminTok, "", map[string]any{"id": "r1", "main_host": "h", "proxy_main_host": "p"})
		l := a.mustStatus(201, "POST", "/1.1/lines", mainTok, "", map[string]any{"context": "default", "registrar": "r1"}).obj()
		require.Equal(t, "r1", l["registrar"])
		path := itemPath("lines", int(l["id"].(float64)))
		r := a.mustStatus(400, "PUT", path, mainTok, "", map[string]any{"registrar": "invalidregistrar"})
		assert.Equal(t, []string{"Input Error - field 'registrar': Registrar was not found ('registrar': 'invalidregistrar')"}, r.list())
		a.mustStatus(204, "PUT", path, mainTok, "", map[string]any{"registrar": "default"})
		a.mustStatus(204, "DELETE", "/1.1/registrars/r1", adminTok, "", nil)
	})
}

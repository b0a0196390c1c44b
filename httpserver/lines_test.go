package httpserver_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLines_CRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/lines", mainTok, "", map[string]any{"context": "default", "position": nil})
		l := r.obj()
		assert.Equal(t, float64(1), l["position"])
		assert.Equal(t, l["provisioning_code"], l["provisioning_extension"])
		assert.Equal(t, []any{}, l["extensions"])
		assert.Nil(t, l["endpoint_sip"])
		path := itemPath("lines", int(l["id"].(float64)))

		a.mustStatus(404, "GET", path, subTok, "", nil)
		a.mustStatus(204, "PUT", path, mainTok, "", map[string]any{"position": 3})
		assert.Equal(t, float64(3), a.mustStatus(200, "GET", path, mainTok, "", nil).obj()["device_slot"])
		a.mustStatus(204, "PUT", path, mainTok, "", map[string]any{"caller_id_name": nil, "caller_id_num": nil})
		a.mustStatus(204, "DELETE", path, mainTok, "", nil)
		a.mustStatus(404, "GET", path, mainTok, "", nil)
	})
}

func TestLines_ErrInput(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		post := func(name string, body map[string]any, want string) scenario {
			return scenario{name: name, method: "POST", path: "/1.1/lines", token: mainTok, body: body,
				status: 400, contains: want, unchanged: "lines"}
		}
		return []scenario{
			post("ErrContextMissing", map[string]any{}, "context"),
			post("ErrContextUnknown", map[string]any{"context": "undefined"}, "Context was not found"),
			post("ErrProvisioningCodeShort", map[string]any{"context": "default", "provisioning_code": "123"}, "provisioning_code"),
			post("ErrProvisioningCodeLetters", map[string]any{"context": "default", "provisioning_code": "number"}, "provisioning_code"),
			post("ErrPositionZero", map[string]any{"context": "default", "position": 0}, "position"),
			post("ErrCallerIDNum", map[string]any{"context": "default", "caller_id_num": "123ABC"}, "caller_id_num"),
			post("ErrCallerIDWithoutEndpoint", map[string]any{"context": "default", "caller_id_name": "Jo", "caller_id_num": "1000"}, "caller_id"),
			post("ErrRegistrarTooLong", map[string]any{"context": "default", "registrar": strings.Repeat("n", 129)}, "registrar"),
			{name: "ErrSubTokenInMainContext", method: "POST", path: "/1.1/lines", token: subTok, body: map[string]any{"context": "default"},
				status: 400, contains: "Context was not found", unchanged: "lines"},
		}
	})
}

// POST /lines answers with the line as a read shows it, but for its new
// endpoint, shown whole.
func TestLines_CreateAnswersAsARead(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		a.mustCreateExtension(mainTok, "1410", "default")
		for name, body := range map[string]map[string]any{
			"Bare": {"context": "default"},
			"SIPWithExtension": {"context": "default", "caller_id_name": "Desk", "caller_id_num": "1400",
				"endpoint_sip": map[string]any{}, "extensions": []any{map[string]any{"exten": "1400"}}},
			"SCCP":            {"context": "default", "endpoint_sccp": map[string]any{}, "extensions": []any{map[string]any{"exten": "1401"}}},
			"Custom":          {"context": "default", "endpoint_custom": map[string]any{"interface": "custom/answer-line"}},
			"ReusedExtension": {"context": "default", "endpoint_sip": map[string]any{}, "extensions": []any{map[string]any{"exten": "1410"}}},
		} {
			created := a.mustStatus(201, "POST", "/1.1/lines", mainTok, "", body).obj()
			read := a.mustStatus(200, "GET", itemPath("lines", int(created["id"].(float64))), mainTok, "", nil).obj()
			for _, k := range []string{"endpoint_sip", "endpoint_sccp", "endpoint_custom"} {
				if read[k] != nil {
					assert.Equal(t, read[k].(map[string]any)["links"], created[k].(map[string]any)["links"], name)
				}
				delete(created, k)
				delete(read, k)
			}
			assert.Equal(t, read, created, name)
		}
	})
}

package httpserver_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

var fellowSeq int

// fellowship is a line with what a device needs: an endpoint, an
// extension and a user.
type fellowship struct {
	line, exten, sccp int
	user, sip         string
}

// mustFellowship creates with token a line of context at position pos
// with an endpoint of kind (sip, sccp), an extension and a user.
func (a *api) mustFellowship(token, context, kind string, pos int) fellowship {
	a.t.Helper()
	fellowSeq++
	f := fellowship{}
	f.user = a.mustStatus(201, "POST", "/1.1/users", token, "", map[string]any{"firstname": "F"}).obj()["uuid"].(string)
	f.line = int(a.mustStatus(201, "POST", "/1.1/lines", token, "", map[string]any{"context": context, "position": pos}).obj()["id"].(float64))
	lp := itemPath("lines", f.line)
	if kind == "sip" {
		f.sip = a.mustCreateSIP("endpoints/sip", token, "", map[string]any{})["uuid"].(string)
		a.mustStatus(204, "PUT", lp+"/endpoints/sip/"+f.sip, token, "", nil)
	} else {
		f.sccp = a.mustCreateEndpoint("sccp", token, nil)
		a.mustStatus(204, "PUT", lp+"/endpoints/sccp/"+itoa(f.sccp), token, "", nil)
	}
	body := map[string]any{"exten": itoa(1000 + fellowSeq%1000), "context": context}
	f.exten = int(a.mustStatus(201, "POST", "/1.1/extensions", token, "", body).obj()["id"].(float64))
	a.mustStatus(204, "PUT", lp+"/extensions/"+itoa(f.exten), token, "", nil)
	a.mustStatus(204, "PUT", "/1.1/users/"+f.user+"/lines/"+itoa(f.line), token, "", nil)
	a.settle()
	return f
}

func ldPath(line int, device string) string {
	return fmt.Sprintf("/1.1/lines/%d/devices/%s", line, device)
}

func TestLineDevices_Routes(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		f := a.mustFellowship(mainTok, "default", "sip", 1)
		d := a.mustCreateDevice(mainTok, "", nil)
		a.run(scenario{name: "Associate", method: "PUT", path: ldPath(f.line, d), token: mainTok, status: 204,
			events: map[string]int{"line_device_associated": 1}})
		a.run(scenario{name: "Again", method: "PUT", path: ldPath(f.line, d), token: mainTok, status: 204})

		base := a.srv.URL + "/1.1"
		want := map[string]any{"line_id": float64(f.line), "device_id": d, "links": []any{
			map[string]any{"rel": "lines", "href": base + "/lines/" + itoa(f.line)},
			map[string]any{"rel": "devices", "href": base + "/devices/" + d}}}
		r := a.mustStatus(200, "GET", fmt.Sprintf("/1.1/lines/%d/devices", f.line), readTok, "", nil)
		assert.Equal(t, want, r.obj())
		r = a.mustStatus(200, "GET", "/1.1/devices/"+d+"/lines", readTok, "", nil)
		assert.Equal(t, map[string]any{"total": float64(1), "items": []any{want}}, r.obj())
		assert.Equal(t, d, a.mustStatus(200, "GET", itemPath("lines", f.line), mainTok, "", nil).obj()["device_id"])

		a.run(scenario{name: "Dissociate", method: "DELETE", path: ldPath(f.line, d), token: mainTok, status: 204,
			events: map[string]int{"line_device_dissociated": 1}})
		a.run(scenario{name: "DissociateAgain", method: "DELETE", path: ldPath(f.line, d), token: mainTok, status: 204})
		a.run(scenario{name: "NoDevice", method: "GET", path: fmt.Sprintf("/1.1/lines/%d/devices", f.line), token: mainTok, status: 404,
			want: []string{fmt.Sprintf("Resource Not Found - LineDevice was not found ('line_id': %d)", f.line)}})
		r = a.mustStatus(200, "GET", "/1.1/devices/"+d+"/lines", mainTok, "", nil)
		assert.Equal(t, map[string]any{"total": float64(0), "items": []any{}}, r.obj())
	})
}

func TestLineDevices_Errors(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		f := a.mustFellowship(mainTok, "default", "sip", 1)
		samePos := a.mustFellowship(mainTok, "default", "sip", 1)
		sccp := a.mustFellowship(mainTok, "default", "sccp", 2)
		_, subCtx := a.mustCreateContext(subTok, "", ranges("1000", "1999"))
		sub := a.mustFellowship(subTok, subCtx, "sip", 1)
		d := a.mustCreateDevice(mainTok, "", nil)
		free := a.mustCreateDevice(mainTok, "", nil)
		subDev := a.mustCreateDevice(subTok, "", nil)
		bare := int(a.mustStatus(201, "POST", "/1.1/lines", mainTok, "", map[string]any{"context": "default"}).obj()["id"].(float64))
		a.mustStatus(204, "PUT", ldPath(f.line, d), mainTok, "", nil)
		a.settle()
		lineNotFound := []string{"Resource Not Found - Line was not found ('id': 999999999)"}
		devNotFound := []string{"Resource Not Found - Device was not found ('id': '999999999')"}
		onDevice := fmt.Sprintf("Resource Error - Line is associated with a Device ('line_id': %d, 'device_id': '%s')", f.line, d)
		return []scenario{
			{name: "PUT/ErrLine", method: "PUT", path: ldPath(999999999, d), token: mainTok, status: 404, want: lineNotFound},
			{name: "PUT/ErrDevice", method: "PUT", path: ldPath(f.line, "999999999"), token: mainTok, status: 404, want: devNotFound},
			{name: "DELETE/ErrLine", method: "DELETE", path: ldPath(999999999, d), token: mainTok, status: 404, want: lineNotFound},
			{name: "DELETE/ErrDevice", method: "DELETE", path: ldPath(f.line, "999999999"), token: mainTok, status: 404, want: devNotFound},
			{name: "GET/ErrLine", method: "GET", path: "/1.1/lines/999999999/devices", token: mainTok, status: 404, want: lineNotFound},
			{name: "GET/ErrDevice", method: "GET", path: "/1.1/devices/999999999/lines", token: mainTok, status: 404, want: devNotFound},
			{name: "ErrLineNotInteger", method: "PUT", path: "/1.1/lines/abc/devices/" + d, token: mainTok, status: 404, contains: "requested URL was not found"},
			{name: "ErrACL", method: "PUT", path: ldPath(sub.line, subDev), token: readTok, status: 401},
			{name: "Tenancy/ErrMainLineFromSub", method: "PUT", path: ldPath(f.line, subDev), token: subTok, status: 404, contains: "Line was not found"},
			{name: "Tenancy/ErrMainDeviceFromSub", method: "PUT", path: ldPath(sub.line, free), token: subTok, status: 404, contains: "Device was not found"},
			{name: "Tenancy/ErrDifferentTenants", method: "PUT", path: ldPath(samePos.line, subDev), token: mainTok, status: 400,
				want: []string{fmt.Sprintf("Resource Error - different tenants ('line_tenant_uuid': '%s', 'device_tenant_uuid': '%s')", mainTenant, subTenant)}},
			{name: "Tenancy/ErrGetLineFromSub", method: "GET", path: fmt.Sprintf("/1.1/lines/%d/devices", f.line), token: subTok, status: 404, contains: "Line was not found"},
			{name: "Tenancy/ErrGetDeviceFromSub", method: "GET", path: "/1.1/devices/" + d + "/lines", token: subTok, status: 404, contains: "Device was not found"},
			{name: "ErrLineHasDevice", method: "PUT", path: ldPath(f.line, free), token: mainTok, status: 400, want: []string{onDevice}},
			{name: "ErrPosition", method: "PUT", path: ldPath(samePos.line, d), token: mainTok, status: 400,
				want: []string{"Cannot associate 2 lines with same position (position: 1)"}},
			{name: "ErrSCCPOnSIPDevice", method: "PUT", path: ldPath(sccp.line, d), token: mainTok, status: 400, contains: "'endpoint': 'sccp', 'endpoint_id': " + itoa(sccp.sccp)},
			{name: "ErrNoEndpoint", method: "PUT", path: ldPath(bare, free), token: mainTok, status: 400,
				want: []string{fmt.Sprintf("Resource Error - Line must be associated with a Endpoint ('line_id': %d)", bare)}},
			{name: "SCCPReload", method: "PUT", path: ldPath(sccp.line, free), token: mainTok, status: 204,
				events: map[string]int{"line_device_associated": 1}, reloads: []string{"module reload chan_sccp.so"}},
			{name: "Sub", method: "PUT", path: ldPath(sub.line, subDev), token: mainTok, tenant: subTenant, status: 204,
				events: map[string]int{"line_device_associated": 1}},
			{name: "Refused/DissociateExtension", method: "DELETE", path: fmt.Sprintf("/1.1/lines/%d/extensions/%d", f.line, f.exten), token: mainTok,
				status: 400, want: []string{onDevice}},
			{name: "Refused/DissociateUser", method: "DELETE", path: fmt.Sprintf("/1.1/users/%s/lines/%d", f.user, f.line), token: mainTok,
				status: 400, want: []string{onDevice}},
			{name: "Refused/SetUserLines", method: "PUT", path: "/1.1/users/" + f.user + "/lines", token: mainTok, body: map[string]any{"lines": []any{}},
				status: 400, want: []string{onDevice}},
			{name: "Refused/DissociateEndpoint", method: "DELETE", path: fmt.Sprintf("/1.1/lines/%d/endpoints/sip/%s", f.line, f.sip), token: mainTok,
				status: 400, contains: "Resource Error - Line is associated with a"},
			{name: "Refused/DeleteDevice", method: "DELETE", path: "/1.1/devices/" + d, token: mainTok, status: 400, unchanged: "devices",
				want: []string{fmt.Sprintf("Resource Error - Device is associated with a Line ('device_id': '%s', 'line_ids': (%d,))", d, f.line)}},
			{name: "ResetAutoprov", method: "GET", path: "/1.1/devices/" + d + "/autoprov", token: mainTok, status: 204,
				events: map[string]int{"line_device_dissociated": 1}},
			{name: "DeleteDevice", method: "DELETE", path: "/1.1/devices/" + d, token: mainTok, status: 204,
				events: map[string]int{"device_deleted": 1}},
			{name: "DissociateSCCP", method: "DELETE", path: ldPath(sccp.line, free), token: mainTok, status: 204,
				events: map[string]int{"line_device_dissociated": 1}, reloads: []string{"module reload chan_sccp.so"}},
		}
	})
}

package httpserver_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mustCreatePhoneNumber creates a number with token and returns its uuid.
func (a *api) mustCreatePhoneNumber(token, tenant, number string) string {
	a.t.Helper()
	r := a.mustStatus(201, "POST", "/1.1/phone-numbers", token, tenant, map[string]any{"number": number})
	return r.obj()["uuid"].(string)
}

func TestPhoneNumbers_CRUD(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/phone-numbers", mainTok, "", map[string]any{
			"number": "+18001235567", "caller_id_name": "Here", "shared": true,
			"main": true, "uuid": "99999999-9999-4999-9999-999999999999", "tenant_uuid": subTenant,
		})
		got := r.obj()
		uuid := got["uuid"].(string)
		href := a.srv.URL + "/1.1/phone-numbers/" + uuid
		assert.Equal(t, href, r.header.Get("Location"))
		assert.Equal(t, map[string]any{"uuid": uuid, "tenant_uuid": mainTenant, "number": "+18001235567",
			"caller_id_name": "Here", "main": false, "shared": true,
			"links": []any{map[string]any{"rel": "phone_numbers", "href": href}}}, got)
		assert.Equal(t, got, a.mustStatus(200, "GET", "/1.1/phone-numbers/"+uuid, mainTok, "", nil).obj())
		evs, cmds := a.delivered()
		assert.Equal(t, map[string]int{"phone_number_created": 1}, evs)
		assert.Empty(t, cmds)

		a.mustStatus(204, "PUT", "/1.1/phone-numbers/"+uuid, mainTok, "", map[string]any{"caller_id_name": nil, "main": true})
		after := a.mustStatus(200, "GET", "/1.1/phone-numbers/"+uuid, mainTok, "", nil).obj()
		assert.Nil(t, after["caller_id_name"])
		assert.Equal(t, false, after["main"], "main cannot be set by PUT")
		assert.Equal(t, "+18001235567", after["number"])
		evs, _ = a.delivered()
		assert.Equal(t, map[string]int{"phone_number_edited": 1}, evs)

		a.mustStatus(204, "DELETE", "/1.1/phone-numbers/"+uuid, mainTok, "", nil)
		want := []string{"Resource Not Found - PhoneNumber was not found ('uuid': '" + uuid + "')"}
		for _, method := range []string{"GET", "PUT", "DELETE"} {
			r := a.do(method, "/1.1/phone-numbers/"+uuid, mainTok, "", map[string]any{})
			assert.Equal(t, 404, r.status, method)
			assert.Equal(t, want, r.list(), method)
		}
		evs, _ = a.delivered()
		assert.Equal(t, map[string]int{"phone_number_deleted": 1}, evs)
		assert.Equal(t, 404, a.do("GET", "/1.1/phone-numbers/not-a-uuid", mainTok, "", nil).status)
		for _, path := range []string{"DELETE /1.1/phone-numbers/main", "POST /1.1/phone-numbers/main",
			"GET /1.1/phone-numbers/ranges", "PUT /1.1/phone-numbers/ranges", "DELETE /1.1/phone-numbers/ranges"} {
			method, path, _ := strings.Cut(path, " ")
			assert.Equal(t, 405, a.do(method, path, mainTok, "", nil).status, method+" "+path)
		}
	})
}

func TestPhoneNumbers_Tenants(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		mine := a.mustCreatePhoneNumber(mainTok, "", "1000")
		theirs := a.mustCreatePhoneNumber(mainTok, subTenant, "1000")
		a.mustStatus(200, "GET", "/1.1/phone-numbers/"+theirs, mainTok, "", nil)
		a.mustStatus(204, "PUT", "/1.1/phone-numbers/"+theirs, mainTok, "", map[string]any{"shared": true})
		for _, method := range []string{"GET", "PUT", "DELETE"} {
			r := a.do(method, "/1.1/phone-numbers/"+mine, subTok, "", map[string]any{})
			assert.Equal(t, []string{"Resource Not Found - PhoneNumber was not found ('uuid': '" + mine + "')"}, r.list(), method)
		}
		numbers := func(path, token string) []any {
			var out []any
			for _, it := range a.mustStatus(200, "GET", path, token, "", nil).obj()["items"].([]any) {
				out = append(out, it.(map[string]any)["uuid"])
			}
			return out
		}
		assert.Equal(t, []any{mine}, numbers("/1.1/phone-numbers", mainTok))
		assert.Equal(t, []any{theirs}, numbers("/1.1/phone-numbers", subTok))
		assert.ElementsMatch(t, []any{mine, theirs}, numbers("/1.1/phone-numbers?recurse=true", mainTok))
		assert.Equal(t, []any{mine}, numbers("/1.1/phone-numbers?number=1000&main=false&shared=false", mainTok))
	})
}

func TestPhoneNumbers_ErrInput(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		uuid := a.mustCreatePhoneNumber(mainTok, "", "+18005551234")
		a.mustCreatePhoneNumber(mainTok, "", "+18005551235")
		digitsOnly := "['not a valid digit-only phone number']"
		post := func(name string, body any, want ...string) scenario {
			return scenario{name: name, method: "POST", path: "/1.1/phone-numbers", token: mainTok, body: body,
				status: 400, want: want, unchanged: "phone-numbers"}
		}
		put := func(name string, body any, want ...string) scenario {
			sc := post(name, body, want...)
			sc.method, sc.path = "PUT", "/1.1/phone-numbers/"+uuid
			return sc
		}
		number := func(v any) map[string]any { return map[string]any{"number": v} }
		return []scenario{
			post("ErrLetters", number("+1800FLOWERS"), "Input Error - number: "+digitsOnly),
			post("ErrPlusAlone", number("+"), "Input Error - number: "+digitsOnly),
			post("ErrTwoPlus", number("++18005551234"), "Input Error - number: "+digitsOnly),
			post("ErrHyphens", number("800-555-1234"), "Input Error - number: "+digitsOnly),
			post("ErrEmpty", number(""), "Input Error - number: ['Length must be between 1 and 128.', 'not a valid digit-only phone number']"),
			post("ErrTooLong", number(strings.Repeat("1", 129)), "Input Error - number: ['Length must be between 1 and 128.']"),
			post("ErrNotString", number(123), "Input Error - number: ['Not a valid string.']"),
			post("ErrNull", number(nil), "Input Error - number: ['Field may not be null.']"),
			post("ErrMissing", map[string]any{"shared": true}, "Input Error - number: ['Missing data for required field.']"),
			post("ErrCallerIDName", map[string]any{"number": "1", "caller_id_name": strings.Repeat("x", 257)},
				"Input Error - caller_id_name: ['Length must be between 1 and 256.']"),
			post("ErrShared", map[string]any{"number": "1", "shared": "42"}, "Input Error - shared: ['Not a valid boolean.']"),
			post("ErrSharedNull", map[string]any{"number": "1", "shared": nil}, "Input Error - shared: ['Field may not be null.']"),
			post("ErrDuplicate", number("+18005551234"),
				"Resource Error - PhoneNumber already exists ('number': '+18005551234', 'tenant_uuid': '"+mainTenant+"')"),
			post("ErrEmptyBody", "", badRequest),
			put("ErrPutLetters", number("abc"), "Input Error - number: "+digitsOnly),
			put("ErrPutDuplicate", number("+18005551235"),
				"Resource Error - PhoneNumber already exists ('number': '+18005551235', 'tenant_uuid': '"+mainTenant+"')"),
			put("ErrPutShared", map[string]any{"shared": 1}, "Input Error - shared: ['Not a valid boolean.']"),
		}
	})
}

func TestPhoneNumbers_Main(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		one := a.mustCreatePhoneNumber(mainTok, "", "1000")
		two := a.mustCreatePhoneNumber(mainTok, "", "1001")
		a.settle()
		r := a.do("GET", "/1.1/phone-numbers/main", mainTok, "", nil)
		assert.Equal(t, 404, r.status)
		assert.Equal(t, []string{"Resource Not Found - PhoneNumber was not found ('main': True)"}, r.list())

		r = a.mustStatus(204, "PUT", "/1.1/phone-numbers/main", mainTok, "", map[string]any{"phone_number_uuid": strings.ToUpper(one)})
		assert.Equal(t, a.srv.URL+"/1.1/phone-numbers/"+one, r.header.Get("Location"))
		evs, _ := a.delivered()
		assert.Equal(t, map[string]int{"phone_number_edited": 1, "phone_number_main_updated": 1}, evs)
		main := a.mustStatus(200, "GET", "/1.1/phone-numbers/main", mainTok, "", nil).obj()
		assert.Equal(t, one, main["uuid"])
		assert.Equal(t, true, main["main"])
		assert.Equal(t, true, main["shared"])

		a.mustStatus(204, "PUT", "/1.1/phone-numbers/main", mainTok, "", map[string]any{"phone_number_uuid": two})
		evs, _ = a.delivered()
		assert.Equal(t, map[string]int{"phone_number_edited": 2, "phone_number_main_updated": 1}, evs)
		assert.Equal(t, two, a.mustStatus(200, "GET", "/1.1/phone-numbers/main", mainTok, "", nil).obj()["uuid"])
		assert.Equal(t, false, a.mustStatus(200, "GET", "/1.1/phone-numbers/"+one, mainTok, "", nil).obj()["main"])
		assert.Equal(t, 404, a.do("GET", "/1.1/phone-numbers/main", subTok, "", nil).status, "SUB has no main number")

		r = a.do("PUT", "/1.1/phone-numbers/"+two, mainTok, "", map[string]any{"shared": false})
		assert.Equal(t, []string{"Resource Error - Operation not permitted. The main phone number must be shared"}, r.list())
		a.mustStatus(204, "DELETE", "/1.1/phone-numbers/"+two, mainTok, "", nil)
		assert.Equal(t, 404, a.do("GET", "/1.1/phone-numbers/main", mainTok, "", nil).status, "deleting the main number leaves none")
	})
}

func TestPhoneNumbers_Main_ErrInput(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		theirs := a.mustCreatePhoneNumber(mainTok, subTenant, "1002")
		unknown := "99999999-9999-4999-9999-999999999999"
		put := func(name string, status int, body any, want ...string) scenario {
			return scenario{name: name, method: "PUT", path: "/1.1/phone-numbers/main", token: mainTok, body: body,
				status: status, want: want}
		}
		notFound := func(uuid string) string {
			return "Resource Not Found - PhoneNumber was not found ('uuid': '" + uuid + "')"
		}
		return []scenario{
			put("ErrMissing", 400, map[string]any{}, "Input Error - phone_number_uuid: ['Missing data for required field.']"),
			put("ErrNotUUID", 400, map[string]any{"phone_number_uuid": "1000"}, "Input Error - phone_number_uuid: ['Not a valid UUID.']"),
			put("ErrUnknown", 404, map[string]any{"phone_number_uuid": unknown}, notFound(unknown)),
			put("ErrSubTenantNumber", 404, map[string]any{"phone_number_uuid": theirs}, notFound(theirs)),
			{name: "ErrOtherTenantNumber", method: "PUT", path: "/1.1/phone-numbers/main", token: subTok,
				body: map[string]any{"phone_number_uuid": a.mustCreatePhoneNumber(mainTok, "", "1")}, status: 404},
			{name: "ErrReadOnlyToken", method: "PUT", path: "/1.1/phone-numbers/main", token: readTok,
				body: map[string]any{"phone_number_uuid": theirs}, status: 401},
		}
	})
}

func TestPhoneNumbers_Ranges(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		a.mustStatus(201, "POST", "/1.1/phone-numbers/ranges", mainTok, subTenant,
			map[string]any{"start_number": "+18001230000", "end_number": "+18001230099"})
		a.settle()
		r := a.mustStatus(201, "POST", "/1.1/phone-numbers/ranges", mainTok, "",
			map[string]any{"start_number": "+18001230050", "end_number": "+18001230149"})
		body := r.obj()
		assert.Equal(t, float64(100), body["total"])
		assert.Len(t, body["created"], 100, "SUB's numbers do not count")
		require.Len(t, body["links"], 100)
		first := body["created"].([]any)[0].(map[string]any)
		assert.Len(t, first, 1, "created items show the uuid only")
		link := body["links"].([]any)[0].(map[string]any)
		assert.Equal(t, map[string]any{"rel": "phone_numbers", "href": a.srv.URL + "/1.1/phone-numbers/" + first["uuid"].(string)}, link)
		evs, _ := a.delivered()
		assert.Equal(t, map[string]int{"phone_number_created": 100}, evs)

		r = a.mustStatus(201, "POST", "/1.1/phone-numbers/ranges", mainTok, "",
			map[string]any{"start_number": "+18001230100", "end_number": "+18001230199"})
		assert.Len(t, r.obj()["created"], 50)
		assert.Len(t, r.obj()["links"], 100)
		assert.Equal(t, 250, a.total("phone-numbers"))
	})
}

func TestPhoneNumbers_Ranges_ErrInput(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		post := func(name, start, end string, want ...string) scenario {
			return scenario{name: name, method: "POST", path: "/1.1/phone-numbers/ranges", token: mainTok,
				body: map[string]any{"start_number": start, "end_number": end}, status: 400, want: want, unchanged: "phone-numbers"}
		}
		schema := func(msg string) string { return "Input Error - _schema: ['" + msg + "']" }
		return []scenario{
			post("ErrReversed", "+18001230000", "+18001225000", schema("start phone number must precede end phone number")),
			post("ErrTooLarge", "+18001230000", "+18001249999", schema("range size must be between 1 and 10000")),
			post("ErrMixedForm", "+1000", "10000", schema("start and end phone numbers must both have a leading + or both have none")),
			post("ErrLength", "999", "1000", schema("start and end phone numbers must have the same length")),
			post("ErrLetters", "1000", "10x0", "Input Error - end_number: ['not a valid digit-only phone number']"),
			{name: "ErrMissing", method: "POST", path: "/1.1/phone-numbers/ranges", token: mainTok, body: map[string]any{},
				status: 400, unchanged: "phone-numbers", want: []string{
					"Input Error - end_number: ['Missing data for required field.']",
					"Input Error - start_number: ['Missing data for required field.']"}},
			{name: "ErrReadOnlyToken", method: "POST", path: "/1.1/phone-numbers/ranges", token: readTok,
				body: map[string]any{"start_number": "1", "end_number": "2"}, status: 401, unchanged: "phone-numbers"},
		}
	})
}

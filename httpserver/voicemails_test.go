package httpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/reload"
)

func (a *api) mustCreateVoicemail(token, tenant string, body map[string]any) int {
	a.t.Helper()
	r := a.mustStatus(201, "POST", "/1.1/voicemails", token, tenant, body)
	return int(r.obj()["id"].(float64))
}

// vmJSONKeys returns the keys of a JSON object in the order they appear.
func vmJSONKeys(t *testing.T, raw string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(raw))
	_, err := dec.Token()
	require.NoError(t, err)
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		require.NoError(t, err)
		keys = append(keys, k.(string))
		var skip json.RawMessage
		require.NoError(t, dec.Decode(&skip))
	}
	return keys
}

func TestVoicemails_Create(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		r := a.mustStatus(201, "POST", "/1.1/voicemails", mainTok, "", map[string]any{"name": "minimal", "number": "1000", "context": "default"})
		id := int(r.obj()["id"].(float64))
		href := fmt.Sprintf("%s/1.1/voicemails/%d", a.srv.URL, id)
		assert.Equal(t, href, r.header.Get("Location"))
		assert.Equal(t, map[string]any{
			"id": float64(id), "tenant_uuid": mainTenant, "name": "minimal", "number": "1000", "context": "default",
			"password": nil, "email": nil, "language": nil, "timezone": nil, "pager": nil, "max_messages": nil,
			"attach_audio": nil, "delete_messages": false, "ask_password": true, "enabled": true, "options": []any{},
			"links": []any{map[string]any{"rel": "voicemails", "href": href}}, "accesstype": "personal", "users": []any{},
		}, r.obj())
		assert.Equal(t, []string{"id", "tenant_uuid", "name", "number", "context", "password", "email", "language",
			"timezone", "pager", "max_messages", "attach_audio", "delete_messages", "ask_password", "enabled",
			"options", "links", "accesstype", "users"}, vmJSONKeys(t, r.raw), "wazo's field order")
		evs, cmds := a.delivered()
		assert.Equal(t, map[string]int{"voicemail_created": 1}, evs)
		assert.Equal(t, []string{"voicemail reload"}, cmds)
		again := a.mustStatus(200, "GET", itemPath("voicemails", id), mainTok, "", nil)
		assert.Equal(t, r.obj(), again.obj())
	})
}

func TestVoicemails_Create_AllFields(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		body := map[string]any{"name": "full", "number": "1001", "context": "default", "email": "test@example.com",
			"pager": "test@example.com", "language": "en_US", "password": "1234", "max_messages": 10,
			"attach_audio": true, "ask_password": false, "delete_messages": true, "enabled": false, "accesstype": "global",
			"options": []any{[]any{"saycid", "yes"}, []any{"emailbody", "this\nis\ra\temail|body"}}}
		id := a.mustCreateVoicemail(mainTok, "", body)
		got := a.mustStatus(200, "GET", itemPath("voicemails", id), mainTok, "", nil).obj()
		want, _ := json.Marshal(body)
		var wantObj map[string]any
		require.NoError(t, json.Unmarshal(want, &wantObj))
		for k, v := range wantObj {
			assert.Equal(t, v, got[k], k)
		}
	})
}

func TestVoicemails_Create_ErrInput(t *testing.T) {
	post := func(name string, field string, value any, want ...string) scenario {
		body := map[string]any{"name": "x", "number": "1000", "context": "default"}
		if value == nil {
			delete(body, field)
		} else {
			body[field] = value
		}
		return scenario{name: name, method: "POST", path: "/1.1/voicemails", token: mainTok, body: body,
			status: 400, want: want, unchanged: "voicemails"}
	}
	null := json.RawMessage("null")
	runAll(t, func(a *api) []scenario {
		return []scenario{
			post("ErrNameRequired", "name", nil, "Input Error - name: ['Missing data for required field.']"),
			post("ErrNameNull", "name", null, "Input Error - name: ['Field may not be null.']"),
			post("ErrNameTooLong", "name", strings.Repeat("x", 81), "Input Error - name: ['Longer than maximum length 80.']"),
			post("ErrNumberRequired", "number", nil, "Input Error - number: ['Missing data for required field.']"),
			post("ErrNumberType", "number", 123, "Input Error - number: ['Not a valid string.']"),
			post("ErrNumberStar", "number", "*1234", "Input Error - number: ['String does not match expected pattern.']"),
			post("ErrNumberEmpty", "number", "", "Input Error - number: ['String does not match expected pattern.']"),
			post("ErrNumberTooLong", "number", strings.Repeat("1", 41), "Input Error - number: ['String does not match expected pattern.']"),
			post("ErrContextRequired", "context", nil, "Input Error - context: ['Missing data for required field.']"),
			post("ErrContextType", "context", true, "Input Error - context: ['Not a valid string.']"),
			post("ErrContextNotFound", "context", "wrongcontext", "Input Error - field 'context': Context was not found ('context': 'wrongcontext')"),
			post("ErrPassword", "password", "#1234", "Input Error - password: ['String does not match expected pattern.']"),
			post("ErrPasswordTooLong", "password", strings.Repeat("1", 81), "Input Error - password: ['String does not match expected pattern.']"),
			post("ErrEmailTooLong", "email", strings.Repeat("x", 81), "Input Error - email: ['Longer than maximum length 80.']"),
			post("ErrLanguage", "language", "not-allowed-regex", "Input Error - language: ['String does not match expected pattern.']"),
			post("ErrTimezoneType", "timezone", 123, "Input Error - timezone: ['Not a valid string.']"),
			post("ErrTimezoneNotFound", "timezone", "faketimezone", "Input Error - field 'timezone': Timezone was not found ('timezone': 'faketimezone')"),
			post("ErrMaxMessages", "max_messages", -1, "Input Error - max_messages: ['Must be greater than or equal to 0.']"),
			post("ErrMaxMessagesType", "max_messages", "string", "Input Error - max_messages: ['Not a valid integer.']"),
			post("ErrAttachAudio", "attach_audio", "false", "Input Error - attach_audio: ['Not a valid boolean.']"),
			post("ErrDeleteMessagesNull", "delete_messages", null, "Input Error - delete_messages: ['Field may not be null.']"),
			post("ErrAskPassword", "ask_password", "false", "Input Error - ask_password: ['Not a valid boolean.']"),
			post("ErrEnabled", "enabled", []any{}, "Input Error - enabled: ['Not a valid boolean.']"),
			post("ErrAccessType", "accesstype", "public", "Input Error - accesstype: ['Must be one of: personal, global.']"),
			post("ErrOptionsString", "options", "string", "Input Error - options: ['Not a valid list.']"),
			post("ErrOptionsNull", "options", null, "Input Error - options: ['Field may not be null.']"),
			post("ErrOptionsObject", "options", map[string]any{}, "Input Error - options: ['Not a valid list.']"),
			post("ErrOptionsFlat", "options", []any{"a", "b"}, "Input Error - options: {0: ['Not a valid list.'], 1: ['Not a valid list.']}"),
			post("ErrOptionsShort", "options", []any{[]any{"a"}}, "Input Error - options: {0: ['Length must be 2.']}"),
			post("ErrOptionsLong", "options", []any{[]any{"a", "b"}, []any{"a", "b", "c"}}, "Input Error - options: {1: ['Length must be 2.']}"),
			post("ErrOptionsNullItems", "options", []any{[]any{nil, nil}},
				"Input Error - options: {0: {0: ['Field may not be null.'], 1: ['Field may not be null.']}}"),
			post("ErrDeleteWithoutEmail", "delete_messages", true, "Input Error - _schema: ['email must be provided if delete_messages is set']"),
		}
	})
}

func TestVoicemails_Create_ErrRules(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "a", "number": "1000", "context": "default"})
		a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "g", "number": "1999", "context": "default", "accesstype": "global"})
		post := func(name, token string, body map[string]any, want ...string) scenario {
			return scenario{name: name, method: "POST", path: "/1.1/voicemails", token: token, body: body,
				status: 400, want: want, unchanged: "voicemails"}
		}
		return []scenario{
			post("ErrDuplicate", mainTok, map[string]any{"name": "b", "number": "1000", "context": "default"},
				"Resource Error - Voicemail already exists ('number': '1000', 'context': 'default')"),
			post("ErrSecondGlobal", mainTok, map[string]any{"name": "b", "number": "1001", "context": "default", "accesstype": "global"},
				"Resource Error - Operation not permitted. There can be only one global voicemail per context."),
			post("ErrContextOfParent", subTok, map[string]any{"name": "b", "number": "1001", "context": "default"},
				"Input Error - field 'context': Context was not found ('context': 'default')"),
		}
	})
}

func TestVoicemails_Update(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id := a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "v", "number": "1000", "context": "default",
			"password": "1234", "email": "a@example.com", "pager": "p@example.com", "language": "en_US",
			"max_messages": 10, "attach_audio": true})
		_, other := a.mustCreateContext(mainTok, "", map[string]any{"label": "other"})
		a.settle()

		a.run(scenario{method: "PUT", path: itemPath("voicemails", id), token: mainTok, body: map[string]any{"name": "renamed"},
			status: 204, events: map[string]int{"voicemail_edited": 1},
			reloads: []string{"voicemail reload", "module reload res_pjsip.so", "module reload chan_sccp.so"}})
		got := a.mustStatus(200, "GET", itemPath("voicemails", id), mainTok, "", nil).obj()
		assert.Equal(t, "renamed", got["name"])
		assert.Equal(t, "1234", got["password"], "kept")

		nulls := map[string]any{"password": nil, "email": nil, "pager": nil, "language": nil, "timezone": nil,
			"max_messages": nil, "attach_audio": nil}
		a.mustStatus(204, "PUT", itemPath("voicemails", id), mainTok, "", nulls)
		got = a.mustStatus(200, "GET", itemPath("voicemails", id), mainTok, "", nil).obj()
		for k, v := range nulls {
			assert.Equal(t, v, got[k], k)
		}

		a.settle()
		a.mustStatus(204, "PUT", itemPath("voicemails", id), mainTok, "", map[string]any{"number": "2000", "context": other})
		require.NoError(t, a.c.Flush(context.Background()))
		calls := a.reload.Merged().Calls
		assert.Equal(t, []reload.Call{{Method: "GET", Path: "/move_voicemail", Query: map[string]string{
			"old_mailbox": "1000", "old_context": "default", "new_mailbox": "2000", "new_context": other}}}, calls)
	})
}

func TestVoicemails_Update_Err(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		first := a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "a", "number": "1000", "context": "default"})
		a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "b", "number": "1001", "context": "default"})
		_, subCtx := a.mustCreateContext(subTok, "", map[string]any{"label": "sub"})
		inSub := a.mustCreateVoicemail(subTok, "", map[string]any{"name": "s", "number": "1000", "context": subCtx})
		put := func(name, token string, id int, body map[string]any, status int, want ...string) scenario {
			return scenario{name: name, method: "PUT", path: itemPath("voicemails", id), token: token, body: body,
				status: status, want: want}
		}
		return []scenario{
			put("ErrDuplicate", mainTok, first, map[string]any{"number": "1001"}, 400,
				"Resource Error - Voicemail already exists ('number': '1001', 'context': 'default')"),
			put("ErrDeleteWithoutAttach", mainTok, first, map[string]any{"delete_messages": true, "email": "a@b.c", "attach_audio": false}, 400,
				"Input Error - _schema: ['attach_audio must be set if delete_messages is set']"),
			put("ErrNotFound", mainTok, 999999, map[string]any{}, 404, "Resource Not Found - Voicemail was not found ('id': 999999)"),
			put("ErrOfParent", subTok, first, map[string]any{}, 404, fmt.Sprintf("Resource Not Found - Voicemail was not found ('id': %d)", first)),
			put("ErrContextOfParent", subTok, inSub, map[string]any{"context": "default"}, 400,
				"Input Error - field 'context': Context was not found ('context': 'default')"),
			put("ErrMoveToParent", mainTok, inSub, map[string]any{"context": "default", "number": "5"}, 400,
				"Resource Error - different tenants ('current_tenant_uuid': '"+subTenant+"', 'context_tenant_uuid': '"+mainTenant+"')"),
		}
	})
}

func TestVoicemails_Delete(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id := a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "a", "number": "1000", "context": "default"})
		a.run(scenario{method: "DELETE", path: itemPath("voicemails", id), token: subTok, status: 404,
			want: []string{fmt.Sprintf("Resource Not Found - Voicemail was not found ('id': %d)", id)}})
		a.run(scenario{method: "DELETE", path: itemPath("voicemails", id), token: mainTok, status: 204,
			events: map[string]int{"voicemail_deleted": 1}, reloads: []string{"voicemail reload"}})
		a.mustStatus(404, "GET", itemPath("voicemails", id), mainTok, "", nil)
	})
}

func TestVoicemails_Delete_Sysconfd(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		id := a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "a", "number": "1000", "context": "default"})
		a.settle()
		a.mustStatus(204, "DELETE", itemPath("voicemails", id), mainTok, "", nil)
		require.NoError(t, a.c.Flush(context.Background()))
		assert.Equal(t, []reload.Call{{Method: "GET", Path: "/delete_voicemail",
			Query: map[string]string{"mailbox": "1000", "context": "default"}}}, a.reload.Merged().Calls)
	})
}

func TestVoicemails_ContextInUse(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		cid, name := a.mustCreateContext(mainTok, "", map[string]any{"label": "vm"})
		id := a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "a", "number": "1000", "context": name})
		a.run(scenario{method: "DELETE", path: itemPath("contexts", cid), token: mainTok, status: 400,
			want: []string{fmt.Sprintf("Resource Error - Context is associated with a Voicemail ('context_id': %d, 'voicemail_id': %d)", cid, id)}})
		a.mustStatus(204, "DELETE", itemPath("voicemails", id), mainTok, "", nil)
		a.mustStatus(204, "DELETE", itemPath("contexts", cid), mainTok, "", nil)
	})
}

// voicemailNames returns the names of a list of voicemails.
func voicemailNames(r reply) []string {
	var out []string
	for _, it := range r.obj()["items"].([]any) {
		out = append(out, it.(map[string]any)["name"].(string))
	}
	return out
}

func TestVoicemails_List(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		_, subCtx := a.mustCreateContext(subTok, "", map[string]any{"label": "sub"})
		a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "SearchVoicemail", "number": "8002", "context": "default",
			"email": "searchemail@example.com", "pager": "searchpager@example.com"})
		a.mustCreateVoicemail(mainTok, "", map[string]any{"name": "Hidden", "number": "8001", "context": "default",
			"email": "hidden@example.com", "pager": "hiddenpager@example.com", "accesstype": "global"})
		a.mustCreateVoicemail(subTok, "", map[string]any{"name": "Sub", "number": "1000", "context": subCtx})
		cases := []struct {
			token, query string
			total        int
			names        []string
		}{
			{mainTok, "", 2, []string{"Hidden", "SearchVoicemail"}},
			{mainTok, "recurse=true", 3, []string{"Sub", "Hidden", "SearchVoicemail"}},
			{subTok, "", 1, []string{"Sub"}},
			{mainTok, "search=searchv", 1, []string{"SearchVoicemail"}},
			{mainTok, "search=SEARCHE", 1, []string{"SearchVoicemail"}},
			{mainTok, "search=hiddenp", 1, []string{"Hidden"}},
			{mainTok, "search=800", 2, []string{"Hidden", "SearchVoicemail"}},
			{mainTok, "pager=hiddenpager@example.com", 1, []string{"Hidden"}},
			{mainTok, "accesstype=personal", 1, []string{"SearchVoicemail"}},
			{mainTok, "order=name&direction=desc", 2, []string{"SearchVoicemail", "Hidden"}},
			{mainTok, "order=email&limit=1", 2, []string{"Hidden"}},
			{mainTok, "order=number&offset=1", 2, []string{"SearchVoicemail"}},
		}
		for _, c := range cases {
			r := a.mustStatus(200, "GET", "/1.1/voicemails?"+c.query, c.token, "", nil)
			assert.Equal(t, float64(c.total), r.obj()["total"], c.query)
			assert.Equal(t, c.names, voicemailNames(r), c.query)
		}
		r := a.do("GET", "/1.1/voicemails?order=id", mainTok, "", nil)
		assert.Equal(t, 400, r.status)
		assert.Equal(t, []string{"Input Error - order: column 'id' was not found"}, r.list())
	})
}

package httpserver

import (
	"fmt"
	"strconv"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// withFields copies the schema with extra fields in place of those of the
// same names.
func withFields(s *resources.Schema, extra ...resources.Field) *resources.Schema {
	c := *s
	c.Fields = nil
	for _, f := range s.Fields {
		replaced := false
		for _, e := range extra {
			replaced = replaced || e.Name == f.Name
		}
		if !replaced {
			c.Fields = append(c.Fields, f)
		}
	}
	c.Fields = append(c.Fields, extra...)
	return &c
}

// userLinePutSchema is a line in PUT /users/{id}?recursive=true: a new
// line, or one of the user's by id; endpoints and extensions name theirs.
var userLinePutSchema = withFields(userLineSchema,
	resources.Int("id"),
	resources.ListOf("extensions", resources.Obj("", withFields(resources.ExtensionSchema.WithOptional("context"),
		resources.Int("id")))),
	resources.Obj("endpoint_sip", withFields(resources.EndpointSIPSchema, resources.UUIDField("uuid"))).Null(),
	resources.Obj("endpoint_sccp", withFields(resources.EndpointSCCPSchema, resources.Int("id"))).Null(),
	resources.Obj("endpoint_custom", withFields(resources.EndpointCustomSchema, resources.Int("id"))).Null())

// userPutRecursiveSchema is PUT /users/{id}?recursive=true: the user, its
// lines and its voicemail.
var userPutRecursiveSchema = withFields(resources.UserSchema,
	userPartFields(resources.ListOf("lines", resources.Obj("", userLinePutSchema)),
		resources.ListOf("incalls", resources.Obj("", withFields(userIncallSchema, resources.Int("id")))))...)

// userGroupsField is the groups of a user's body: [{"uuid"}].
var userGroupsField = resources.NestedList("groups", &resources.Schema{
	Fields: []resources.Field{resources.Str("uuid").Req().Len(-1, 40)}})

// updateUser is PUT /users/{ref}: the user's fields, or with
// ?recursive=true the user with its lines and voicemail.
func updateUser(f family[resources.User]) func(q *request) error {
	return func(q *request) error {
		if !truthy(q.r.URL.Query().Get("recursive")) {
			return f.update(q)
		}
		u, scope, err := f.load(q)
		if err != nil {
			return err
		}
		fields, err := q.body(userPutRecursiveSchema, true)
		if err != nil {
			return err
		}
		up, err := userUpdate(q, scope, u, fields)
		if err != nil {
			return err
		}
		if err := q.c.UpdateUserWith(q.ctx, scope, up); err != nil {
			return err
		}
		return q.noContent()
	}
}

// userUpdate merges the body into the user, its lines and voicemail.
func userUpdate(q *request, s confd.Scope, u *resources.User, fields map[string]any) (*confd.UserUpdate, error) {
	p, err := takeUserParts(fields)
	if err != nil {
		return nil, err
	}
	up := &confd.UserUpdate{User: u, Groups: p.groups, Incalls: p.incalls, Forwards: p.forwards, Fallbacks: p.fallbacks,
		Change: func(v *resources.User) error { return resources.Apply(fields, v) }}
	if err := resources.Apply(fields, u); err != nil {
		return nil, err
	}
	lines, vm := p.lines, p.voicemail
	for _, raw := range lines {
		nl, err := lineChange(q, s, u, raw.(map[string]any))
		if err != nil {
			return nil, err
		}
		up.Lines = append(up.Lines, nl)
	}
	if vm == nil {
		return up, nil
	}
	if id, err := strconv.Atoi(fmt.Sprint(vm["id"])); err == nil && u.VoicemailID != nil && id == *u.VoicemailID {
		current, err := q.c.Voicemails.Get(q.ctx, s, id)
		if err != nil {
			return nil, err
		}
		loaded, err := resources.VoicemailSchema.Load(vm, true)
		if err != nil {
			return nil, err
		}
		up.Voicemail = current
		return up, resources.Apply(loaded, current)
	}
	v, err := newVoicemail(vm)
	up.Voicemail = v
	return up, err
}

// lineChange reads one line of the body: a new line, or one of the
// user's merged over what it is.
func lineChange(q *request, s confd.Scope, u *resources.User, m map[string]any) (confd.NewLine, error) {
	id, _ := m["id"].(int64)
	if id == 0 || !userHasLine(u, int(id)) {
		delete(m, "id")
		nl, err := newLine(m)
		if err == nil && nl.DeviceID != nil && *nl.DeviceID == "" {
			nl.DeviceID = nil
		}
		return nl, err
	}
	current, err := q.c.Lines.Get(q.ctx, s, int(id))
	if err != nil {
		return confd.NewLine{}, err
	}
	device, hasDevice := m["device_id"]
	raw := map[string]any{}
	for _, k := range []string{"endpoint_sip", "endpoint_sccp", "endpoint_custom", "extensions"} {
		raw[k] = m[k]
	}
	nl, err := newLine(m)
	if err != nil {
		return nl, err
	}
	nl.DeviceID = nil
	if hasDevice {
		d, _ := device.(string)
		nl.DeviceID = &d // null takes the line off its device
	}
	if err := resources.Apply(m, current); err != nil {
		return nl, err
	}
	nl.Line = current
	if err := mergeEndpoint(q, s, current, &nl, raw); err != nil {
		return nl, err
	}
	return nl, mergeExtensions(q, s, nl.Extensions, raw["extensions"])
}

// mergeEndpoint merges the body's endpoint over the line's, when they are
// of the same type (UpdateUserWith refuses the others).
func mergeEndpoint(q *request, s confd.Scope, l *resources.Line, nl *confd.NewLine, raw map[string]any) error {
	switch {
	case nl.EndpointSIP != nil && l.EndpointSIPUUID != nil:
		ep, err := q.c.EndpointsSIP.Get(q.ctx, s, *l.EndpointSIPUUID)
		if err != nil {
			return err
		}
		nl.EndpointSIP = ep
		return resources.Apply(raw["endpoint_sip"], ep)
	case nl.EndpointSCCP != nil && l.EndpointSCCPID != nil:
		ep, err := q.c.EndpointsSCCP.Get(q.ctx, s, *l.EndpointSCCPID)
		if err != nil {
			return err
		}
		nl.EndpointSCCP = ep
		return resources.Apply(raw["endpoint_sccp"], ep)
	case nl.EndpointCustom != nil && l.EndpointCustomID != nil:
		ep, err := q.c.EndpointsCustom.Get(q.ctx, s, *l.EndpointCustomID)
		if err != nil {
			return err
		}
		nl.EndpointCustom = ep
		return resources.Apply(raw["endpoint_custom"], ep)
	}
	return nil
}

// mergeExtensions merges each extension of the body that has an id over
// what it is.
func mergeExtensions(q *request, s confd.Scope, xs []*resources.Extension, raw any) error {
	bodies, _ := raw.([]any)
	for i, x := range xs {
		if x.ID == 0 || i >= len(bodies) {
			continue
		}
		current, err := q.c.Extensions.Get(q.ctx, s, x.ID)
		if err != nil {
			return err
		}
		if err := resources.Apply(bodies[i], current); err != nil {
			return err
		}
		xs[i] = current
	}
	return nil
}

func userHasLine(u *resources.User, id int) bool {
	for _, l := range u.Lines {
		if line, ok := l.(*resources.Line); ok && line.ID == id {
			return true
		}
	}
	return false
}

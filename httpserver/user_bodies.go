package httpserver

import (
	"fmt"
	"strconv"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// userParts are what a user's body brings besides the user's own fields.
type userParts struct {
	lines     []any
	voicemail map[string]any
	groups    []resources.GroupRef
	incalls   []confd.NewUserIncall
	// forwards and fallbacks are those given over disabled ones and none,
	// or nil when the body has none (or {}), as wazo.
	forwards  *resources.Forwards
	fallbacks *resources.UserFallbacks
}

// userPartFields are the fields of a user body that are parts of the user
// (see takeUserParts): its lines and incalls, whose shapes differ on create
// and on edit, its voicemail, groups, forwards and fallbacks.
func userPartFields(lines, incalls resources.Field) []resources.Field {
	return []resources.Field{lines, resources.Obj("voicemail", resources.UserVoicemailSchema).Null(),
		userGroupsField, incalls, resources.Obj("forwards", forwardsSchema).Null(),
		resources.Obj("fallbacks", resources.UserFallbacksSchema).Null()}
}

// takeUserParts takes the parts out of a loaded user body, leaving the
// user's own fields. The wazo-auth account, agent, switchboards and device
// of a body are checked by the schema and left out: their families are
// not built here.
func takeUserParts(fields map[string]any) (userParts, error) {
	p, err := userPartsOf(fields)
	for _, k := range []string{"lines", "voicemail", "groups", "incalls", "forwards", "fallbacks",
		"auth", "agent", "switchboards", "device_id"} {
		delete(fields, k)
	}
	return p, err
}

func userPartsOf(fields map[string]any) (userParts, error) {
	var p userParts
	p.lines, _ = fields["lines"].([]any)
	p.voicemail, _ = fields["voicemail"].(map[string]any)
	if err := resources.Apply(fields["groups"], &p.groups); err != nil {
		return p, err
	}
	if err := resources.Apply(fields["incalls"], &p.incalls); err != nil {
		return p, err
	}
	if raw, _ := fields["forwards"].(map[string]any); len(raw) > 0 {
		p.forwards = &resources.Forwards{}
		if err := resources.Apply(raw, p.forwards); err != nil {
			return p, err
		}
	}
	if raw, _ := fields["fallbacks"].(map[string]any); len(raw) > 0 {
		p.fallbacks = &resources.UserFallbacks{}
		return p, resources.Apply(raw, p.fallbacks)
	}
	return p, nil
}

// newUser turns a loaded POST /users body into what CreateUserWith takes.
func newUser(fields map[string]any) (*confd.NewUser, error) {
	p, err := takeUserParts(fields)
	if err != nil {
		return nil, err
	}
	n := &confd.NewUser{User: &resources.User{}, Groups: p.groups, Incalls: p.incalls, Forwards: p.forwards, Fallbacks: p.fallbacks}
	if err := resources.Apply(fields, n.User); err != nil {
		return nil, err
	}
	lines, vm := p.lines, p.voicemail
	for _, raw := range lines {
		nl, err := newLine(raw.(map[string]any))
		if err != nil {
			return nil, err
		}
		n.Lines = append(n.Lines, nl)
	}
	if vm != nil {
		v, err := newVoicemail(vm)
		if err != nil {
			return nil, err
		}
		n.Voicemail = v
	}
	return n, nil
}

func newLine(m map[string]any) (confd.NewLine, error) {
	nl := confd.NewLine{Line: &resources.Line{}}
	parts := map[string]any{"endpoint_sip": &nl.EndpointSIP, "endpoint_sccp": &nl.EndpointSCCP,
		"endpoint_custom": &nl.EndpointCustom, "extensions": &nl.Extensions, "device_id": &nl.DeviceID}
	for key, dst := range parts {
		if v, ok := m[key]; ok {
			if v != nil {
				if err := resources.Apply(v, dst); err != nil {
					return nl, err
				}
			}
			delete(m, key)
		}
	}
	return nl, resources.Apply(m, nl.Line)
}

// newVoicemail reads {"id": n} (an existing box) or a new box's body,
// whose name defaults to the user's.
func newVoicemail(m map[string]any) (*resources.Voicemail, error) {
	if id, ok := m["id"]; ok {
		n, err := strconv.Atoi(fmt.Sprint(id))
		if err != nil {
			return nil, resources.ErrInput("voicemail: {'id': ['Not a valid integer.']}")
		}
		return &resources.Voicemail{ID: n}, nil
	}
	fields, err := newVoicemailSchema.Load(m, false)
	if err != nil {
		return nil, err
	}
	vm := &resources.Voicemail{}
	return vm, resources.Apply(fields, vm)
}

var newVoicemailSchema = resources.VoicemailSchema.WithOptional("name")

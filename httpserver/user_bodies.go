package httpserver

import (
	"fmt"
	"strconv"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// newUser turns a loaded POST /users body into what CreateUserWith takes.
func newUser(fields map[string]any) (*confd.NewUser, error) {
	n := &confd.NewUser{User: &resources.User{}}
	lines, _ := fields["lines"].([]any)
	vm, _ := fields["voicemail"].(map[string]any)
	if err := resources.Apply(fields["groups"], &n.Groups); err != nil {
		return nil, err
	}
	if err := resources.Apply(fields["incalls"], &n.Incalls); err != nil {
		return nil, err
	}
	var err error
	if n.Forwards, err = forwardsOf(fields); err != nil {
		return nil, err
	}
	if n.Fallbacks, err = fallbacksOf(fields); err != nil {
		return nil, err
	}
	delete(fields, "lines")
	delete(fields, "voicemail")
	delete(fields, "groups")
	delete(fields, "incalls")
	if err := resources.Apply(fields, n.User); err != nil {
		return nil, err
	}
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

// forwardsOf takes the forwards out of a user's body: the forwards given
// over disabled ones, or nil when the body has none (or {}), as wazo.
func forwardsOf(fields map[string]any) (*resources.Forwards, error) {
	raw, _ := fields["forwards"].(map[string]any)
	delete(fields, "forwards")
	if len(raw) == 0 {
		return nil, nil
	}
	fw := &resources.Forwards{}
	return fw, resources.Apply(raw, fw)
}

// fallbacksOf takes the fallbacks out of a user's body: those given, the
// others none, or nil when the body has none (or {}), as wazo.
func fallbacksOf(fields map[string]any) (*resources.UserFallbacks, error) {
	raw, _ := fields["fallbacks"].(map[string]any)
	delete(fields, "fallbacks")
	if len(raw) == 0 {
		return nil, nil
	}
	fb := &resources.UserFallbacks{}
	return fb, resources.Apply(raw, fb)
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

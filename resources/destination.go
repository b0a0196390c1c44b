package resources

import (
	"encoding/json"
	"fmt"
)

// Destination types: where a call goes (wazo's dialaction).
const (
	DestApplication = "application"
	DestConference  = "conference"
	DestCustom      = "custom"
	DestExtension   = "extension"
	DestGroup       = "group"
	DestHangup      = "hangup"
	DestIVR         = "ivr"
	DestNone        = "none"
	DestOutcall     = "outcall"
	DestQueue       = "queue"
	DestSound       = "sound"
	DestSwitchboard = "switchboard"
	DestUser        = "user"
	DestVoicemail   = "voicemail"
)

// DestinationTypes lists the 14 destination types.
var DestinationTypes = []string{DestApplication, DestConference, DestCustom, DestExtension, DestGroup,
	DestHangup, DestIVR, DestNone, DestOutcall, DestQueue, DestSound, DestSwitchboard, DestUser, DestVoicemail}

// Destination is where a call goes: wazo's polymorphic destination, used by
// incalls, fallbacks, schedules and IVRs. Type selects which other fields
// mean something; the others are ignored. Its JSON is wazo's: "type", the
// type's own fields (e.g. "group_id", "ring_time") and, on read, the
// target's display fields (e.g. "group_name").
type Destination struct {
	Type string
	// Application is the application's kind: callback_disa, custom,
	// directory, disa, fax_to_mail or voicemail.
	Application string
	// Cause is a hangup's cause: normal, busy or congestion.
	Cause string
	// ID is the target of a conference, group, ivr, outcall, queue, user or
	// voicemail destination (JSON "<type>_id").
	ID int
	// UUID is the target of a switchboard or custom application destination.
	UUID string

	Context  string   // application (but custom, fax_to_mail) and extension
	Exten    string   // extension and outcall
	Command  string   // custom: an Asterisk application call
	Email    string   // application fax_to_mail
	Filename string   // sound
	Pin      *string  // application callback_disa and disa
	RingTime *float64 // group, queue, switchboard and user
	Timeout  *float64 // hangup busy and congestion
	MOHUUID  *string  // user: music on hold while ringing

	SkillRuleID        *int              // queue
	SkillRuleVariables map[string]string // queue, needs SkillRuleID

	Skip             bool    // sound
	NoAnswer         bool    // sound
	SkipInstructions bool    // voicemail
	Greeting         *string // voicemail: busy or unavailable

	// Display holds the target's read-only fields added on read, e.g.
	// group_name and group_label; they are ignored on input.
	Display map[string]any
}

// NoneDestination is the destination that does nothing.
func NoneDestination() Destination { return Destination{Type: DestNone} }

// GroupDestination rings the group id.
func GroupDestination(id int) Destination { return Destination{Type: DestGroup, ID: id} }

// UserDestination rings the user id.
func UserDestination(id int) Destination { return Destination{Type: DestUser, ID: id} }

// VoicemailDestination sends the call to the voicemail box id; greeting is
// "busy", "unavailable" or "" for none.
func VoicemailDestination(id int, greeting string) Destination {
	d := Destination{Type: DestVoicemail, ID: id}
	if greeting != "" {
		d.Greeting = &greeting
	}
	return d
}

// IsNone reports whether d is the "none" destination (or unset).
func (d Destination) IsNone() bool { return d.Type == "" || d.Type == DestNone }

// Fields returns d as wazo shows it: the type's own fields, nulls
// included, and the display fields.
func (d Destination) Fields() map[string]any {
	m := d.Stored()
	for k, v := range d.Display {
		m[k] = v
	}
	return m
}

// Stored returns the type's own fields, without the display fields.
func (d Destination) Stored() map[string]any {
	m := map[string]any{"type": d.Type}
	idKey := d.Type + "_id"
	switch d.Type {
	case DestApplication:
		m["application"] = d.Application
		d.applicationFields(m)
	case DestConference, DestIVR:
		m[idKey] = d.ID
	case DestCustom:
		m["command"] = d.Command
	case DestExtension:
		m["exten"], m["context"] = d.Exten, d.Context
	case DestGroup:
		m[idKey], m["ring_time"] = d.ID, d.RingTime
	case DestHangup:
		m["cause"] = d.Cause
		if d.Cause == "busy" || d.Cause == "congestion" {
			m["timeout"] = d.Timeout
		}
	case DestOutcall:
		m[idKey], m["exten"] = d.ID, d.Exten
	case DestQueue:
		m[idKey], m["ring_time"], m["skill_rule_id"] = d.ID, d.RingTime, d.SkillRuleID
		m["skill_rule_variables"] = d.skillRuleVariables()
	case DestSound:
		m["filename"], m["skip"], m["no_answer"] = d.Filename, d.Skip, d.NoAnswer
	case DestSwitchboard:
		m["switchboard_uuid"], m["ring_time"] = d.UUID, d.RingTime
	case DestUser:
		m[idKey], m["ring_time"], m["moh_uuid"] = d.ID, d.RingTime, d.MOHUUID
	case DestVoicemail:
		m[idKey], m["skip_instructions"], m["greeting"] = d.ID, d.SkipInstructions, d.Greeting
	}
	return m
}

func (d Destination) applicationFields(m map[string]any) {
	switch d.Application {
	case "callback_disa", "disa":
		m["pin"], m["context"] = d.Pin, d.Context
	case "custom":
		m["application_uuid"] = d.UUID
	case "directory", "voicemail":
		m["context"] = d.Context
	case "fax_to_mail":
		m["email"] = d.Email
	}
}

func (d Destination) skillRuleVariables() any {
	if d.SkillRuleVariables == nil {
		return nil
	}
	return d.SkillRuleVariables
}

// MarshalJSON writes the destination as wazo shows it.
func (d Destination) MarshalJSON() ([]byte, error) { return json.Marshal(d.Fields()) }

// UnmarshalJSON reads a destination from wazo's JSON; unknown keys, and
// keys the type does not use, are ignored; a value of the wrong JSON type
// is an error.
func (d *Destination) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*d = Destination{}
	if err := unmarshalKeys(m, map[string]any{"type": &d.Type}); err != nil {
		return err
	}
	return unmarshalKeys(m, map[string]any{
		"application": &d.Application, "cause": &d.Cause, "context": &d.Context, "exten": &d.Exten,
		"command": &d.Command, "email": &d.Email, "filename": &d.Filename, d.Type + "_id": &d.ID,
		"switchboard_uuid": &d.UUID, "application_uuid": &d.UUID, "pin": &d.Pin, "ring_time": &d.RingTime,
		"timeout": &d.Timeout, "moh_uuid": &d.MOHUUID, "skill_rule_id": &d.SkillRuleID,
		"skill_rule_variables": &d.SkillRuleVariables, "skip": &d.Skip, "no_answer": &d.NoAnswer,
		"skip_instructions": &d.SkipInstructions, "greeting": &d.Greeting,
	})
}

// unmarshalKeys decodes the keys of m present in targets.
func unmarshalKeys(m map[string]json.RawMessage, targets map[string]any) error {
	for k, p := range targets {
		if raw, ok := m[k]; ok {
			if err := json.Unmarshal(raw, p); err != nil {
				return fmt.Errorf("destination %s: %w", k, err)
			}
		}
	}
	return nil
}

package resources

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

// Forward is one call forward of a user.
type Forward struct {
	Enabled     bool    `json:"enabled"`
	Destination *string `json:"destination"`
}

// Forwards are a user's busy, no-answer and unconditional forwards.
type Forwards struct {
	Busy          Forward `json:"busy"`
	NoAnswer      Forward `json:"noanswer"`
	Unconditional Forward `json:"unconditional"`
}

// Service is a user service that is on or off.
type Service struct {
	Enabled bool `json:"enabled"`
}

// Services are a user's do-not-disturb and incoming call filter.
type Services struct {
	DND          Service `json:"dnd"`
	IncallFilter Service `json:"incallfilter"`
}

// UserFallbacks are where a user's unanswered calls go; nil is none.
type UserFallbacks struct {
	NoAnswer   *Destination `json:"noanswer_destination"`
	Busy       *Destination `json:"busy_destination"`
	Congestion *Destination `json:"congestion_destination"`
	Fail       *Destination `json:"fail_destination"`
}

// UserFallbacksSchema validates PUT /users/{id}/fallbacks.
var UserFallbacksSchema = &Schema{Fields: []Field{
	DestinationField("noanswer_destination").Null(),
	DestinationField("busy_destination").Null(),
	DestinationField("congestion_destination").Null(),
	DestinationField("fail_destination").Null(),
}}

// User is a person of the PBX: identity, calling options and relations.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID                      int           `bun:"id,pk,autoincrement" json:"id"`
	UUID                    string        `bun:"uuid" json:"uuid"`
	TenantUUID              string        `bun:"tenant_uuid" json:"tenant_uuid"`
	Firstname               string        `bun:"firstname" json:"firstname"`
	Lastname                *string       `bun:"lastname" json:"lastname"`
	Email                   *string       `bun:"email" json:"email"`
	Timezone                *string       `bun:"timezone" json:"timezone"`
	Country                 *string       `bun:"-" json:"country"`
	Language                *string       `bun:"language" json:"language"`
	Description             *string       `bun:"description" json:"description"`
	CallerID                string        `bun:"caller_id" json:"caller_id"`
	OutgoingCallerID        *string       `bun:"outgoing_caller_id" json:"outgoing_caller_id"`
	MobilePhoneNumber       *string       `bun:"mobile_phone_number" json:"mobile_phone_number"`
	MobileFallbackEnabled   *bool         `bun:"mobile_fallback_enabled" json:"mobile_fallback_enabled"`
	Username                *string       `bun:"username" json:"username"`
	Password                *string       `bun:"password" json:"password"`
	MusicOnHold             *string       `bun:"music_on_hold" json:"music_on_hold"`
	PreprocessSubroutine    *string       `bun:"preprocess_subroutine" json:"preprocess_subroutine"`
	Userfield               *string       `bun:"userfield" json:"userfield"`
	CallTransferEnabled     *bool         `bun:"call_transfer_enabled" json:"call_transfer_enabled"`
	DTMFHangupEnabled       *bool         `bun:"dtmf_hangup_enabled" json:"dtmf_hangup_enabled"`
	RecordOutgoingExternal  *bool         `bun:"call_record_outgoing_external_enabled" json:"call_record_outgoing_external_enabled"`
	RecordOutgoingInternal  *bool         `bun:"call_record_outgoing_internal_enabled" json:"call_record_outgoing_internal_enabled"`
	RecordIncomingInternal  *bool         `bun:"call_record_incoming_internal_enabled" json:"call_record_incoming_internal_enabled"`
	RecordIncomingExternal  *bool         `bun:"call_record_incoming_external_enabled" json:"call_record_incoming_external_enabled"`
	OnlineCallRecordEnabled *bool         `bun:"online_call_record_enabled" json:"online_call_record_enabled"`
	SupervisionEnabled      *bool         `bun:"supervision_enabled" json:"supervision_enabled"`
	RingSeconds             *int          `bun:"ring_seconds" json:"ring_seconds"`
	SimultaneousCalls       *int          `bun:"simultaneous_calls" json:"simultaneous_calls"`
	CallPermissionPassword  *string       `bun:"call_permission_password" json:"call_permission_password"`
	SubscriptionType        *int          `bun:"subscription_type" json:"subscription_type"`
	CreatedAt               string        `bun:"created_at" json:"created_at"`
	Enabled                 *bool         `bun:"enabled" json:"enabled"`
	FuncKeyTemplateID       *int          `bun:"func_key_template_id" json:"func_key_template_id"`
	Forwards                Forwards      `bun:"forwards" json:"forwards"`
	Services                Services      `bun:"services" json:"services"`
	Fallbacks               UserFallbacks `bun:"-" json:"fallbacks"`
	Lines                   []any         `bun:"-" json:"lines"`
	Groups                  []any         `bun:"-" json:"groups"`
	Incalls                 []any         `bun:"-" json:"incalls"`
	Schedules               []any         `bun:"-" json:"schedules"`
	CallPermissions         []any         `bun:"-" json:"call_permissions"`
	CallPickupTargetUsers   []any         `bun:"-" json:"call_pickup_target_users"`
	Switchboards            []any         `bun:"-" json:"switchboards"`
	Queues                  []any         `bun:"-" json:"queues"`
	Voicemail               any           `bun:"-" json:"voicemail"`
	Agent                   any           `bun:"-" json:"agent"`
	Links                   []Link        `bun:"-" json:"links"`

	// VoicemailID is the user's voicemail box (see AssociateUserVoicemail).
	VoicemailID *int `bun:"voicemail_id" json:"-"`
}

// MarshalJSON adds call_record_enabled, true when all four call recording
// flags are (a deprecated shortcut kept by wazo).
func (u User) MarshalJSON() ([]byte, error) {
	type plain User
	all := isTrue(u.RecordOutgoingExternal) && isTrue(u.RecordOutgoingInternal) &&
		isTrue(u.RecordIncomingExternal) && isTrue(u.RecordIncomingInternal)
	return json.Marshal(struct {
		plain
		CallRecordEnabled bool `json:"call_record_enabled"`
	}{plain(u), all})
}

func isTrue(b *bool) bool { return b != nil && *b }

// GetID returns the user's id.
func (u *User) GetID() any { return u.ID }

// SetTenant sets the tenant owning the user.
func (u *User) SetTenant(uuid string) { u.TenantUUID = uuid }

// GetTenant returns the tenant owning the user.
func (u *User) GetTenant() string { return u.TenantUUID }

// FullName is "firstname lastname".
func (u *User) FullName() string {
	if u.Lastname == nil || *u.Lastname == "" {
		return u.Firstname
	}
	return u.Firstname + " " + *u.Lastname
}

// Defaults fills what wazo fills: caller id from the name, flags, ring time
// 30 s, 5 simultaneous calls, enabled, supervision on.
func (u *User) Defaults() {
	if u.CallerID == "" {
		u.CallerID = `"` + u.FullName() + `"`
	}
	for _, b := range []**bool{&u.MobileFallbackEnabled, &u.CallTransferEnabled, &u.DTMFHangupEnabled,
		&u.RecordOutgoingExternal, &u.RecordOutgoingInternal, &u.RecordIncomingInternal,
		&u.RecordIncomingExternal, &u.OnlineCallRecordEnabled} {
		if *b == nil {
			*b = Ptr(false)
		}
	}
	for _, b := range []**bool{&u.SupervisionEnabled, &u.Enabled} {
		if *b == nil {
			*b = Ptr(true)
		}
	}
	defaultInt(&u.RingSeconds, 30)
	defaultInt(&u.SimultaneousCalls, 5)
	defaultInt(&u.SubscriptionType, 0)
	for _, l := range []*[]any{&u.Lines, &u.Groups, &u.Incalls, &u.Schedules, &u.CallPermissions,
		&u.CallPickupTargetUsers, &u.Switchboards, &u.Queues} {
		if *l == nil {
			*l = []any{}
		}
	}
}

func defaultInt(p **int, v int) {
	if *p == nil {
		*p = Ptr(v)
	}
}

var callRecordFlags = []string{"call_record_outgoing_external_enabled", "call_record_outgoing_internal_enabled",
	"call_record_incoming_external_enabled", "call_record_incoming_internal_enabled"}

// UserSchema validates user bodies (wazo's, PUT).
var UserSchema = withUserRules(FromContract("UserSchema"))

// UserListSchema validates POST /users: wazo's UserListItemSchema, with
// the parts a family declares in own (lines, voicemail, ...).
func UserListSchema(own ...Field) *Schema {
	s := withUserRules(FromContract("UserListItemSchema", own...))
	s.PreLoad = fillAuthAndAgent
	return s
}

// fillAuthAndAgent gives a body's auth and agent, when present, the
// user's values for what they leave out or empty, as wazo's init_auth and
// init_agent do before validation.
func fillAuthAndAgent(m map[string]any) {
	fill := func(part string, from map[string]string) {
		p, ok := m[part].(map[string]any)
		if !ok {
			return
		}
		for key, userKey := range from {
			if v, ok := p[key]; !ok || isEmptyValue(v) {
				p[key] = userValue(m, userKey)
			}
		}
	}
	fill("auth", map[string]string{"firstname": "firstname", "lastname": "lastname",
		"username": "username", "password": "password", "email_address": "email"})
	fill("agent", map[string]string{"firstname": "firstname", "lastname": "lastname", "number": "lines.0.extensions.0.exten"})
}

// userValue reads a value of the body along a dotted path through
// objects and lists; nil when there is none.
func userValue(m map[string]any, path string) any {
	var cur any = m
	for _, k := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

// isEmptyValue is Python's falsiness for JSON values.
func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return fmt.Sprint(v) == "0"
}

// withUserRules adds the rules of wazo's user schema that are code: the
// deprecated call_record_enabled stands for the four flags, with none of
// them.
func withUserRules(s *Schema) *Schema {
	s.Checks = []func(map[string]any) string{checkCallRecord}
	s.PostLoad = expandCallRecord
	s.Computed = []string{"call_record_enabled"}
	return s
}

func checkCallRecord(m map[string]any) string {
	if _, ok := m["call_record_enabled"]; !ok {
		return ""
	}
	for _, f := range callRecordFlags {
		if _, ok := m[f]; ok {
			return "'call_record_enabled' is deprecated and incompatible with 'call_record_*_enabled' options"
		}
	}
	return ""
}

// expandCallRecord turns the deprecated call_record_enabled into the four flags.
func expandCallRecord(m map[string]any) {
	v, ok := m["call_record_enabled"]
	if !ok {
		return
	}
	delete(m, "call_record_enabled")
	for _, f := range callRecordFlags {
		m[f] = v
	}
}

func email(v any) string {
	s, _ := v.(string)
	at := strings.LastIndex(s, "@")
	if at < 1 || at == len(s)-1 || strings.ContainsAny(s, " \t\r\n") || !strings.Contains(s[at:], ".") {
		return "Not a valid email address."
	}
	return ""
}

// UserCreateSchema validates a user created alone (wazo's
// UserSchemaNullable): some fields may be null there, meaning their
// default.
var UserCreateSchema = withUserRules(FromContract("UserSchemaNullable"))

// Validate checks u against the API's rules.
func (u *User) Validate() error { return Check(UserSchema, u) }

// SplitCallerID splits a caller id such as "Alice Smith" <1000> into the
// name and the number (empty when there is none).
func SplitCallerID(callerID string) (name, number string) {
	rest := strings.TrimSpace(callerID)
	if i := strings.LastIndex(rest, "<"); i >= 0 && strings.HasSuffix(rest, ">") {
		number, rest = rest[i+1:len(rest)-1], strings.TrimSpace(rest[:i])
	}
	return strings.Trim(rest, `"`), number
}

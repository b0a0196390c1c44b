package resources

import (
	"github.com/uptrace/bun"
)

// Voicemail access types: a personal box belongs to users, a global one is
// the context's shared box (at most one per context).
const (
	VoicemailPersonal = "personal"
	VoicemailGlobal   = "global"
)

// VoicemailUser is a user of a voicemail as shown inside it.
type VoicemailUser struct {
	UUID      string  `json:"uuid"`
	Firstname string  `json:"firstname"`
	Lastname  *string `json:"lastname"`
	Links     []Link  `json:"links"`
}

// Voicemail is a mailbox: a number in a context, with its options.
type Voicemail struct {
	bun.BaseModel `bun:"table:voicemails"`

	ID             int             `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID     string          `bun:"tenant_uuid" json:"tenant_uuid"`
	Name           string          `bun:"name" json:"name"`
	Number         string          `bun:"number" json:"number"`
	Context        string          `bun:"context" json:"context"`
	Password       *string         `bun:"password" json:"password"`
	Email          *string         `bun:"email" json:"email"`
	Language       *string         `bun:"language" json:"language"`
	Timezone       *string         `bun:"timezone" json:"timezone"`
	Pager          *string         `bun:"pager" json:"pager"`
	MaxMessages    *int            `bun:"max_messages" json:"max_messages"`
	AttachAudio    *bool           `bun:"attach_audio" json:"attach_audio"`
	DeleteMessages *bool           `bun:"delete_messages" json:"delete_messages"`
	AskPassword    *bool           `bun:"ask_password" json:"ask_password"`
	Enabled        *bool           `bun:"enabled" json:"enabled"`
	Options        [][]string      `bun:"options" json:"options"`
	Links          []Link          `bun:"-" json:"links"`
	AccessType     string          `bun:"accesstype" json:"accesstype"`
	Users          []VoicemailUser `bun:"-" json:"users"`
}

// GetID returns the voicemail's id.
func (v *Voicemail) GetID() any { return v.ID }

// SetTenant sets the tenant owning the object.
func (v *Voicemail) SetTenant(uuid string) { v.TenantUUID = uuid }

// GetTenant returns the tenant owning the voicemail.
func (v *Voicemail) GetTenant() string { return v.TenantUUID }

// Defaults fills what wazo defaults: a personal, enabled box that asks for
// its password and keeps its messages, with no extra options.
func (v *Voicemail) Defaults() {
	if v.AccessType == "" {
		v.AccessType = VoicemailPersonal
	}
	if v.DeleteMessages == nil {
		v.DeleteMessages = Ptr(false)
	}
	if v.AskPassword == nil {
		v.AskPassword = Ptr(true)
	}
	if v.Enabled == nil {
		v.Enabled = Ptr(true)
	}
	if v.Options == nil {
		v.Options = [][]string{}
	}
	if v.Users == nil {
		v.Users = []VoicemailUser{}
	}
}

// pairLength is marshmallow's Length(equal=2) for an option [key, value].
func pairLength(v any) string {
	if l, _ := v.([]any); len(l) != 2 {
		return "Length must be 2."
	}
	return ""
}

// checkDeleteMessages refuses to delete messages that are not sent by email
// with the audio attached (they would be lost).
func checkDeleteMessages(m map[string]any) string {
	if del, _ := m["delete_messages"].(bool); !del {
		return ""
	}
	if email, _ := m["email"].(string); email == "" {
		return "email must be provided if delete_messages is set"
	}
	if attach, _ := m["attach_audio"].(bool); !attach {
		return "attach_audio must be set if delete_messages is set"
	}
	return ""
}

// VoicemailSchema validates voicemail bodies: wazo's, options as pairs,
// and delete_messages only with attach_audio.
var VoicemailSchema = func() *Schema {
	s := FromContract("VoicemailSchema", ListOf("options", ListOf("", Str("")).Check(pairLength)))
	s.Checks = []func(map[string]any) string{checkDeleteMessages}
	return s
}()

// UserVoicemailSchema validates the box of a user's body: an existing box
// by id, or a new box (wazo's UserVoicemailSchema).
var UserVoicemailSchema = func() *Schema {
	s := FromContract("UserVoicemailSchema", ListOf("options", ListOf("", Str("")).Check(pairLength)))
	s.Checks = []func(map[string]any) string{checkDeleteMessages, checkBoxNamed}
	return s
}()

// checkBoxNamed refuses a box with neither an id nor a name, number or
// context.
func checkBoxNamed(m map[string]any) string {
	for _, k := range []string{"id", "name", "number", "context"} {
		if !isEmptyValue(m[k]) {
			return ""
		}
	}
	return "name, number and context must be provided if no id provided"
}

// Validate checks v against the API's rules.
func (v *Voicemail) Validate() error { return Check(VoicemailSchema, v) }

// ZoneMessagesSchema validates PUT /asterisk/voicemail/zonemessages.
var ZoneMessagesSchema = &Schema{Fields: []Field{
	ListOf("items", Obj("", &Schema{Fields: []Field{
		Str("name").Req().Len(-1, 128), Str("timezone").Req(), Str("message").Null(),
	}})).Req(),
}}

package resources

import (
	"regexp"
	"strings"
)

// Patterns of wazo's destination fields.
const (
	destContextPattern = `^[a-zA-Z0-9_-]{1,79}$`
	destExtenPattern   = `^[0-9*#]{1,255}$`
)

var (
	destCommandRe  = regexp.MustCompile(`^[a-zA-Z]{3,}\((.*)\)$`)
	destVariableRe = regexp.MustCompile(`^[^\[;|]+$`)
)

// DestinationField is a body field holding a destination: wazo's
// DestinationField, validated with the schema of its type (and of its
// application or hangup cause) and reported as marshmallow reports a
// nested schema, e.g. "destination: {'group_id': ['Missing data for
// required field.']}". Unknown keys are ignored.
func DestinationField(name string) Field { return Obj(name, destinationEnvelope) }

// Validate checks d against the rules of its type.
func (d Destination) Validate() error {
	return Check(&Schema{Fields: []Field{DestinationField("destination").Req()}}, map[string]any{"destination": d})
}

func destType(types ...string) Field { return Str("type").Req().In(types...) }

func ringTime() Field { return Num("ring_time").Null().Range(0, nan) }

func destContext(name string) Field { return Str(name).Req().Match(destContextPattern) }

func destPin() Field { return Str("pin").Null().Digits().Len(-1, 40) }

// destinationBase checks the type first, as wazo does.
var destinationBase = &Schema{Fields: []Field{destType(DestinationTypes...)}}

// applicationBase and hangupBase check the application and the cause
// before the fields that depend on them.
var (
	applicationBase = &Schema{Fields: []Field{destType(DestApplication),
		Str("application").Req().In("callback_disa", "custom", "directory", "disa", "fax_to_mail", "voicemail")}}
	hangupBase = &Schema{Fields: []Field{destType(DestHangup), Str("cause").Req().In("busy", "congestion", "normal")}}
)

func appSchema(name string, fields ...Field) *Schema {
	return &Schema{Fields: append([]Field{destType(DestApplication), Str("application").Req().In(name)}, fields...)}
}

var applicationSchemas = map[string]*Schema{
	"callback_disa": appSchema("callback_disa", destPin(), destContext("context")),
	"custom":        appSchema("custom", UUIDField("application_uuid").Req()),
	"directory":     appSchema("directory", destContext("context")),
	"disa":          appSchema("disa", destPin(), destContext("context")),
	"fax_to_mail":   appSchema("fax_to_mail", Str("email").Req().Check(email).Len(-1, 80)),
	"voicemail":     appSchema("voicemail", destContext("context")),
}

func hangupSchema(cause string, fields ...Field) *Schema {
	return &Schema{Fields: append([]Field{destType(DestHangup), Str("cause").Req().In(cause)}, fields...)}
}

var hangupSchemas = map[string]*Schema{
	"busy":       hangupSchema("busy", Num("timeout").Null().Range(0, nan)),
	"congestion": hangupSchema("congestion", Num("timeout").Null().Range(0, nan)),
	"normal":     hangupSchema("normal"),
}

func typeSchema(t string, fields ...Field) *Schema {
	return &Schema{Fields: append([]Field{destType(t)}, fields...)}
}

var typeSchemas = map[string]*Schema{
	DestConference: typeSchema(DestConference, Int("conference_id").Req()),
	DestCustom:     typeSchema(DestCustom, Str("command").Req().Check(checkCommand).Len(-1, 255)),
	DestExtension: typeSchema(DestExtension, Str("exten").Req().Match(destExtenPattern),
		destContext("context")),
	DestGroup: typeSchema(DestGroup, Int("group_id").Req(), ringTime()),
	DestIVR:   typeSchema(DestIVR, Int("ivr_id").Req()),
	DestNone:  typeSchema(DestNone),
	DestOutcall: typeSchema(DestOutcall, Int("outcall_id").Req(),
		Str("exten").Req().Digits().Len(-1, 255)),
	DestQueue: typeSchema(DestQueue, Int("queue_id").Req(), ringTime(), Int("skill_rule_id").Null(),
		Field{Name: "skill_rule_variables", Type: Mapping}.Null().Check(checkSkillRuleVariables)),
	DestSound: typeSchema(DestSound, Str("filename").Req().Len(-1, 255),
		StrictBoolean("skip"), StrictBoolean("no_answer")),
	DestSwitchboard: typeSchema(DestSwitchboard, UUIDField("switchboard_uuid").Req(), ringTime()),
	DestUser:        typeSchema(DestUser, Int("user_id").Req(), ringTime(), UUIDField("moh_uuid").Null()),
	DestVoicemail: typeSchema(DestVoicemail, Int("voicemail_id").Req(), StrictBoolean("skip_instructions"),
		Str("greeting").Null().In("busy", "unavailable")),
}

// checkCommand accepts an Asterisk application call, but not System() or
// TrySystem() (refused whatever their case; wazo only refuses lower case).
func checkCommand(v any) string {
	s, _ := v.(string)
	lower := strings.ToLower(s)
	if !destCommandRe.MatchString(s) || strings.HasPrefix(lower, "system(") || strings.HasPrefix(lower, "trysystem(") {
		return "String does not match expected pattern."
	}
	return ""
}

// checkSkillRuleVariables refuses keys and values that would break the
// dialplan argument they are written in.
func checkSkillRuleVariables(v any) string {
	vars, _ := v.(map[string]any)
	for k, val := range vars {
		s, ok := val.(string)
		if !destVariableRe.MatchString(k) || !ok || !destVariableRe.MatchString(s) {
			return "String does not match expected pattern."
		}
	}
	return ""
}

// loadDestination validates a destination object in wazo's order: the
// type, then the application or the cause, then the type's own fields.
func loadDestination(o map[string]any) (map[string]any, fieldErrors) {
	if _, errs := destinationBase.load(o, false); len(errs) > 0 {
		return nil, errs
	}
	var s *Schema
	switch t := o["type"].(string); t {
	case DestApplication:
		if _, errs := applicationBase.load(o, false); len(errs) > 0 {
			return nil, errs
		}
		s = applicationSchemas[o["application"].(string)]
	case DestHangup:
		if _, errs := hangupBase.load(o, false); len(errs) > 0 {
			return nil, errs
		}
		s = hangupSchemas[o["cause"].(string)]
	default:
		s = typeSchemas[t]
	}
	out, errs := s.load(o, false)
	if len(errs) == 0 && out["type"] == DestQueue {
		if vars, _ := out["skill_rule_variables"].(map[string]any); len(vars) > 0 && out["skill_rule_id"] == nil {
			errs.add("skill_rule_id", "Missing data for required field. When `skill_rule_variables` is defined")
		}
	}
	return out, errs
}

// destMessages replaces, in a rejected destination, the value of each bad
// key: the envelope's field of that key reports them.
type destMessages []string

// destinationKeys are every key a destination type uses.
var destinationKeys = []string{"type", "application", "cause", "context", "exten", "command", "email",
	"filename", "pin", "ring_time", "timeout", "moh_uuid", "skill_rule_id", "skill_rule_variables", "skip",
	"no_answer", "skip_instructions", "greeting", "application_uuid", "switchboard_uuid", "conference_id",
	"group_id", "ivr_id", "outcall_id", "queue_id", "user_id", "voicemail_id"}

// destinationEnvelope is the static schema behind DestinationField. The
// DSL has no field whose schema depends on a value, so its PreLoad
// validates the object with the schema of its type and rewrites it: the
// accepted values, or for each bad key its messages, which the key's
// field then reports (up to three per key, more than any type produces).
var destinationEnvelope = func() *Schema {
	s := &Schema{PreLoad: preloadDestination}
	for _, k := range destinationKeys {
		f := Field{Name: k, Type: Raw, Nullable: true}
		for i := 0; i < 3; i++ {
			f = f.Check(func(v any) string {
				if msgs, ok := v.(destMessages); ok && i < len(msgs) {
					return msgs[i]
				}
				return ""
			})
		}
		s.Fields = append(s.Fields, f)
	}
	return s
}()

func preloadDestination(m map[string]any) {
	out, errs := loadDestination(m)
	for k := range m {
		delete(m, k)
	}
	if len(errs) == 0 {
		for k, v := range out {
			m[k] = v
		}
		return
	}
	for k, e := range errs {
		if msgs, ok := e.([]string); ok {
			m[k] = destMessages(msgs)
		}
	}
}

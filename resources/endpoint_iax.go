package resources

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

// Endpoint options are lists of [name, value] pairs. Some names are native
// options with a rule for their value (IAX's columns, SCCP's four keys);
// optionRules is the one mechanism that checks and normalises them.

// optionKind is how a native option's value is checked and shown.
type optionKind int

const (
	optText    optionKind = iota // a string of at most max characters (0: no limit)
	optInt                       // a 32-bit integer, shown in canonical form
	optAstTrue                   // Asterisk's ast_true: shown as "yes" or "no"
	optChoice                    // one of choices
)

// optionRule is the rule of one native option.
type optionRule struct {
	name    string
	kind    optionKind
	max     int
	choices []string
	def     *string // the value a reset gives it; nil: unset
}

func textOption(name string, max int) optionRule {
	return optionRule{name: name, kind: optText, max: max}
}
func intOption(name string) optionRule     { return optionRule{name: name, kind: optInt} }
func astTrueOption(name string) optionRule { return optionRule{name: name, kind: optAstTrue} }
func choiceOption(name string, choices ...string) optionRule {
	return optionRule{name: name, kind: optChoice, choices: choices}
}

// or gives the rule a default value.
func (r optionRule) or(def string) optionRule { r.def = &def; return r }

// check returns marshmallow's message for a bad value, "" when it is good.
func (r optionRule) check(v string) string {
	switch r.kind {
	case optText:
		if r.max > 0 && len([]rune(v)) > r.max {
			return fmt.Sprintf("Longer than maximum length %d.", r.max)
		}
	case optInt:
		if _, err := strconv.ParseInt(strings.TrimSpace(v), 10, 32); err != nil {
			return "Not a valid integer."
		}
	case optChoice:
		for _, c := range r.choices {
			if v == c {
				return ""
			}
		}
		return "Must be one of: " + strings.Join(r.choices, ", ") + "."
	}
	return ""
}

// astTruths are the values Asterisk's ast_true takes for true.
var astTruths = map[string]bool{"yes": true, "true": true, "y": true, "t": true, "1": true, "on": true}

// canonical is the value as stored and shown; a bad value is kept as is
// for check to refuse it.
func (r optionRule) canonical(v string) string {
	switch r.kind {
	case optInt:
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 32); err == nil {
			return strconv.FormatInt(n, 10)
		}
	case optAstTrue:
		if astTruths[v] {
			return "yes"
		}
		return "no"
	}
	return v
}

// optionRules are a family's native options, in the order they are shown.
type optionRules []optionRule

func (rs optionRules) get(name string) (optionRule, bool) {
	for _, r := range rs {
		if r.name == name {
			return r, true
		}
	}
	return optionRule{}, false
}

// check refuses the first native option whose value breaks its rule:
// "Input Error - options: {'port': ['Not a valid integer.']}".
func (rs optionRules) check(opts [][]string) error {
	for _, o := range opts {
		if len(o) != 2 {
			continue // the schema refuses it
		}
		if r, ok := rs.get(o[0]); ok {
			if msg := r.check(o[1]); msg != "" {
				return ErrInput("options: %s", fieldErrors{o[0]: []string{msg}}.repr())
			}
		}
	}
	return nil
}

// normalize resets the native options to their defaults, sets those given
// (the last one of a name wins), then appends the other options in order.
func (rs optionRules) normalize(opts [][]string) [][]string {
	native := map[string]string{}
	for _, r := range rs {
		if r.def != nil {
			native[r.name] = *r.def
		}
	}
	var extra [][]string
	for _, o := range opts {
		if len(o) != 2 {
			extra = append(extra, o) // the schema refuses it
			continue
		}
		if r, ok := rs.get(o[0]); ok {
			native[o[0]] = r.canonical(o[1])
		} else {
			extra = append(extra, o)
		}
	}
	out := [][]string{}
	for _, r := range rs {
		if v, ok := native[r.name]; ok {
			out = append(out, []string{r.name, v})
		}
	}
	return append(out, extra...)
}

// optionPairLength is marshmallow's Length(equal=2) on an option pair.
func optionPairLength(v any) string {
	if l, _ := v.([]any); len(l) != 2 {
		return "Length must be 2."
	}
	return ""
}

// optionsField is an endpoint's "options": a list of [name, value] strings.
func optionsField(name string) Field {
	return ListOf(name, ListOf("", Str("")).Check(optionPairLength))
}

// iaxOptions are the IAX native options (wazo's useriax columns), with the
// defaults the database gives them.
var iaxOptions = optionRules{
	textOption("username", 80), textOption("secret", 80).or(""), textOption("dbsecret", 255).or(""),
	textOption("language", 20), textOption("accountcode", 20),
	choiceOption("amaflags", "default", "omit", "billing", "documentation").or("default"),
	textOption("mailbox", 80), textOption("callerid", 160), textOption("fullname", 80), textOption("cid_number", 80),
	astTrueOption("trunk").or("no"),
	choiceOption("auth", "plaintext", "md5", "rsa", "plaintext,md5", "plaintext,rsa", "md5,rsa", "plaintext,md5,rsa").or("plaintext,md5"),
	choiceOption("encryption", "no", "yes", "aes128"), choiceOption("forceencryption", "no", "yes", "aes128"),
	intOption("maxauthreq"), textOption("inkeys", 80), textOption("outkey", 80), astTrueOption("adsi"),
	choiceOption("transfer", "no", "yes", "mediaonly"), choiceOption("codecpriority", "disabled", "host", "caller", "reqonly"),
	astTrueOption("jitterbuffer"), astTrueOption("forcejitterbuffer"), astTrueOption("sendani").or("no"),
	textOption("qualify", 4).or("no"), astTrueOption("qualifysmoothing").or("no"),
	intOption("qualifyfreqok").or("60000"), intOption("qualifyfreqnotok").or("10000"),
	textOption("timezone", 80), textOption("disallow", 100), textOption("allow", 0),
	textOption("mohinterpret", 80), textOption("mohsuggest", 80), textOption("deny", 31), textOption("permit", 31),
	textOption("defaultip", 255), textOption("sourceaddress", 255), textOption("setvar", 100).or(""),
	intOption("port"), textOption("mask", 15), textOption("regexten", 80), textOption("peercontext", 80),
	astTrueOption("immediate"), astTrueOption("keyrotate"), intOption("parkinglot"), textOption("requirecalltoken", 4).or("no"),
}

// IAX endpoint types.
const (
	IAXFriend = "friend"
	IAXPeer   = "peer"
	IAXUser   = "user"
)

// EndpointIAX is an IAX2 endpoint, used by a trunk. Options holds every
// native option set (empty ones included) then the other options.
type EndpointIAX struct {
	bun.BaseModel `bun:"table:endpoints_iax"`

	ID         int               `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID string            `bun:"tenant_uuid" json:"tenant_uuid"`
	Name       string            `bun:"name" json:"name"`
	Type       string            `bun:"type" json:"type"`
	Host       *string           `bun:"host" json:"host"`
	Options    [][]string        `bun:"options" json:"options"`
	Links      []Link            `bun:"-" json:"links"`
	Trunk      *EndpointRelation `bun:"-" json:"trunk"`
	// Context is the dialplan context of the trunk using the endpoint.
	Context *string `bun:"context" json:"-"`
}

// MarshalJSON hides the native options whose value is empty, as wazo does.
func (x EndpointIAX) MarshalJSON() ([]byte, error) {
	type plain EndpointIAX
	p := plain(x)
	p.Options = [][]string{}
	for _, o := range x.Options {
		if len(o) != 2 || o[1] != "" || !isIAXNative(o[0]) {
			p.Options = append(p.Options, o)
		}
	}
	return json.Marshal(p)
}

func isIAXNative(name string) bool { _, ok := iaxOptions.get(name); return ok }

// GetID returns the endpoint's id.
func (x *EndpointIAX) GetID() any { return x.ID }

// SetTenant sets the tenant owning the endpoint.
func (x *EndpointIAX) SetTenant(uuid string) { x.TenantUUID = uuid }

// GetTenant returns the tenant owning the endpoint.
func (x *EndpointIAX) GetTenant() string { return x.TenantUUID }

// SetLinks sets the endpoint's links.
func (x *EndpointIAX) SetLinks(l []Link) { x.Links = l }

// Defaults makes a dynamic friend and normalises the options: native
// options not given take their default again, as in wazo.
func (x *EndpointIAX) Defaults() {
	if x.Type == "" {
		x.Type = IAXFriend
	}
	if x.Host == nil {
		x.Host = Ptr("dynamic")
	}
	x.Options = iaxOptions.normalize(x.Options)
}

// EndpointIAXSchema validates IAX endpoint bodies: wazo's, with its
// option list.
var EndpointIAXSchema = FromContract("IAXSchema", optionsField("options"))

// Validate checks x against the API's rules and its native options'
// values; an empty name is allowed: the manager generates one.
func (x *EndpointIAX) Validate() error {
	c := *x
	if c.Name == "" {
		c.Name = "generated"
	}
	if err := Check(EndpointIAXSchema, &c); err != nil {
		return err
	}
	return iaxOptions.check(x.Options)
}

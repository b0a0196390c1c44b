package httpserver_test

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gopbx/confd/resources/contract"
)

// probe is one body that breaks one rule of one field of a contract
// schema, and the message wazo answers for it.
type probe struct {
	rule    string // "label: Length", for the subtest name
	path    []string
	value   any
	omit    bool
	message string
}

// set applies p to a valid body: the field set to the bad value (inside
// nested objects along p.path), or left out.
func (p probe) set(body map[string]any) {
	m := body
	for _, k := range p.path[:len(p.path)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	last := p.path[len(p.path)-1]
	if p.omit {
		delete(m, last)
		return
	}
	m[last] = p.value
}

// probesOf returns a probe per rule of each loadable field of c: required,
// not null, its JSON type, and its validators; nested objects' fields too.
func probesOf(c *contract.Class, path []string, depth int) []probe {
	var out []probe
	for _, f := range c.Fields {
		if f.DumpOnly || f.Type == "ListLink" || f.Type == "fields.Method" { // links and methods are dump-only
			continue
		}
		at := append(append([]string(nil), path...), f.Name)
		name := strings.Join(at, ".")
		if f.Required {
			out = append(out, probe{rule: name + ": required", path: at, omit: true, message: "Missing data for required field."})
		}
		if !f.AllowNone {
			out = append(out, probe{rule: name + ": not null", path: at, value: nil, message: "Field may not be null."})
		}
		if v, msg, ok := wrongType(f); ok {
			out = append(out, probe{rule: name + ": type", path: at, value: v, message: msg})
		}
		for _, v := range f.Validate {
			if bad, msg, ok := breaking(f, v); ok {
				out = append(out, probe{rule: name + ": " + v.Kind, path: at, value: bad, message: msg})
			}
		}
		if nested, err := c.NestedClass(f); err == nil && nested != nil && !f.Many && depth < 1 {
			out = append(out, probesOf(nested, at, depth+1)...)
		}
	}
	return out
}

// wrongType returns a value of another JSON type than f takes, and
// marshmallow's message for it.
func wrongType(f contract.Field) (any, string, bool) {
	switch f.Type {
	case "fields.String", "fields.Email":
		return 42, "Not a valid string.", true
	case "fields.Integer":
		return "forty-two", "Not a valid integer.", true
	case "fields.Float":
		return "forty-two", "Not a valid number.", true
	case "fields.Boolean":
		return "maybe", "Not a valid boolean.", true
	case "StrictBoolean":
		return "true", "Not a valid boolean.", true
	case "fields.UUID":
		return "not-a-uuid", "Not a valid UUID.", true
	case "fields.List":
		return "not-a-list", "Not a valid list.", true
	case "fields.Dict":
		return "not-a-dict", "Not a valid mapping type.", true
	case "Nested", "fields.Nested":
		return "not-an-object", "Invalid input type.", true
	}
	return nil, "", false
}

// breaking returns a value that v refuses and the message it refuses it
// with; false when no such value is derived for v.
func breaking(f contract.Field, v contract.Validator) (any, string, bool) {
	switch v.Kind {
	case "Length":
		return breakLength(f, v)
	case "Range":
		return breakRange(v)
	case "OneOf":
		choices := make([]string, len(v.Choices))
		for i, c := range v.Choices {
			choices[i] = fmt.Sprint(c)
		}
		return "no-such-choice", "Must be one of: " + strings.Join(choices, ", ") + ".", f.Type == "fields.String"
	case "Regexp":
		re, err := regexp.Compile(v.Regex)
		bad := "bad value\x01"
		return bad, "String does not match expected pattern.", err == nil && v.Regex != "" && !re.MatchString(bad)
	case "Predicate":
		return "abc", "Invalid input.", v.Method == "isdigit"
	}
	return nil, "", false
}

func breakLength(f contract.Field, v contract.Validator) (value any, message string, ok bool) {
	defer func() { ok = ok && value != nil }()
	long := func(n int) any {
		if f.Type == "fields.String" {
			return strings.Repeat("1", n)
		}
		return nil
	}
	if elem, ok := f.Elem(); ok && elem.Type == "fields.String" && len(elem.Validate) == 0 {
		long = func(n int) any {
			items := make([]any, n)
			for i := range items {
				items[i] = "x"
			}
			return items
		}
	}
	switch {
	case v.Equal != nil:
		return long(*v.Equal + 1), fmt.Sprintf("Length must be %d.", *v.Equal), true
	case v.Min != nil && v.Max != nil:
		return long(int(*v.Max) + 1), fmt.Sprintf("Length must be between %d and %d.", int(*v.Min), int(*v.Max)), true
	case v.Max != nil:
		return long(int(*v.Max) + 1), fmt.Sprintf("Longer than maximum length %d.", int(*v.Max)), true
	case v.Min != nil && *v.Min > 0:
		return long(int(*v.Min) - 1), fmt.Sprintf("Shorter than minimum length %d.", int(*v.Min)), true
	}
	return nil, "", false
}

func breakRange(v contract.Validator) (any, string, bool) {
	num := func(x float64) string { return fmt.Sprint(x) }
	switch {
	case v.Min != nil && v.Max != nil:
		return *v.Max + 1, fmt.Sprintf("Must be greater than or equal to %s and less than or equal to %s.", num(*v.Min), num(*v.Max)), true
	case v.Min != nil:
		return *v.Min - 1, fmt.Sprintf("Must be greater than or equal to %s.", num(*v.Min)), true
	case v.Max != nil:
		return *v.Max + 1, fmt.Sprintf("Must be less than or equal to %s.", num(*v.Max)), true
	}
	return nil, "", false
}

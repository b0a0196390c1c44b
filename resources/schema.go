package resources

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// FieldType is the JSON type a schema field accepts.
type FieldType int

// The field types, named after the marshmallow fields wazo uses.
const (
	String FieldType = iota
	Integer
	Float
	Boolean    // accepts true/false and wazo's truthy strings ("true", "1", ...)
	StrictBool // accepts JSON true/false only
	UUID
	List
	Object
	Mapping
	Raw
)

// Field describes one body field: its type, presence rules and validators.
// Build fields with the constructors (Str, Int, ...) and chain modifiers.
type Field struct {
	Name     string
	Type     FieldType
	Required bool
	Nullable bool
	ReadOnly bool
	Elem     *Field
	Schema   *Schema
	checks   []func(v any) string
	// nestedList marks a list of nested objects (see NestedList).
	nestedList bool
}

// Schema is an ordered set of fields with optional whole-object rules.
type Schema struct {
	Fields []Field
	// PreLoad rewrites the raw body before validation.
	PreLoad func(m map[string]any)
	// Checks run when every field is valid; a non-empty message is
	// reported under "_schema".
	Checks []func(m map[string]any) string
	// PostLoad rewrites the accepted fields (e.g. a deprecated shortcut).
	PostLoad func(m map[string]any)
	// Computed names output fields also accepted as input (shortcuts):
	// Check ignores them when it validates a value's own JSON.
	Computed []string
}

// Str, Int, Float, Bool, StrictBoolean, UUIDField, ListOf and Obj build fields.
func Str(name string) Field             { return Field{Name: name, Type: String} }
func Int(name string) Field             { return Field{Name: name, Type: Integer} }
func Num(name string) Field             { return Field{Name: name, Type: Float} }
func Bool(name string) Field            { return Field{Name: name, Type: Boolean} }
func StrictBoolean(name string) Field   { return Field{Name: name, Type: StrictBool} }
func UUIDField(name string) Field       { return Field{Name: name, Type: UUID} }
func ListOf(name string, e Field) Field { return Field{Name: name, Type: List, Elem: &e} }
func Obj(name string, s *Schema) Field  { return Field{Name: name, Type: Object, Schema: s} }

// NestedList builds a list of nested objects, as marshmallow's Nested
// with many=True: a value that is not a list is "Invalid input type.".
func NestedList(name string, s *Schema) Field {
	e := Obj("", s)
	return Field{Name: name, Type: List, Elem: &e, nestedList: true}
}

// Req marks the field required on create.
func (f Field) Req() Field { f.Required = true; return f }

// Null allows JSON null.
func (f Field) Null() Field { f.Nullable = true; return f }

// RO marks the field read-only: ignored on input.
func (f Field) RO() Field { f.ReadOnly = true; return f }

// Check adds a validator returning a message on failure.
func (f Field) Check(fn func(v any) string) Field {
	f.checks = append(append([]func(any) string(nil), f.checks...), fn)
	return f
}

// Len checks a string or list length as marshmallow's Length does; a
// negative bound is absent.
func (f Field) Len(min, max int) Field {
	return f.Check(func(v any) string { return lengthMessage(v, min, max) })
}

// LenEqual checks an exact string or list length, as Length(equal=n).
func (f Field) LenEqual(n int) Field {
	return f.Check(func(v any) string {
		if lengthMessage(v, n, n) != "" {
			return fmt.Sprintf("Length must be %d.", n)
		}
		return ""
	})
}

// NotIn checks the value is none of values, as marshmallow's NoneOf.
func (f Field) NotIn(values ...string) Field {
	return f.Check(func(v any) string {
		for _, c := range values {
			if fmt.Sprint(v) == c {
				return "Invalid input."
			}
		}
		return ""
	})
}

// In checks the value is one of choices.
func (f Field) In(choices ...string) Field {
	return f.Check(func(v any) string {
		for _, c := range choices {
			if fmt.Sprint(v) == c {
				return ""
			}
		}
		return "Must be one of: " + strings.Join(choices, ", ") + "."
	})
}

// Match checks a string against a regular expression (anchored by the caller).
func (f Field) Match(expr string) Field {
	re := regexp.MustCompile(expr)
	return f.Check(func(v any) string {
		if s, ok := v.(string); ok && re.MatchString(s) {
			return ""
		}
		return "String does not match expected pattern."
	})
}

// Range checks a number against bounds; math.NaN() is no bound.
func (f Field) Range(min, max float64) Field {
	return f.Check(func(v any) string { return rangeMessage(toFloat(v), min, max) })
}

// Digits checks that a string holds only digits (Python's str.isdigit).
func (f Field) Digits() Field {
	return f.Check(func(v any) string {
		s, _ := v.(string)
		if s == "" || strings.TrimLeft(s, "0123456789") != "" {
			return "Invalid input."
		}
		return ""
	})
}

func lengthMessage(v any, min, max int) string {
	n := 0
	switch x := v.(type) {
	case string:
		n = len([]rune(x))
	case []any:
		n = len(x)
	}
	switch {
	case (min >= 0 && n < min) || (max >= 0 && n > max):
		if min >= 0 && max >= 0 {
			return fmt.Sprintf("Length must be between %d and %d.", min, max)
		}
		if min >= 0 {
			return fmt.Sprintf("Shorter than minimum length %d.", min)
		}
		return fmt.Sprintf("Longer than maximum length %d.", max)
	}
	return ""
}

func rangeMessage(x, min, max float64) string {
	lo, hi := !math.IsNaN(min), !math.IsNaN(max)
	if (!lo || x >= min) && (!hi || x <= max) {
		return ""
	}
	switch {
	case lo && hi:
		return fmt.Sprintf("Must be greater than or equal to %s and less than or equal to %s.", num(min), num(max))
	case lo:
		return fmt.Sprintf("Must be greater than or equal to %s.", num(min))
	default:
		return fmt.Sprintf("Must be less than or equal to %s.", num(max))
	}
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	case json.Number:
		f, _ := x.Float64()
		return f
	}
	return math.NaN()
}

// WithNullable returns a copy of s whose named fields also accept null.
func (s *Schema) WithNullable(names ...string) *Schema {
	c := *s
	c.Fields = append([]Field(nil), s.Fields...)
	for i := range c.Fields {
		for _, n := range names {
			if c.Fields[i].Name == n {
				c.Fields[i].Nullable = true
			}
		}
	}
	return &c
}

// nan is "no bound" for Range.
var nan = math.NaN()

// WithOptional returns a copy of s whose named fields are not required.
func (s *Schema) WithOptional(names ...string) *Schema {
	c := *s
	c.Fields = append([]Field(nil), s.Fields...)
	for i := range c.Fields {
		for _, n := range names {
			if c.Fields[i].Name == n {
				c.Fields[i].Required = false
			}
		}
	}
	return &c
}

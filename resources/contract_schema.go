package resources

import (
	"fmt"
	"math"
	"regexp"
	"slices"

	"github.com/gopbx/confd/resources/contract"
)

// FromContract builds the body schema of one of wazo's schema classes
// from the contract: each field it loads, in wazo's order, with its type,
// presence rules, validators and messages; its nested objects likewise.
// own replaces fields of the same name or adds fields: a family's own
// types (destinations, option lists) and rules beyond wazo's. Dump-only
// fields are read-only. It panics when a field is of a type, or has a
// validator, that only a family can know and own does not replace it:
// every family declares its schema at start-up, so tests catch it.
func FromContract(class string, own ...Field) *Schema {
	c, err := contract.Schema(class)
	if err != nil {
		panic(err)
	}
	s, err := contractSchema(c, own, 0)
	if err != nil {
		panic(fmt.Sprintf("resources: schema %s: %v", class, err))
	}
	return s
}

// maxNesting bounds how deep loadable nested objects go.
const maxNesting = 4

func contractSchema(c *contract.Class, own []Field, depth int) (*Schema, error) {
	s := &Schema{}
	for _, cf := range c.Fields {
		if i := slices.IndexFunc(own, func(f Field) bool { return f.Name == cf.Name }); i >= 0 {
			s.Fields = append(s.Fields, own[i])
			continue
		}
		if dumpOnly(cf) {
			s.Fields = append(s.Fields, Field{Name: cf.Name, Type: Raw, ReadOnly: true})
			continue
		}
		f, err := contractField(c, cf, depth)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", cf.Name, err)
		}
		s.Fields = append(s.Fields, f)
	}
	for _, f := range own {
		if _, ok := c.Field(f.Name); !ok {
			s.Fields = append(s.Fields, f)
		}
	}
	return s, nil
}

// dumpOnly reports whether a field is only shown: marked so, or a link or
// a method (wazo's Link fields are dump-only by construction).
func dumpOnly(cf contract.Field) bool {
	return cf.DumpOnly || cf.Type == "ListLink" || cf.Type == "fields.Method"
}

// contractField builds one loadable field with its rules.
func contractField(c *contract.Class, cf contract.Field, depth int) (Field, error) {
	f, err := typedField(c, cf, depth)
	if err != nil {
		return f, err
	}
	f.Name, f.Required, f.Nullable = cf.Name, cf.Required, cf.AllowNone
	for _, v := range cf.Validate {
		if f, err = withValidator(f, v); err != nil {
			return f, err
		}
	}
	return f, nil
}

// scalarTypes maps wazo's scalar field types to ours.
var scalarTypes = map[string]FieldType{
	"fields.String": String, "fields.Email": String, "fields.Integer": Integer, "fields.Float": Float,
	"fields.Boolean": Boolean, "StrictBoolean": StrictBool, "fields.UUID": UUID,
	"fields.Dict": Mapping, "fields.Raw": Raw,
}

func typedField(c *contract.Class, cf contract.Field, depth int) (Field, error) {
	if t, ok := scalarTypes[cf.Type]; ok {
		f := Field{Type: t}
		if cf.Type == "fields.Email" {
			f = f.Check(email)
		}
		return f, nil
	}
	if elem, ok := cf.Elem(); ok {
		e, err := contractField(c, elem, depth)
		return ListOf("", e), err
	}
	if _, ok := cf.Nested(); ok && depth < maxNesting {
		return nestedField(c, cf, depth)
	}
	return Field{}, fmt.Errorf("type %s is the family's to declare", cf.Type)
}

// nestedField builds a nested object, or a list of them, limited to the
// fields its "only" names.
func nestedField(c *contract.Class, cf contract.Field, depth int) (Field, error) {
	nc, err := c.NestedClass(cf)
	if err != nil {
		return Field{}, err
	}
	sub, err := contractSchema(nc, nil, depth+1)
	if err != nil {
		return Field{}, err
	}
	if len(cf.Only) > 0 {
		sub.Fields = slices.DeleteFunc(sub.Fields, func(f Field) bool { return !slices.Contains(cf.Only, f.Name) })
	}
	if cf.Many {
		return NestedList("", sub), nil
	}
	return Obj("", sub), nil
}

// withValidator adds one of wazo's validators to f.
func withValidator(f Field, v contract.Validator) (Field, error) {
	switch v.Kind {
	case "Length":
		if v.Equal != nil {
			return f.LenEqual(*v.Equal), nil
		}
		return f.Len(bound(v.Min), bound(v.Max)), nil
	case "Range":
		return f.Range(limit(v.Min), limit(v.Max)), nil
	case "OneOf":
		return f.In(texts(v.Choices)...), nil
	case "NoneOf":
		return f.NotIn(texts(v.Iterable)...), nil
	case "Predicate":
		if v.Method == "isdigit" {
			return f.Digits(), nil
		}
	case "Regexp":
		if _, err := regexp.Compile(v.Regex); err == nil && v.Regex != "" {
			return f.Match(`^(?:` + v.Regex + `)`), nil // re.match: anchored at the start
		}
	}
	return f, fmt.Errorf("validator %s is the family's to declare", v.Kind)
}

func bound(x *float64) int {
	if x == nil {
		return -1
	}
	return int(*x)
}

func limit(x *float64) float64 {
	if x == nil {
		return math.NaN()
	}
	return *x
}

func texts(values []any) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = fmt.Sprint(v)
	}
	return out
}

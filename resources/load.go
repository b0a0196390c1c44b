package resources

import (
	"encoding/json"
	"math"
	"regexp"
	"sort"
	"strconv"
)

var (
	truthy = map[string]bool{"t": true, "T": true, "true": true, "True": true, "TRUE": true,
		"on": true, "On": true, "ON": true, "y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "1": true}
	falsy = map[string]bool{"f": true, "F": true, "false": true, "False": true, "FALSE": true,
		"off": true, "Off": true, "OFF": true, "n": true, "N": true, "no": true, "No": true, "NO": true, "0": true}
	uuidRe = regexp.MustCompile(`^(?i)(urn:uuid:)?\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$`)
)

// Load validates a decoded JSON object against the schema, as wazo-confd's
// marshmallow schemas do, and returns the accepted fields with their values
// converted (integers as int64, booleans as bool). Unknown and read-only
// fields are dropped. With partial, required fields may be absent (a PUT).
// The error lists one "Input Error - <field>: ..." message per bad field.
func (s *Schema) Load(m map[string]any, partial bool) (map[string]any, error) {
	out, errs := s.load(m, partial)
	if len(errs) == 0 {
		return out, nil
	}
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	e := &Error{Kind: Invalid}
	for _, k := range keys {
		e.Messages = append(e.Messages, "Input Error - "+k+": "+pyRepr(errs[k]))
	}
	return nil, e
}

func (s *Schema) load(m map[string]any, partial bool) (map[string]any, fieldErrors) {
	if s.PreLoad != nil {
		s.PreLoad(m)
	}
	out := make(map[string]any, len(s.Fields))
	errs := fieldErrors{}
	for i := range s.Fields {
		f := &s.Fields[i]
		if f.ReadOnly {
			continue
		}
		v, ok := m[f.Name]
		if !ok {
			if f.Required && !partial {
				errs.add(f.Name, "Missing data for required field.")
			}
			continue
		}
		val, ferr := f.load(v)
		if ferr != nil {
			errs[f.Name] = ferr
			continue
		}
		out[f.Name] = val
	}
	if len(errs) == 0 {
		for _, check := range s.Checks {
			if msg := check(out); msg != "" {
				errs.add("_schema", msg)
			}
		}
	}
	if len(errs) == 0 && s.PostLoad != nil {
		s.PostLoad(out)
	}
	return out, errs
}

// load converts one value; the error is []string or fieldErrors.
func (f *Field) load(v any) (any, any) {
	if v == nil {
		if f.Nullable {
			return nil, nil
		}
		return nil, []string{"Field may not be null."}
	}
	val, msg, nested := f.convert(v)
	if nested != nil {
		return nil, nested
	}
	if msg != "" {
		return nil, []string{msg}
	}
	var msgs []string
	for _, check := range f.checks {
		if m := check(val); m != "" {
			msgs = append(msgs, m)
		}
	}
	if len(msgs) > 0 {
		return nil, msgs
	}
	return val, nil
}

func (f *Field) convert(v any) (any, string, fieldErrors) {
	switch f.Type {
	case String:
		if s, ok := v.(string); ok {
			return s, "", nil
		}
		return nil, "Not a valid string.", nil
	case Integer:
		return convertInt(v)
	case Float:
		if x := toFloat(v); !math.IsNaN(x) {
			return x, "", nil
		}
		return nil, "Not a valid number.", nil
	case Boolean:
		return convertBool(v)
	case StrictBool:
		if b, ok := v.(bool); ok {
			return b, "", nil
		}
		return nil, "Not a valid boolean.", nil
	case UUID:
		if s, ok := v.(string); ok && uuidRe.MatchString(s) {
			return s, "", nil
		}
		return nil, "Not a valid UUID.", nil
	case List:
		return f.convertList(v)
	case Object:
		return f.convertObject(v)
	case Mapping:
		if o, ok := v.(map[string]any); ok {
			return o, "", nil
		}
		return nil, "Not a valid mapping type.", nil
	}
	return v, "", nil
}

func convertInt(v any) (any, string, fieldErrors) {
	switch x := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return i, "", nil
		}
		if fl, err := x.Float64(); err == nil && fl == math.Trunc(fl) && math.Abs(fl) < 1<<53 {
			return int64(fl), "", nil
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), "", nil
		}
	case int64:
		return x, "", nil
	case string:
		if i, err := strconv.ParseInt(x, 10, 64); err == nil {
			return i, "", nil
		}
	}
	return nil, "Not a valid integer.", nil
}

func convertBool(v any) (any, string, fieldErrors) {
	switch x := v.(type) {
	case bool:
		return x, "", nil
	case string:
		if truthy[x] {
			return true, "", nil
		}
		if falsy[x] {
			return false, "", nil
		}
	case json.Number:
		if x == "1" {
			return true, "", nil
		}
		if x == "0" {
			return false, "", nil
		}
	}
	return nil, "Not a valid boolean.", nil
}

func (f *Field) convertList(v any) (any, string, fieldErrors) {
	items, ok := v.([]any)
	if !ok && f.nestedList {
		return nil, "", fieldErrors{"_schema": []string{"Invalid input type."}}
	}
	if !ok {
		return nil, "Not a valid list.", nil
	}
	out := make([]any, len(items))
	errs := fieldErrors{}
	for i, item := range items {
		val, err := f.Elem.load(item)
		if err != nil {
			errs[strconv.Itoa(i)] = err
			continue
		}
		out[i] = val
	}
	if len(errs) > 0 {
		return nil, "", errs
	}
	return out, "", nil
}

func (f *Field) convertObject(v any) (any, string, fieldErrors) {
	o, ok := v.(map[string]any)
	if !ok {
		return nil, "", fieldErrors{"_schema": []string{"Invalid input type."}}
	}
	out, errs := f.Schema.load(o, false)
	if len(errs) > 0 {
		return nil, "", errs
	}
	return out, "", nil
}

// DecodeJSON parses a request body the way wazo does: numbers kept exact,
// a JSON null or other falsy value treated as an empty object. A body that
// is not a JSON object gives the same error as wazo's; so does one that is
// not valid UTF-8, and NUL characters are refused (see checkBodyText).
func DecodeJSON(body []byte) (map[string]any, error) {
	if err := checkBodyText(body); err != nil {
		return nil, err
	}
	var v any
	dec := json.NewDecoder(bytesReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil || dec.More() {
		return nil, ErrBadRequest()
	}
	switch x := v.(type) {
	case map[string]any:
		if err := nulFields(x); err != nil {
			return nil, err
		}
		return x, nil
	case nil:
		return map[string]any{}, nil
	case []any:
		if len(x) == 0 {
			return map[string]any{}, nil
		}
	case bool:
		if !x {
			return map[string]any{}, nil
		}
	case string:
		if x == "" {
			return map[string]any{}, nil
		}
	case json.Number:
		if f, _ := x.Float64(); f == 0 {
			return map[string]any{}, nil
		}
	}
	return nil, &Error{Kind: Invalid, Messages: []string{"Input Error - _schema: ['Invalid input type.']"}}
}

package contract

import (
	"bytes"
	"encoding/json"
)

// decodeValidators reads a field's "validate": absent, one validator or a
// list of them. A Regexp whose pattern the source computes keeps Regex "".
func decodeValidators(data json.RawMessage) ([]Validator, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	var items []json.RawMessage
	if data[0] == '[' {
		if err := json.Unmarshal(data, &items); err != nil {
			return nil, err
		}
	} else {
		items = []json.RawMessage{data}
	}
	out := make([]Validator, len(items))
	for i, item := range items {
		var v struct {
			Validator
			Regex json.RawMessage `json:"regex"`
		}
		if err := json.Unmarshal(item, &v); err != nil {
			return nil, err
		}
		var pattern string
		if json.Unmarshal(v.Regex, &pattern) == nil {
			v.Validator.Regex = pattern
		}
		out[i] = v.Validator
	}
	return out, nil
}

// Nested returns the class a Nested field (or a list of them) holds, and
// whether the field is one.
func (f Field) Nested() (string, bool) {
	if (f.Type != "Nested" && f.Type != "fields.Nested") || len(f.Args) == 0 {
		return "", false
	}
	var name string
	if json.Unmarshal(f.Args[0], &name) == nil {
		return name, true
	}
	var ref struct {
		Ref string `json:"ref"`
	}
	if json.Unmarshal(f.Args[0], &ref) == nil && ref.Ref != "" {
		return ref.Ref, true
	}
	return "", false
}

// Elem returns the element field of a fields.List.
func (f Field) Elem() (Field, bool) {
	if f.Type != "fields.List" || len(f.Args) == 0 {
		return Field{}, false
	}
	var e struct {
		Field
		Validate json.RawMessage `json:"validate"`
	}
	if err := json.Unmarshal(f.Args[0], &e); err != nil || e.Field.Type == "" {
		return Field{}, false
	}
	vs, err := decodeValidators(e.Validate)
	if err != nil {
		return Field{}, false
	}
	e.Field.Validate = vs
	return e.Field, true
}

// NestedClass resolves the class a Nested field holds, near the module
// of the class that has the field.
func (c *Class) NestedClass(f Field) (*Class, error) {
	name, ok := f.Nested()
	if !ok {
		return nil, nil
	}
	return resolve(name, c.Module)
}

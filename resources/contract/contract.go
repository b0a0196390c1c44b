// Package contract reads facts about wazo-confd's API kept as data in
// schemas.json: every marshmallow schema class of wazo-confd with its
// fields, their types, presence rules and validators (see
// scripts/contract-sync.sh for where the file comes from). Field order is
// the source's.
package contract

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
)

//go:embed schemas.json
var schemasJSON []byte

// Validator is one marshmallow validator of a field.
type Validator struct {
	// Kind is Length, Range, OneOf, NoneOf, Regexp, Predicate, Equal, ...
	Kind string `json:"kind"`
	// Min and Max bound a Length or a Range; nil is no bound.
	Min *float64 `json:"min"`
	Max *float64 `json:"max"`
	// Equal is a Length's exact length.
	Equal *int `json:"equal"`
	// Choices are a OneOf's values, Iterable a NoneOf's.
	Choices  []any `json:"choices"`
	Iterable []any `json:"iterable"`
	// Regex is a Regexp's pattern; empty when the source computes it.
	Regex string `json:"-"`
	// Method names a Predicate's string method ("isdigit").
	Method string `json:"method"`
}

// Field is one field of a schema class.
type Field struct {
	Name string `json:"-"`
	// Type is the marshmallow field: "fields.String", "StrictBoolean",
	// "Nested", "fields.List", "ListLink", ...
	Type        string            `json:"type"`
	Required    bool              `json:"required"`
	AllowNone   bool              `json:"allow_none"`
	DumpOnly    bool              `json:"dump_only"`
	Many        bool              `json:"many"`
	LoadDefault json.RawMessage   `json:"load_default"`
	Attribute   string            `json:"attribute"`
	Only        []string          `json:"only"`
	Args        []json.RawMessage `json:"args"`
	Validate    []Validator       `json:"-"`
}

// Class is a schema class with its fields, those of its bases first.
type Class struct {
	Module string
	Name   string
	Fields []Field
}

// Field returns the class's field called name.
func (c *Class) Field(name string) (Field, bool) {
	for _, f := range c.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// rawClass is a class as stored: its own fields, raw and in order.
type rawClass struct {
	Module string          `json:"module"`
	Class  string          `json:"class"`
	Bases  []string        `json:"bases"`
	Fields json.RawMessage `json:"fields"`
}

var (
	loadOnce sync.Once
	loadErr  error
	raw      map[string]rawClass // by "module:Class"
)

func load() error {
	loadOnce.Do(func() {
		var doc struct {
			Schemas map[string]rawClass `json:"schemas"`
		}
		loadErr = json.Unmarshal(schemasJSON, &doc)
		raw = doc.Schemas
	})
	return loadErr
}

// Schema returns the class called name ("UserSchema", or
// "wazo_confd/plugins/user/schema.py:UserSchema" where the short name is
// not unique), with the fields of its bases.
func Schema(name string) (*Class, error) {
	if err := load(); err != nil {
		return nil, err
	}
	return resolve(name, "")
}

// resolve finds a class by name, preferring one of module near.
func resolve(name, near string) (*Class, error) {
	key, err := find(name, near)
	if err != nil {
		return nil, err
	}
	rc := raw[key]
	c := &Class{Module: rc.Module, Name: rc.Class}
	for _, base := range rc.Bases {
		if b, err := resolve(base, rc.Module); err == nil {
			c.Fields = merge(c.Fields, b.Fields)
		}
	}
	own, err := decodeFields(rc.Fields)
	if err != nil {
		return nil, fmt.Errorf("contract: %s: %w", key, err)
	}
	c.Fields = merge(c.Fields, own)
	for i := range c.Fields {
		if slices.Contains(boundNullable[rc.Class], c.Fields[i].Name) {
			c.Fields[i].AllowNone = true
		}
	}
	return c, nil
}

// boundNullable are the fields that a class's on_bind_field hook makes
// nullable (a fact of wazo's code that the data does not hold).
var boundNullable = map[string][]string{
	"UserSchemaNullable": {"call_record_enabled", "call_transfer_enabled", "caller_id", "dtmf_hangup_enabled",
		"enabled", "online_call_record_enabled", "ring_seconds", "simultaneous_calls", "supervision_enabled"},
	"LineSchemaNullable": {"provisioning_code", "position", "registrar"},
}

// find returns the key of the class name: an exact key, the one class of
// that name, or the one of that name in module near.
func find(name, near string) (string, error) {
	if _, ok := raw[name]; ok {
		return name, nil
	}
	var found []string
	for key := range raw {
		if strings.HasSuffix(key, ":"+name) {
			if near != "" && key == near+":"+name {
				return key, nil
			}
			found = append(found, key)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("contract: %d schema classes named %q", len(found), name)
	}
	return found[0], nil
}

// merge returns base with the fields of over replacing or following it.
func merge(base, over []Field) []Field {
	out := append([]Field(nil), base...)
	for _, f := range over {
		replaced := false
		for i := range out {
			if out[i].Name == f.Name {
				out[i], replaced = f, true
			}
		}
		if !replaced {
			out = append(out, f)
		}
	}
	return out
}

// decodeFields reads a fields object keeping its key order.
func decodeFields(data json.RawMessage) ([]Field, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	var out []Field
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var f struct {
			Field
			Validate json.RawMessage `json:"validate"`
		}
		if err := dec.Decode(&f); err != nil {
			return nil, err
		}
		f.Field.Name = tok.(string)
		vs, err := decodeValidators(f.Validate)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.Field.Name, err)
		}
		f.Field.Validate = vs
		out = append(out, f.Field)
	}
	return out, nil
}

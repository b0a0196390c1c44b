package resources

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// Apply copies the accepted fields of a loaded body onto v through JSON, so
// that only the keys present change (wazo's partial update). A list given
// replaces the old one whole: JSON decoding would otherwise decode its
// elements over the old ones, keeping what they do not mention.
func Apply(fields any, v any) error {
	b, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	if m, ok := fields.(map[string]any); ok {
		clearLists(m, v)
	}
	return json.Unmarshal(b, v)
}

// clearLists empties the slice fields of struct *v that m sets.
func clearLists(m map[string]any, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		return
	}
	rv = rv.Elem()
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Type().Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		if _, set := m[name]; set && f.IsExported() && f.Type.Kind() == reflect.Slice {
			rv.Field(i).SetZero()
		}
	}
}

// Check validates v, a resource value, against s as if it were a full body:
// the rules of the API also hold for library callers.
func Check(s *Schema, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	m, err := DecodeJSON(b)
	if err != nil {
		return err
	}
	for _, k := range s.Computed {
		delete(m, k)
	}
	_, err = s.Load(m, false)
	return err
}

// Ptr returns a pointer to v, for optional fields.
func Ptr[T any](v T) *T { return &v }

package resources

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
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
// that only the keys present change (wazo's partial update).
func Apply(fields any, v any) error {
	b, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
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

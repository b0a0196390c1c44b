package resources

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text that a request brings (body, query, path) must be valid UTF-8 without
// NUL: PostgreSQL refuses NUL in text, and invalid UTF-8 would be stored as
// U+FFFD.

// CheckText refuses a NUL character or invalid UTF-8 in s, the value of the
// named field or parameter: "Input Error - field 'x': String must not
// contain NUL characters" or "... String must be valid UTF-8".
func CheckText(field, s string) error {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return errNUL(field)
	case !utf8.ValidString(s):
		return ErrInput("field '%s': String must be valid UTF-8", field)
	}
	return nil
}

func errNUL(field string) *Error {
	return ErrInput("field '%s': String must not contain NUL characters", field)
}

// checkBodyText refuses, as wazo does, a body that is not valid UTF-8; a
// lone UTF-16 surrogate escape ("\ud800") is refused alike, as Go would
// decode it as U+FFFD.
func checkBodyText(body []byte) error {
	if !utf8.Valid(body) || loneSurrogate(body) {
		return ErrBadRequest()
	}
	return nil
}

// loneSurrogate reports whether a JSON text escapes half of a UTF-16
// surrogate pair without the other half.
func loneSurrogate(b []byte) bool {
	high := false // the escape before was a high surrogate
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			if high {
				return true
			}
			continue
		}
		i++ // the escaped character
		r := rune(-1)
		if i+4 < len(b) && b[i] == 'u' {
			if n, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 16); err == nil {
				r, i = rune(n), i+4
			}
		}
		low := r >= 0xDC00 && r <= 0xDFFF
		if high != low {
			return true
		}
		high = r >= 0xD800 && r <= 0xDBFF
	}
	return high
}

// nulFields refuses the NUL characters of a decoded body, in keys and
// values at any depth, with one message per field: nested fields are
// named by their path ("lines.0.context").
func nulFields(v any) error {
	paths := nulPaths(v, "", nil)
	if len(paths) == 0 {
		return nil
	}
	sort.Strings(paths)
	e := &Error{Kind: Invalid}
	for _, p := range paths {
		e.Messages = append(e.Messages, errNUL(p).Messages...)
	}
	return e
}

func nulPaths(v any, path string, out []string) []string {
	join := func(k string) string {
		k = strings.ReplaceAll(k, "\x00", `\u0000`)
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch x := v.(type) {
	case string:
		if strings.IndexByte(x, 0) >= 0 {
			out = append(out, path)
		}
	case []any:
		for i, e := range x {
			out = nulPaths(e, join(strconv.Itoa(i)), out)
		}
	case map[string]any:
		for k, e := range x {
			if strings.IndexByte(k, 0) >= 0 {
				out = append(out, join(k))
				continue
			}
			out = nulPaths(e, join(k), out)
		}
	}
	return out
}

// QueryBool reads the optional boolean query parameter name as wazo's
// list schema does (marshmallow's truthy and falsy strings, first value);
// another value is "Input Error - <name>: {'message': 'Not a valid
// boolean.', ...}", xivo.mallow's error printed as Python does.
func QueryBool(q map[string][]string, name string) (bool, error) {
	v, ok := q[name]
	switch {
	case !ok || len(v) == 0:
		return false, nil
	case truthy[v[0]]:
		return true, nil
	case falsy[v[0]]:
		return false, nil
	}
	return false, ErrInput("%s: {'message': 'Not a valid boolean.', 'constraint_id': 'type', 'constraint': 'boolean'}", name)
}

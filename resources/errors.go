package resources

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an Error; the HTTP layer maps each kind to one status.
type Kind int

// The kinds of Error.
const (
	// Internal is an unexpected failure (500).
	Internal Kind = iota
	// Invalid is bad input: a field, a query parameter, a body (400, "Input Error").
	Invalid
	// Conflict breaks a resource rule: duplicate, association (400, "Resource Error").
	Conflict
	// NotFound is a missing object addressed by the path (404).
	NotFound
)

// Error is a failure with wazo-confd's messages: each message is one string
// of the JSON list wazo answers with.
type Error struct {
	Kind     Kind
	Messages []string
	// Cause is the database error behind the message, if any.
	Cause error
}

func (e *Error) Error() string { return strings.Join(e.Messages, "; ") }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// KindOf returns the Kind of err, Internal for errors that are not *Error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// IsNotFound reports whether err is a NotFound Error.
func IsNotFound(err error) bool { return err != nil && KindOf(err) == NotFound }

// Meta is an ordered list of key/value pairs shown after a message, as
// Python prints a dict: ('id': 42, 'name': 'x').
type Meta []any

func (m Meta) String() string {
	if len(m) == 0 {
		return ""
	}
	parts := make([]string, 0, len(m)/2)
	for i := 0; i+1 < len(m); i += 2 {
		parts = append(parts, fmt.Sprintf("'%v': %s", m[i], pyRepr(m[i+1])))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func newErr(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Messages: []string{fmt.Sprintf(format, args...)}}
}

// ErrNotFound is "Resource Not Found - <Resource> was not found (meta)", 404.
func ErrNotFound(resource string, meta ...any) *Error {
	return newErr(NotFound, "Resource Not Found - %s was not found%s", resource, Meta(meta))
}

// ErrInputNotFound is a missing object referenced by a body field, 400:
// "Input Error - field 'context': Context was not found ('context': 'x')".
func ErrInputNotFound(field, resource string, meta ...any) *Error {
	return newErr(Invalid, "Input Error - field '%s': %s was not found%s", field, resource, Meta(meta))
}

// ErrExists is "Resource Error - <Resource> already exists (meta)".
func ErrExists(resource string, meta ...any) *Error {
	return newErr(Conflict, "Resource Error - %s already exists%s", resource, Meta(meta))
}

// ErrAssociated is "Resource Error - <Left> is associated with a <Right> (meta)".
func ErrAssociated(left, right string, meta ...any) *Error {
	return newErr(Conflict, "Resource Error - %s is associated with a %s%s", left, right, Meta(meta))
}

// ErrMissingAssociation is "Resource Error - <Left> must be associated with a <Right> (meta)".
func ErrMissingAssociation(left, right string, meta ...any) *Error {
	return newErr(Conflict, "Resource Error - %s must be associated with a %s%s", left, right, Meta(meta))
}

// ErrDifferentTenants is "Resource Error - different tenants (meta)".
func ErrDifferentTenants(meta ...any) *Error {
	return newErr(Conflict, "Resource Error - different tenants%s", Meta(meta))
}

// ErrOutsideRange is "Input Error - Extension '<e>' is outside of range for context '<c>'".
func ErrOutsideRange(exten, context string) *Error {
	return newErr(Invalid, "Input Error - Extension '%s' is outside of range for context '%s'", exten, context)
}

// ErrNotPermitted is "Resource Error - Operation not permitted. <reason>".
func ErrNotPermitted(reason string) *Error {
	return newErr(Conflict, "Resource Error - Operation not permitted. %s", reason)
}

// ErrInput is a free-form "Input Error - <message>".
func ErrInput(format string, args ...any) *Error {
	return newErr(Invalid, "Input Error - "+format, args...)
}

// ErrResource is a free-form "Resource Error - <message>".
func ErrResource(format string, args ...any) *Error {
	return newErr(Conflict, "Resource Error - "+format, args...)
}

// ErrBadRequest is wazo's answer to a body that is not JSON.
func ErrBadRequest() *Error {
	return newErr(Invalid, "The browser (or proxy) sent a request that this server could not understand.")
}

package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/gopbx/confd/resources"
	"github.com/jackc/pgx/v5/pgconn"
)

// Violation classifies a database constraint failure.
type Violation int

// The constraint failures the store recognises.
const (
	NoViolation Violation = iota
	UniqueViolation
	ForeignKeyViolation
)

// ViolationOf tells which constraint, if any, err broke, on either engine.
func ViolationOf(err error) Violation {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return UniqueViolation
		case "23503":
			return ForeignKeyViolation
		}
		return NoViolation
	}
	if err == nil {
		return NoViolation
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"), strings.Contains(msg, "constraint failed: UNIQUE"):
		return UniqueViolation
	case strings.Contains(msg, "FOREIGN KEY constraint failed"):
		return ForeignKeyViolation
	}
	return NoViolation
}

// heldFailure is the failure of a write that waited (Tx.ExecLater): such a
// write relies on what the transaction read before (a row still there), so
// it fails only when a concurrent transaction changed that meanwhile.
type heldFailure struct{ error }

func (e heldFailure) Unwrap() error { return e.error }

// IsNoRows reports whether err means a query found nothing.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// FormatError turns a database error into a resources.Error: a unique
// violation becomes "<resource> already exists", a foreign key violation
// "<resource> is associated with a ...", no rows "<resource> was not found".
// Other errors are returned unchanged (they answer 500).
func FormatError(err error, resource string, meta ...any) error {
	if err == nil {
		return nil
	}
	var re *resources.Error
	if errors.As(err, &re) {
		return err
	}
	var out *resources.Error
	switch {
	case IsNoRows(err):
		return resources.ErrNotFound(resource, meta...)
	case ViolationOf(err) == UniqueViolation:
		out = resources.ErrExists(resource, meta...)
	case ViolationOf(err) == ForeignKeyViolation:
		out = resources.ErrResource("%s has an invalid reference or is still in use%s", resource, resources.Meta(meta))
	default:
		return err
	}
	out.Cause = err
	return out
}

// Retryable reports whether a transaction failed only because a
// concurrent one won a race (unique violation, serialization failure,
// deadlock, or any failure of a write that waited, see Tx.ExecLater):
// running it again sees the winner's result.
func Retryable(err error) bool {
	if errors.As(err, new(heldFailure)) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505", "40001", "40P01":
			return true
		}
	}
	return false
}

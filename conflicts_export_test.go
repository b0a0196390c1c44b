package confd

import (
	"context"
	"errors"

	"github.com/gopbx/confd/resources"
)

// Exports for the tests of package confd_test.

// CreateTenantSIPTemplates exposes createTenantSIPTemplates to the tests
// of package confd_test until Tenants calls it.
var CreateTenantSIPTemplates = createTenantSIPTemplates

// SIPNameTaken runs, in a transaction, what explains the insert of a new
// SIP endpoint that found a unique value taken.
func SIPNameTaken(ctx context.Context, c *Client, v *resources.EndpointSIP) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		return tx.EndpointsSIP.kind.nameTaken(ctx, tx.tx, v)
	})
}

// LineCodeTaken runs, in a transaction, what explains the insert of a new
// line that found a unique value taken.
func LineCodeTaken(ctx context.Context, c *Client, v *resources.Line) error {
	return c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		return lineCodeTaken(ctx, tx.tx, v)
	})
}

var errRolledBack = errors.New("rolled back")

// afterRollback runs attempt in a transaction that is rolled back, then
// again: as a retried transaction does.
func afterRollback(ctx context.Context, c *Client, attempt func(ctx context.Context, tx *Client) error, again func() error) error {
	err := c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		if err := attempt(ctx, tx); err != nil {
			return err
		}
		return errRolledBack
	})
	if err != errRolledBack {
		return err
	}
	return again()
}

// CreateUserAfterRollback creates n after an attempt rolled back.
func CreateUserAfterRollback(ctx context.Context, c *Client, s Scope, n *NewUser) error {
	return afterRollback(ctx, c, func(ctx context.Context, tx *Client) error { return tx.createUserWith(ctx, s, n.attempt()) },
		func() error { return c.CreateUserWith(ctx, s, n) })
}

// UpdateUserAfterRollback updates as u says after an attempt rolled back.
func UpdateUserAfterRollback(ctx context.Context, c *Client, s Scope, u *UserUpdate) error {
	return afterRollback(ctx, c, func(ctx context.Context, tx *Client) error { return tx.updateUserWith(ctx, s, u.attempt()) },
		func() error { return c.UpdateUserWith(ctx, s, u) })
}

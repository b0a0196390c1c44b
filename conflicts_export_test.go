package confd

import (
	"context"

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

package confd

import (
	"context"

	"github.com/gopbx/confd/resources"
)

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

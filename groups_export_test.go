package confd

import (
	"context"

	"github.com/gopbx/confd/store"
)

// The helpers the users' family wires in, exposed to package confd_test.
var (
	UserGroupRefs  = userGroupRefs
	UserIncallRefs = userIncallRefs
)

// DropUserGroupRelations runs dropUserGroupRelations in a transaction.
func DropUserGroupRelations(ctx context.Context, c *Client, userID int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error { return dropUserGroupRelations(ctx, tx, userID) })
}

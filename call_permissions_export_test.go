package confd

import (
	"context"

	"github.com/gopbx/confd/store"
)

// The functions the users' and groups' families call, exposed to package
// confd_test.
var (
	UserCallPermissionRefs   = userCallPermissionRefs
	UserCallPickupTargetRefs = userCallPickupTargetRefs
	UserScheduleRefs         = userScheduleRefs
	GroupScheduleRefs        = groupScheduleRefs
	GroupCallPermissionRefs  = groupCallPermissionRefs
	IncallScheduleRefs       = incallScheduleRefs
	LoadUserAccess           = loadUserAccess
)

// DropUserAccess runs dropUserAccess in a transaction of c.
func DropUserAccess(ctx context.Context, c *Client, userID int) error {
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error { return dropUserAccess(ctx, tx, userID) })
}

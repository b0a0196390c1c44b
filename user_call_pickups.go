package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
)

// pickupInterceptorsSQL lists (call_pickup_id, user_id) for every user who
// intercepts a call pickup, directly or as a member of an interceptor
// group; pickupTargetsSQL the same for the users whose calls it picks up.
var (
	pickupInterceptorsSQL = pickupMembersSQL(pickupInterceptor)
	pickupTargetsSQL      = pickupMembersSQL(pickupTarget)
)

func pickupMembersSQL(side string) string {
	return "SELECT call_pickup_id, user_id FROM call_pickup_users WHERE category = '" + side + "'" +
		" UNION SELECT p.call_pickup_id, m.user_id FROM call_pickup_groups AS p" +
		" JOIN group_member_users AS m ON m.group_id = p.group_id WHERE p.category = '" + side + "'"
}

// userCallPickupTargetRefs lists, for each user, the users whose calls
// the user may pick up (wazo's call_pickup_target_users): the targets of
// every call pickup the user intercepts, directly or through a group.
func userCallPickupTargetRefs(ctx context.Context, db bun.IDB, userIDs []int) (map[int][]resources.RelatedUser, error) {
	var rows []relatedUserRow
	err := db.NewSelect().
		TableExpr("("+pickupInterceptorsSQL+") AS i").
		Join("JOIN ("+pickupTargetsSQL+") AS t ON t.call_pickup_id = i.call_pickup_id").
		Join("JOIN users AS u ON u.id = t.user_id").
		ColumnExpr("DISTINCT i.user_id AS owner, u.id, u.uuid, u.firstname, u.lastname").
		Where("i.user_id IN (?)", bun.List(userIDs)).
		OrderExpr("owner, u.id").Scan(ctx, &rows)
	out := map[int][]resources.RelatedUser{}
	for _, r := range rows {
		out[r.Owner] = append(out[r.Owner], r.user(ctx, true))
	}
	return out, err
}

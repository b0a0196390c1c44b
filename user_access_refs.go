package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// userAccessRefs is what a user shows of schedules, call permissions and
// call pickups, in wazo's shapes.
type userAccessRefs struct {
	Schedules             []resources.NamedRef    // {id, name, links}
	CallPermissions       []resources.NamedRef    // {id, name, links}
	CallPickupTargetUsers []resources.RelatedUser // {uuid, firstname, lastname, links}
}

// userAccess returns, for each user id, its schedule, its call
// permissions and the users whose calls it may pick up. A user without
// any has zero lists (nil slices).
func userAccess(ctx context.Context, db bun.IDB, userIDs []int) (map[int]userAccessRefs, error) {
	out := make(map[int]userAccessRefs, len(userIDs))
	if len(userIDs) == 0 {
		return out, nil
	}
	scheds, err := userScheduleRefs(ctx, db, userIDs)
	if err != nil {
		return nil, err
	}
	perms, err := userCallPermissionRefs(ctx, db, userIDs)
	if err != nil {
		return nil, err
	}
	targets, err := userCallPickupTargetRefs(ctx, db, userIDs)
	if err != nil {
		return nil, err
	}
	for _, id := range userIDs {
		out[id] = userAccessRefs{Schedules: scheds[id], CallPermissions: perms[id], CallPickupTargetUsers: targets[id]}
	}
	return out, nil
}

// loadUserAccess fills the users' schedules, call_permissions and
// call_pickup_target_users (empty lists when none): a load hook for users.
func loadUserAccess(ctx context.Context, db bun.IDB, users []*resources.User) error {
	ids := make([]int, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	refs, err := userAccess(ctx, db, ids)
	if err != nil {
		return err
	}
	for _, u := range users {
		r := refs[u.ID]
		u.Schedules, u.CallPermissions, u.CallPickupTargetUsers = anyList(r.Schedules), anyList(r.CallPermissions), anyList(r.CallPickupTargetUsers)
	}
	return nil
}

func anyList[T any](items []T) []any {
	out := make([]any, len(items))
	for i, v := range items {
		out[i] = v
	}
	return out
}

// dropUserAccess removes, in tx, the user's schedule, call permissions and
// call pickup memberships, as wazo does when it deletes a user. The
// database also does it (foreign keys), and no event is sent, as in wazo.
func dropUserAccess(ctx context.Context, tx *store.Tx, userID int) error {
	for _, table := range []string{"user_schedules", "user_call_permissions", "call_pickup_users"} {
		if _, err := tx.NewDelete().Table(table).Where("user_id = ?", userID).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

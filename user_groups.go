package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// UserGroupRef is a group as listed inside a user.
type UserGroupRef = resources.RelatedGroup

// SetUserGroups replaces the groups the user (id or uuid) is a member of:
// groups of the user's tenant, each once; a user joining groups needs a
// line. The user keeps their priority in the groups they stay in and
// joins the others with priority 0.
func (c *Client) SetUserGroups(ctx context.Context, s Scope, userRef any, refs []resources.GroupRef) error {
	if err := resources.Check(resources.UserGroupsSchema, map[string]any{"groups": resources.NonNil(refs)}); err != nil {
		return err
	}
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, err := store.Get[resources.User](ctx, tx, userTable, userRef, s.Tenants)
		if err != nil {
			return err
		}
		groups, err := findGroups(ctx, tx, s, u, refs)
		if err != nil {
			return err
		}
		if len(groups) > 0 {
			if _, err := mainLines(ctx, tx, []*resources.User{u}); err != nil {
				return err
			}
		}
		ids := make([]int, len(groups))
		seen := map[int]bool{}
		for i, g := range groups {
			if seen[g.ID] {
				return resources.ErrNotPermitted("Cannot associate same group more than once")
			}
			seen[g.ID], ids[i] = true, g.ID
		}
		if err := replaceUserGroups(ctx, tx, u.ID, ids); err != nil {
			return err
		}
		tx.Reload(groupMemberReload)
		data := map[string]any{"user_uuid": u.UUID, "group_ids": ids}
		return tx.Emit(ctx, withOrigin(c, userEvent("user_groups_associated", "config.users.groups.updated", u, data))...)
	})
}

// findGroups finds each group by id and/or uuid among the tenants of s; a
// group of another tenant than the user's is refused.
func findGroups(ctx context.Context, tx *store.Tx, s Scope, u *resources.User, refs []resources.GroupRef) ([]*resources.Group, error) {
	out := make([]*resources.Group, len(refs))
	for i, r := range refs {
		q, args, meta := "1 = 1", []any{}, []any{}
		if r.ID != 0 {
			q, args, meta = q+" AND id = ?", append(args, r.ID), append(meta, "id", r.ID)
		}
		if r.UUID != "" {
			q, args, meta = q+" AND uuid = ?", append(args, r.UUID), append(meta, "uuid", r.UUID)
		}
		g, err := store.Find[resources.Group](ctx, tx, groupTable, s.Tenants, q, args...)
		if err != nil {
			return nil, err
		}
		if g == nil {
			return nil, resources.ErrInputNotFound("groups", "Group", meta...)
		}
		if g.TenantUUID != u.TenantUUID {
			return nil, resources.ErrDifferentTenants("group_tenant_uuid", g.TenantUUID, "user_tenant_uuid", u.TenantUUID)
		}
		out[i] = g
	}
	return out, nil
}

func replaceUserGroups(ctx context.Context, tx *store.Tx, userID int, groupIDs []int) error {
	var kept []groupMemberUser
	if err := tx.NewSelect().Model(&kept).Where("user_id = ?", userID).Scan(ctx); err != nil {
		return err
	}
	priorities := map[int]int{}
	for _, k := range kept {
		priorities[k.GroupID] = k.Priority
	}
	rows := make([]groupMemberUser, len(groupIDs))
	for i, gid := range groupIDs {
		rows[i] = groupMemberUser{GroupID: gid, UserID: userID, Priority: priorities[gid]}
	}
	return store.FormatError(replaceRows(ctx, tx, &rows, "group_member_users", "user_id = ?", userID), "GroupMember")
}

// userGroupRefs returns, for each of the users, the groups they are a
// member of, in group id order, as users show them ("groups").
func userGroupRefs(ctx context.Context, db bun.IDB, userIDs []int) (map[int][]UserGroupRef, error) {
	return relatedGroups(ctx, db, "group_member_users", "user_id", userIDs)
}

// userIncallRefs returns, for each of the users, the incalls whose
// destination is the user, as users show them ("incalls").
func userIncallRefs(ctx context.Context, db bun.IDB, userIDs []int) (map[int][]resources.IncallBrief, error) {
	out := map[int][]resources.IncallBrief{}
	if len(userIDs) == 0 {
		return out, nil
	}
	owners, err := destinationOwners(ctx, db, destOwnerIncall, "user_id", userIDs)
	if err != nil {
		return nil, err
	}
	for userID, incallIDs := range owners {
		if out[userID], err = incallBriefs(ctx, db, incallIDs); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// dropUserGroupRelations removes, in tx, the user's group memberships and
// the destinations to the user (incalls fall back to none, fallbacks to
// null). The database does it too when the user's row is deleted (foreign
// keys); call it to drop them earlier, e.g. before other checks.
func dropUserGroupRelations(ctx context.Context, tx *store.Tx, userID int) error {
	if _, err := tx.NewDelete().Model((*groupMemberUser)(nil)).Where("user_id = ?", userID).Exec(ctx); err != nil {
		return err
	}
	_, err := tx.NewDelete().Model((*destinationRow)(nil)).Where("user_id = ?", userID).Exec(ctx)
	return err
}

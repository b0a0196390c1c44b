package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

type groupMemberUser struct {
	bun.BaseModel `bun:"table:group_member_users"`
	GroupID       int `bun:"group_id,pk"`
	UserID        int `bun:"user_id,pk"`
	Priority      int `bun:"priority"`
}

type groupMemberExtension struct {
	bun.BaseModel `bun:"table:group_member_extensions"`
	GroupID       int    `bun:"group_id,pk"`
	Exten         string `bun:"exten,pk"`
	Context       string `bun:"context,pk"`
	Priority      int    `bun:"priority"`
}

var groupMemberReload = reload.Commands("module reload res_pjsip.so", "module reload app_queue.so",
	"module reload chan_sccp.so")

// SetMemberUsers replaces the users of group ref (id or uuid): users of
// the group's tenant, each with a line, each once, no two on the same
// line. A nil priority is the user's position in the list.
func (m *Groups) SetMemberUsers(ctx context.Context, s Scope, ref any, members []resources.GroupUserMember) error {
	if err := resources.Check(resources.GroupUsersSchema, map[string]any{"users": resources.NonNil(members)}); err != nil {
		return err
	}
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		g, err := getGroup(ctx, tx, s, ref)
		if err != nil {
			return err
		}
		rows, uuids, err := memberUserRows(ctx, tx, s, g, members)
		if err != nil {
			return err
		}
		if err := replaceRows(ctx, tx, &rows, "group_member_users", "group_id = ?", g.ID); err != nil {
			return store.FormatError(err, "GroupMember")
		}
		tx.Reload(groupMemberReload)
		data := map[string]any{"user_uuids": uuids}
		return tx.Emit(ctx, groupEvent(m.c, "group_member_users_associated", "config.groups.members.users.updated", g, data)...)
	})
}

// memberUserRows finds the users (a user not visible in s is "not
// found"), then checks them in wazo's order: tenants, lines, duplicates,
// shared lines.
func memberUserRows(ctx context.Context, tx *store.Tx, s Scope, g *resources.Group, members []resources.GroupUserMember) ([]groupMemberUser, []string, error) {
	users := make([]*resources.User, len(members))
	for i, mb := range members {
		u, err := store.Find[resources.User](ctx, tx, userTable, s.Tenants, "uuid = ?", mb.UUID)
		if err != nil {
			return nil, nil, err
		}
		if u == nil {
			return nil, nil, resources.ErrInputNotFound("users", "User", "uuid", mb.UUID)
		}
		users[i] = u
	}
	for _, u := range users {
		if u.TenantUUID != g.TenantUUID {
			return nil, nil, resources.ErrDifferentTenants("group_tenant_uuid", g.TenantUUID, "user_tenant_uuid", u.TenantUUID)
		}
	}
	lines, err := mainLines(ctx, tx, users)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]groupMemberUser, len(members))
	uuids := make([]string, len(members))
	seenUser, seenLine := map[int]bool{}, map[int]bool{}
	for i, u := range users {
		if seenUser[u.ID] {
			return nil, nil, resources.ErrNotPermitted("Cannot associate same user more than once")
		}
		if seenLine[lines[u.ID]] {
			return nil, nil, resources.ErrResource("Operation not permitted. Cannot associate different users with the same line%s",
				resources.Meta{"line_id", lines[u.ID]})
		}
		seenUser[u.ID], seenLine[lines[u.ID]] = true, true
		rows[i] = groupMemberUser{GroupID: g.ID, UserID: u.ID, Priority: priority(members[i].Priority, i)}
		uuids[i] = u.UUID
	}
	return rows, uuids, nil
}

// mainLines returns each user's main line; a user without a line is
// "User must be associated with a Line".
func mainLines(ctx context.Context, db bun.IDB, users []*resources.User) (map[int]int, error) {
	out := map[int]int{}
	for _, u := range users {
		var lineIDs []int
		err := db.NewSelect().Table("user_lines").Column("line_id").Where("user_id = ?", u.ID).
			OrderExpr("main_line DESC, position, line_id").Limit(1).Scan(ctx, &lineIDs)
		if err != nil {
			return nil, err
		}
		if len(lineIDs) == 0 {
			return nil, resources.ErrMissingAssociation("User", "Line", "user_uuid", u.UUID)
		}
		out[u.ID] = lineIDs[0]
	}
	return out, nil
}

func priority(p *int, index int) int {
	if p != nil {
		return *p
	}
	return index
}

// SetMemberExtensions replaces the numbers (exten@context, not checked)
// rung by group ref, each once. A nil priority is the position in the list.
func (m *Groups) SetMemberExtensions(ctx context.Context, s Scope, ref any, members []resources.GroupExtensionMember) error {
	if err := resources.Check(resources.GroupExtensionsSchema, map[string]any{"extensions": resources.NonNil(members)}); err != nil {
		return err
	}
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		g, err := getGroup(ctx, tx, s, ref)
		if err != nil {
			return err
		}
		rows := make([]groupMemberExtension, len(members))
		data := make([]map[string]any, len(members))
		seen := map[[2]string]bool{}
		for i, mb := range members {
			if seen[[2]string{mb.Exten, mb.Context}] {
				return resources.ErrNotPermitted("Cannot associate same extensions more than once")
			}
			seen[[2]string{mb.Exten, mb.Context}] = true
			rows[i] = groupMemberExtension{GroupID: g.ID, Exten: mb.Exten, Context: mb.Context, Priority: priority(mb.Priority, i)}
			data[i] = map[string]any{"exten": mb.Exten, "context": mb.Context}
		}
		if err := replaceRows(ctx, tx, &rows, "group_member_extensions", "group_id = ?", g.ID); err != nil {
			return store.FormatError(err, "GroupMember")
		}
		tx.Reload(groupMemberReload)
		return tx.Emit(ctx, groupEvent(m.c, "group_member_extensions_associated", "config.groups.members.extensions.updated",
			g, map[string]any{"extensions": data})...)
	})
}

// loadGroupMembers lists each group's members by priority.
func loadGroupMembers(ctx context.Context, db bun.IDB, byID map[int]*resources.Group, ids []int) error {
	var users []struct {
		GroupID   int     `bun:"group_id"`
		ID        int     `bun:"id"`
		UUID      string  `bun:"uuid"`
		Firstname string  `bun:"firstname"`
		Lastname  *string `bun:"lastname"`
		Priority  int     `bun:"priority"`
	}
	err := db.NewSelect().TableExpr("group_member_users AS m").Join("JOIN users AS u ON u.id = m.user_id").
		ColumnExpr("m.group_id, u.id, u.uuid, u.firstname, u.lastname, m.priority").
		Where("m.group_id IN (?)", bun.List(ids)).OrderExpr("m.group_id, m.priority, u.id").Scan(ctx, &users)
	if err != nil {
		return err
	}
	for _, u := range users {
		g := byID[u.GroupID]
		g.Members.Users = append(g.Members.Users, resources.GroupMemberUser{UUID: u.UUID, Firstname: u.Firstname,
			Lastname: u.Lastname, Priority: u.Priority, Links: link(ctx, "users", u.ID)})
	}
	var extens []groupMemberExtension
	err = db.NewSelect().Model(&extens).Where("group_id IN (?)", bun.List(ids)).
		OrderExpr("group_id, priority, exten, context").Scan(ctx)
	for _, x := range extens {
		g := byID[x.GroupID]
		g.Members.Extensions = append(g.Members.Extensions, resources.GroupMemberExtension{Exten: x.Exten,
			Context: x.Context, Priority: x.Priority})
	}
	return err
}

package confd

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Users manages users, addressed by id or by uuid.
type Users struct {
	*Manager[resources.User, *resources.User]
}

var userTable = tableSpec{resource: "User", class: "UserSchema", search: "user", key: "id", altKey: "uuid",
	exprs: map[string]string{
		"fullname": "(?TableAlias.firstname || ' ' || COALESCE(?TableAlias.lastname, ''))",
		"exten":    userLineColumn("e.exten"), "extension": userLineColumn("e.exten"),
		"context":           userLineColumn("e.context"),
		"provisioning_code": userLineColumn("l.provisioning_code"),
		"voicemail_number":  "(SELECT v.number FROM voicemails AS v WHERE v.id = ?TableAlias.voicemail_id)",
	},
	lists: []string{"uuid", "mobile_phone_number"},
}.table()

// userLineColumn is a column of the user's main line or its extension.
func userLineColumn(col string) string {
	return "(SELECT " + col + " FROM user_lines AS ul JOIN lines AS l ON l.id = ul.line_id " +
		"LEFT JOIN line_extensions AS le ON le.line_id = l.id LEFT JOIN extensions AS e ON e.id = le.extension_id " +
		"WHERE ul.user_id = ?TableAlias.id AND ul.main_line LIMIT 1)"
}

var userReload = reload.Commands("dialplan reload", "module reload chan_sccp.so",
	"module reload app_queue.so", "module reload res_pjsip.so")

func newUsers(c *Client) *Users {
	fam := &family[resources.User]{
		table:   userTable,
		prepare: prepareUser,
		load:    loadUsers,
		fresh: func(ctx context.Context, u *resources.User) bool {
			u.Links = link(ctx, "users", u.ID)
			return u.VoicemailID == nil || u.Voicemail != nil // lines, groups, ... come later; a box is shown already
		},
		beforeDelete: checkUserUnused,
		events:       userEvents,
		reload:       func(Op, *resources.User, *resources.User) reload.Request { return userReload },
	}
	return &Users{&Manager[resources.User, *resources.User]{c: c, fam: fam}}
}

// prepareUser sets the generated fields and checks that email and username
// are free.
func prepareUser(ctx context.Context, tx *store.Tx, _ Scope, old, v *resources.User) error {
	if old == nil {
		v.UUID = resources.NewUUID()
		v.CreatedAt = time.Now().UTC().Format("2006-01-02T15:04:05.000000+00:00")
	} else {
		v.ID, v.UUID, v.TenantUUID, v.CreatedAt = old.ID, old.UUID, old.TenantUUID, old.CreatedAt
		v.VoicemailID = old.VoicemailID
	}
	for _, f := range []struct {
		col string
		val *string
	}{{"email", v.Email}, {"username", v.Username}} { // wazo checks the email first
		if f.val == nil {
			continue
		}
		dup, err := store.Find[resources.User](ctx, tx, userTable, nil, f.col+" = ? AND id <> ?", *f.val, v.ID)
		if err != nil {
			return err
		}
		if dup != nil {
			return resources.ErrExists("User", f.col, *f.val)
		}
	}
	return nil
}

func loadUsers(ctx context.Context, db bun.IDB, items []*resources.User) error {
	for _, u := range items {
		u.Links = link(ctx, "users", u.ID)
	}
	if err := loadUserVoicemails(ctx, db, items); err != nil {
		return err
	}
	if err := loadUserLines(ctx, db, items); err != nil {
		return err
	}
	if err := loadUserGroupsAndIncalls(ctx, db, items); err != nil {
		return err
	}
	if err := loadUserFallbacks(ctx, db, items); err != nil {
		return err
	}
	return loadUserAccess(ctx, db, items)
}

// loadUserGroupsAndIncalls shows the groups a user is a member of and the
// incalls that lead to the user.
func loadUserGroupsAndIncalls(ctx context.Context, db bun.IDB, items []*resources.User) error {
	ids := make([]int, len(items))
	for i, u := range items {
		ids[i] = u.ID
	}
	groups, err := userGroupRefs(ctx, db, ids)
	if err != nil {
		return err
	}
	incalls, err := userIncallRefs(ctx, db, ids)
	if err != nil {
		return err
	}
	for _, u := range items {
		u.Groups, u.Incalls = []any{}, []any{}
		for _, g := range groups[u.ID] {
			u.Groups = append(u.Groups, g)
		}
		for _, in := range incalls[u.ID] {
			u.Incalls = append(u.Incalls, in)
		}
	}
	return nil
}

// checkUserUnused refuses to delete a user who still has a voicemail, and
// removes the user's fallbacks (what the database does not).
func checkUserUnused(ctx context.Context, tx *store.Tx, u *resources.User) error {
	if u.VoicemailID != nil {
		return resources.ErrAssociated("User", "Voicemail", "user_id", u.ID, "voicemail_id", *u.VoicemailID)
	}
	return deleteDestinations(ctx, tx, destOwnerUser, u.ID)
}

func userEvents(op Op, _, u *resources.User) []events.Event {
	verb := [...]string{"created", "edited", "deleted"}[op]
	data := userData(u)
	return []events.Event{tenantEvent("user_"+verb, "config.user."+verb, u.TenantUUID, data)}
}

// userData is the body of wazo's user events.
func userData(u *resources.User) map[string]any {
	return map[string]any{"id": u.ID, "uuid": u.UUID, "subscription_type": u.SubscriptionType,
		"created_at": u.CreatedAt, "tenant_uuid": u.TenantUUID}
}

package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// loadUserLines lists each user's lines, whole as GET /lines/{id} shows
// them, main line first.
func loadUserLines(ctx context.Context, db bun.IDB, users []*resources.User) error {
	ids := make([]int, len(users))
	byID := map[int]*resources.User{}
	for i, u := range users {
		ids[i], byID[u.ID] = u.ID, u
		u.Lines = []any{} // a reload replaces them
	}
	var links []userLine
	err := db.NewSelect().Model(&links).Where("user_id IN (?)", bun.List(ids)).
		OrderExpr("main_line DESC, position, line_id").Scan(ctx)
	if err != nil || len(links) == 0 {
		return err
	}
	lines, err := linesByID(ctx, db, links)
	if err != nil {
		return err
	}
	for _, ul := range links {
		l := lines[ul.LineID]
		byID[ul.UserID].Lines = append(byID[ul.UserID].Lines, l)
	}
	return nil
}

func linesByID(ctx context.Context, db bun.IDB, links []userLine) (map[int]*resources.Line, error) {
	ids := make([]int, len(links))
	for i, ul := range links {
		ids[i] = ul.LineID
	}
	var lines []resources.Line
	if err := db.NewSelect().Model(&lines).Where("id IN (?)", bun.List(ids)).Scan(ctx); err != nil {
		return nil, err
	}
	out := map[int]*resources.Line{}
	ptrs := make([]*resources.Line, len(lines))
	for i := range lines {
		lines[i].Defaults()
		out[lines[i].ID], ptrs[i] = &lines[i], &lines[i]
	}
	return out, loadLines(ctx, db, ptrs)
}

// loadLineUsers lists each line's users.
func loadLineUsers(ctx context.Context, db bun.IDB, items []*resources.Line) error {
	ids := make([]int, len(items))
	byID := map[int]*resources.Line{}
	for i, l := range items {
		ids[i], byID[l.ID] = l.ID, l
		l.Users = []resources.LineUserRef{} // a reload replaces them
	}
	var rows []struct {
		LineID    int     `bun:"line_id"`
		ID        int     `bun:"id"`
		UUID      string  `bun:"uuid"`
		Firstname string  `bun:"firstname"`
		Lastname  *string `bun:"lastname"`
		CallerID  string  `bun:"caller_id"`
		MainUser  bool    `bun:"main_user"`
	}
	err := db.NewSelect().TableExpr("user_lines AS ul").Join("JOIN users AS u ON u.id = ul.user_id").
		ColumnExpr("ul.line_id, u.id, u.uuid, u.firstname, u.lastname, u.caller_id, ul.main_user").
		Where("ul.line_id IN (?)", bun.List(ids)).OrderExpr("ul.main_user DESC, u.id").Scan(ctx, &rows)
	for _, r := range rows {
		l := byID[r.LineID]
		l.Users = append(l.Users, resources.LineUserRef{UUID: r.UUID, Firstname: r.Firstname, Lastname: r.Lastname,
			Links: link(ctx, "users", r.ID)})
		if r.MainUser {
			mainUserCallerID(l, r.CallerID)
		}
	}
	return err
}

// mainUserCallerID gives a line its main user's caller id, as the phone
// presents it: the user's name, and the number of the user's caller id
// (SIP only) or else the line's extension.
func mainUserCallerID(l *resources.Line, callerID string) {
	name, num := resources.SplitCallerID(callerID)
	l.CallerIDName = &name
	if num == "" || (l.Protocol != nil && *l.Protocol == "sccp") {
		num = ""
		if len(l.Extensions) > 0 {
			num = l.Extensions[0].Exten
		}
	}
	if num == "" {
		l.CallerIDNum = nil
	} else {
		l.CallerIDNum = &num
	}
}

// loadExtensionLines lists the lines each extension rings.
func loadExtensionLines(ctx context.Context, db bun.IDB, items []*resources.Extension) error {
	ids := make([]int, len(items))
	byID := map[int]*resources.Extension{}
	for i, x := range items {
		ids[i], byID[x.ID] = x.ID, x
		x.Lines = []resources.ExtenRef{} // a reload replaces them
	}
	var rows []userLine // reuse: LineID and the extension in UserID
	err := db.NewSelect().TableExpr("line_extensions").ColumnExpr("line_id, extension_id AS user_id").
		Where("extension_id IN (?)", bun.List(ids)).OrderExpr("line_id").Scan(ctx, &rows)
	if err != nil || len(rows) == 0 {
		return err
	}
	lines, err := linesByID(ctx, db, rows)
	for _, r := range rows {
		if l := lines[r.LineID]; l != nil {
			byID[r.UserID].Lines = append(byID[r.UserID].Lines, resources.ExtenRef{ID: l.ID, Name: deref(l.Name), Links: l.Links})
		}
	}
	return err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// replaceRows deletes the rows of table matching where, then inserts rows
// (a pointer to a slice of models) unless it is empty.
func replaceRows[T any](ctx context.Context, tx *store.Tx, rows *[]T, table, where string, args ...any) error {
	if _, err := tx.NewDelete().Table(table).Where(where, args...).Exec(ctx); err != nil {
		return err
	}
	if len(*rows) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(rows).Exec(ctx)
	return err
}

package confd

import (
	"context"
	"fmt"
	"maps"
	"sort"
	"strings"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Registrar is a SIP registrar (see resources.Registrar).
type Registrar = resources.Registrar

// Registrars manages SIP registrars: global objects addressed by a string
// id, which lines name. The database ships with the "default" registrar,
// which is not deletable. Scopes are ignored: registrars belong to no
// tenant (the HTTP server restricts them to the master tenant).
type Registrars struct {
	*Manager[resources.Registrar, *resources.Registrar]
}

// registrarColumns are the fields lists search, filter and sort on
// (wazo's RegistrarDao.REGISTRAR_KEYS).
var registrarColumns = []string{"id", "name", "main_host", "main_port", "backup_host", "backup_port",
	"proxy_main_host", "proxy_main_port", "proxy_backup_host", "proxy_backup_port",
	"outbound_proxy_host", "outbound_proxy_port"}

var registrarTable = func() store.Table {
	cols := map[string]store.Column{}
	for _, c := range registrarColumns {
		cols[c] = store.Column{}
	}
	return store.Table{Resource: "Registrar", Key: "id", Search: store.SearchSpec{Default: "name", Columns: cols}}
}()

func newRegistrars(c *Client) *Registrars {
	fam := &family[resources.Registrar]{
		table:        registrarTable,
		prepare:      prepareRegistrar,
		beforeDelete: checkRegistrarDeletable,
		load: func(ctx context.Context, _ bun.IDB, items []*resources.Registrar) error {
			for _, v := range items {
				v.Links = link(ctx, "registrars", v.ID)
			}
			return nil
		},
		events: func(op Op, _, v *resources.Registrar) []events.Event {
			verb := [...]string{"created", "edited", "deleted"}[op]
			return []events.Event{globalEvent("registrar_"+verb, "config.registrar."+verb, v.Fields())}
		},
	}
	return &Registrars{&Manager[resources.Registrar, *resources.Registrar]{c: c, fam: fam}}
}

// Get returns the registrar with this id.
func (m *Registrars) Get(ctx context.Context, _ Scope, id any) (*Registrar, error) {
	return m.Manager.Get(ctx, Scope{}, fmt.Sprint(id))
}

// Edit applies change to the registrar with this id and saves it, holding
// its row meanwhile (see Manager.Edit).
func (m *Registrars) Edit(ctx context.Context, _ Scope, id any, change func(v *Registrar) error) error {
	return m.Manager.Edit(ctx, Scope{}, fmt.Sprint(id), change)
}

// Delete removes the registrar with this id, unless it is not deletable
// or a line uses it.
func (m *Registrars) Delete(ctx context.Context, _ Scope, id any) error {
	return m.Manager.Delete(ctx, Scope{}, fmt.Sprint(id))
}

// ParseList reads the list parameters; limit=0 means no limit, as wazo's
// registrar lists have it.
func (m *Registrars) ParseList(q map[string][]string) (ListParams, error) {
	if l := q["limit"]; len(l) > 0 && l[0] == "0" {
		q = maps.Clone(q)
		delete(q, "limit")
	}
	return m.Manager.ParseList(q)
}

// List returns a page of registrars and the total matching, searched,
// filtered and sorted as wazo's provd-backed registrars are: search and
// filters match a case-insensitive substring of the fields' text, a
// registrar passes the filters when one of them matches, and sorting
// compares the fields' text (an absent field as ""), then the ids.
func (m *Registrars) List(ctx context.Context, _ Scope, p ListParams) ([]Registrar, int, error) {
	if err := p.Validate(registrarTable.Search); err != nil {
		return nil, 0, err
	}
	var all []Registrar
	if err := m.db().NewSelect().Model(&all).OrderExpr("id").Scan(ctx); err != nil {
		return nil, 0, err
	}
	items := make([]Registrar, 0, len(all))
	for _, v := range all {
		if registrarMatches(&v, p) {
			items = append(items, v)
		}
	}
	sortRegistrars(items, p.Order, p.Direction == "desc")
	total := len(items)
	items = items[min(p.Offset, total):]
	if p.Limit != nil && *p.Limit < len(items) {
		items = items[:*p.Limit]
	}
	ptrs := make([]*Registrar, len(items))
	for i := range items {
		ptrs[i] = &items[i]
	}
	return items, total, m.loadAll(ctx, m.db(), ptrs)
}

// registrarText returns a field's text and whether it is set.
func registrarText(v *Registrar, field string) (string, bool) {
	switch x := v.Fields()[field].(type) {
	case string:
		return x, true
	case *string:
		if x != nil {
			return *x, true
		}
	case *int:
		if x != nil {
			return fmt.Sprint(*x), true
		}
	}
	return "", false
}

func registrarContains(v *Registrar, field, term string) bool {
	s, ok := registrarText(v, field)
	return ok && strings.Contains(strings.ToLower(s), strings.ToLower(term))
}

func registrarMatches(v *Registrar, p ListParams) bool {
	if p.Search != "" {
		found := false
		for _, f := range registrarColumns {
			found = found || registrarContains(v, f, p.Search)
		}
		if !found {
			return false
		}
	}
	if len(p.Filters) == 0 {
		return true
	}
	for f, term := range p.Filters {
		if registrarContains(v, f, term) {
			return true
		}
	}
	return false
}

func sortRegistrars(items []Registrar, order string, desc bool) {
	if order == "" {
		order = registrarTable.Search.Default
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, _ := registrarText(&items[i], order)
		b, _ := registrarText(&items[j], order)
		if desc {
			return a > b
		}
		return a < b
	})
}

// prepareRegistrar keeps the id of an existing registrar; a new one gets
// a generated id, or must name a free one.
func prepareRegistrar(ctx context.Context, tx *store.Tx, _ Scope, old, v *resources.Registrar) error {
	if old != nil {
		v.ID = old.ID
		return nil
	}
	if v.ID == "" {
		v.ID = strings.ReplaceAll(resources.NewUUID(), "-", "")
	}
	taken, err := store.Exists(ctx, tx, "registrars", "id = ?", v.ID)
	if err == nil && taken {
		err = resources.ErrExists("Registrar", "id", v.ID)
	}
	return err
}

// checkRegistrarDeletable locks the registrar, then refuses to delete it
// when it is not deletable or a line uses it.
func checkRegistrarDeletable(ctx context.Context, tx *store.Tx, v *resources.Registrar) error {
	var row resources.Registrar
	if err := rowLock(tx, tx.NewSelect().Model(&row).Where("id = ?", v.ID), "UPDATE").Scan(ctx); err != nil {
		return store.FormatError(err, "Registrar", "id", v.ID)
	}
	if row.Deletable != nil && !*row.Deletable {
		return resources.ErrNotPermitted(fmt.Sprintf("Registrar '%s' is not deletable", v.ID))
	}
	var lines []int
	err := tx.NewSelect().Table("lines").Column("id").Where("registrar = ?", v.ID).OrderExpr("id").Limit(1).Scan(ctx, &lines)
	if err != nil {
		return err
	}
	if len(lines) > 0 {
		return resources.ErrAssociated("Registrar", "Line", "registrar_id", v.ID, "line_id", lines[0])
	}
	return nil
}

// rowLock adds a row lock (mode "SHARE" or "UPDATE") to q on PostgreSQL,
// where writers run concurrently; SQLite runs one writer at a time.
func rowLock(tx *store.Tx, q *bun.SelectQuery, mode string) *bun.SelectQuery {
	if tx.Engine == store.Postgres {
		q.For(mode)
	}
	return q
}

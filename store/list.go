package store

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
)

// MaxLimit is the largest page a list request may ask for.
const MaxLimit = 10000

// MaxSearch is the longest search= term, in characters: far longer than
// any searched value, and its LIKE pattern within SQLite's limit (50,000
// bytes; a term of 1,000 four-byte or escaped characters makes 4,002).
const MaxSearch = 1000

// ColumnType tells how an exact-match filter value is compared.
type ColumnType int

// Column types for filters.
const (
	TextColumn ColumnType = iota
	IntColumn
	BoolColumn
)

// Column is a searchable, sortable and filterable column of a family.
type Column struct {
	Expr string // SQL expression, "" for the column of the same name
	Type ColumnType
}

// SearchSpec is a family's list configuration (wazo's search config).
type SearchSpec struct {
	Columns map[string]Column
	// Search names the columns searched by search=; nil means all.
	Search []string
	// Default is the default sort column.
	Default string
	// Lists names the filters that take a comma-separated list of values.
	Lists []string
}

// ListParams are the list query parameters: search, exact filters by
// column name, order, direction, limit (nil: no limit) and offset.
type ListParams struct {
	Search    string
	Filters   map[string]string
	Order     string
	Direction string
	Limit     *int
	Offset    int
}

// ParseListParams reads wazo's list query parameters; every parameter that
// names a column of spec becomes an exact-match filter. recurse, read by
// the caller, is checked here as wazo's list schema does.
func ParseListParams(q map[string][]string, spec SearchSpec) (ListParams, error) {
	p := ListParams{Search: first(q, "search"), Order: first(q, "order"), Direction: first(q, "direction"), Filters: map[string]string{}}
	if v, ok := q["limit"]; ok {
		n, err := strconv.Atoi(v[0])
		switch {
		case err != nil:
			return p, resources.ErrInput("limit: ['Not a valid integer.']")
		case n < 0:
			return p, resources.ErrInput("limit: ['Must be greater than or equal to 0.']")
		case n == 0:
			return p, resources.ErrInput("field 'limit': wrong type. Should be a positive number")
		case n > MaxLimit:
			return p, resources.ErrInput("limit: ['Must be less than or equal to %d.']", MaxLimit)
		}
		p.Limit = &n
	}
	if v, ok := q["offset"]; ok {
		n, err := strconv.Atoi(v[0])
		if err != nil {
			return p, resources.ErrInput("offset: ['Not a valid integer.']")
		}
		if n < 0 {
			return p, resources.ErrInput("offset: ['Must be greater than or equal to 0.']")
		}
		p.Offset = n
	}
	if _, err := resources.QueryBool(q, "recurse"); err != nil {
		return p, err
	}
	for name := range spec.Columns {
		if v, ok := q[name]; ok {
			p.Filters[name] = v[0]
		}
	}
	return p, p.Validate(spec)
}

func first(q map[string][]string, key string) string {
	if v := q[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Validate checks order and direction against spec, and the search
// term's length.
func (p ListParams) Validate(spec SearchSpec) error {
	if utf8.RuneCountInString(p.Search) > MaxSearch {
		return resources.ErrInput("search: ['Longer than maximum length %d.']", MaxSearch)
	}
	if p.Order != "" {
		if _, ok := spec.Columns[p.Order]; !ok {
			return resources.ErrInput("order: column '%s' was not found", p.Order)
		}
	}
	if p.Direction != "" && p.Direction != "asc" && p.Direction != "desc" {
		return resources.ErrInput("direction: must be 'asc' or 'desc'")
	}
	return nil
}

func (s SearchSpec) expr(name string) string {
	if c := s.Columns[name]; c.Expr != "" {
		return c.Expr
	}
	return "?TableAlias." + name
}

// apply adds search and filters to q; it reports false when a filter can
// match nothing (an integer column given a non-integer).
func (s SearchSpec) apply(q *bun.SelectQuery, p ListParams) bool {
	if p.Search != "" {
		names := s.Search
		if names == nil {
			for n := range s.Columns {
				names = append(names, n)
			}
		}
		term := "%" + escapeLike(Fold(p.Search)) + "%"
		q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			for _, n := range names {
				q.WhereOr("confd_fold(CAST("+s.expr(n)+" AS TEXT)) LIKE ? ESCAPE '\\'", term)
			}
			return q
		})
	}
	for name, value := range p.Filters {
		if slices.Contains(s.Lists, name) {
			q.Where(s.expr(name)+" IN (?)", bun.List(strings.Split(value, ",")))
			continue
		}
		v, ok := filterValue(s.Columns[name].Type, value)
		if !ok {
			return false
		}
		q.Where(s.expr(name)+" = ?", v)
	}
	return true
}

func filterValue(t ColumnType, value string) (any, bool) {
	switch t {
	case IntColumn:
		n, err := strconv.ParseInt(value, 10, 64)
		return n, err == nil
	case BoolColumn:
		b, err := strconv.ParseBool(value)
		return b, err == nil
	}
	return value, true
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

func (s SearchSpec) order(q *bun.SelectQuery, p ListParams, key string) {
	col := p.Order
	if col == "" {
		col = s.Default
	}
	dir, nulls := "ASC", " NULLS LAST" // PostgreSQL's order, on SQLite too
	if p.Direction == "desc" {
		dir, nulls = "DESC", " NULLS FIRST"
	}
	if col != "" {
		q.OrderExpr(s.expr(col) + " " + dir + nulls)
	}
	q.OrderExpr("?TableAlias." + key + " " + dir)
	if p.Limit != nil {
		q.Limit(int64(*p.Limit))
	}
	if p.Offset > 0 {
		if p.Limit == nil {
			q.Limit(1 << 62) // SQLite needs a LIMIT before OFFSET
		}
		q.Offset(int64(p.Offset))
	}
}

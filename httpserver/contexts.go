package httpserver

import (
	"net/http"
	"strconv"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

var contextIDsSchema = &resources.Schema{Fields: []resources.Field{
	resources.ListOf("contexts", resources.Obj("", &resources.Schema{Fields: []resources.Field{
		resources.Int("id").Req(),
	}})).Req(),
}}

// setContexts is PUT /contexts/{id}/contexts {"contexts": [{"id"}...]}.
func setContexts(q *request) error {
	id, _ := parseKey("int", q.r.PathValue("id")) // checked by the route
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if _, err := q.c.Contexts.Get(q.ctx, scope, id); err != nil {
		return err
	}
	fields, err := q.body(contextIDsSchema, false)
	if err != nil {
		return err
	}
	var ids []int
	for _, c := range fields["contexts"].([]any) {
		ids = append(ids, int(c.(map[string]any)["id"].(int64)))
	}
	if err := q.c.Contexts.SetContexts(q.ctx, scope, id.(int), ids); err != nil {
		return err
	}
	return q.noContent()
}

// listRanges is GET /contexts/{id}/ranges/{kind}.
func listRanges(q *request) error {
	id, _ := parseKey("int", q.r.PathValue("id")) // checked by the route
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	p, err := rangeParams(q)
	if err != nil {
		return err
	}
	items, err := q.c.Contexts.RangeItems(q.ctx, scope, id.(int), p.query)
	if err != nil {
		return err
	}
	total := len(items)
	items = items[min(p.offset, total):]
	if p.limit >= 0 && p.limit < len(items) {
		items = items[:p.limit]
	}
	return q.json(http.StatusOK, list[resources.Range]{Total: total, Items: items})
}

type rangeQuery struct {
	query         confd.RangeQuery
	limit, offset int
}

func rangeParams(q *request) (rangeQuery, error) {
	v := q.r.URL.Query()
	p := rangeQuery{query: confd.RangeQuery{Kind: q.r.PathValue("kind"), Search: v.Get("search"), Order: v.Get("order")}}
	switch v.Get("availability") {
	case "", "available":
		p.query.Available = true
	case "all":
	default:
		return p, resources.ErrInput("availability: ['Must be one of: available, all.']")
	}
	switch p.query.Order {
	case "", "start", "end":
	default:
		return p, resources.ErrInput("order: ['Must be one of: start, end.']")
	}
	switch v.Get("direction") {
	case "", "asc":
	case "desc":
		p.query.Desc = true
	default:
		return p, resources.ErrInput("direction: ['Must be one of: asc, desc.']")
	}
	if _, err := resources.QueryBool(v, "recurse"); err != nil {
		return p, err
	}
	var err error
	if p.limit, err = nonNegative(v, "limit", -1); err != nil {
		return p, err
	}
	p.offset, err = nonNegative(v, "offset", 0)
	return p, err
}

// nonNegative reads an optional integer >= 0, def when absent.
func nonNegative(v map[string][]string, name string, def int) (int, error) {
	raw, ok := v[name]
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(raw[0])
	if err != nil {
		return 0, resources.ErrInput("%s: ['Not a valid integer.']", name)
	}
	if n < 0 {
		return 0, resources.ErrInput("%s: ['Must be greater than or equal to 0.']", name)
	}
	return n, nil
}

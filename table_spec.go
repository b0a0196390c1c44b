package confd

import (
	"fmt"

	"github.com/gopbx/confd/resources/contract"
	"github.com/gopbx/confd/store"
)

// tableSpec declares how a family is stored and listed. The contract
// gives the rest, as wazo has it: the list's filter and sort columns,
// their types (from the body schema), the columns search= looks in and
// the default sort.
type tableSpec struct {
	resource string // the family's name in messages: "CallPickup"
	class    string // wazo's body schema class: the columns' types
	search   string // wazo's search resource: "call_pickup"
	key      string // the column paths address: "id" or "uuid"
	altKey   string // a second key, for string keys ("uuid" of users)
	global   bool   // no tenant column
	// exprs are the list columns computed in SQL, not read from a column
	// of the same name.
	exprs map[string]string
	// lists are the filters that take a comma-separated list of values.
	lists []string
}

// table builds the store table of s; it panics when the contract lacks
// what it needs, so that a family's declaration fails at start-up.
func (s tableSpec) table() store.Table {
	search, err := contract.SearchOf(s.search)
	if err != nil {
		panic(err)
	}
	class, err := contract.Schema(s.class)
	if err != nil {
		panic(err)
	}
	cols := make(map[string]store.Column, len(search.Columns))
	for _, name := range search.Columns {
		cols[name] = store.Column{Expr: s.exprs[name], Type: columnType(class, name)}
	}
	for name := range s.exprs {
		if _, ok := cols[name]; !ok {
			panic(fmt.Sprintf("confd: %s: %s is not a list column of wazo's", s.resource, name))
		}
	}
	t := store.Table{Resource: s.resource, Key: s.key, AltKey: s.altKey,
		Search: store.SearchSpec{Columns: cols, Search: search.Searched, Default: search.DefaultSort, Lists: s.lists}}
	if !s.global {
		t.Tenant = "tenant_uuid"
	}
	return t
}

// columnType is how a list column's filter values compare: as the body
// schema types the field of that name (text when it has none).
func columnType(class *contract.Class, name string) store.ColumnType {
	f, _ := class.Field(name)
	switch f.Type {
	case "fields.Integer":
		return store.IntColumn
	case "fields.Boolean", "StrictBoolean":
		return store.BoolColumn
	}
	return store.TextColumn
}

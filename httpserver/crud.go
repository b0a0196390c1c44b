package httpserver

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// manager is what the generic handlers need of a family's manager.
type manager[T any] interface {
	Get(ctx context.Context, s confd.Scope, id any) (*T, error)
	List(ctx context.Context, s confd.Scope, p confd.ListParams) ([]T, int, error)
	Create(ctx context.Context, s confd.Scope, v *T) error
	Edit(ctx context.Context, s confd.Scope, id any, change func(v *T) error) error
	Delete(ctx context.Context, s confd.Scope, id any) error
	ParseList(q map[string][]string) (confd.ListParams, error)
}

// item is what the generic handlers need of a family's struct.
type item interface {
	GetID() any
	SetTenant(uuid string)
}

// family describes a plain family for the five CRUD routes.
type family[T any] struct {
	plural string // path and ACL segment: "contexts"
	key    string // "int", "uuid" or "ref" (either)
	schema *resources.Schema
	m      manager[T]
}

// crud returns the list, create, get, update and delete routes of f.
func crud[T any, PT interface {
	*T
	item
}](f family[T]) []route {
	return crudWith[T, PT](f, f.schema)
}

// crudWith is crud with another schema for POST bodies.
func crudWith[T any, PT interface {
	*T
	item
}](f family[T], create *resources.Schema) []route {
	acl, item := "confd."+f.plural, "{"+f.wildcard()+"}"
	return []route{
		{"GET", "/" + f.plural, acl + ".read", f.list},
		{"POST", "/" + f.plural, acl + ".create", createItem[T, PT](f, create)},
		{"GET", "/" + f.plural + "/" + item, acl + "." + item + ".read", f.get},
		{"PUT", "/" + f.plural + "/" + item, acl + "." + item + ".update", f.update},
		{"DELETE", "/" + f.plural + "/" + item, acl + "." + item + ".delete", f.delete},
	}
}

// parseKey reads the {id} of the path: an integer or a UUID; anything else
// does not match the route (404, as wazo's URL converters).
func parseKey(kind string, raw string) (any, bool) {
	if kind == "uuid" || (kind == "ref" && uuidPattern.MatchString(raw)) {
		return raw, uuidPattern.MatchString(raw)
	}
	n, err := strconv.Atoi(raw)
	return n, err == nil && n >= 0
}

// wildcard names the item's path wildcard after its key kind.
func (f family[T]) wildcard() string {
	switch f.key {
	case "uuid", "ref":
		return f.key
	}
	return "id"
}

// id returns the item's key; the route already checked its form.
func (f family[T]) id(q *request) (any, bool) {
	return parseKey(f.key, q.r.PathValue(f.wildcard()))
}

func (f family[T]) list(q *request) error {
	scope, err := q.listScope()
	if err != nil {
		return err
	}
	p, err := f.m.ParseList(q.r.URL.Query())
	if err != nil {
		return err
	}
	items, total, err := f.m.List(q.ctx, scope, p)
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, list[T]{Total: total, Items: items})
}

// load returns the item addressed by the path among the visible tenants.
func (f family[T]) load(q *request) (*T, confd.Scope, error) {
	id, _ := f.id(q)
	scope, err := q.itemScope()
	if err != nil {
		return nil, scope, err
	}
	v, err := f.m.Get(q.ctx, scope, id)
	return v, scope, err
}

func (f family[T]) get(q *request) error {
	v, _, err := f.load(q)
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, v)
}

func createItem[T any, PT interface {
	*T
	item
}](f family[T], schema *resources.Schema) func(q *request) error {
	return func(q *request) error {
		fields, err := q.body(schema, false)
		if err != nil {
			return err
		}
		scope, err := q.itemScope()
		if err != nil {
			return err
		}
		v := PT(new(T))
		if err := resources.Apply(fields, v); err != nil {
			return err
		}
		v.SetTenant(q.tenant)
		if err := f.m.Create(q.ctx, scope, (*T)(v)); err != nil {
			return err
		}
		q.w.Header().Set("Location", baseURL(q.r)+"/"+f.plural+"/"+keyString(v.GetID()))
		return q.json(http.StatusCreated, v)
	}
}

// update is a partial update: the body's fields are applied to the object
// as the transaction reads it, so concurrent updates of other fields
// survive. A missing object answers 404 before a bad body's 400.
func (f family[T]) update(q *request) error {
	id, _ := f.id(q)
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	fields, bodyErr := q.body(f.schema, true)
	err = f.m.Edit(q.ctx, scope, id, func(v *T) error {
		if bodyErr != nil {
			return bodyErr
		}
		return resources.Apply(fields, v)
	})
	if err != nil {
		return err
	}
	return q.noContent()
}

func (f family[T]) delete(q *request) error {
	id, _ := f.id(q)
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	if err := f.m.Delete(q.ctx, scope, id); err != nil {
		return err
	}
	return q.noContent()
}

func keyString(id any) string {
	switch x := id.(type) {
	case int:
		return strconv.Itoa(x)
	case string:
		return x
	}
	return ""
}

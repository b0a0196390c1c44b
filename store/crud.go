package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
)

// Table describes how a family is stored.
type Table struct {
	// Resource is the family's name in messages ("Context").
	Resource string
	// Key is the column addressed by paths: "id" or "uuid".
	Key string
	// AltKey, when set, is the column addressed by a string key (users
	// are addressed by id or by uuid).
	AltKey string
	// Tenant is the tenant column, "" for global families.
	Tenant string
	// Search configures lists.
	Search SearchSpec
}

func (t Table) scope(q *bun.SelectQuery, tenants []string) *bun.SelectQuery {
	if t.Tenant != "" && tenants != nil {
		q.Where("?TableAlias."+t.Tenant+" IN (?)", bun.List(tenants))
	}
	return q
}

// Get loads the object whose key is id among tenants (nil: any tenant).
// A missing object, or one of another tenant, is "<Resource> was not found".
func Get[T any](ctx context.Context, db bun.IDB, t Table, id any, tenants []string) (*T, error) {
	return get[T](ctx, db, t, id, tenants, false)
}

// GetForUpdate is Get in a transaction that then holds the object's row
// until it ends: SELECT ... FOR UPDATE on PostgreSQL, where writers run
// side by side (SQLite runs one writing transaction at a time).
func GetForUpdate[T any](ctx context.Context, tx *Tx, t Table, id any, tenants []string) (*T, error) {
	return get[T](ctx, tx, t, id, tenants, tx.Engine == Postgres)
}

func get[T any](ctx context.Context, db bun.IDB, t Table, id any, tenants []string, lock bool) (*T, error) {
	v := new(T)
	key := t.Key
	if _, ok := id.(string); ok && t.AltKey != "" {
		key = t.AltKey
	}
	q := t.scope(db.NewSelect().Model(v).Where("?TableAlias."+key+" = ?", id), tenants)
	if lock {
		q.For("UPDATE")
	}
	if err := q.Limit(1).Scan(ctx); err != nil {
		return nil, FormatError(err, t.Resource, t.Key, id)
	}
	return v, nil
}

// Find loads the first object matching where (a bun condition with args)
// among tenants; it returns nil, nil when there is none.
func Find[T any](ctx context.Context, db bun.IDB, t Table, tenants []string, where string, args ...any) (*T, error) {
	v := new(T)
	q := t.scope(db.NewSelect().Model(v).Where(where, args...), tenants)
	err := q.Limit(1).Scan(ctx)
	if IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

// List returns a page of objects among tenants and the total matching the
// search and filters.
func List[T any](ctx context.Context, db bun.IDB, t Table, tenants []string, p ListParams) ([]T, int, error) {
	if err := p.Validate(t.Search); err != nil {
		return nil, 0, err
	}
	items := []T{}
	q := t.scope(db.NewSelect().Model(&items), tenants)
	if !t.Search.apply(q, p) {
		return items, 0, nil
	}
	t.Search.order(q, p, t.Key)
	total, err := q.ScanAndCount(ctx)
	if err != nil {
		return nil, 0, err
	}
	return items, int(total), nil
}

// Insert stores a new object; its generated key is set on v.
func Insert[T any](ctx context.Context, db bun.IDB, t Table, v *T) error {
	_, err := db.NewInsert().Model(v).Returning("*").Exec(ctx)
	return FormatError(err, t.Resource)
}

// InsertNew stores a new object unless one of its unique values (a key,
// a name, number@context) is another row's: it reports false then, and
// writes nothing. Checking after a conflict instead of before every insert
// saves a read, and the transaction stays usable on PostgreSQL.
func InsertNew[T any](ctx context.Context, db bun.IDB, t Table, v *T) (bool, error) {
	res, err := db.NewInsert().Model(v).On("CONFLICT DO NOTHING").Returning("*").Exec(ctx)
	if err != nil {
		return false, FormatError(err, t.Resource)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Update saves every stored column of v, found by its primary key.
func Update[T any](ctx context.Context, db bun.IDB, t Table, v *T) error {
	_, err := db.NewUpdate().Model(v).WherePK().Exec(ctx)
	return FormatError(err, t.Resource)
}

// Delete removes v, found by its primary key.
func Delete[T any](ctx context.Context, db bun.IDB, t Table, v *T) error {
	_, err := db.NewDelete().Model(v).WherePK().Exec(ctx)
	return FormatError(err, t.Resource)
}

// Exists reports whether a row of table matches where.
func Exists(ctx context.Context, db bun.IDB, table, where string, args ...any) (bool, error) {
	return db.NewSelect().Table(table).Where(where, args...).Exists(ctx)
}

// NotFound is a shortcut for resources.ErrNotFound.
var NotFound = resources.ErrNotFound

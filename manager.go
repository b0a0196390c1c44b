package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Resource is what every family's struct provides to the generic manager.
type Resource interface {
	GetID() any
	GetTenant() string
	Defaults()
	Validate() error
}

// Scope limits a call to the tenants a caller may see. The zero Scope sees
// every tenant (a trusted library caller); the HTTP server always passes
// the tenants of the request.
type Scope struct {
	Tenants []string
}

// InTenants returns a Scope limited to the given tenants.
func InTenants(tenants ...string) Scope {
	if tenants == nil {
		tenants = []string{}
	}
	return Scope{Tenants: tenants}
}

// Allows reports whether the scope sees tenant.
func (s Scope) Allows(tenant string) bool {
	if s.Tenants == nil {
		return true
	}
	for _, t := range s.Tenants {
		if t == tenant {
			return true
		}
	}
	return false
}

// Op is a kind of write, for events and reloads.
type Op int

// The write operations.
const (
	Created Op = iota
	Edited
	Deleted
)

// family is what the generic Manager needs to know of a family: its table
// and the named code of its own rules.
type family[T any] struct {
	table store.Table
	// prepare checks references and fills generated fields before a write;
	// old is nil on create.
	prepare func(ctx context.Context, tx *store.Tx, s Scope, old, v *T) error
	// conflict, when set, makes a create insert optimistically: prepare
	// leaves the family's unique values (a name, number@context) unchecked
	// on create, and conflict runs only when the insert found one taken. It
	// returns the error naming the taken value, or nil after drawing again
	// the generated values (insert again).
	conflict func(ctx context.Context, tx *store.Tx, v *T) error
	// afterWrite saves what lives outside the row (associations); old is
	// nil for a new object.
	afterWrite func(ctx context.Context, tx *store.Tx, old, v *T) error
	// beforeDelete refuses to delete an object still in use, and removes
	// what the database does not remove with it (its destinations).
	beforeDelete func(ctx context.Context, tx *store.Tx, v *T) error
	// load fills relations and links of loaded objects.
	load func(ctx context.Context, db bun.IDB, items []*T) error
	// fresh, when set, fills what a new object shows without reading its
	// relations (it has none yet) and reports true; false asks for load.
	fresh func(ctx context.Context, v *T) bool
	// events and reload describe what a write announces.
	events func(op Op, old, v *T) []events.Event
	reload func(op Op, old, v *T) reload.Request
}

// Manager is the generic CRUD manager of a family: validation, tenant
// scoping, the family's rules, one transaction per write, and the events
// and reloads of the write delivered after commit.
type Manager[T any, PT interface {
	*T
	Resource
}] struct {
	c   *Client
	fam *family[T]
}

func (m *Manager[T, PT]) db() bun.IDB { return m.c.conn() }

// Get returns the object with key id (an int id or a uuid string) visible
// in s; a missing object or one of another tenant is NotFound.
func (m *Manager[T, PT]) Get(ctx context.Context, s Scope, id any) (*T, error) {
	v, err := store.Get[T](ctx, m.db(), m.fam.table, id, s.Tenants)
	if err != nil {
		return nil, err
	}
	return v, m.loadAll(ctx, m.db(), []*T{v})
}

// List returns a page of the objects visible in s and the total count.
func (m *Manager[T, PT]) List(ctx context.Context, s Scope, p ListParams) ([]T, int, error) {
	items, total, err := store.List[T](ctx, m.db(), m.fam.table, s.Tenants, p)
	if err != nil {
		return nil, 0, err
	}
	ptrs := make([]*T, len(items))
	for i := range items {
		ptrs[i] = &items[i]
	}
	return items, total, m.loadAll(ctx, m.db(), ptrs)
}

func (m *Manager[T, PT]) loadAll(ctx context.Context, db bun.IDB, items []*T) error {
	for _, v := range items {
		PT(v).Defaults()
	}
	if m.fam.load == nil || len(items) == 0 {
		return nil
	}
	return m.fam.load(ctx, db, items)
}

// Create validates v, applies the family's rules and stores it in its
// tenant (v's tenant field, which must be visible in s).
func (m *Manager[T, PT]) Create(ctx context.Context, s Scope, v *T) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		return m.write(ctx, tx, s, nil, v)
	})
}

// Update saves v whole, an object previously read with Get and changed:
// what other writers changed since that read is overwritten. Edit is the
// partial update that loses nothing.
func (m *Manager[T, PT]) Update(ctx context.Context, s Scope, v *T) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		old, err := store.Get[T](ctx, tx, m.fam.table, PT(v).GetID(), s.Tenants)
		if err != nil {
			return err
		}
		if err := m.loadAll(ctx, tx, []*T{old}); err != nil {
			return err
		}
		return m.write(ctx, tx, s, old, v)
	})
}

// Edit applies change to the object with key id visible in s and saves
// it, in one transaction that holds the object's row from its read to the
// commit: the fields change leaves alone keep what concurrent writers put
// there. change may run more than once (a transaction that lost a race
// runs again), each time on a fresh read.
func (m *Manager[T, PT]) Edit(ctx context.Context, s Scope, id any, change func(v *T) error) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		v, err := store.GetForUpdate[T](ctx, tx, m.fam.table, id, s.Tenants)
		if err != nil {
			return err
		}
		old, err := store.Get[T](ctx, tx, m.fam.table, PT(v).GetID(), s.Tenants)
		if err != nil {
			return err
		}
		for _, x := range []*T{v, old} {
			if err := m.loadAll(ctx, tx, []*T{x}); err != nil {
				return err
			}
		}
		if err := change(v); err != nil {
			return err
		}
		return m.write(ctx, tx, s, old, v)
	})
}

func (m *Manager[T, PT]) write(ctx context.Context, tx *store.Tx, s Scope, old, v *T) error {
	if err := m.check(ctx, tx, s, old, v); err != nil {
		return err
	}
	return m.save(ctx, tx, old, v, nil)
}

// check validates v and applies the family's rules before save; a compound
// creation checks a part first and saves it once the parts it references
// exist (see createLineAndEndpoint).
func (m *Manager[T, PT]) check(ctx context.Context, tx *store.Tx, s Scope, old, v *T) error {
	p := PT(v)
	p.Defaults()
	if err := p.Validate(); err != nil {
		return err
	}
	if m.fam.table.Tenant != "" && !s.Allows(p.GetTenant()) { // global objects have no tenant
		return store.NotFound("Tenant", "uuid", p.GetTenant())
	}
	if m.fam.prepare != nil {
		return m.fam.prepare(ctx, tx, s, old, v)
	}
	return nil
}

// save stores v, checked, and announces it, at slot when not nil.
func (m *Manager[T, PT]) save(ctx context.Context, tx *store.Tx, old, v *T, slot *store.Slot) error {
	tx.Forget(m.fam.table.Resource + ":")
	op, err := Created, error(nil)
	if old == nil {
		err = m.insert(ctx, tx, v)
	} else {
		op, err = Edited, store.Update(ctx, tx, m.fam.table, v)
	}
	if err != nil {
		return err
	}
	if m.fam.afterWrite != nil {
		if err := m.fam.afterWrite(ctx, tx, old, v); err != nil {
			return err
		}
	}
	if old != nil || m.fam.fresh == nil || !m.fam.fresh(ctx, v) {
		if err := m.loadAll(ctx, tx, []*T{v}); err != nil {
			return err
		}
	}
	return m.announce(ctx, tx, op, old, v, slot)
}

// conflictTries bounds the inserts of one create: drawing a taken
// generated value again and again means the values are used up.
const conflictTries = 20

// insert stores a new object; with the family's conflict, a taken unique
// value is explained (or drawn again) after the insert instead of looked
// for before it.
func (m *Manager[T, PT]) insert(ctx context.Context, tx *store.Tx, v *T) error {
	if m.fam.conflict == nil {
		return store.Insert(ctx, tx, m.fam.table, v)
	}
	for range conflictTries {
		stored, err := store.InsertNew(ctx, tx, m.fam.table, v)
		if err != nil || stored {
			return err
		}
		if err := m.fam.conflict(ctx, tx, v); err != nil {
			return err
		}
	}
	return resources.ErrExists(m.fam.table.Resource)
}

// Delete removes the object with key id visible in s.
func (m *Manager[T, PT]) Delete(ctx context.Context, s Scope, id any) error {
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		v, err := store.Get[T](ctx, tx, m.fam.table, id, s.Tenants)
		if err != nil {
			return err
		}
		if err := m.loadAll(ctx, tx, []*T{v}); err != nil {
			return err
		}
		if m.fam.beforeDelete != nil {
			if err := m.fam.beforeDelete(ctx, tx, v); err != nil {
				return err
			}
		}
		tx.Forget(m.fam.table.Resource + ":")
		if err := store.Delete(ctx, tx, m.fam.table, v); err != nil {
			return err
		}
		return m.announce(ctx, tx, Deleted, nil, v, nil)
	})
}

func (m *Manager[T, PT]) announce(ctx context.Context, tx *store.Tx, op Op, old, v *T, slot *store.Slot) error {
	if m.fam.reload != nil {
		tx.Reload(m.fam.reload(op, old, v))
	}
	if m.fam.events == nil {
		return nil
	}
	evs := m.fam.events(op, old, v)
	for i := range evs {
		evs[i].OriginUUID = m.c.info.UUID
	}
	if slot != nil {
		return tx.Fill(slot, evs...)
	}
	return tx.Emit(ctx, evs...)
}

// ParseList reads wazo's list query parameters (search, order, direction,
// limit, offset and exact-match filters) for this family.
func (m *Manager[T, PT]) ParseList(q map[string][]string) (ListParams, error) {
	return store.ParseListParams(q, m.fam.table.Search)
}

package confd

import (
	"context"
	"fmt"
	"hash/fnv"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// SIPTransport is a PJSIP transport (see resources.SIPTransport).
type SIPTransport = resources.SIPTransport

// SIPTransports manages SIP (PJSIP) transports: global named sections that
// SIP endpoints and templates use. The database ships with wazo's
// transport-udp and transport-wss. Scopes are ignored: transports belong
// to no tenant (the HTTP server lets only the master tenant write them).
type SIPTransports struct {
	*Manager[resources.SIPTransport, *resources.SIPTransport]
}

var sipTransportTable = store.Table{
	Resource: "Transport", Key: "uuid",
	Search: store.SearchSpec{Default: "name", Search: []string{"name"}, Columns: map[string]store.Column{
		"uuid": {}, "name": {},
	}},
}

var sipTransportReload = reload.Commands("module reload res_pjsip.so")

func newSIPTransports(c *Client) *SIPTransports {
	fam := &family[resources.SIPTransport]{
		table:   sipTransportTable,
		prepare: prepareSIPTransport,
		events: func(op Op, _, v *resources.SIPTransport) []events.Event {
			verb := [...]string{"created", "edited", "deleted"}[op]
			data := map[string]any{"uuid": v.UUID, "name": v.Name, "options": v.Options}
			return []events.Event{globalEvent("sip_transport_"+verb, "config.sip.transports."+verb, data)}
		},
		reload: func(Op, *resources.SIPTransport, *resources.SIPTransport) reload.Request {
			return sipTransportReload
		},
	}
	return &SIPTransports{&Manager[resources.SIPTransport, *resources.SIPTransport]{c: c, fam: fam}}
}

// transportKey returns the canonical form of a transport's uuid.
func transportKey(id any) string { return resources.CanonicalUUID(fmt.Sprint(id)) }

// transportNotFound words a missing transport as wazo does: ('uuid': UUID('...')).
func transportNotFound(err error, id string) error {
	if resources.IsNotFound(err) {
		return resources.ErrNotFoundUUID("Transport", id)
	}
	return err
}

// Get returns the transport with this uuid.
func (m *SIPTransports) Get(ctx context.Context, _ Scope, id any) (*SIPTransport, error) {
	key := transportKey(id)
	v, err := m.Manager.Get(ctx, Scope{}, key)
	return v, transportNotFound(err, key)
}

// Update saves v, read with Get and changed.
func (m *SIPTransports) Update(ctx context.Context, _ Scope, v *SIPTransport) error {
	return transportNotFound(m.Manager.Update(ctx, Scope{}, v), v.UUID)
}

// Edit applies change to the transport with this uuid and saves it,
// holding its row meanwhile (see Manager.Edit).
func (m *SIPTransports) Edit(ctx context.Context, _ Scope, id any, change func(v *SIPTransport) error) error {
	key := transportKey(id)
	return transportNotFound(m.Manager.Edit(ctx, Scope{}, key, change), key)
}

// Delete removes the transport with this uuid if no endpoint or template
// uses it.
func (m *SIPTransports) Delete(ctx context.Context, s Scope, id any) error {
	return m.DeleteWithFallback(ctx, s, id, "")
}

// DeleteWithFallback removes the transport with this uuid; the endpoints
// and templates that use it move to the transport fallback, or, when
// fallback is "", make the deletion fail.
func (m *SIPTransports) DeleteWithFallback(ctx context.Context, _ Scope, id any, fallback string) error {
	key := transportKey(id)
	return m.c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		v, err := lockSIPTransport(ctx, tx, key, "UPDATE")
		if err != nil {
			return err
		}
		if fallback != "" {
			err = moveSIPTransportUsers(ctx, tx, v, transportKey(fallback))
		} else {
			err = checkSIPTransportUnused(ctx, tx, v)
		}
		if err != nil {
			return err
		}
		if err := store.Delete(ctx, tx, sipTransportTable, v); err != nil {
			return err
		}
		return m.announce(ctx, tx, Deleted, nil, v, nil)
	})
}

// lockSIPTransport reads the transport uuid with a row lock (see rowLock).
func lockSIPTransport(ctx context.Context, tx *store.Tx, uuid, mode string) (*resources.SIPTransport, error) {
	v := new(resources.SIPTransport)
	err := rowLock(tx, tx.NewSelect().Model(v).Where("uuid = ?", uuid), mode).Scan(ctx)
	if store.IsNoRows(err) {
		return nil, resources.ErrNotFoundUUID("Transport", uuid)
	}
	return v, err
}

func moveSIPTransportUsers(ctx context.Context, tx *store.Tx, v *resources.SIPTransport, fallback string) error {
	if fallback == v.UUID {
		return resources.ErrNotPermitted("A transport cannot be its own fallback")
	}
	if _, err := lockSIPTransport(ctx, tx, fallback, "SHARE"); err != nil {
		return err
	}
	_, err := tx.NewUpdate().Table("endpoints_sip").Set("transport_uuid = ?", fallback).
		Where("transport_uuid = ?", v.UUID).Exec(ctx)
	return err
}

// checkSIPTransportUnused refuses to delete a transport an endpoint or a
// template uses.
func checkSIPTransportUnused(ctx context.Context, tx *store.Tx, v *resources.SIPTransport) error {
	var users []string
	err := tx.NewSelect().Table("endpoints_sip").Column("uuid").Where("transport_uuid = ?", v.UUID).
		OrderExpr("uuid").Limit(1).Scan(ctx, &users)
	if err != nil || len(users) == 0 {
		return err
	}
	return resources.ErrResource("Transport is associated with a EndpointSIP ('transport_uuid': UUID('%s'), 'endpoint_sip_uuid': UUID('%s'))",
		v.UUID, users[0])
}

// prepareSIPTransport keeps the uuid of an existing transport or gives
// one to a new transport, then checks, in wazo's order, that no other
// transport, endpoint or template has its name, and its option keys.
func prepareSIPTransport(ctx context.Context, tx *store.Tx, _ Scope, old, v *resources.SIPTransport) error {
	if old != nil {
		v.UUID = old.UUID
	} else if v.UUID == "" {
		v.UUID = resources.NewUUID()
	}
	v.UUID = resources.CanonicalUUID(v.UUID)
	if err := lockPJSIPName(ctx, tx, v.Name); err != nil {
		return err
	}
	if err := checkSIPTransportName(ctx, tx, old == nil, v); err != nil {
		return err
	}
	return v.CheckOptionKeys()
}

// checkSIPTransportName refuses a name another transport, an endpoint or
// a template has. wazo names the resource "name" on create.
func checkSIPTransportName(ctx context.Context, tx *store.Tx, create bool, v *resources.SIPTransport) error {
	resource := func(r string) string {
		if create {
			return "name"
		}
		return r
	}
	taken, err := store.Exists(ctx, tx, "sip_transports", "name = ? AND uuid <> ?", v.Name, v.UUID)
	if err != nil || taken {
		if err == nil {
			err = resources.ErrExists(resource("Transport"), "name", v.Name)
		}
		return err
	}
	var kinds []bool
	if err := tx.NewSelect().Table("endpoints_sip").Column("template").Where("name = ?", v.Name).Scan(ctx, &kinds); err != nil {
		return err
	}
	switch {
	case len(kinds) == 0:
		return nil
	case kinds[0]:
		return resources.ErrExists(resource("SIPEndpointTemplate"), "name", v.Name)
	}
	return resources.ErrExists(resource("SIPEndpoint"), "name", v.Name)
}

// lockPJSIPName serialises, until commit, the writes that give a PJSIP
// section this name: transports and SIP endpoints live in two tables, so
// no unique index spans their names (PostgreSQL advisory lock; SQLite
// runs one writer at a time).
func lockPJSIPName(ctx context.Context, tx *store.Tx, name string) error {
	if tx.Engine != store.Postgres {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte("confd pjsip section " + name))
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(h.Sum64()))
	return err
}

// checkSIPTransportNameFree takes the name's lock and refuses a name a
// transport has: the check SIP endpoints and templates add to theirs.
func checkSIPTransportNameFree(ctx context.Context, tx *store.Tx, name string) error {
	if err := lockPJSIPName(ctx, tx, name); err != nil {
		return err
	}
	taken, err := store.Exists(ctx, tx, "sip_transports", "name = ?", name)
	if err == nil && taken {
		err = resources.ErrExists("Transport", "name", name)
	}
	return err
}

// useSIPTransport checks that the transport an endpoint or template names
// exists and holds it until commit, so that a concurrent deletion waits
// and then sees the endpoint. It returns the transport's canonical uuid.
func useSIPTransport(ctx context.Context, tx *store.Tx, uuid string) (string, error) {
	key := resources.CanonicalUUID(uuid)
	if _, err := lockSIPTransport(ctx, tx, key, "SHARE"); err != nil {
		if resources.IsNotFound(err) {
			err = resources.ErrInput("field 'transport': SIPTransport was not found ('uuid': UUID('%s'))", key)
		}
		return "", err
	}
	return key, nil
}

// sipTransportNamed returns a reference to the transport with this name,
// nil when there is none (or name is "").
func sipTransportNamed(ctx context.Context, db bun.IDB, name string) (*resources.SIPTransportRef, error) {
	if name == "" {
		return nil, nil
	}
	var uuids []string
	if err := db.NewSelect().Table("sip_transports").Column("uuid").Where("name = ?", name).Scan(ctx, &uuids); err != nil {
		return nil, err
	}
	if len(uuids) == 0 {
		return nil, nil
	}
	return &resources.SIPTransportRef{UUID: uuids[0]}, nil
}

// pjsipNameUsed reports whether an endpoint, a template or a transport
// has this name.
func pjsipNameUsed(ctx context.Context, db bun.IDB, name string) (bool, error) {
	var used bool
	err := db.NewRaw("SELECT EXISTS (SELECT 1 FROM endpoints_sip WHERE name = ?) OR EXISTS (SELECT 1 FROM sip_transports WHERE name = ?)",
		name, name).Scan(ctx, &used)
	return used, err
}

package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Lines manages phone lines.
type Lines struct {
	*Manager[resources.Line, *resources.Line]
}

// lineTable lists lines as wazo does: its name and protocol are those of
// its endpoint, its exten that of its extension.
var lineTable = store.Table{
	Resource: "Line", Key: "id", Tenant: "tenant_uuid",
	Search: store.SearchSpec{Default: "name", Columns: map[string]store.Column{
		"context": {}, "provisioning_code": {},
		"provisioning_extension": {Expr: "?TableAlias.provisioning_code"},
		"position":               {Type: store.IntColumn}, "device_slot": {Expr: "?TableAlias.position", Type: store.IntColumn},
		"device_id": {}, "caller_id_name": {}, "caller_id_num": {},
		"name": {Expr: "COALESCE((SELECT name FROM endpoints_sip WHERE uuid = ?TableAlias.endpoint_sip_uuid), " +
			"(SELECT name FROM endpoints_sccp WHERE id = ?TableAlias.endpoint_sccp_id), " +
			"(SELECT interface FROM endpoints_custom WHERE id = ?TableAlias.endpoint_custom_id))"},
		"protocol": {Expr: "CASE WHEN ?TableAlias.endpoint_sip_uuid IS NOT NULL THEN 'sip' " +
			"WHEN ?TableAlias.endpoint_sccp_id IS NOT NULL THEN 'sccp' " +
			"WHEN ?TableAlias.endpoint_custom_id IS NOT NULL THEN 'custom' END"},
		"exten": {Expr: "(SELECT e.exten FROM line_extensions le JOIN extensions e ON e.id = le.extension_id " +
			"WHERE le.line_id = ?TableAlias.id)"},
	}},
}

var lineReload = reload.Commands("module reload res_pjsip.so", "dialplan reload", "module reload chan_sccp.so")

func newLines(c *Client) *Lines {
	fam := &family[resources.Line]{
		table:    lineTable,
		prepare:  prepareLine,
		conflict: lineCodeTaken,
		load:     loadLines,
		fresh: func(ctx context.Context, l *resources.Line) bool {
			l.Links = link(ctx, "lines", l.ID)           // no extension or user yet
			return !l.HasEndpoint() || l.Protocol != nil // an endpoint, when any, is shown already
		},
		beforeDelete: func(ctx context.Context, tx *store.Tx, l *resources.Line) error {
			if l.DeviceID != nil { // off its device first, as wazo does
				if err := c.bind(tx).DissociateLineDevice(ctx, Scope{}, l.ID, *l.DeviceID); err != nil {
					return err
				}
			}
			if err := dropLineUsers(ctx, tx, l.ID); err != nil {
				return err
			}
			return deleteLineEndpoint(ctx, c.bind(tx), l)
		},
		events: lineEvents,
		reload: func(op Op, old, v *resources.Line) reload.Request {
			if op == Edited && sameLine(old, v) {
				return reload.Request{}
			}
			return lineReload
		},
	}
	return &Lines{&Manager[resources.Line, *resources.Line]{c: c, fam: fam}}
}

// deleteLineEndpoint deletes the line's endpoint, which goes with its
// line, as in wazo.
func deleteLineEndpoint(ctx context.Context, c *Client, l *resources.Line) error {
	switch {
	case l.EndpointSIPUUID != nil:
		return c.EndpointsSIP.Delete(ctx, Scope{}, *l.EndpointSIPUUID)
	case l.EndpointSCCPID != nil:
		return c.EndpointsSCCP.Delete(ctx, Scope{}, *l.EndpointSCCPID)
	case l.EndpointCustomID != nil:
		return c.EndpointsCustom.Delete(ctx, Scope{}, *l.EndpointCustomID)
	}
	return nil
}

func sameLine(a, b *resources.Line) bool {
	return a.Context == b.Context && a.ProvisioningCode == b.ProvisioningCode && *a.Position == *b.Position &&
		a.Registrar == b.Registrar && eqPtr(a.CallerIDName, b.CallerIDName) && eqPtr(a.CallerIDNum, b.CallerIDNum)
}

func eqPtr[T comparable](a, b *T) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// prepareLine checks, in wazo's order, the context (visible; a new line
// belongs to its context's tenant and never moves), the registrar, that a
// caller id needs an endpoint, and a free provisioning code (a drawn one
// taken is drawn again; the insert checks it too, see lineCodeTaken).
func prepareLine(ctx context.Context, tx *store.Tx, s Scope, old, v *resources.Line) error {
	if old != nil {
		v.ID, v.TenantUUID, v.DeviceID = old.ID, old.TenantUUID, old.DeviceID
		v.EndpointSIPUUID, v.EndpointSCCPID, v.EndpointCustomID = old.EndpointSIPUUID, old.EndpointSCCPID, old.EndpointCustomID
	}
	if _, err := inContext(ctx, tx, s, v.Context, old == nil, &v.TenantUUID); err != nil {
		return err
	}
	registrar, codeTaken, err := lineRefs(ctx, tx, v)
	if err != nil {
		return err
	}
	if !registrar {
		return resources.ErrInputNotFound("registrar", "Registrar", "registrar", v.Registrar)
	}
	if (v.CallerIDName != nil || v.CallerIDNum != nil) && !v.HasEndpoint() {
		if old == nil || !sameCallerID(old, v) {
			return resources.ErrInput("caller_id: ['A line without endpoint has no caller ID']")
		}
	}
	if !codeTaken {
		return nil
	}
	return freeProvisioningCode(ctx, tx, v)
}

// lineRefs reads in one query whether the line's registrar exists (held
// until commit on PostgreSQL, so that a concurrent deletion waits and then
// sees the line) and whether another line has its provisioning code.
func lineRefs(ctx context.Context, tx *store.Tx, v *resources.Line) (registrar, codeTaken bool, err error) {
	lock := ""
	if tx.Engine == store.Postgres {
		lock = " FOR SHARE"
	}
	var row struct {
		Registrar *string `bun:"registrar"`
		Taken     bool    `bun:"taken"`
	}
	err = tx.NewRaw("SELECT (SELECT id FROM registrars WHERE id = ?"+lock+") AS registrar, "+
		"EXISTS (SELECT 1 FROM lines WHERE provisioning_code = ? AND id <> ?) AS taken",
		v.Registrar, v.ProvisioningCode, v.ID).Scan(ctx, &row)
	return row.Registrar != nil, row.Taken, err
}

// lineCodeTaken explains the insert of a new line that found a unique
// value taken (a concurrent line took the code after prepareLine's read):
// a drawn provisioning code is drawn again, a given one refused.
func lineCodeTaken(ctx context.Context, tx *store.Tx, v *resources.Line) error {
	taken, err := store.Exists(ctx, tx, "lines", "provisioning_code = ?", v.ProvisioningCode)
	switch {
	case err != nil:
		return err
	case taken && v.GeneratedCode():
		v.NewProvisioningCode()
		return nil
	case taken:
		return resources.ErrExists("Line", "provisioning_code", v.ProvisioningCode)
	}
	return resources.ErrExists("Line")
}

func sameCallerID(old, v *resources.Line) bool {
	return eqPtr(old.CallerIDName, v.CallerIDName) && eqPtr(old.CallerIDNum, v.CallerIDNum)
}

// freeProvisioningCode refuses a taken code, or draws another when the
// code was drawn.
func freeProvisioningCode(ctx context.Context, tx *store.Tx, v *resources.Line) error {
	for tries := 0; ; tries++ {
		taken, err := store.Exists(ctx, tx, "lines", "provisioning_code = ? AND id <> ?", v.ProvisioningCode, v.ID)
		if err != nil || !taken {
			return err
		}
		if !v.GeneratedCode() || tries > 20 {
			return resources.ErrExists("Line", "provisioning_code", v.ProvisioningCode)
		}
		v.NewProvisioningCode()
	}
}

func loadLines(ctx context.Context, db bun.IDB, items []*resources.Line) error {
	for _, l := range items {
		l.Links = link(ctx, "lines", l.ID)
		if err := loadLineEndpoint(ctx, db, l); err != nil {
			return err
		}
	}
	if err := loadLineExtensions(ctx, db, items); err != nil {
		return err
	}
	return loadLineUsers(ctx, db, items)
}

// lineEvents announces a line; a new line is announced without endpoint,
// as wazo does: it gets one by an association, announced on its own.
func lineEvents(op Op, _, l *resources.Line) []events.Event {
	verb := [...]string{"created", "edited", "deleted"}[op]
	data := map[string]any{"id": l.ID, "protocol": l.Protocol, "name": l.Name, "tenant_uuid": l.TenantUUID}
	if op == Created {
		data["protocol"], data["name"] = nil, nil
	}
	return []events.Event{tenantEvent("line_"+verb, "config.line."+verb, l.TenantUUID, data)}
}

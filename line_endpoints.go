package confd

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// endpointKind is how a line refers to one kind of endpoint.
type endpointKind struct {
	name     string // sip, sccp, custom
	resource string // name in messages
	table    string
	key      string // the endpoint's key column
	column   string // the line's column
	nameExpr string // the line's name: the endpoint's section name or interface
	reload   reload.Request
	where    string // what else an endpoint row must match (not a SIP template)
}

var endpointKinds = map[string]endpointKind{
	"sip": {"sip", "SIPEndpoint", "endpoints_sip", "uuid", "endpoint_sip_uuid", "name",
		reload.Commands("module reload res_pjsip.so"), "NOT template"},
	"sccp": {"sccp", "SCCPEndpoint", "endpoints_sccp", "id", "endpoint_sccp_id", "name",
		reload.Commands("module reload chan_sccp.so"), ""},
	"custom": {"custom", "CustomEndpoint", "endpoints_custom", "id", "endpoint_custom_id", "interface",
		reload.Request{}, ""},
}

// lineEndpoint is an endpoint as a line shows it.
type lineEndpoint struct {
	Key        string  `bun:"key"`
	TenantUUID string  `bun:"tenant_uuid"`
	Name       string  `bun:"name"`
	Label      *string `bun:"label"`
	Auth       string  `bun:"auth"`
}

func (k endpointKind) find(ctx context.Context, db bun.IDB, key string, tenants []string) (*lineEndpoint, error) {
	cols := "CAST(" + k.key + " AS TEXT) AS key, tenant_uuid, " + k.nameExpr + " AS name"
	if k.name == "sip" {
		cols += ", label, auth_section_options AS auth"
	}
	q := db.NewSelect().TableExpr(k.table).ColumnExpr(cols).Where(k.key+" = ?", key)
	if k.where != "" {
		q.Where(k.where)
	}
	if tenants != nil {
		q.Where("tenant_uuid IN (?)", bun.List(tenants))
	}
	ep := new(lineEndpoint)
	if err := q.Limit(1).Scan(ctx, ep); err != nil {
		return nil, store.FormatError(err, k.resource, k.key, keyValue(k, key))
	}
	return ep, nil
}

func keyValue(k endpointKind, key string) any {
	if k.key == "id" {
		if n, err := strconv.Atoi(key); err == nil {
			return n
		}
	}
	return key
}

// current returns the kind and key of the line's endpoint, if any.
func lineEndpointOf(l *resources.Line) (endpointKind, string, bool) {
	switch {
	case l.EndpointSIPUUID != nil:
		return endpointKinds["sip"], *l.EndpointSIPUUID, true
	case l.EndpointSCCPID != nil:
		return endpointKinds["sccp"], strconv.Itoa(*l.EndpointSCCPID), true
	case l.EndpointCustomID != nil:
		return endpointKinds["custom"], strconv.Itoa(*l.EndpointCustomID), true
	}
	return endpointKind{}, "", false
}

// loadLineEndpoint shows the line's endpoint, name, protocol and whether
// it is a WebRTC line.
func loadLineEndpoint(ctx context.Context, db bun.IDB, l *resources.Line) error {
	if err := nameLineEndpoint(ctx, db, l); err != nil || l.EndpointSIPUUID == nil {
		return err
	}
	var err error
	l.IsWebRTC, err = sipIsWebRTC(ctx, db, *l.EndpointSIPUUID)
	return err
}

// nameLineEndpoint shows the line's endpoint, name and protocol: what
// events about the line carry.
func nameLineEndpoint(ctx context.Context, db bun.IDB, l *resources.Line) error {
	k, key, ok := lineEndpointOf(l)
	if !ok {
		return nil
	}
	ep, err := k.find(ctx, db, key, nil)
	if err != nil {
		return err
	}
	l.Name, l.Protocol = &ep.Name, &k.name
	body := k.body(ctx, ep)
	switch k.name {
	case "sip":
		l.EndpointSIP = body
	case "sccp":
		l.EndpointSCCP = body
	default:
		l.EndpointCustom = body
	}
	return nil
}

// body is the endpoint as a line shows it (and as events carry it).
func (k endpointKind) body(ctx context.Context, ep *lineEndpoint) map[string]any {
	links := link(ctx, "endpoints/"+k.name, keyValue(k, ep.Key))
	links[0].Rel = "endpoint_" + k.name
	switch k.name {
	case "sip":
		return map[string]any{"uuid": ep.Key, "tenant_uuid": ep.TenantUUID, "label": ep.Label, "name": ep.Name,
			"auth_section_options": usernameOnly(ep.Auth), "links": links}
	case "sccp":
		return map[string]any{"id": keyValue(k, ep.Key), "tenant_uuid": ep.TenantUUID, "links": links}
	}
	return map[string]any{"id": keyValue(k, ep.Key), "tenant_uuid": ep.TenantUUID, "interface": ep.Name, "links": links}
}

// usernameOnly keeps the username of auth options: no password leaves.
func usernameOnly(raw string) [][2]string {
	var pairs [][2]string
	_ = json.Unmarshal([]byte(raw), &pairs)
	out := [][2]string{}
	for _, p := range pairs {
		if p[0] == "username" {
			out = append(out, p)
		}
	}
	return out
}

// AssociateLineEndpoint gives line lineID its endpoint of kind ("sip",
// "sccp", "custom") with key (uuid or id). A line has at most one endpoint
// and an endpoint serves one line, of the same tenant; associating the same
// pair again does nothing.
func (c *Client) AssociateLineEndpoint(ctx context.Context, s Scope, lineID int, kind, key string) error {
	k := endpointKinds[kind]
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		l, ep, err := lineAndEndpoint(ctx, tx, s, lineID, k, key)
		if err != nil {
			return err
		}
		if ck, ckey, ok := lineEndpointOf(l); ok {
			if ck.name == k.name && ckey == ep.Key {
				return nil
			}
			return resources.ErrAssociated("Line", "Endpoint", "line_id", l.ID, "endpoint", ck.name, "endpoint_id", keyValue(ck, ckey))
		}
		if err := endpointFree(ctx, tx, k, ep.Key); err != nil {
			return err
		}
		return c.setLineEndpoint(ctx, tx, k, l, ep)
	})
}

// newEndpointOf describes the endpoint just created for a line: a SIP
// endpoint is at hand; the others are read for their generated names.
func newEndpointOf(ctx context.Context, tx *store.Tx, l *resources.Line, kind, key string, sip *resources.EndpointSIP) (*lineEndpoint, error) {
	if sip == nil {
		return endpointKinds[kind].find(ctx, tx, key, nil)
	}
	auth, err := json.Marshal(sip.AuthSectionOptions)
	if err != nil {
		return nil, err
	}
	if l.IsWebRTC, err = sipSaysWebRTC(ctx, tx, sip, sip.Templates); err != nil {
		return nil, err
	}
	return &lineEndpoint{Key: sip.UUID, TenantUUID: sip.TenantUUID, Name: sip.Name, Label: sip.Label, Auth: string(auth)}, nil
}

// setLineEndpoint makes ep the endpoint of l, in its row and in l (as a
// read shows it, but for is_webrtc), and announces it.
func (c *Client) setLineEndpoint(ctx context.Context, tx *store.Tx, k endpointKind, l *resources.Line, ep *lineEndpoint) error {
	if err := tx.ExecLater(ctx, tx.NewUpdate().Table("lines").Set(k.column+" = ?", keyValue(k, ep.Key)).Where("id = ?", l.ID)); err != nil {
		return store.FormatError(err, "Line")
	}
	showLineEndpoint(ctx, k, l, ep)
	return c.announceLineEndpoint(ctx, tx, k, l, ep, "associated")
}

// showLineEndpoint makes ep the endpoint of l in memory, as a read shows
// it (but for is_webrtc).
func showLineEndpoint(ctx context.Context, k endpointKind, l *resources.Line, ep *lineEndpoint) {
	l.Name, l.Protocol = &ep.Name, &k.name
	body := k.body(ctx, ep)
	switch id, _ := keyValue(k, ep.Key).(int); k.name {
	case "sip":
		l.EndpointSIPUUID, l.EndpointSIP = &ep.Key, body
	case "sccp":
		l.EndpointSCCPID, l.EndpointSCCP = &id, body
	default:
		l.EndpointCustomID, l.EndpointCustom = &id, body
	}
}

func lineAndEndpoint(ctx context.Context, tx *store.Tx, s Scope, lineID int, k endpointKind, key string) (*resources.Line, *lineEndpoint, error) {
	l, err := store.Get[resources.Line](ctx, tx, lineTable, lineID, s.Tenants)
	if err != nil {
		return nil, nil, err
	}
	ep, err := k.find(ctx, tx, key, s.Tenants)
	if err != nil {
		return nil, nil, err
	}
	if l.TenantUUID != ep.TenantUUID {
		return nil, nil, resources.ErrDifferentTenants("line_tenant_uuid", l.TenantUUID, "endpoint_tenant_uuid", ep.TenantUUID)
	}
	return l, ep, nil
}

func endpointFree(ctx context.Context, tx *store.Tx, k endpointKind, key string) error {
	var other []int
	err := tx.NewSelect().Table("lines").Column("id").Where(k.column+" = ?", keyValue(k, key)).Scan(ctx, &other)
	if err != nil {
		return err
	}
	if len(other) > 0 {
		return resources.ErrAssociated("Line", "Endpoint", "line_id", other[0], "endpoint", k.name, "endpoint_"+k.key, keyValue(k, key))
	}
	return nil
}

// DissociateLineEndpoint removes the line's endpoint. A line still used by
// users, extensions or a device keeps it; dissociating a pair that is not
// associated does nothing.
func (c *Client) DissociateLineEndpoint(ctx context.Context, s Scope, lineID int, kind, key string) error {
	k := endpointKinds[kind]
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		l, ep, err := lineAndEndpoint(ctx, tx, s, lineID, k, key)
		if err != nil {
			return err
		}
		if ck, ckey, ok := lineEndpointOf(l); !ok || ck.name != k.name || ckey != ep.Key {
			return nil
		}
		if err := lineUnused(ctx, tx, l); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Table("lines").Set(k.column+" = NULL").Where("id = ?", l.ID).Exec(ctx); err != nil {
			return err
		}
		return c.announceLineEndpoint(ctx, tx, k, l, ep, "dissociated")
	})
}

// lineUnused refuses to take the endpoint of a line users, extensions or a
// device use.
func lineUnused(ctx context.Context, tx *store.Tx, l *resources.Line) error {
	for _, rel := range []struct{ table, col, name string }{
		{"user_lines", "user_id", "User"}, {"line_extensions", "extension_id", "Extension"},
	} {
		var ids []int
		if err := tx.NewSelect().Table(rel.table).Column(rel.col).Where("line_id = ?", l.ID).Scan(ctx, &ids); err != nil {
			return err
		}
		if len(ids) > 0 {
			return resources.ErrAssociated("Line", rel.name, "line_id", l.ID, rel.col+"s", joinInts(ids))
		}
	}
	return lineHasNoDevice(ctx, tx, l.ID)
}

func joinInts(ids []int) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ","
		}
		out += strconv.Itoa(id)
	}
	return out
}

func (c *Client) announceLineEndpoint(ctx context.Context, tx *store.Tx, k endpointKind, l *resources.Line, ep *lineEndpoint, verb string) error {
	tx.Reload(k.reload)
	body := k.body(ctx, ep)
	delete(body, "links")
	data := map[string]any{"line": map[string]any{"id": l.ID, "tenant_uuid": l.TenantUUID, "name": ep.Name}, "endpoint_" + k.name: body}
	action := assocAction(verb)
	rk := "config.lines." + strconv.Itoa(l.ID) + ".endpoints." + k.name + "." + ep.Key + "." + action
	return tx.Emit(ctx, withOrigin(c, tenantEvent("line_endpoint_"+k.name+"_"+verb, rk, l.TenantUUID, data))...)
}

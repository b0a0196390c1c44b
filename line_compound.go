package confd

import (
	"context"
	"strconv"

	"github.com/gopbx/confd/resources"
)

// NewLine is a line created with its user: the line, its extensions
// (an existing exten@context is reused) and at most one endpoint.
type NewLine struct {
	Line           *resources.Line
	Extensions     []*resources.Extension
	EndpointSIP    *resources.EndpointSIP
	EndpointSCCP   *resources.EndpointSCCP
	EndpointCustom *resources.EndpointCustom
	// DeviceID, for a user's line, puts the line on that device.
	DeviceID *string

	reused bool // an existing extension was reused: other lines may ring it
}

// CreateLineWith creates a line with its endpoint and extensions, in one
// transaction (wazo's POST /lines with endpoint_sip, extensions, ...). The
// line's caller id goes to the endpoint; one given both ways is refused.
// nl.Line is left as a read shows it.
func (c *Client) CreateLineWith(ctx context.Context, s Scope, nl *NewLine) error {
	var m *NewLine
	err := c.RunInTx(ctx, func(ctx context.Context, tx *Client) error {
		m = nl.attempt() // see compound_attempt.go
		if err := tx.createLine(ctx, s, m); err != nil {
			return err
		}
		if m.shownAsCreated() {
			return nil
		}
		return tx.Lines.loadAll(ctx, tx.tx, []*resources.Line{m.Line})
	})
	if err == nil {
		nl.committed(m)
	}
	return err
}

// shownAsCreated reports whether the line created from nl shows all it has
// without a read: its new endpoint and at most one new extension were
// added to it as they were created.
func (nl *NewLine) shownAsCreated() bool { return !nl.reused && len(nl.Extensions) <= 1 }

func (c *Client) createLine(ctx context.Context, s Scope, nl *NewLine) error {
	l := nl.Line
	if err := lineCallerIDToEndpoint(nl); err != nil {
		return err
	}
	callerName, callerNum := l.CallerIDName, l.CallerIDNum
	if nl.EndpointSIP != nil || nl.EndpointSCCP != nil || nl.EndpointCustom != nil {
		l.CallerIDName, l.CallerIDNum = nil, nil // set once the line has its endpoint
	}
	if err := c.createLineAndEndpoint(ctx, s, nl); err != nil {
		return err
	}
	if callerName == nil && callerNum == nil {
		callerName, callerNum = endpointCallerID(nl)
	}
	if err := c.setLineCallerID(ctx, l, callerName, callerNum); err != nil {
		return err
	}
	for i, x := range nl.Extensions {
		reused, err := c.reuseOrCreateExtension(ctx, s, l.TenantUUID, l, x)
		if err != nil {
			return err
		}
		nl.reused = nl.reused || reused
		if reused || i > 0 {
			err = c.AssociateLineExtension(ctx, s, l.ID, x.ID)
		} else {
			err = c.attachNewExtension(ctx, l, x)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// createLineAndEndpoint creates nl's line and the endpoint it brings.
// They are checked and announced in wazo's order (the line, the endpoint,
// their association) but stored endpoint first, so that the line's row
// names its endpoint from the start.
func (c *Client) createLineAndEndpoint(ctx context.Context, s Scope, nl *NewLine) error {
	l := nl.Line
	if err := c.Lines.check(ctx, c.tx, s, nil, l); err != nil {
		return err
	}
	slot := c.tx.Reserve()
	kind, key, err := c.createLineEndpoint(ctx, s, l.TenantUUID, nl)
	if err != nil {
		return err
	}
	if kind == "" {
		return c.Lines.save(ctx, c.tx, nil, l, slot)
	}
	ep, err := newEndpointOf(ctx, c.tx, l, kind, key, nl.EndpointSIP)
	if err != nil {
		return err
	}
	k := endpointKinds[kind]
	showLineEndpoint(ctx, k, l, ep)
	if err := c.Lines.save(ctx, c.tx, nil, l, slot); err != nil {
		return err
	}
	return c.announceLineEndpoint(ctx, c.tx, k, l, ep, "associated")
}

// createLineEndpoint creates the endpoint nl brings, in tenant, and
// returns its kind and key ("" when nl brings none).
func (c *Client) createLineEndpoint(ctx context.Context, s Scope, tenant string, nl *NewLine) (kind, key string, err error) {
	switch {
	case nl.EndpointSIP != nil:
		nl.EndpointSIP.TenantUUID = tenant
		err = c.EndpointsSIP.Create(ctx, s, nl.EndpointSIP)
		return "sip", nl.EndpointSIP.UUID, err
	case nl.EndpointSCCP != nil:
		nl.EndpointSCCP.TenantUUID = tenant
		err = c.EndpointsSCCP.Create(ctx, s, nl.EndpointSCCP)
		return "sccp", strconv.Itoa(nl.EndpointSCCP.ID), err
	case nl.EndpointCustom != nil:
		nl.EndpointCustom.TenantUUID = tenant
		err = c.EndpointsCustom.Create(ctx, s, nl.EndpointCustom)
		return "custom", strconv.Itoa(nl.EndpointCustom.ID), err
	}
	return "", "", nil
}

// reuseOrCreateExtension creates x, or fills it with the existing
// exten@context (and reports it reused); the context defaults to the
// line's. As in wazo, the create comes first and a create refused because
// exten@context exists reuses it, when visible in s.
func (c *Client) reuseOrCreateExtension(ctx context.Context, s Scope, tenant string, l *resources.Line, x *resources.Extension) (bool, error) {
	if x.Context == "" {
		x.Context = l.Context
	}
	x.TenantUUID = tenant // another tenant's exten@context is refused as taken
	err := c.Extensions.Create(ctx, s, x)
	if resources.KindOf(err) != resources.Conflict {
		return false, err
	}
	found, ferr := extensionAt(ctx, c.tx, x.Exten, x.Context)
	if ferr != nil || found == nil || !s.Allows(found.TenantUUID) {
		return false, err
	}
	*x = *found
	return true, nil
}

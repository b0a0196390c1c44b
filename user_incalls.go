package confd

import (
	"context"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// NewUserIncall is an incoming route to a new user: its numbers, each an
// existing extension (by ID) or an exten@context found or created in an
// incall context.
type NewUserIncall struct {
	Extensions []*resources.Extension `json:"extensions"`
	// ID is set once the incall exists.
	ID int `json:"id"`
}

// errNotIncallContext is wazo's bare message for a DID outside an incall
// context.
var errNotIncallContext = &resources.Error{Kind: resources.Invalid,
	Messages: []string{"Context associated to the extension is not of type 'incall'"}}

// routeIncallToUser makes each number of in reach user u: the context
// gets a range for the number when none covers it, an incall already on
// the number is routed to u (when it leads nowhere yet), and a number
// without incall gets a new one.
func (c *Client) routeIncallToUser(ctx context.Context, s Scope, u *resources.User, in *NewUserIncall) error {
	for _, x := range in.Extensions {
		if err := c.incallNumber(ctx, s, u, x); err != nil {
			return err
		}
		id, err := c.incallToUser(ctx, s, u, x)
		if err != nil {
			return err
		}
		in.ID = id
	}
	return nil
}

// incallNumber resolves x (by ID, or exten@context found or created) and
// makes sure its incall context covers it.
func (c *Client) incallNumber(ctx context.Context, s Scope, u *resources.User, x *resources.Extension) error {
	if x.ID != 0 {
		found, err := c.Extensions.Get(ctx, s, x.ID)
		if err != nil {
			return err
		}
		*x = *found
	} else {
		found, err := store.Find[resources.Extension](ctx, c.tx, extensionTable, s.Tenants, "exten = ? AND context = ?", x.Exten, x.Context)
		if err != nil {
			return err
		}
		if found == nil {
			x.TenantUUID = u.TenantUUID
			if err := c.ensureIncallRange(ctx, s, x); err != nil {
				return err
			}
			return c.Extensions.Create(ctx, s, x)
		}
		*x = *found
	}
	return c.ensureIncallRange(ctx, s, x)
}

// ensureIncallRange adds the range [exten, exten] to x's context when it
// is an incall context none of whose ranges covers x.
func (c *Client) ensureIncallRange(ctx context.Context, s Scope, x *resources.Extension) error {
	ctxt, err := contextByName(ctx, c.tx, s.Tenants, x.Context)
	if err != nil {
		return err
	}
	if ctxt == nil {
		return resources.ErrInputNotFound("context", "Context", "context", x.Context)
	}
	if ctxt.Type != resources.ContextIncall {
		return errNotIncallContext
	}
	if x.IsPattern() || ctxt.InRange(resources.RangeIncall, x.Exten) {
		return nil
	}
	edited := *ctxt
	edited.IncallRanges = append(append([]resources.Range(nil), ctxt.IncallRanges...),
		resources.Range{Start: x.Exten, End: x.Exten, DIDLength: Ptr(len(x.Exten))})
	return c.Contexts.Update(ctx, s, &edited)
}

// incallToUser routes the incall on x to u, creating it when x has none,
// and returns its id.
func (c *Client) incallToUser(ctx context.Context, s Scope, u *resources.User, x *resources.Extension) (int, error) {
	kind, id, err := extensionUse(ctx, c.tx, x.ID)
	if err != nil {
		return 0, err
	}
	if kind == "incall" {
		return id, c.routeToUser(ctx, s, u, id)
	}
	if id, err = c.newUserIncall(ctx, s, u); err != nil {
		return 0, err
	}
	return id, c.Incalls.AssociateExtension(ctx, s, id, x.ID)
}

// newUserIncall creates an incall leading to u.
func (c *Client) newUserIncall(ctx context.Context, s Scope, u *resources.User) (int, error) {
	v := &resources.Incall{TenantUUID: u.TenantUUID, Destination: resources.UserDestination(u.ID)}
	err := c.Incalls.Create(ctx, s, v)
	return v.ID, err
}

// replaceUserIncalls makes ins the incoming routes to u, as wazo's
// recursive PUT: an entry whose ID is an incall keeps it (it must lead to
// u or nowhere), others are created; their numbers become the entry's
// (found, created, ranged as in routeIncallToUser). The user's incalls
// left out are deleted, and the numbers dropped with them deleted when
// nothing else uses them.
func (c *Client) replaceUserIncalls(ctx context.Context, s Scope, u *resources.User, ins []NewUserIncall) error {
	current, err := userIncallRefs(ctx, c.tx, []int{u.ID})
	if err != nil {
		return err
	}
	dropped := map[int]bool{} // numbers the user's incalls had
	for _, in := range current[u.ID] {
		for _, x := range in.Extensions {
			dropped[x.ID] = true
			if err := c.Incalls.DissociateExtension(ctx, s, in.ID, x.ID); err != nil {
				return err
			}
		}
	}
	kept := map[int]bool{}
	for i := range ins {
		if err := c.setUserIncall(ctx, s, u, &ins[i]); err != nil {
			return err
		}
		kept[ins[i].ID] = true
		for _, x := range ins[i].Extensions {
			delete(dropped, x.ID)
		}
	}
	for _, in := range current[u.ID] {
		if !kept[in.ID] {
			if err := c.Incalls.Delete(ctx, s, in.ID); err != nil {
				return err
			}
		}
	}
	for id := range dropped {
		if err := c.deleteIfUnused(ctx, s, id); err != nil {
			return err
		}
	}
	return nil
}

// setUserIncall routes in (an existing incall by ID, or a new one) and its
// numbers to u.
func (c *Client) setUserIncall(ctx context.Context, s Scope, u *resources.User, in *NewUserIncall) error {
	var err error
	if in.ID == 0 {
		in.ID, err = c.newUserIncall(ctx, s, u)
	} else {
		err = c.routeToUser(ctx, s, u, in.ID)
	}
	if err != nil {
		return err
	}
	for _, x := range in.Extensions {
		if err := c.incallNumber(ctx, s, u, x); err != nil {
			return err
		}
		if err := c.Incalls.AssociateExtension(ctx, s, in.ID, x.ID); err != nil {
			return err
		}
	}
	return nil
}

// routeToUser makes incall id, leading to u or nowhere, lead to u.
func (c *Client) routeToUser(ctx context.Context, s Scope, u *resources.User, id int) error {
	v, err := c.Incalls.Get(ctx, s, id)
	if err != nil {
		return err
	}
	d := v.Destination
	if d.Type == resources.DestUser && d.ID == u.ID {
		return nil
	}
	if !d.IsNone() {
		return errIncallElsewhere
	}
	v.Destination = resources.UserDestination(u.ID)
	return c.Incalls.Update(ctx, s, v)
}

// errIncallElsewhere refuses to take an incall that leads somewhere else.
var errIncallElsewhere = &resources.Error{Kind: resources.Invalid,
	Messages: []string{"Existing incall does not have the new user as a destination"}}

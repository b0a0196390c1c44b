package confd

import (
	"context"
	"encoding/json"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// UserServiceNames are the services a user turns on or off.
var UserServiceNames = []string{"dnd", "incallfilter"}

// UserForwardNames are a user's call forwards.
var UserForwardNames = []string{"busy", "noanswer", "unconditional"}

// SetUserServices sets the user's services named in names (all when
// empty) to what svc says, with a users_services_<name>_updated event each.
func (c *Client) SetUserServices(ctx context.Context, s Scope, userRef any, svc resources.Services, names ...string) error {
	if len(names) == 0 {
		names = UserServiceNames
	}
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, err := store.Get[resources.User](ctx, tx, userTable, userRef, s.Tenants)
		if err != nil {
			return err
		}
		for _, n := range names {
			*service(&u.Services, n) = *service(&svc, n)
		}
		if err := setUserJSON(ctx, tx, u.ID, "services", u.Services); err != nil {
			return err
		}
		for _, n := range names {
			data := map[string]any{"user_id": u.ID, "user_uuid": u.UUID, "tenant_uuid": u.TenantUUID,
				"enabled": service(&u.Services, n).Enabled}
			ev := userEvent("users_services_"+n+"_updated", "config.users."+u.UUID+".services."+n+".updated", u, data)
			if err := tx.Emit(ctx, withOrigin(c, ev)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetUserForwards sets the user's forwards named in names (all when
// empty) to what fw says; an enabled forward needs a destination.
func (c *Client) SetUserForwards(ctx context.Context, s Scope, userRef any, fw resources.Forwards, names ...string) error {
	if len(names) == 0 {
		names = UserForwardNames
	}
	for _, n := range names {
		if f := forward(&fw, n); f.Enabled && f.Destination == nil {
			return resources.ErrInput("destination: cannot be null when the %s forward is enabled", n)
		}
	}
	return c.run(ctx, func(ctx context.Context, tx *store.Tx) error {
		u, err := store.Get[resources.User](ctx, tx, userTable, userRef, s.Tenants)
		if err != nil {
			return err
		}
		for _, n := range names {
			*forward(&u.Forwards, n) = *forward(&fw, n)
		}
		if err := setUserJSON(ctx, tx, u.ID, "forwards", u.Forwards); err != nil {
			return err
		}
		for _, n := range names {
			f := forward(&u.Forwards, n)
			data := map[string]any{"user_id": u.ID, "user_uuid": u.UUID, "tenant_uuid": u.TenantUUID,
				"enabled": f.Enabled, "destination": f.Destination}
			ev := userEvent("users_forwards_"+n+"_updated", "config.users."+u.UUID+".forwards."+n+".updated", u, data)
			if err := tx.Emit(ctx, withOrigin(c, ev)...); err != nil {
				return err
			}
		}
		return nil
	})
}

func setUserJSON(ctx context.Context, tx *store.Tx, userID int, column string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = tx.NewUpdate().Table("users").Set(column+" = ?", string(b)).Where("id = ?", userID).Exec(ctx)
	return err
}

// service is the named service of svc (the names are UserServiceNames).
func service(svc *resources.Services, name string) *resources.Service {
	if name == "incallfilter" {
		return &svc.IncallFilter
	}
	return &svc.DND
}

// forward is the named forward of fw (the names are UserForwardNames).
func forward(fw *resources.Forwards, name string) *resources.Forward {
	switch name {
	case "busy":
		return &fw.Busy
	case "noanswer":
		return &fw.NoAnswer
	}
	return &fw.Unconditional
}

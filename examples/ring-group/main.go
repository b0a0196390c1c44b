// Command ring-group runs confd in-process on an in-memory SQLite database
// and builds a support line: a ring group of two users, its extension
// 2000, fallbacks to a voicemail box, and an incoming call route whose DID
// reaches the group. It prints the group and the incall as the REST API
// shows them, the bus events and the Asterisk reloads asked for.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"strconv"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
)

func main() {
	ctx := context.Background()
	bus, asterisk := &events.Recorder{}, &reload.Recorder{}
	c, err := confd.New(ctx, confd.Config{DatabaseURL: "sqlite::memory:", Publisher: bus, Reloader: asterisk})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	group, incall := &confd.Group{Label: "Support Team"}, &confd.Incall{Description: confd.Ptr("Main number")}
	err = c.RunInTx(ctx, func(ctx context.Context, tx *confd.Client) error { return build(ctx, tx, group, incall) })
	if err != nil {
		log.Fatal(err)
	}
	if err := c.Flush(ctx); err != nil { // deliver now instead of in the background
		log.Fatal(err)
	}
	all := confd.Scope{} // a trusted caller sees every tenant
	g, err := c.Groups.Get(ctx, all, group.UUID)
	if err != nil {
		log.Fatal(err)
	}
	in, err := c.Incalls.Get(ctx, all, incall.ID)
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range []any{g, in} {
		out, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(string(out))
	}
	fmt.Println("events:", bus.Names())
	fmt.Println("asterisk:", asterisk.Merged().Ipbx)
}

// build creates the tenant, two users with a phone, the group with its
// members, extension and fallbacks, and the incall with its DID.
func build(ctx context.Context, tx *confd.Client, group *confd.Group, incall *confd.Incall) error {
	all := confd.Scope{}
	// The first tenant receives the starter dialplan: "default" has the
	// groups' numbers 2000-2999, "from-extern" the DIDs 1000-4999.
	tenant := &confd.Tenant{Name: "Acme", Slug: "acme"}
	if err := tx.Tenants.Create(ctx, "", tenant); err != nil {
		return err
	}
	var members []resources.GroupUserMember
	for i, name := range []string{"Alice", "Bob"} {
		u, err := userWithPhone(ctx, tx, tenant.UUID, name, i)
		if err != nil {
			return err
		}
		members = append(members, resources.GroupUserMember{UUID: u.UUID})
	}
	group.TenantUUID = tenant.UUID
	if err := tx.Groups.Create(ctx, all, group); err != nil {
		return err
	}
	if err := tx.Groups.SetMemberUsers(ctx, all, group.UUID, members); err != nil {
		return err
	}
	exten := &confd.Extension{Exten: "2000", Context: "default"}
	if err := tx.Extensions.Create(ctx, all, exten); err != nil {
		return err
	}
	if err := tx.Groups.AssociateExtension(ctx, all, group.UUID, exten.ID); err != nil {
		return err
	}
	if err := voicemailFallbacks(ctx, tx, group); err != nil {
		return err
	}
	incall.TenantUUID, incall.Destination = tenant.UUID, resources.GroupDestination(group.ID)
	if err := tx.Incalls.Create(ctx, all, incall); err != nil {
		return err
	}
	did := &confd.Extension{Exten: "1500", Context: "from-extern"}
	if err := tx.Extensions.Create(ctx, all, did); err != nil {
		return err
	}
	return tx.Incalls.AssociateExtension(ctx, all, incall.ID, did.ID)
}

// userWithPhone creates a user with a line on a custom endpoint: a group
// member needs a line.
func userWithPhone(ctx context.Context, tx *confd.Client, tenant, name string, n int) (*confd.User, error) {
	all := confd.Scope{}
	u := &confd.User{Firstname: name, TenantUUID: tenant}
	if err := tx.Users.Create(ctx, all, u); err != nil {
		return nil, err
	}
	line := &confd.Line{Context: "default"}
	if err := tx.Lines.Create(ctx, all, line); err != nil {
		return nil, err
	}
	ep := &resources.EndpointCustom{TenantUUID: tenant, Interface: "local/" + strconv.Itoa(100+n)}
	if err := tx.EndpointsCustom.Create(ctx, all, ep); err != nil {
		return nil, err
	}
	if err := tx.AssociateLineEndpoint(ctx, all, line.ID, "custom", strconv.Itoa(ep.ID)); err != nil {
		return nil, err
	}
	return u, tx.AssociateUserLine(ctx, all, u.ID, line.ID)
}

// voicemailFallbacks sends the group's unanswered calls to a shared box:
// with the "unavailable" greeting when nobody answers, "busy" when all
// members are busy.
func voicemailFallbacks(ctx context.Context, tx *confd.Client, g *confd.Group) error {
	vm := &confd.Voicemail{Name: "Support", Number: "2999", Context: "default"}
	if err := tx.Voicemails.Create(ctx, confd.Scope{}, vm); err != nil {
		return err
	}
	noAnswer, busy := resources.VoicemailDestination(vm.ID, "unavailable"), resources.VoicemailDestination(vm.ID, "busy")
	return tx.Groups.SetFallbacks(ctx, confd.Scope{}, g.UUID, resources.GroupFallbacks{NoAnswer: &noAnswer, Congestion: &busy})
}

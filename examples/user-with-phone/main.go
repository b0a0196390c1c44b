// Command user-with-phone runs confd in-process on an in-memory SQLite
// database and provisions a user with a phone, the way a PBX administrator
// does: a line, its SIP endpoint, its extension, the user and a voicemail,
// all in one transaction. It prints the user (with its line and voicemail),
// the bus events of the transaction and the Asterisk reloads it asks for.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

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

	all := confd.Scope{} // a trusted caller sees every tenant
	alice := &confd.User{Firstname: "Alice"}
	err = c.RunInTx(ctx, func(ctx context.Context, tx *confd.Client) error {
		// The first tenant receives the starter dialplan: context "default"
		// has the users' numbers 1000-1999.
		tenant := &confd.Tenant{Name: "Acme", Slug: "acme"}
		if err := tx.Tenants.Create(ctx, "", tenant); err != nil {
			return err
		}
		line := &confd.Line{Context: "default"}
		if err := tx.Lines.Create(ctx, all, line); err != nil {
			return err
		}
		exten := &confd.Extension{Exten: "1234", Context: "default"}
		if err := tx.Extensions.Create(ctx, all, exten); err != nil {
			return err
		}
		// The phone registers with this username and password.
		sip := &resources.EndpointSIP{TenantUUID: tenant.UUID, Label: confd.Ptr("Alice's phone"),
			AuthSectionOptions: []resources.SIPOption{{"username", "alice"}, {"password", "s3cret"}}}
		if err := tx.EndpointsSIP.Create(ctx, all, sip); err != nil {
			return err
		}
		// A line needs its endpoint before it gets an extension or a user.
		if err := tx.AssociateLineEndpoint(ctx, all, line.ID, "sip", sip.UUID); err != nil {
			return err
		}
		if err := tx.AssociateLineExtension(ctx, all, line.ID, exten.ID); err != nil {
			return err
		}
		alice.TenantUUID = tenant.UUID
		if err := tx.Users.Create(ctx, all, alice); err != nil {
			return err
		}
		if err := tx.AssociateUserLine(ctx, all, alice.ID, line.ID); err != nil {
			return err
		}
		vm := &confd.Voicemail{Name: "Alice's voicemail", Number: "1234", Context: "default"}
		if err := tx.Voicemails.Create(ctx, all, vm); err != nil {
			return err
		}
		return tx.AssociateUserVoicemail(ctx, all, alice.ID, vm.ID)
	})
	if err != nil {
		log.Fatal(err)
	}

	// The events and reloads go out after the commit; Flush delivers them
	// now instead of in the background.
	if err := c.Flush(ctx); err != nil {
		log.Fatal(err)
	}
	user, err := c.Users.Get(ctx, all, alice.UUID)
	if err != nil {
		log.Fatal(err)
	}
	out, err := json.MarshalIndent(user, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))
	fmt.Println("events:", bus.Names())
	fmt.Println("asterisk:", asterisk.Merged().Ipbx)
}

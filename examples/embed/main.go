// Command embed runs confd in-process on an in-memory SQLite database:
// it creates a tenant, a context and an extension, then prints the bus
// events the writes produced.
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
)

func main() {
	ctx := context.Background()
	bus, asterisk := &events.Recorder{}, &reload.Recorder{}
	c, err := confd.New(ctx, confd.Config{DatabaseURL: "sqlite::memory:", Publisher: bus, Reloader: asterisk, NoStarterContexts: true})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	tenant := &confd.Tenant{Name: "Acme", Slug: "acme"}
	office := &confd.Context{Label: "Office", UserRanges: []confd.Range{{Start: "100", End: "199"}}}
	err = c.RunInTx(ctx, func(ctx context.Context, tx *confd.Client) error {
		if err := tx.Tenants.Create(ctx, "", tenant); err != nil {
			return err
		}
		office.TenantUUID = tenant.UUID
		if err := tx.Contexts.Create(ctx, confd.Scope{}, office); err != nil {
			return err
		}
		return tx.Extensions.Create(ctx, confd.Scope{}, &confd.Extension{Exten: "101", Context: office.Name})
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := c.Flush(ctx); err != nil {
		log.Fatal(err)
	}
	for _, e := range bus.Events() {
		fmt.Printf("%s %s %s\n", e.Name, e.RoutingKey, e.Data)
	}
	fmt.Println("asterisk:", asterisk.Merged().Ipbx)
}

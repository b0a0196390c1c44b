package confd_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events"
)

func Example() {
	ctx := context.Background()
	rec := &events.Recorder{}
	c, err := confd.New(ctx, confd.Config{DatabaseURL: "sqlite::memory:", Publisher: rec, NoStarterContexts: true, Logger: quiet})
	if err != nil {
		panic(err)
	}
	defer c.Close()
	tenant := &confd.Tenant{Slug: "acme"}
	if err := c.Tenants.Create(ctx, "", tenant); err != nil {
		panic(err)
	}
	office := &confd.Context{Label: "Office", TenantUUID: tenant.UUID, UserRanges: []confd.Range{{Start: "100", End: "199"}}}
	if err := c.Contexts.Create(ctx, confd.Scope{}, office); err != nil {
		panic(err)
	}
	if err := c.Extensions.Create(ctx, confd.Scope{}, &confd.Extension{Exten: "101", Context: office.Name}); err != nil {
		panic(err)
	}
	err = c.Extensions.Create(ctx, confd.Scope{}, &confd.Extension{Exten: "101", Context: office.Name})
	fmt.Println(strings.Replace(err.Error(), office.Name, "<office>", 1))
	if err := c.Flush(ctx); err != nil {
		panic(err)
	}
	fmt.Println(rec.Names())
	// Output:
	// Resource Error - Extension already exists ('exten': '101', 'context': '<office>')
	// [context_created extension_created]
}

// Package confd is an embeddable configuration service for the Wazo PBX,
// compatible with wazo-confd's REST API, bus events and Asterisk reloads.
//
// A Client holds one typed manager per family (Tenants, Contexts,
// Extensions, ...) over PostgreSQL or SQLite. Every write runs in one
// transaction that also records its bus events and reload requests in an
// outbox; after the commit a relay hands them to the Publisher and the
// Reloader, retrying until they are delivered. A rollback sends nothing.
//
//	rec := &events.Recorder{}
//	c, err := confd.New(ctx, confd.Config{DatabaseURL: "sqlite::memory:", Publisher: rec})
//	if err != nil { ... }
//	defer c.Close()
//	tenant := &confd.Tenant{Slug: "acme"}
//	err = c.Tenants.Create(ctx, "", tenant)
//	office := &confd.Context{Label: "Office", TenantUUID: tenant.UUID,
//		UserRanges: []confd.Range{{Start: "100", End: "199"}}}
//	err = c.Contexts.Create(ctx, confd.Scope{}, office)
//	err = c.Extensions.Create(ctx, confd.Scope{}, &confd.Extension{Exten: "101", Context: office.Name})
//	err = c.Flush(ctx) // deliver now rather than in the background
//	fmt.Println(rec.Names()) // [context_created ... extension_created]
//
// Package httpserver serves the same managers over HTTP; cmd/confd is the
// ready-made server.
package confd

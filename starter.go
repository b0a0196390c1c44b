package confd

import (
	"context"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// starterContexts is the classic Wazo dialplan a new PBX starts with:
// internal numbers, incoming DIDs and outgoing calls.
func starterContexts(tenant string) []*resources.Context {
	one := func(a, b string) []resources.Range { return []resources.Range{{Start: a, End: b}} }
	return []*resources.Context{
		{TenantUUID: tenant, Name: "default", Label: "Default", Type: resources.ContextInternal,
			UserRanges: one("1000", "1999"), GroupRanges: one("2000", "2999"),
			QueueRanges: one("3000", "3999"), ConferenceRoomRanges: one("4000", "4999")},
		{TenantUUID: tenant, Name: "from-extern", Label: "Incalls", Type: resources.ContextIncall,
			IncallRanges: []resources.Range{{Start: "1000", End: "4999", DIDLength: Ptr(4)}}},
		{TenantUUID: tenant, Name: "to-extern", Label: "Outcalls", Type: resources.ContextOutcall},
	}
}

// starter gives the starter dialplan, once per installation, to tenant t
// just created if it is the one to receive it: the operator tenant when
// Config.OperatorTenant names one, else the first top-level tenant (top
// tells whether t is one: created under the master tenant, or the root of
// wazo-auth's tree). The dialplan is ordinary contexts, which any tenant
// may create, so it grants no right.
func (c *Client) starter(ctx context.Context, t *resources.Tenant, top bool) error {
	if c.cfg.NoStarterContexts || !c.receivesStarter(t, top) {
		return nil
	}
	var row infoRow
	if err := c.tx.NewSelect().Model(&row).Limit(1).Scan(ctx); err != nil || row.StarterContextsDone {
		return err
	}
	for _, ctxt := range starterContexts(t.UUID) {
		if taken, _ := c.tx.NewSelect().Table("contexts").Where("name = ?", ctxt.Name).Exists(ctx); taken {
			continue
		}
		if err := c.Contexts.Create(ctx, Scope{}, ctxt); err != nil {
			return err
		}
	}
	_, err := c.tx.NewUpdate().Model((*infoRow)(nil)).Set("starter_contexts_done = ?", true).Where("1 = 1").Exec(ctx)
	return err
}

// receivesStarter tells whether t, just created, is the tenant to receive
// the starter dialplan (see starter).
func (c *Client) receivesStarter(t *resources.Tenant, top bool) bool {
	if op := c.Tenants.Operator(); op != "" {
		return t.UUID == op
	}
	return top
}

// bind returns a copy of c whose managers run in tx.
func (c *Client) bind(tx *store.Tx) *Client {
	bound := *c
	bound.tx = tx
	bound.init()
	return &bound
}

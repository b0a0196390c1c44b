package confd

import (
	"context"

	"github.com/uptrace/bun"

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

// starter makes the first top-level tenant (top tells whether t is one:
// created under the master tenant, or the root of wazo-auth's tree) the
// operator tenant, and gives it the starter dialplan.
func (c *Client) starter(ctx context.Context, t *resources.Tenant, top bool) error {
	if !top {
		return nil
	}
	var row infoRow
	if err := c.tx.NewSelect().Model(&row).Limit(1).Scan(ctx); err != nil {
		return err
	}
	if row.OperatorTenantUUID == nil {
		_, err := c.tx.NewUpdate().Model((*infoRow)(nil)).Set("operator_tenant_uuid = ?", t.UUID).Where("1 = 1").Exec(ctx)
		if err != nil {
			return err
		}
	}
	if c.cfg.NoStarterContexts || row.StarterContextsDone {
		return nil
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

// Operator returns the operator tenant: the first top-level tenant, the
// PBX owner's, which may change, besides the master tenant, what concerns
// every tenant (registrars, SIP transports, voicemail zone messages). ""
// before there is one, or once it is deleted.
func (t *Tenants) Operator(ctx context.Context) (string, error) { return operatorTenant(ctx, t.db()) }

func operatorTenant(ctx context.Context, db bun.IDB) (string, error) {
	var row infoRow
	if err := db.NewSelect().Model(&row).Limit(1).Scan(ctx); err != nil || row.OperatorTenantUUID == nil {
		return "", err
	}
	return *row.OperatorTenantUUID, nil
}

// bind returns a copy of c whose managers run in tx.
func (c *Client) bind(tx *store.Tx) *Client {
	bound := *c
	bound.tx = tx
	bound.init()
	return &bound
}

package confd

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

type infoRow struct {
	bun.BaseModel       `bun:"table:infos"`
	UUID                string `bun:"uuid,pk"`
	MasterTenantUUID    string `bun:"master_tenant_uuid"`
	StarterContextsDone bool   `bun:"starter_contexts_done"`
}

// loadInfo reads the installation row, creating it and the master tenant
// on a new database.
func loadInfo(ctx context.Context, db *store.DB) (Info, error) {
	var info Info
	err := db.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if db.Engine == store.Postgres { // one creator among concurrent starts
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(4861)"); err != nil {
				return err
			}
		}
		row := new(infoRow)
		err := tx.NewSelect().Model(row).Limit(1).Scan(ctx)
		if store.IsNoRows(err) {
			row, err = createInfo(ctx, tx)
		}
		info = Info{UUID: row.UUID, MasterTenantUUID: row.MasterTenantUUID}
		return err
	})
	return info, err
}

func createInfo(ctx context.Context, tx bun.Tx) (*infoRow, error) {
	master := &resources.Tenant{UUID: resources.NewUUID(), Name: "master", Slug: "master"}
	master.PlaceUnder(nil)
	if _, err := tx.NewInsert().Model(master).Exec(ctx); err != nil {
		return nil, err
	}
	row := &infoRow{UUID: resources.NewUUID(), MasterTenantUUID: master.UUID}
	_, err := tx.NewInsert().Model(row).Exec(ctx)
	return row, err
}

package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
	"github.com/gopbx/confd/store/storetest"
)

func open(t *testing.T, url string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func openMigrated(t *testing.T, url string) *store.DB {
	t.Helper()
	db := open(t, url)
	_, err := db.Migrate(context.Background())
	require.NoError(t, err)
	return db
}

// recordingHandoff returns a handoff that keeps the batches it gets.
func recordingHandoff() (*store.Handoff, *[]*store.Batch) {
	var got []*store.Batch
	return &store.Handoff{Owner: "here", Lease: time.Minute, Deliver: func(b *store.Batch) { got = append(got, b) }}, &got
}

func TestMigrate_FromFirstVersion(t *testing.T) {
	storetest.EachEmpty(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := open(t, url)
		n, err := db.MigrateTo(ctx, 1)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		v, err := db.Version(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, v)
		_, err = db.ExecContext(ctx, "INSERT INTO tenants (uuid, slug) VALUES ('t1', 't1')") // the schema of version 1
		require.NoError(t, err)

		_, err = db.Migrate(ctx)
		require.NoError(t, err)
		ms, _ := store.Migrations()
		v, _ = db.Version(ctx)
		assert.Equal(t, ms[len(ms)-1].Version, v)
		again, err := db.Migrate(ctx)
		require.NoError(t, err)
		assert.Zero(t, again, "migrating twice applies nothing")
		var got resources.Tenant
		require.NoError(t, db.NewSelect().Model(&got).Where("uuid = ?", "t1").Scan(ctx))
		assert.Equal(t, "t1", got.Slug, "data survives the upgrade")
	})
}

func TestMigrate_Concurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		if url == "sqlite::memory:" {
			t.Skip("one in-memory database per connection")
		}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := store.Open(context.Background(), url)
				if err == nil {
					_, err = db.Migrate(context.Background())
					db.Close()
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for _, err := range errs {
			assert.NoError(t, err)
		}
	})
}

func TestFormatError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		_, err := db.NewInsert().Model(&resources.Tenant{UUID: "t1", Slug: "t1"}).Exec(ctx)
		require.NoError(t, err)
		_, err = db.NewInsert().Model(&resources.Tenant{UUID: "t1", Slug: "t1"}).Exec(ctx)
		assert.Equal(t, store.UniqueViolation, store.ViolationOf(err))
		assert.Contains(t, store.FormatError(err, "Tenant").Error(), "Tenant already exists")

		parent := "missing"
		_, err = db.NewInsert().Model(&resources.Tenant{UUID: "t2", Slug: "t2", ParentUUID: &parent}).Exec(ctx)
		assert.Equal(t, store.ForeignKeyViolation, store.ViolationOf(err))

		_, err = store.Get[resources.Tenant](ctx, db, store.Table{Resource: "Tenant", Key: "uuid"}, "nope", nil)
		assert.Equal(t, []string{"Resource Not Found - Tenant was not found ('uuid': 'nope')"}, err.(*resources.Error).Messages)
	})
}

func TestInsertNew(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		table := store.Table{Resource: "Tenant", Key: "uuid"}
		stored, err := store.InsertNew(ctx, db, table, &resources.Tenant{UUID: "t1", Slug: "first", Path: "t1"})
		require.NoError(t, err)
		assert.True(t, stored)

		stored, err = store.InsertNew(ctx, db, table, &resources.Tenant{UUID: "t1", Slug: "again", Path: "t1"})
		require.NoError(t, err, "a taken unique value is no error")
		assert.False(t, stored)
		n, err := db.NewSelect().Table("tenants").Where("slug = 'again'").Count(ctx)
		require.NoError(t, err)
		assert.Zero(t, n, "nothing written")

		parent := "missing"
		_, err = store.InsertNew(ctx, db, table, &resources.Tenant{UUID: "t2", Slug: "t2", Path: "t2", ParentUUID: &parent})
		assert.Equal(t, store.ForeignKeyViolation, store.ViolationOf(errors.Unwrap(err)), "other constraints still fail")
	})
}

func TestOutbox_ClaimIsExclusive(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		err := db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			tx.Reload(reload.Commands("dialplan reload"))
			return tx.Emit(ctx, events.Event{ID: "1", Name: "a"}, events.Event{ID: "2", Name: "b"})
		}, nil)
		require.NoError(t, err)

		first, err := db.Claim(ctx, "relay-1", 10, time.Minute)
		require.NoError(t, err)
		assert.Len(t, first.Events, 2)
		assert.Equal(t, []string{"dialplan reload"}, first.Reload.Ipbx)
		second, err := db.Claim(ctx, "relay-2", 10, time.Minute)
		require.NoError(t, err)
		assert.True(t, second.Empty(), "claimed rows are not handed out twice")

		require.NoError(t, db.Release(ctx, first.EventIDs))
		third, err := db.Claim(ctx, "relay-2", 10, time.Minute)
		require.NoError(t, err)
		assert.Equal(t, "a", third.Events[0].Name, "released rows come back in order")
		require.NoError(t, db.Done(ctx, append(third.EventIDs, first.ReloadIDs...)))
		n, err := db.Pending(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

// A handed-off transaction's rows are claimed as they are written: no
// relay claims them, and the committer gets them without a claim.
func TestOutbox_Handoff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		h, handed := recordingHandoff()
		err := db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			tx.Reload(reload.Commands("dialplan reload"))
			return tx.Emit(ctx, events.Event{ID: "1", Name: "a"}, events.Event{ID: "2", Name: "b"})
		}, h)
		require.NoError(t, err)
		require.Len(t, (*handed), 1)
		assert.Equal(t, "a", (*handed)[0].Events[0].Name)
		assert.Len(t, (*handed)[0].EventIDs, 2)
		assert.Equal(t, []string{"dialplan reload"}, (*handed)[0].Reload.Ipbx)
		other, err := db.Claim(ctx, "elsewhere", 10, time.Minute)
		require.NoError(t, err)
		assert.True(t, other.Empty(), "handed-off rows are claimed already")

		err = db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			return errors.New("rolled back")
		}, h)
		require.Error(t, err)
		assert.Len(t, (*handed), 1, "nothing is handed off on rollback")

		err = db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			require.NoError(t, tx.Emit(ctx, events.Event{ID: "3", Name: "c"}))
			return tx.EmitAll(ctx, []events.Event{{ID: "4", Name: "d"}})
		}, h)
		require.NoError(t, err)
		require.Len(t, (*handed), 2)
		require.Len(t, (*handed)[1].Events, 2, "set-based rows are handed off too")
		assert.Equal(t, "c", (*handed)[1].Events[0].Name)
		assert.Equal(t, "d", (*handed)[1].Events[1].Name)
		other, err = db.Claim(ctx, "elsewhere", 10, time.Minute)
		require.NoError(t, err)
		assert.True(t, other.Empty())
	})
}

// Migration 18 gives the tenants of an existing database their paths.
func TestMigrate_TenantPaths(t *testing.T) {
	storetest.EachEmpty(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := open(t, url)
		_, err := db.MigrateTo(ctx, 17)
		require.NoError(t, err)
		for _, row := range [][3]any{{"root", "root", nil}, {"a", "a", "root"}, {"b", "b", "a"}, {"self", "self", "self"}} {
			_, err := db.ExecContext(ctx, "INSERT INTO tenants (uuid, slug, parent_uuid) VALUES (?, ?, ?)", row[0], row[1], row[2])
			require.NoError(t, err)
		}
		_, err = db.Migrate(ctx)
		require.NoError(t, err)
		var rows []struct {
			UUID string `bun:"uuid"`
			Path string `bun:"path"`
		}
		require.NoError(t, db.NewSelect().Table("tenants").Column("uuid", "path").OrderExpr("uuid").Scan(ctx, &rows))
		got := map[string]string{}
		for _, r := range rows {
			got[r.UUID] = r.Path
		}
		assert.Equal(t, map[string]string{"root": "root", "a": "root/a", "b": "root/a/b", "self": "self"}, got)
	})
}

func TestParseListParams(t *testing.T) {
	spec := store.SearchSpec{Default: "id", Columns: map[string]store.Column{"id": {Type: store.IntColumn}, "label": {}}}
	for name, tc := range map[string]struct {
		q    map[string][]string
		want string
	}{
		"ErrOrder":     {map[string][]string{"order": {"nope"}}, "Input Error - order: column 'nope' was not found"},
		"ErrDirection": {map[string][]string{"direction": {"up"}}, "Input Error - direction: must be 'asc' or 'desc'"},
		"ErrLimitType": {map[string][]string{"limit": {"x"}}, "limit"},
		"ErrLimitNeg":  {map[string][]string{"limit": {"-1"}}, "limit"},
		"ErrLimitZero": {map[string][]string{"limit": {"0"}}, "limit"},
		"ErrLimitMax":  {map[string][]string{"limit": {"10001"}}, "limit"},
		"ErrOffset":    {map[string][]string{"offset": {"-3"}}, "offset"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := store.ParseListParams(tc.q, spec)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, resources.Invalid, resources.KindOf(err))
		})
	}
	p, err := store.ParseListParams(map[string][]string{"label": {"x"}, "other": {"y"}, "limit": {"5"}}, spec)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"label": "x"}, p.Filters)
	assert.Equal(t, 5, *p.Limit)
}

// Relays claiming at once never get the same row.
func TestClaim_Concurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := open(t, url)
		if db.Engine != store.Postgres {
			t.Skip("SQLite has one writer at a time, and an in-memory database one connection")
		}
		rows := make([]store.OutboxRow, 2000)
		for i := range rows {
			rows[i] = store.OutboxRow{Kind: store.KindEvent, Payload: `{"name":"e"}`}
		}
		_, err := db.NewInsert().Model(&rows).Exec(ctx)
		require.NoError(t, err)
		var mu sync.Mutex
		seen := map[int64]int{}
		var wg sync.WaitGroup
		for _, owner := range []string{"a", "b", "c", "d"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					b, err := db.Claim(ctx, owner, 50, time.Minute)
					if !assert.NoError(t, err) || b.Empty() {
						return
					}
					mu.Lock()
					for _, id := range b.EventIDs {
						seen[id]++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		assert.Len(t, seen, len(rows), "every row claimed")
		for id, n := range seen {
			assert.Equal(t, 1, n, "row %d claimed %d times", id, n)
		}
	})
}

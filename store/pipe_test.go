package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
	"github.com/gopbx/confd/store/storetest"
)

func registrar(id string) *resources.Registrar {
	return &resources.Registrar{ID: id, Deletable: resources.Ptr(true), MainHost: "h", ProxyMainHost: "p"}
}

func registrarIDs(t *testing.T, db *store.DB) []string {
	t.Helper()
	var ids []string
	require.NoError(t, db.NewSelect().Table("registrars").Column("id").Where("id <> 'default'").OrderExpr("id").Scan(context.Background(), &ids))
	return ids
}

// Writes given to ExecLater are seen by the statements after them, and
// kept only if the transaction commits; on PostgreSQL they go with the
// next statement or with COMMIT.
func TestWriteTx_ExecLater(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		db.SetMaxOpenConns(1) // every transaction reuses the connection the last one gave back

		h, handed := recordingHandoff()
		err := db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			require.NoError(t, tx.ExecLater(ctx, tx.NewInsert().Model(registrar("a"))))
			require.NoError(t, tx.ExecLater(ctx, tx.NewUpdate().Table("registrars").Set("main_host = 'edited'").Where("id = 'a'")))
			var host string
			require.NoError(t, tx.NewSelect().Table("registrars").Column("main_host").Where("id = 'a'").Scan(ctx, &host))
			assert.Equal(t, "edited", host, "a read sees the writes before it")
			require.NoError(t, tx.ExecLater(ctx, tx.NewInsert().Model(registrar("b"))))
			return tx.Emit(ctx, events.Event{ID: "1", Name: "written"}) // the outbox goes with COMMIT
		}, h)
		require.NoError(t, err)
		assert.Equal(t, []string{"a", "b"}, registrarIDs(t, db))
		require.Len(t, (*handed), 1)
		assert.Len(t, (*handed)[0].EventIDs, 1, "the outbox row has its id")

		err = db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			require.NoError(t, tx.ExecLater(ctx, tx.NewInsert().Model(registrar("c"))))
			return errors.New("changed my mind")
		}, h)
		assert.EqualError(t, err, "changed my mind")
		assert.Equal(t, []string{"a", "b"}, registrarIDs(t, db), "rolled back")

		err = db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			require.NoError(t, tx.ExecLater(ctx, tx.NewInsert().Model(registrar("d"))))
			if err := tx.ExecLater(ctx, tx.NewInsert().Model(registrar("a"))); err != nil {
				return err // SQLite runs it at once
			}
			return tx.Emit(ctx, events.Event{ID: "2", Name: "never"})
		}, h)
		assert.Equal(t, store.UniqueViolation, store.ViolationOf(err), "the failure of a write that waited is the transaction's")
		assert.Equal(t, []string{"a", "b"}, registrarIDs(t, db), "nothing kept")
		assert.Len(t, (*handed), 1, "nothing handed off")
		n, err := db.Pending(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n, "no outbox row kept (only the first transaction's, delivered)")

		err = db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			return tx.ExecLater(ctx, tx.NewInsert().Model(registrar("e")))
		}, nil)
		require.NoError(t, err, "the connection came back out of its failed transaction")
		assert.Equal(t, []string{"a", "b", "e"}, registrarIDs(t, db))
	})
}

// Events recorded for a kept place come before those recorded after the
// place was kept; a place left empty writes nothing.
func TestTx_Reserve(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		h, handed := recordingHandoff()
		err := db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			first := tx.Reserve()
			tx.Reserve() // never filled
			require.NoError(t, tx.Emit(ctx, events.Event{ID: "2", Name: "second"}))
			require.NoError(t, tx.Fill(first, events.Event{ID: "1a", Name: "first"}, events.Event{ID: "1b", Name: "first too"}))
			assert.Error(t, tx.Fill(&store.Slot{}, events.Event{ID: "x", Name: "nowhere"}), "a place not kept")
			return tx.Emit(ctx, events.Event{ID: "3", Name: "third"})
		}, h)
		require.NoError(t, err)
		require.Len(t, (*handed), 1)
		var names []string
		for _, ev := range (*handed)[0].Events {
			names = append(names, ev.Name)
		}
		assert.Equal(t, []string{"first", "first too", "second", "third"}, names)
	})
}

// A write that waited and failed is the transaction's error, whether the
// statement after it reads or writes, and is run again on PostgreSQL as a
// lost race.
func TestWriteTx_ExecLaterFails(t *testing.T) {
	next := map[string]func(ctx context.Context, tx *store.Tx) error{
		"ThenRead": func(ctx context.Context, tx *store.Tx) error {
			_, err := tx.NewSelect().Table("registrars").Count(ctx)
			return err
		},
		"ThenWrite": func(ctx context.Context, tx *store.Tx) error {
			_, err := tx.NewUpdate().Table("registrars").Set("name = 'x'").Where("id = 'default'").Exec(ctx)
			return store.FormatError(err, "Other")
		},
	}
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		for name, then := range next {
			t.Run(name, func(t *testing.T) {
				err := db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
					if err := tx.ExecLater(ctx, tx.NewInsert().Model(registrar("default"))); err != nil {
						return err
					}
					return then(ctx, tx)
				}, nil)
				assert.Equal(t, store.UniqueViolation, store.ViolationOf(err), err)
				assert.NotContains(t, err.Error(), "Other", "the update did not fail")
				if db.Engine == store.Postgres { // SQLite runs one writer at a time: no race to lose
					assert.True(t, store.Retryable(err), "a race lost by the write that waited is run again")
				}
			})
		}
	})
}

// An error left unreturned does not make a failed transaction a success:
// PostgreSQL cannot commit it.
func TestWriteTx_IgnoredError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		err := db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			if _, err := tx.NewInsert().Model(registrar("kept")).Exec(ctx); err != nil {
				return err
			}
			_, _ = tx.NewInsert().Model(registrar("default")).Exec(ctx) // taken, and ignored
			return nil
		}, nil)
		if db.Engine == store.SQLite { // the failed statement is undone alone
			require.NoError(t, err)
			assert.Equal(t, []string{"kept"}, registrarIDs(t, db))
			return
		}
		assert.Error(t, err)
		assert.Empty(t, registrarIDs(t, db))
	})
}

// More outbox rows than one insert takes keep their order.
func TestWriteTx_ManyEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		h, handed := recordingHandoff()
		err := db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			for i := range 2500 {
				if err := tx.Emit(ctx, events.Event{ID: strconv.Itoa(i), Name: "n"}); err != nil {
					return err
				}
			}
			return nil
		}, h)
		require.NoError(t, err)
		require.Len(t, *handed, 1)
		evs := (*handed)[0].Events
		require.Len(t, evs, 2500)
		for i, ev := range evs {
			if ev.ID != strconv.Itoa(i) {
				t.Fatalf("event %d is %s", i, ev.ID)
			}
		}
	})
}

// Misuses are refused: a write after the transaction, events written at
// once while a place is kept for others.
func TestWriteTx_Misuse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db := openMigrated(t, url)
		var kept *store.Tx
		err := db.WriteTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			kept = tx
			tx.Reserve()
			err := tx.EmitAll(ctx, []events.Event{{ID: "1", Name: "now"}})
			assert.ErrorContains(t, err, "while a place is kept")
			return nil
		}, nil)
		require.NoError(t, err)
		n, err := db.Pending(ctx)
		require.NoError(t, err)
		assert.Zero(t, n, "the refused events were not written")
		err = kept.ExecLater(ctx, kept.NewInsert().Model(registrar("late")))
		require.Error(t, err)
		assert.True(t, errors.Is(err, sql.ErrTxDone) || strings.Contains(err.Error(), "the transaction is over"), err)
		assert.Empty(t, registrarIDs(t, db))
	})
}

func TestOpen_QueryMode(t *testing.T) {
	_, err := store.Open(context.Background(), "postgres://confd@127.0.0.1:1/confd?default_query_exec_mode=exec")
	assert.ErrorContains(t, err, "default_query_exec_mode=simple_protocol")
}

// Package storetest gives tests a fresh database per test on every engine:
// SQLite in memory always, and PostgreSQL when CONFD_TEST_POSTGRES holds a
// DSN (a clone of a migrated template database per test). Under CI=true a
// missing CONFD_TEST_POSTGRES fails the test instead of skipping it.
package storetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver

	"github.com/gopbx/confd/store"
)

// Engine is a database engine a test runs on.
type Engine struct {
	Name string
	// URL returns the URL of a new, migrated, empty database.
	URL func(t testing.TB) string
}

// Engines returns SQLite and, when configured, PostgreSQL.
func Engines(t testing.TB) []Engine {
	engines := []Engine{{Name: "sqlite", URL: func(testing.TB) string { return "sqlite::memory:" }}}
	dsn := os.Getenv("CONFD_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CONFD_TEST_POSTGRES is not set (required when CI=true)")
		}
		return engines
	}
	return append(engines, Engine{Name: "postgres", URL: func(t testing.TB) string { return clone(t, dsn) }})
}

// EachEmpty runs fn as a subtest per engine on a database that has no
// table at all (for migration tests).
func EachEmpty(t *testing.T, fn func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, "sqlite::memory:") })
	if dsn := os.Getenv("CONFD_TEST_POSTGRES"); dsn != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, create(t, dsn, "")) })
	}
}

// Each runs fn as a subtest per engine.
func Each(t *testing.T, fn func(t *testing.T, url string)) {
	for _, e := range Engines(t) {
		t.Run(e.Name, func(t *testing.T) { fn(t, e.URL(t)) })
	}
}

var (
	tplOnce sync.Once
	tplErr  error
	seq     atomic.Int64
)

// template names the migrated template database after a digest of the
// migrations, so that a template made from other migrations is never used.
var template = func() string {
	ms, _ := store.Migrations()
	h := sha256.New()
	for _, m := range ms {
		fmt.Fprintf(h, "%s\n%s\n", m.Name, m.SQL)
	}
	return fmt.Sprintf("confd_test_tpl_%x", h.Sum(nil)[:6])
}()

// clone creates a database from the migrated template and drops it when
// the test ends.
func clone(t testing.TB, dsn string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	tplOnce.Do(func() { tplErr = makeTemplate(admin, dsn) })
	if tplErr != nil {
		t.Fatal(tplErr)
	}
	return create(t, dsn, template)
}

// create makes a database, from template when not empty, dropped when the
// test ends.
func create(t testing.TB, dsn, from string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("confd_t_%d_%d", os.Getpid(), seq.Add(1))
	stmt := "CREATE DATABASE " + name
	if from != "" {
		stmt += " TEMPLATE " + from
	}
	if _, err := admin.Exec(stmt); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", dsn)
		if err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return withDB(dsn, name)
}

func makeTemplate(admin *sql.DB, dsn string) error {
	// Several test binaries run at once: one creates the template, the
	// others wait on the advisory lock and find it ready.
	conn, err := admin.Conn(context.Background())
	if err != nil {
		return err
	}
	defer conn.Close()
	ctx := context.Background()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(4862)"); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(4862)")
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", template).Scan(&n); err != nil || n > 0 {
		return err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+template); err != nil {
		return err
	}
	db, err := store.Open(ctx, withDB(dsn, template))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Migrate(ctx)
	return err
}

func withDB(dsn, name string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	u.Path = "/" + strings.TrimPrefix(name, "/")
	return u.String()
}

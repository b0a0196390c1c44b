// Package store is confd's persistence: it opens PostgreSQL or SQLite by
// URL, applies the embedded migrations, runs transactions whose events and
// reload requests are kept in an outbox, and offers generic CRUD and list
// queries over bun with wazo's search, sort and paging rules.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // SQLite driver "sqlite"
)

// Dialect names the database engine.
type Dialect string

// The supported engines.
const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// DB is an open database.
type DB struct {
	*bun.DB
	// Engine is the database engine.
	Engine Dialect
}

// Open connects to the database named by url: "postgres://..." (or
// "postgresql://...") for PostgreSQL, "sqlite:PATH" or "sqlite::memory:" for
// SQLite. It does not migrate; call Migrate.
func Open(ctx context.Context, url string) (*DB, error) {
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		dsn, err := simpleProtocol(url)
		if err != nil {
			return nil, err
		}
		sqldb, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		sqldb.SetMaxOpenConns(20)
		db := &DB{DB: bun.NewDB(sqldb, pgdialect.New()), Engine: Postgres}
		return db, ping(ctx, db)
	case strings.HasPrefix(url, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(url, "sqlite:"))
	}
	return nil, fmt.Errorf("store: unsupported database URL %q (want postgres:// or sqlite:)", url)
}

// simpleProtocol asks pgx for the simple query protocol: bun writes the
// values into the SQL text, so preparing every statement would only cost
// a round trip more, and a write transaction sends several statements in
// one message (see pipe), which only the simple protocol allows. A URL
// that chooses another mode is refused.
func simpleProtocol(url string) (string, error) {
	const mode = "default_query_exec_mode="
	if i := strings.Index(url, mode); i >= 0 {
		if !strings.HasPrefix(url[i+len(mode):], "simple_protocol") {
			return "", fmt.Errorf("store: confd needs %ssimple_protocol in the database URL", mode)
		}
		return url, nil
	}
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + mode + "simple_protocol", nil
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_txlock=immediate"
	if path == ":memory:" {
		dsn = "file::memory:?_pragma=foreign_keys(1)"
	} else {
		dsn += "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	}
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	// One connection: SQLite has a single writer, an in-memory database
	// exists per connection, and serializing here avoids busy errors.
	sqldb.SetMaxOpenConns(1)
	db := &DB{DB: bun.NewDB(sqldb, sqlitedialect.New()), Engine: SQLite}
	return db, ping(ctx, db)
}

func ping(ctx context.Context, db *DB) error {
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

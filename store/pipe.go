package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"
)

// pipe runs a PostgreSQL transaction on a connection of its own with
// fewer round trips than database/sql's: BEGIN waits and goes with the
// next statement, the writes given to Tx.ExecLater wait for the next
// statement (and are sent just before it), and COMMIT goes with the last
// statement with what still waits. A statement that returns rows cannot
// carry what waits before it (only the first result of a message comes
// back), and a write that waited is sent on its own before any other, so
// that its failure is known as its own (see firstErr). The connection's
// queries must use the simple protocol (see Open).
type pipe struct {
	conn      *sql.Conn
	gen       schema.QueryGen // formats the queries given with arguments
	begin     bool            // BEGIN has not gone out yet
	held      strings.Builder // writes, each ended by ';'
	committed bool
	done      bool  // the transaction is over
	err       error // the first failure of what waited
}

var (
	errTxDone  = errors.New("store: the transaction is over")
	errAborted = errors.New("store: the transaction failed earlier and cannot commit")
)

func newPipe(conn bun.Conn, gen schema.QueryGen) *pipe {
	return &pipe{conn: conn.Conn, gen: gen, begin: true}
}

// hold keeps a write for the next round trip.
func (p *pipe) hold(query string) error {
	if p.done {
		return errTxDone
	}
	p.held.WriteString(query)
	p.held.WriteByte(';')
	return nil
}

// prefix returns BEGIN the first time, to go before a statement.
func (p *pipe) prefix() string {
	if !p.begin {
		return ""
	}
	p.begin = false
	return "BEGIN;"
}

func (p *pipe) format(query string, args []any) string {
	if len(args) == 0 {
		return query
	}
	return p.gen.FormatQuery(query, args...)
}

// send sends what waits, on its own.
func (p *pipe) send(ctx context.Context) error {
	if !p.begin && p.held.Len() == 0 {
		return nil
	}
	q := p.prefix() + p.held.String()
	p.held.Reset()
	_, err := p.conn.ExecContext(ctx, q)
	if err != nil && p.err == nil {
		p.err = err
	}
	return err
}

// ready sends the writes that wait, before another statement.
func (p *pipe) ready(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if p.done {
		return errTxDone
	}
	if p.held.Len() == 0 {
		return nil
	}
	return p.send(ctx)
}

// ExecContext runs query, after BEGIN in the same round trip when it has
// not gone out yet; the result is query's.
func (p *pipe) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := p.ready(ctx); err != nil {
		return nil, err
	}
	return p.conn.ExecContext(ctx, p.prefix()+p.format(query, args))
}

// QueryContext sends what waits, then query.
func (p *pipe) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := p.ready(ctx); err != nil {
		return nil, err
	}
	if err := p.send(ctx); err != nil {
		return nil, err
	}
	return p.conn.QueryContext(ctx, p.format(query, args))
}

// QueryRowContext sends what waits, then query. Should what waited fail,
// the row's error is the aborted transaction's, and the transaction
// returns the first failure (see firstErr).
func (p *pipe) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if p.ready(ctx) == nil {
		_ = p.send(ctx)
	}
	return p.conn.QueryRowContext(ctx, p.format(query, args))
}

// commit ends the transaction: last (a statement returning ids, into ids;
// may be "") goes first, then what waits, then COMMIT, in one round trip.
// What waits needs no answer and last depends on nothing it writes. A
// transaction that failed earlier (an error left unreturned) is refused.
func (p *pipe) commit(ctx context.Context, last string, ids *[]int64) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case p.done:
		return errTxDone
	case p.err != nil:
		return p.err
	case p.begin && last == "" && p.held.Len() == 0:
		p.committed = true // nothing was written
		return nil
	}
	if p.begin { // BEGIN goes out first, with what waits
		if err := p.send(ctx); err != nil {
			return err
		}
	}
	if p.aborted() {
		return errAborted
	}
	held := p.held.String()
	p.held.Reset()
	if last == "" {
		return p.committedBy(p.conn.ExecContext(ctx, held+"COMMIT"))
	}
	rows, err := p.conn.QueryContext(ctx, last+";"+held+"COMMIT")
	if err != nil {
		return err // last's own failure: the statements after it did not run
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		*ids = append(*ids, id)
	}
	return p.committedBy(nil, rows.Err()) // the errors of the statements after last, COMMIT's too
}

// committedBy notes whether COMMIT went through; what failed before it
// was a write that waited (COMMIT itself fails only with them).
func (p *pipe) committedBy(_ sql.Result, err error) error {
	p.committed = err == nil
	if err != nil && p.err == nil {
		p.err = err
	}
	return err
}

// aborted reports whether the transaction failed (an error went unreturned).
func (p *pipe) aborted() bool {
	failed := false
	_ = p.conn.Raw(func(dc any) error {
		if c, ok := dc.(*stdlib.Conn); ok {
			failed = c.Conn().PgConn().TxStatus() == 'E'
		}
		return nil
	})
	return failed
}

// firstErr returns the failure of a write that waited, which caused err,
// or err.
func (p *pipe) firstErr(err error) error {
	if err != nil && p.err != nil {
		return heldFailure{p.err}
	}
	return err
}

// end rolls back an uncommitted transaction and gives the connection back
// to the pool, or closes it if it is still in a transaction.
func (p *pipe) end(ctx context.Context) {
	p.done = true
	if !p.begin && !p.committed {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		_, _ = p.conn.ExecContext(rctx, "ROLLBACK")
		cancel()
	}
	_ = p.conn.Raw(func(dc any) error {
		if c, ok := dc.(*stdlib.Conn); ok && c.Conn().PgConn().TxStatus() != 'I' {
			return driver.ErrBadConn // database/sql closes it
		}
		return nil
	})
	_ = p.conn.Close()
}

// pipeIDB is the bun.IDB of a pipe's transaction: every query it builds
// runs through the pipe.
type pipeIDB struct {
	bun.Conn
	p *pipe
}

var errNested = errors.New("store: no transaction inside a write transaction")

func (d pipeIDB) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return d.p.ExecContext(ctx, q, args...)
}

func (d pipeIDB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return d.p.QueryContext(ctx, q, args...)
}

func (d pipeIDB) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return d.p.QueryRowContext(ctx, q, args...)
}

func (d pipeIDB) NewValues(model any) *bun.ValuesQuery { return d.Conn.NewValues(model).Conn(d.p) }
func (d pipeIDB) NewSelect() *bun.SelectQuery          { return d.Conn.NewSelect().Conn(d.p) }
func (d pipeIDB) NewInsert() *bun.InsertQuery          { return d.Conn.NewInsert().Conn(d.p) }
func (d pipeIDB) NewUpdate() *bun.UpdateQuery          { return d.Conn.NewUpdate().Conn(d.p) }
func (d pipeIDB) NewDelete() *bun.DeleteQuery          { return d.Conn.NewDelete().Conn(d.p) }
func (d pipeIDB) NewMerge() *bun.MergeQuery            { return d.Conn.NewMerge().Conn(d.p) }
func (d pipeIDB) NewRaw(q string, args ...any) *bun.RawQuery {
	return d.Conn.NewRaw(q, args...).Conn(d.p)
}
func (d pipeIDB) NewCreateTable() *bun.CreateTableQuery { return d.Conn.NewCreateTable().Conn(d.p) }
func (d pipeIDB) NewDropTable() *bun.DropTableQuery     { return d.Conn.NewDropTable().Conn(d.p) }
func (d pipeIDB) NewCreateIndex() *bun.CreateIndexQuery { return d.Conn.NewCreateIndex().Conn(d.p) }
func (d pipeIDB) NewDropIndex() *bun.DropIndexQuery     { return d.Conn.NewDropIndex().Conn(d.p) }
func (d pipeIDB) NewTruncateTable() *bun.TruncateTableQuery {
	return d.Conn.NewTruncateTable().Conn(d.p)
}
func (d pipeIDB) NewAddColumn() *bun.AddColumnQuery   { return d.Conn.NewAddColumn().Conn(d.p) }
func (d pipeIDB) NewDropColumn() *bun.DropColumnQuery { return d.Conn.NewDropColumn().Conn(d.p) }

func (d pipeIDB) BeginTx(context.Context, *sql.TxOptions) (bun.Tx, error) { return bun.Tx{}, errNested }

func (d pipeIDB) RunInTx(context.Context, *sql.TxOptions, func(context.Context, bun.Tx) error) error {
	return errNested
}

package confd_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store/storetest"
)

// quiet discards the relay's retry warnings.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// env is a Client on a fresh database with recording publisher and reloader.
type env struct {
	*confd.Client
	ctx    context.Context
	events *events.Recorder
	reload *reload.Recorder
	tenant string // the operator tenant, top-level, with the starter dialplan
}

func newEnv(t *testing.T, url string) *env {
	t.Helper()
	e := &env{ctx: context.Background(), events: &events.Recorder{}, reload: &reload.Recorder{}}
	tenant := &resources.Tenant{UUID: resources.NewUUID(), Name: "acme", Slug: "acme"}
	c, err := confd.New(e.ctx, confd.Config{DatabaseURL: url, Publisher: e.events, Reloader: e.reload,
		RetryInterval: 20 * time.Millisecond, Logger: quiet, OperatorTenant: tenant.UUID})
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	e.Client = c
	require.NoError(t, c.Tenants.Create(e.ctx, "", tenant))
	e.tenant = tenant.UUID
	e.flush(t)
	return e
}

// flush delivers the outbox and forgets what was recorded so far.
func (e *env) flush(t *testing.T) {
	t.Helper()
	require.NoError(t, e.Flush(e.ctx))
	e.events.Reset()
	e.reload.Reset()
}

// delivered delivers the outbox and returns the event names.
func (e *env) delivered(t *testing.T) []string {
	t.Helper()
	require.NoError(t, e.Flush(e.ctx))
	return e.events.Names()
}

func each(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, url string) { fn(t, newEnv(t, url)) })
}

func mustCreateContext(t *testing.T, e *env, c *confd.Context) *confd.Context {
	t.Helper()
	if c.TenantUUID == "" {
		c.TenantUUID = e.tenant
	}
	require.NoError(t, e.Contexts.Create(e.ctx, confd.Scope{}, c))
	return c
}

func mustCreateExtension(t *testing.T, e *env, exten, context string) *confd.Extension {
	t.Helper()
	x := &confd.Extension{Exten: exten, Context: context, TenantUUID: e.tenant}
	require.NoError(t, e.Extensions.Create(e.ctx, confd.Scope{}, x))
	return x
}

// countAll counts the objects of every tenant a manager lists.
func countAll[T any](t *testing.T, e *env, m interface {
	List(context.Context, confd.Scope, confd.ListParams) ([]T, int, error)
}) int {
	t.Helper()
	_, total, err := m.List(e.ctx, confd.Scope{}, confd.ListParams{})
	require.NoError(t, err)
	return total
}

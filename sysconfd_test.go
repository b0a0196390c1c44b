package confd_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/reload/sysconfd"
	"github.com/gopbx/confd/resources"
)

// fakeSysconfd records exec_request_handlers bodies; it answers 503 while down.
type fakeSysconfd struct {
	down   atomic.Bool
	mu     sync.Mutex
	bodies []map[string][]string
}

func (f *fakeSysconfd) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.down.Load() || r.URL.Path != "/exec_request_handlers" {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	b, _ := io.ReadAll(r.Body)
	var body map[string][]string
	_ = json.Unmarshal(b, &body)
	f.mu.Lock()
	f.bodies = append(f.bodies, body)
	f.mu.Unlock()
}

func (f *fakeSysconfd) calls() []map[string][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]map[string][]string(nil), f.bodies...)
}

func TestSysconfd_DownThenBack(t *testing.T) {
	fake := &fakeSysconfd{}
	fake.down.Store(true)
	srv := httptest.NewServer(fake)
	defer srv.Close()
	rel, err := sysconfd.New(srv.URL)
	require.NoError(t, err)
	ctx := context.Background()
	c, err := confd.New(ctx, confd.Config{DatabaseURL: "sqlite::memory:", Reloader: rel, Logger: quiet, RetryInterval: 20 * time.Millisecond})
	require.NoError(t, err)
	defer c.Close()
	tenant := &resources.Tenant{Slug: "s"}
	require.NoError(t, c.Tenants.Create(ctx, "", tenant))

	for i := 0; i < 5; i++ {
		require.NoError(t, c.Contexts.Create(ctx, confd.Scope{}, &confd.Context{Label: "x", TenantUUID: tenant.UUID}),
			"writes succeed while sysconfd is down")
	}
	assert.Error(t, c.Flush(ctx))
	assert.Empty(t, fake.calls())

	fake.down.Store(false)
	require.Eventually(t, func() bool { return len(fake.calls()) > 0 }, 5*time.Second, 10*time.Millisecond)
	assert.Equal(t, []map[string][]string{{"ipbx": {"dialplan reload"}}}, fake.calls(), "retried once, merged")
}

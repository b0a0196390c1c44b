package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kelseyhightower/envconfig"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/store"
	"github.com/gopbx/confd/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// freeAddr returns a local address nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// server is a running serve and how to stop it.
type server struct {
	base   string
	cancel context.CancelFunc
	done   chan error
}

func start(t *testing.T, cfg Config) *server {
	t.Helper()
	cfg.Listen = freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{base: "http://" + cfg.Listen, cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- serve(ctx, cfg, quiet) }()
	t.Cleanup(func() { s.stop(t) })
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := http.Get(s.base + "/1.1/infos")
		if err == nil {
			resp.Body.Close()
			return s
		}
		select {
		case err := <-s.done:
			t.Fatalf("serve returned early: %v", err)
		default:
		}
		require.True(t, time.Now().Before(deadline), "server did not start: %v", err)
		time.Sleep(20 * time.Millisecond)
	}
}

// stop cancels serve and checks it returns nil (graceful shutdown).
func (s *server) stop(t *testing.T) {
	t.Helper()
	if s.cancel == nil {
		return
	}
	s.cancel()
	s.cancel = nil
	select {
	case err := <-s.done:
		assert.NoError(t, err)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not return after cancel")
	}
}

func (s *server) do(t *testing.T, method, path, token, tenant string, body any) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+path, rd)
	require.NoError(t, err)
	req.Header.Set("X-Auth-Token", token)
	if tenant != "" {
		req.Header.Set("Wazo-Tenant", tenant)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, resp.Header, out
}

// engineConfig is a serve Config on url; on SQLite the database is a file
// in a temporary directory, so that the admin token file is generated
// beside it.
func engineConfig(t *testing.T, url string) (cfg Config, tokenFile string) {
	cfg = Config{DatabaseURL: url, LogLevel: "error"}
	if strings.HasPrefix(url, "sqlite:") {
		dir := t.TempDir()
		cfg.DatabaseURL = "sqlite:" + filepath.Join(dir, "confd.db")
		return cfg, filepath.Join(dir, "confd-admin-token")
	}
	cfg.AdminToken = "pg-admin-token"
	return cfg, ""
}

func adminFrom(t *testing.T, cfg Config, tokenFile string) string {
	t.Helper()
	if tokenFile == "" {
		return cfg.AdminToken
	}
	info, err := os.Stat(tokenFile)
	require.NoError(t, err, "the admin token is stored beside the database")
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	b, err := os.ReadFile(tokenFile)
	require.NoError(t, err)
	token := strings.TrimSpace(string(b))
	require.Len(t, token, 48)
	return token
}

func TestServe_EndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		cfg, tokenFile := engineConfig(t, url)
		s := start(t, cfg)
		admin := adminFrom(t, cfg, tokenFile)

		status, _, _ := s.do(t, "GET", "/1.1/contexts", "wrong", "", nil)
		assert.Equal(t, 401, status)

		status, _, tenant := s.do(t, "POST", "/1.1/tenants", admin, "", map[string]any{"name": "Acme", "slug": "acme"})
		require.Equal(t, 201, status)
		tuuid := tenant["uuid"].(string)

		status, hdr, ctxt := s.do(t, "POST", "/1.1/contexts", admin, tuuid, map[string]any{"label": "Sales"})
		require.Equal(t, 201, status)
		assert.Equal(t, tuuid, ctxt["tenant_uuid"])
		loc := hdr.Get("Location")
		require.True(t, strings.HasPrefix(loc, s.base+"/1.1/contexts/"), loc)
		item := strings.TrimPrefix(loc, s.base)

		status, _, got := s.do(t, "GET", item, admin, tuuid, nil)
		require.Equal(t, 200, status)
		assert.Equal(t, "Sales", got["label"])
		assert.Equal(t, ctxt["id"], got["id"])

		status, _, st := s.do(t, "GET", "/1.1/status", admin, "", nil)
		require.Equal(t, 200, status)
		for _, k := range []string{"rest_api", "database", "bus_consumer", "master_tenant", "service_token"} {
			assert.Equal(t, map[string]any{"status": "ok"}, st[k], k)
		}
		s.stop(t)

		// A restart keeps the data and the generated token.
		s = start(t, cfg)
		assert.Equal(t, admin, adminFrom(t, cfg, tokenFile))
		status, _, got = s.do(t, "GET", item, admin, tuuid, nil)
		assert.Equal(t, 200, status)
		assert.Equal(t, "Sales", got["label"])
	})
}

func TestServe_TokensFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		cfg, _ := engineConfig(t, url)
		cfg.AdminToken = "admin"
		cfg.TokensFile = filepath.Join(t.TempDir(), "tokens.json")
		tenant := "44444444-4444-4444-8444-444444444444"
		require.NoError(t, os.WriteFile(cfg.TokensFile, []byte(`[{"token": "reader", "tenant_uuid": "`+tenant+`", "acl": ["confd.contexts.read"]}]`), 0o600))
		s := start(t, cfg)
		status, _, list := s.do(t, "GET", "/1.1/contexts", "reader", "", nil)
		assert.Equal(t, 200, status)
		assert.Contains(t, list, "total")
		status, _, _ = s.do(t, "POST", "/1.1/contexts", "reader", "", map[string]any{"label": "x"})
		assert.Equal(t, 401, status)
	})
}

func TestServe_ErrBadTokensFile(t *testing.T) {
	cfg := Config{DatabaseURL: "sqlite::memory:", AdminToken: "admin", Listen: freeAddr(t),
		TokensFile: filepath.Join(t.TempDir(), "missing.json")}
	assert.Error(t, serve(context.Background(), cfg, quiet))
}

func TestMigrate(t *testing.T) {
	ms, err := store.Migrations()
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	storetest.Each(t, func(t *testing.T, url string) {
		if strings.HasPrefix(url, "sqlite:") {
			path := filepath.Join(t.TempDir(), "fresh.db")
			url = "sqlite:" + path
			defer func() { assert.FileExists(t, path) }()
		}
		ctx := context.Background()
		cfg := Config{DatabaseURL: url}
		require.NoError(t, migrate(ctx, cfg, quiet))
		require.NoError(t, migrate(ctx, cfg, quiet), "migrating twice is harmless")
		db, err := store.Open(ctx, url)
		require.NoError(t, err)
		defer db.Close()
		v, err := db.Version(ctx)
		require.NoError(t, err)
		assert.Equal(t, ms[len(ms)-1].Version, v)
		exists, err := db.NewSelect().Table("contexts").Exists(ctx)
		require.NoError(t, err)
		assert.False(t, exists, "the contexts table exists and is empty")
	})
}

// CORS is on unless CONFD_CORS=false, as in wazo-confd; CONFD_CORS_ORIGINS
// narrows it to the origins named.
func TestServe_CORSSettings(t *testing.T) {
	preflight := func(s *server, origin string) http.Header {
		req, err := http.NewRequest("OPTIONS", s.base+"/1.1/users", nil)
		require.NoError(t, err)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.Header
	}
	for _, tc := range []struct {
		env     map[string]string
		allowed string
	}{
		{map[string]string{}, "*"},
		{map[string]string{"CONFD_CORS_ORIGINS": "https://a.example,https://ui.example"}, "https://ui.example"},
		{map[string]string{"CONFD_CORS": "false"}, ""},
	} {
		for _, k := range []string{"CONFD_CORS", "CONFD_CORS_ORIGINS"} {
			t.Setenv(k, tc.env[k])
			if tc.env[k] == "" {
				os.Unsetenv(k)
			}
		}
		var cfg Config
		require.NoError(t, envconfig.Process("confd", &cfg))
		cfg.DatabaseURL, cfg.AdminToken = "sqlite::memory:", "admin"
		h := preflight(start(t, cfg), "https://ui.example")
		assert.Equal(t, tc.allowed, h.Get("Access-Control-Allow-Origin"), "%v", tc.env)
	}
}

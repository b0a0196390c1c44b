package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/events/amqp"
	"github.com/gopbx/confd/httpserver"
	"github.com/gopbx/confd/httpserver/wazoauth"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/reload/sysconfd"
	"github.com/gopbx/confd/store"
)

// serve runs the server until ctx ends, then shuts down gracefully:
// in-flight requests finish and the outbox gets a last delivery attempt.
func serve(ctx context.Context, cfg Config, logger *slog.Logger) error {
	c, pub, err := openClient(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer c.Close()
	if closer, ok := pub.(interface{ Close() error }); ok {
		defer closer.Close()
	}
	hcfg, err := httpConfig(c, cfg, pub, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: httpserver.New(c, hcfg), ReadHeaderTimeout: 10 * time.Second}
	logger.Info("confd: serving", "address", ln.Addr().String(), "database", redact(cfg.DatabaseURL))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("confd: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

func openClient(ctx context.Context, cfg Config, logger *slog.Logger) (*confd.Client, events.Publisher, error) {
	ccfg := confd.Config{DatabaseURL: cfg.DatabaseURL, Logger: logger, NoStarterContexts: cfg.NoStarter,
		OperatorTenant: cfg.Operator}
	var pub events.Publisher = events.Log{Logger: logger}
	if cfg.BusURL != "" {
		p, err := amqp.New(amqp.Config{URL: cfg.BusURL, TopicExchange: cfg.BusTopic, Logger: logger})
		if err != nil {
			return nil, nil, err
		}
		pub = p
	}
	ccfg.Publisher = pub
	ccfg.Reloader = reload.Log{Logger: logger}
	if cfg.SysconfdURL != "" {
		r, err := sysconfd.New(cfg.SysconfdURL)
		if err != nil {
			return nil, nil, err
		}
		ccfg.Reloader = r
	}
	c, err := confd.New(ctx, ccfg)
	return c, pub, err
}

func httpConfig(c *confd.Client, cfg Config, pub events.Publisher, logger *slog.Logger) (httpserver.Config, error) {
	hcfg := httpserver.Config{Logger: logger, Checks: map[string]func(context.Context) error{},
		CORS: httpserver.CORS{Disabled: !cfg.CORS, Origins: cfg.CORSOrigins}}
	hcfg.Checks["bus_consumer"] = func(ctx context.Context) error {
		if p, ok := pub.(events.Pinger); ok {
			return p.Ping(ctx)
		}
		return nil
	}
	ok := func(context.Context) error { return nil }
	hcfg.Checks["master_tenant"], hcfg.Checks["service_token"] = ok, ok
	if cfg.AuthURL != "" {
		hcfg.Auth = wazoauth.New(cfg.AuthURL, wazoauth.WithLogger(logger))
		hcfg.Checks["master_tenant"] = masterTenantKnown(cfg, logger)
		return hcfg, nil
	}
	admin, err := adminToken(cfg, logger)
	if err != nil {
		return hcfg, err
	}
	var tokens []httpserver.TokenEntry
	if cfg.TokensFile != "" {
		if tokens, err = httpserver.LoadTokens(cfg.TokensFile); err != nil {
			return hcfg, err
		}
	}
	hcfg.Auth = httpserver.NewBuiltin(c, admin, tokens)
	hcfg.ManageTenants = true
	return hcfg, nil
}

// masterTenantKnown is the master_tenant status with wazo-auth: as
// wazo-confd's, it fails while wazo-auth's master tenant is unknown, and
// then no token may change the global configuration.
func masterTenantKnown(cfg Config, logger *slog.Logger) func(context.Context) error {
	if cfg.Operator != "" {
		return func(context.Context) error { return nil }
	}
	logger.Warn("confd: CONFD_OPERATOR_TENANT is empty: no wazo-auth tenant may change the global configuration (registrars, SIP transports)")
	return func(context.Context) error { return errors.New("CONFD_OPERATOR_TENANT is empty") }
}

// adminToken returns CONFD_ADMIN_TOKEN, or a token generated once and kept
// in a file beside the database (mode 0600).
func adminToken(cfg Config, logger *slog.Logger) (string, error) {
	if cfg.AdminToken != "" {
		return cfg.AdminToken, nil
	}
	path := "confd-admin-token"
	if db, ok := strings.CutPrefix(cfg.DatabaseURL, "sqlite:"); ok && db != ":memory:" {
		path = filepath.Join(filepath.Dir(db), "confd-admin-token")
	}
	if b, err := os.ReadFile(path); err == nil {
		logger.Info("confd: admin token read", "file", path)
		return strings.TrimSpace(string(b)), nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	var raw [24]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	token := hex.EncodeToString(raw[:])
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("storing the admin token: %w", err)
	}
	logger.Info("confd: admin token generated", "file", path)
	return token, nil
}

func migrate(ctx context.Context, cfg Config, logger *slog.Logger) error {
	db, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	v, err := db.Version(ctx)
	logger.Info("confd: database migrated", "applied", n, "version", v)
	return err
}

func redact(url string) string {
	if i := strings.Index(url, "@"); i > 0 {
		if j := strings.Index(url, "://"); j > 0 && j < i {
			return url[:j+3] + "***" + url[i:]
		}
	}
	return url
}

// Command confd serves the confd REST API. It reads its configuration from
// CONFD_* environment variables (confd -h lists them); with none set it
// serves on 127.0.0.1:9486 with SQLite in the working directory.
//
// Usage:
//
//	confd           serve
//	confd migrate   apply database migrations and exit
//	confd -h        list the environment variables
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/kelseyhightower/envconfig"
)

// Config is the server's configuration, read from CONFD_* variables.
type Config struct {
	Listen      string   `envconfig:"LISTEN" default:"127.0.0.1:9486" desc:"HTTP address"`
	DatabaseURL string   `envconfig:"DATABASE_URL" default:"sqlite:confd.db" desc:"postgres://... selects PostgreSQL; sqlite:PATH or sqlite::memory:"`
	BusURL      string   `envconfig:"BUS_URL" desc:"amqp://... of RabbitMQ; empty logs events instead"`
	BusTopic    string   `envconfig:"BUS_TOPIC_EXCHANGE" default:"xivo" desc:"topic exchange that also gets every event, by routing key, bound to wazo-headers; - for none"`
	SysconfdURL string   `envconfig:"SYSCONFD_URL" desc:"wazo-sysconfd base URL; empty logs reloads instead"`
	AuthURL     string   `envconfig:"AUTH_URL" desc:"wazo-auth base URL; empty uses the built-in authenticator"`
	AdminToken  string   `envconfig:"ADMIN_TOKEN" desc:"built-in master admin token; generated and stored beside the database when unset"`
	TokensFile  string   `envconfig:"TOKENS_FILE" desc:"built-in extra tokens: JSON list of {token, tenant_uuid, acl}"`
	Operator    string   `envconfig:"OPERATOR_TENANT" desc:"uuid of the PBX owner's tenant (with wazo-auth, its master tenant): it may change global configuration and holds the unallocated devices; empty: none but the built-in master tenant"`
	CORS        bool     `envconfig:"CORS" default:"true" desc:"answer browsers' cross-origin requests (preflights need no token), as wazo-confd"`
	CORSOrigins []string `envconfig:"CORS_ORIGINS" desc:"comma-separated origins allowed with CORS; empty allows any (*)"`
	LogLevel    string   `envconfig:"LOG_LEVEL" default:"info" desc:"debug, info, warn or error"`
	NoStarter   bool     `envconfig:"NO_STARTER_CONTEXTS" default:"false" desc:"do not create the starter dialplan (default, from-extern, to-extern)"`
}

func main() {
	var cfg Config
	if len(os.Args) > 1 && (os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "help") {
		usage()
		return
	}
	if err := envconfig.Process("confd", &cfg); err != nil {
		fmt.Fprintln(os.Stderr, "confd:", err)
		os.Exit(2)
	}
	logger := newLogger(cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	var err error
	if len(os.Args) > 1 && os.Args[1] == "migrate" {
		err = migrate(ctx, cfg, logger)
	} else if len(os.Args) > 1 {
		usage()
		os.Exit(2)
	} else {
		err = serve(ctx, cfg, logger)
	}
	if err != nil {
		logger.Error("confd: " + err.Error())
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: confd [migrate]\n\nconfd is configured by these environment variables:")
	var cfg Config
	envconfig.Usage("confd", &cfg)
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

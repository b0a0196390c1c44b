package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kelseyhightower/envconfig"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/store/storetest"
)

// CONFD_OPERATOR_TENANT names the PBX owner's tenant: OWNER, created after
// CUSTOMER, may change the registrars; CUSTOMER may not.
func TestServe_OperatorTenant(t *testing.T) {
	const customer, owner = "44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555"
	t.Setenv("CONFD_OPERATOR_TENANT", owner)
	var env Config
	require.NoError(t, envconfig.Process("confd", &env))
	storetest.Each(t, func(t *testing.T, url string) {
		cfg, _ := engineConfig(t, url)
		cfg.AdminToken, cfg.Operator = "admin", env.Operator
		cfg.TokensFile = filepath.Join(t.TempDir(), "tokens.json")
		require.NoError(t, os.WriteFile(cfg.TokensFile, []byte(`[{"token": "customer", "tenant_uuid": "`+customer+`", "acl": ["#"]},
			{"token": "owner", "tenant_uuid": "`+owner+`", "acl": ["#"]}]`), 0o600))
		s := start(t, cfg)
		for _, uuid := range []string{customer, owner} {
			status, _, _ := s.do(t, "POST", "/1.1/tenants", "admin", "", map[string]any{"uuid": uuid, "name": uuid[:8], "slug": "t" + uuid[:7]})
			require.Equal(t, 201, status)
		}
		registrar := map[string]any{"main_host": "h", "proxy_main_host": "p"}
		status, _, _ := s.do(t, "POST", "/1.1/registrars", "customer", "", registrar)
		assert.Equal(t, 401, status)
		status, _, _ = s.do(t, "POST", "/1.1/registrars", "owner", "", registrar)
		assert.Equal(t, 201, status)
	})
}

func TestServe_ErrOperatorNotUUID(t *testing.T) {
	cfg := Config{DatabaseURL: "sqlite::memory:", AdminToken: "admin", Listen: freeAddr(t), Operator: "owner"}
	assert.ErrorContains(t, serve(context.Background(), cfg, quiet), `"owner" is not a UUID`)
}

// With wazo-auth, the master_tenant status fails, as wazo-confd's, until
// CONFD_OPERATOR_TENANT names wazo-auth's master tenant.
func TestHTTPConfig_WazoAuthMasterTenant(t *testing.T) {
	for operator, ok := range map[string]bool{"": false, "55555555-5555-4555-8555-555555555555": true} {
		cfg := Config{AuthURL: "http://127.0.0.1:9", Operator: operator}
		hcfg, err := httpConfig(nil, cfg, events.Log{Logger: quiet}, quiet)
		require.NoError(t, err)
		assert.Equal(t, ok, hcfg.Checks["master_tenant"](context.Background()) == nil, "operator %q", operator)
	}
}

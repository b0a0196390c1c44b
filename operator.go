package confd

import (
	"fmt"
	"regexp"

	"github.com/gopbx/confd/resources"
)

var canonicalUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// canonicalTenant returns the tenant uuid s in canonical form (lower
// case); "" stays "".
func canonicalTenant(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if u := resources.CanonicalUUID(s); canonicalUUID.MatchString(u) {
		return u, nil
	}
	return "", fmt.Errorf("%q is not a UUID", s)
}

// Operator returns the operator tenant, the PBX owner's, which
// Config.OperatorTenant names ("" for none). It stands for wazo-auth's
// master tenant, whose uuid wazo-confd reads from its configuration or its
// service token. Besides the master tenant, it may change what concerns
// every tenant (registrars, SIP transports, voicemail zone messages), and
// its devices are the unallocated ones. No tenant is the operator by the
// order it was created in.
func (t *Tenants) Operator() string { return t.c.cfg.OperatorTenant }

package httpserver_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources/contract"
)

// contractFamily is a family whose POST body is a contract schema.
type contractFamily struct {
	plural string // POST /1.1/<plural>; its list's total must not change
	class  string // the contract's schema class of the body
	token  string // mainTok unless the family is the master tenant's
	valid  map[string]any
	// hooked are rules that a hook of wazo's schema (code, not data)
	// overrides, and why.
	hooked map[string]string
}

// contractFamilies are the families whose every schema rule is probed.
var contractFamilies = []contractFamily{
	{"contexts", "ContextSchema", mainTok, map[string]any{"label": "probe"}, nil},
	{"extensions", "ExtensionSchema", mainTok, map[string]any{"exten": "1999", "context": "default"}, nil},
	{"users", "UserListItemSchema", mainTok, map[string]any{"firstname": "Probe"}, map[string]string{
		"auth.password: Length": "init_auth gives an empty password the user's (none here)",
	}},
	{"lines", "LineSchemaNullable", mainTok, map[string]any{"context": "default"}, map[string]string{
		"endpoint_sip: not null":    "remove_endpoints_none drops a null endpoint",
		"endpoint_sccp: not null":   "remove_endpoints_none drops a null endpoint",
		"endpoint_custom: not null": "remove_endpoints_none drops a null endpoint",
	}},
	{"voicemails", "VoicemailSchema", mainTok, map[string]any{"name": "probe", "number": "1999", "context": "default"}, nil},
	{"endpoints/sip", "EndpointSIPSchema", mainTok, map[string]any{}, nil},
	{"endpoints/sip/templates", "TemplateSIPSchema", mainTok, map[string]any{}, nil},
	{"endpoints/iax", "IAXSchema", mainTok, map[string]any{}, nil},
	{"endpoints/sccp", "SccpSchema", mainTok, map[string]any{}, nil},
	{"endpoints/custom", "CustomSchema", mainTok, map[string]any{"interface": "probe"}, nil},
	{"devices", "DeviceSchema", mainTok, map[string]any{}, nil},
	{"groups", "GroupSchema", mainTok, map[string]any{"label": "probe"}, nil},
	{"incalls", "IncallSchema", mainTok, map[string]any{"destination": map[string]any{"type": "none"}}, nil},
	{"schedules", "ScheduleSchema", mainTok, map[string]any{"closed_destination": map[string]any{"type": "none"}}, nil},
	{"callpermissions", "CallPermissionSchema", mainTok, map[string]any{"name": "probe"}, nil},
	{"callpickups", "CallPickupSchema", mainTok, map[string]any{"name": "probe"}, nil},
	{"phone-numbers", "PhoneNumberSchema", mainTok, map[string]any{"number": "+15550001"}, nil},
	{"registrars", "RegistrarSchema", adminTok, map[string]any{"main_host": "h", "proxy_main_host": "h"}, nil},
	{"sip/transports", "PJSIPTransportSchema", adminTok, map[string]any{"name": "probe"}, nil},
}

// Every rule of every probed family's schema in the contract is enforced:
// a body breaking it answers 400 with wazo's message for it, and nothing
// is stored, announced or reloaded.
func TestContractRules_Refused(t *testing.T) {
	runAll(t, func(a *api) []scenario {
		var out []scenario
		for _, fam := range contractFamilies {
			c, err := contract.Schema(fam.class)
			require.NoError(t, err)
			for _, p := range probesOf(c, nil, 0) {
				if _, ok := fam.hooked[p.rule]; ok {
					continue
				}
				body := deepCopy(fam.valid)
				p.set(body)
				out = append(out, scenario{name: fam.plural + "/" + p.rule, method: "POST",
					path: "/1.1/" + fam.plural, token: fam.token, body: body,
					status: 400, contains: p.message, unchanged: fam.plural})
			}
		}
		return out
	})
}

// deepCopy copies a body of maps, lists and plain values.
func deepCopy(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch x := v.(type) {
		case map[string]any:
			out[k] = deepCopy(x)
		default:
			out[k] = x
		}
	}
	return out
}

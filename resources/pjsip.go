package resources

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// pjsipUndocumented are the PJSIP sections the documentation does not
// describe: wazo-confd hard-codes their options (helpers/asterisk.py),
// "server_uri" twice included.
var pjsipUndocumented = map[string][]string{
	"identify": {"match", "endpoint", "srv_lookups", "match_header"},
	"registration": {
		"auth_rejection_permanent", "client_uri", "contact_user", "contact_header_params",
		"expiration", "max_retries", "outbound_proxy", "retry_interval", "server_uri",
		"forbidden_retry_interval", "fatal_retry_interval", "line", "server_uri",
		"transport", "support_path", "support_outbound",
	},
}

// PJSIPSectionKeys returns the options a PJSIP section type accepts
// ("aor", "auth", "endpoint", "identify", "registration", "transport",
// ...), in the documentation's order.
func PJSIPSectionKeys(section string) []string {
	if keys, ok := pjsipUndocumented[section]; ok {
		return keys
	}
	return pjsipDocKeys[section]
}

// ValidPJSIPKey reports whether key is an option of the section type; aor
// and endpoint sections also accept "@" keys (custom variables).
func ValidPJSIPKey(section, key string) bool {
	if (section == "aor" || section == "endpoint") && strings.HasPrefix(key, "@") {
		return true
	}
	return slices.Contains(PJSIPSectionKeys(section), key)
}

// CheckPJSIPOptions checks the keys of the options of field (e.g.
// "aor_section_options") against the section type, with wazo's message:
// "'<field>: invalid variable (<key>)' must be one of (<keys>)".
func CheckPJSIPOptions(field, section string, options []SIPOption) error {
	for _, o := range options {
		if !ValidPJSIPKey(section, o[0]) {
			return ErrInput("'%s: invalid variable (%s)' must be one of (%s)",
				field, o[0], strings.Join(PJSIPSectionKeys(section), ", "))
		}
	}
	return nil
}

var pjsipSectionRe = regexp.MustCompile(`^[-_.a-zA-Z0-9]+$`)

// checkPJSIPSectionName is wazo's PJSIPSection validator: a PJSIP section
// name of 1 to 79 characters, not "global" nor "system".
func checkPJSIPSectionName(v any) string {
	s, _ := v.(string)
	switch {
	case s == "":
		return "Shorter than minimum length 1"
	case len([]rune(s)) > 79:
		return fmt.Sprintf("Longer than maximum length %d", 79)
	case s == "global" || s == "system":
		return "Reserved Asterisk section name"
	case !pjsipSectionRe.MatchString(s):
		return "Not a valid Asterisk section name"
	}
	return ""
}

// PJSIPSectionName is a name field validated as a PJSIP section name.
func PJSIPSectionName(name string) Field { return Str(name).Check(checkPJSIPSectionName) }

package confd

import (
	"context"
	"strings"

	"github.com/gopbx/confd/resources"
)

// tenantTemplate is one SIP template wazo generates for every tenant
// (wazo_confd/plugins/event_handlers/service.py).
type tenantTemplate struct {
	v resources.EndpointSIP
	// parent is the label of its template, "" for none.
	parent string
	// column is the tenant field keeping its uuid, nil when there is none.
	column **string
	// keepOptions leaves the options of an existing template unchanged on
	// a reset (wazo's meeting_guest resets only its label and templates).
	keepOptions bool
	// transport is the name of its SIP transport, "" for none.
	transport string
}

// sipOpts builds options from key, value, key, value...
func sipOpts(kv ...string) []resources.SIPOption {
	out := make([]resources.SIPOption, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, resources.SIPOption{kv[i], kv[i+1]})
	}
	return out
}

// twilioAddresses are the Twilio signalling addresses of the twilio_trunk
// template's identify section, in wazo's order.
const twilioAddresses = "54.172.60.0 54.172.60.3 54.172.60.2 54.172.60.1 " +
	"177.71.206.195 177.71.206.194 177.71.206.193 177.71.206.192 " +
	"54.252.254.67 54.252.254.66 54.252.254.65 54.252.254.64 " +
	"54.169.127.131 54.169.127.130 54.169.127.129 54.169.127.128 " +
	"54.65.63.195 54.65.63.194 54.65.63.193 54.65.63.192 " +
	"35.156.191.131 35.156.191.130 35.156.191.129 35.156.191.128 " +
	"54.171.127.195 54.171.127.194 54.171.127.193 54.171.127.192 " +
	"54.244.51.3 54.244.51.2 54.244.51.1 54.244.51.0"

func tenantSIPTemplates(t *resources.Tenant) []tenantTemplate {
	var twilio []resources.SIPOption
	for _, ip := range strings.Fields(twilioAddresses) {
		twilio = append(twilio, resources.SIPOption{"match", ip})
	}
	return []tenantTemplate{
		{v: resources.EndpointSIP{Label: Ptr("global"),
			AORSectionOptions: sipOpts("maximum_expiration", "3600", "default_expiration", "120",
				"minimum_expiration", "60", "qualify_frequency", "60", "remove_existing", "true", "max_contacts", "1"),
			EndpointSectionOptions: sipOpts("rtp_timeout", "7200", "allow_transfer", "yes", "use_ptime", "yes",
				"callerid", "wazo", "direct_media", "no", "dtmf_mode", "rfc4733", "language", "en_US",
				"inband_progress", "no", "rtp_timeout_hold", "0", "timers_sess_expires", "600",
				"timers_min_se", "90", "trust_id_inbound", "no", "allow_subscribe", "yes", "allow", "!all,ulaw",
				"set_var", "TIMEOUT(absolute)=36000", "set_var", "DYNAMIC_FEATURES=togglerecord",
				"notify_early_inuse_ringing", "yes"),
		}, column: &t.GlobalSIPTemplateUUID, transport: "transport-udp"},
		{v: resources.EndpointSIP{Label: Ptr("webrtc"),
			AORSectionOptions: sipOpts("remove_existing", "false", "max_contacts", "10"),
			EndpointSectionOptions: sipOpts("webrtc", "yes", "dtls_auto_generate_cert", "yes",
				"allow", "!all,opus,g722,alaw,ulaw,vp9,vp8,h264", "max_video_streams", "25",
				"max_audio_streams", "1", "timers", "always", "timers_sess_expires", "300", "timers_min_se", "90"),
		}, parent: "global", column: &t.WebRTCSIPTemplateUUID, transport: "transport-wss"},
		{v: resources.EndpointSIP{Label: Ptr("meeting_guest")}, parent: "webrtc", keepOptions: true,
			column: &t.MeetingGuestSIPTemplateUUID},
		{v: resources.EndpointSIP{Label: Ptr("registration_trunk"),
			RegistrationSectionOptions: sipOpts("forbidden_retry_interval", "30", "retry_interval", "20",
				"max_retries", "10000", "auth_rejection_permanent", "no", "fatal_retry_interval", "30"),
		}, parent: "global", column: &t.RegistrationTrunkSIPTemplateUUID},
		{v: resources.EndpointSIP{Label: Ptr("twilio_trunk"), IdentifySectionOptions: twilio},
			parent: "registration_trunk", column: &t.TwilioTrunkSIPTemplateUUID},
	}
}

// createTenantSIPTemplates gives tenant, once, the SIP templates wazo
// generates for every tenant (global, webrtc, meeting_guest,
// registration_trunk, twilio_trunk), or resets those it still names, and
// records their uuids on the tenant's row. As wazo, it announces nothing
// and requests no reload. The global and webrtc templates use the
// transports named transport-udp and transport-wss, when they exist.
func createTenantSIPTemplates(ctx context.Context, tx *Client, tenant *resources.Tenant) error {
	if tenant.SIPTemplatesGenerated {
		return nil
	}
	return tx.RunInTx(ctx, func(ctx context.Context, c *Client) error {
		m := c.EndpointSIPTemplates
		byLabel := map[string]string{}
		for _, tt := range tenantSIPTemplates(tenant) {
			uuid, err := m.generate(ctx, tenant.UUID, tt, byLabel)
			if err != nil {
				return err
			}
			byLabel[*tt.v.Label] = uuid
			if tt.column != nil {
				*tt.column = Ptr(uuid)
			}
		}
		tenant.SIPTemplatesGenerated = true
		_, err := m.db().NewUpdate().Model(tenant).WherePK().Column("sip_templates_generated",
			"global_sip_template_uuid", "webrtc_sip_template_uuid",
			"registration_trunk_sip_template_uuid", "twilio_trunk_sip_template_uuid",
			"meeting_guest_sip_template_uuid").Exec(ctx)
		return err
	})
}

// generate creates a tenant template, or resets the one its tenant column
// names, and returns its uuid.
func (m *EndpointSIPTemplates) generate(ctx context.Context, tenant string, tt tenantTemplate, byLabel map[string]string) (string, error) {
	v := tt.v
	v.TenantUUID = tenant
	if tt.parent != "" {
		v.Templates = []resources.SIPTemplateRef{{UUID: byLabel[tt.parent]}}
	}
	transport, err := sipTransportNamed(ctx, m.db(), tt.transport)
	if err != nil {
		return "", err
	}
	v.Transport = transport
	if tt.column != nil && *tt.column != nil {
		old, err := m.Get(ctx, Scope{}, **tt.column)
		if err == nil {
			old.Label, old.Templates, old.Transport, old.AsteriskID = v.Label, v.Templates, v.Transport, nil
			if !tt.keepOptions {
				for i, o := range old.Options() {
					*o = *v.Options()[i]
				}
			}
			return old.UUID, m.quiet.Update(ctx, Scope{}, old)
		}
		if !resources.IsNotFound(err) {
			return "", err
		}
	}
	return v.UUID, m.quiet.Create(ctx, Scope{}, &v)
}

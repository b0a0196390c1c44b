// Code generated from Asterisk's PJSIP documentation; DO NOT EDIT.

package resources

// pjsipDocKeys lists, per PJSIP section type and in the documentation's
// order, the option names Asterisk documents (the internal "type" option
// left out, as wazo-confd's PJSIPDoc does). It is wazo-confd's test copy
// of Asterisk's public pjsip.json, regenerated with:
//
//	git --git-dir=$MIRROR/wazo-platform+wazo-confd/repo show \
//	    HEAD:integration_tests/assets/doc/pjsip.json.gz | gunzip | jq -r \
//	    'to_entries[] | "\t\(.key|@json): {" + ([.value | keys_unsorted[] |
//	    select(. != "type") | @json] | join(", ")) + "},"'
//
// (wazo-confd 4086b2e4), then gofmt.
var pjsipDocKeys = map[string][]string{
	"endpoint":     {"100rel", "aggregate_mwi", "allow", "allow_overlap", "aors", "auth", "callerid", "callerid_privacy", "callerid_tag", "context", "direct_media_glare_mitigation", "direct_media_method", "trust_connected_line", "send_connected_line", "connected_line_method", "direct_media", "disable_direct_media_on_nat", "disallow", "dtmf_mode", "media_address", "bind_rtp_to_media_address", "force_rport", "ice_support", "identify_by", "redirect_method", "mailboxes", "mwi_subscribe_replaces_unsolicited", "voicemail_extension", "moh_suggest", "outbound_auth", "outbound_proxy", "rewrite_contact", "rtp_ipv6", "rtp_symmetric", "send_diversion", "send_pai", "send_rpid", "rpid_immediate", "timers_min_se", "timers", "timers_sess_expires", "transport", "trust_id_inbound", "trust_id_outbound", "use_ptime", "use_avpf", "force_avp", "media_use_received_transport", "media_encryption", "media_encryption_optimistic", "g726_non_standard", "inband_progress", "call_group", "pickup_group", "named_call_group", "named_pickup_group", "device_state_busy_at", "t38_udptl", "t38_udptl_ec", "t38_udptl_maxdatagram", "fax_detect", "fax_detect_timeout", "t38_udptl_nat", "t38_udptl_ipv6", "tone_zone", "language", "one_touch_recording", "record_on_feature", "record_off_feature", "rtp_engine", "allow_transfer", "user_eq_phone", "moh_passthrough", "sdp_owner", "sdp_session", "tos_audio", "tos_video", "cos_audio", "cos_video", "allow_subscribe", "sub_min_expiry", "from_user", "mwi_from_user", "from_domain", "dtls_verify", "dtls_rekey", "dtls_auto_generate_cert", "dtls_cert_file", "dtls_private_key", "dtls_cipher", "dtls_ca_file", "dtls_ca_path", "dtls_setup", "dtls_fingerprint", "srtp_tag_32", "set_var", "message_context", "accountcode", "preferred_codec_only", "rtp_keepalive", "rtp_timeout", "rtp_timeout_hold", "acl", "deny", "permit", "contact_acl", "contact_deny", "contact_permit", "subscribe_context", "contact_user", "asymmetric_rtp_codec", "rtcp_mux", "refer_blind_progress", "notify_early_inuse_ringing", "max_audio_streams", "max_video_streams", "bundle", "webrtc", "incoming_mwi_mailbox", "follow_early_media_fork", "accept_multiple_sdp_answers", "suppress_q850_reason_headers", "ignore_183_without_sdp"},
	"auth":         {"auth_type", "nonce_lifetime", "md5_cred", "password", "realm", "username"},
	"domain_alias": {"domain"},
	"transport":    {"async_operations", "bind", "ca_list_file", "ca_list_path", "cert_file", "cipher", "domain", "external_media_address", "external_signaling_address", "external_signaling_port", "method", "local_net", "password", "priv_key_file", "protocol", "require_client_cert", "verify_client", "verify_server", "tos", "cos", "websocket_write_timeout", "allow_reload", "symmetric_transport"},
	"contact":      {"uri", "expiration_time", "qualify_frequency", "qualify_timeout", "authenticate_qualify", "outbound_proxy", "path", "user_agent", "endpoint", "reg_server", "via_addr", "via_port", "call_id", "prune_on_boot", "mobility"},
	"aor":          {"contact", "default_expiration", "mailboxes", "voicemail_extension", "maximum_expiration", "max_contacts", "minimum_expiration", "remove_existing", "qualify_frequency", "qualify_timeout", "authenticate_qualify", "outbound_proxy", "support_path"},
	"system":       {"timer_t1", "timer_b", "compact_headers", "threadpool_initial_size", "threadpool_auto_increment", "threadpool_idle_timeout", "threadpool_max_size", "disable_tcp_switch", "follow_early_media_fork", "accept_multiple_sdp_answers"},
	"global":       {"max_forwards", "keep_alive_interval", "contact_expiration_check_interval", "disable_multi_domain", "max_initial_qualify_time", "unidentified_request_period", "unidentified_request_count", "unidentified_request_prune_interval", "user_agent", "regcontext", "default_outbound_endpoint", "default_voicemail_extension", "debug", "endpoint_identifier_order", "default_from_user", "default_realm", "mwi_tps_queue_high", "mwi_tps_queue_low", "mwi_disable_initial_unsolicited", "ignore_uri_user_options", "use_callerid_contact", "send_contact_status_on_update_registration", "taskprocessor_overload_trigger", "norefersub"},
}

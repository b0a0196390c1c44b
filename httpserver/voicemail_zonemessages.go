package httpserver

import (
	"net/http"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// zoneMessageRoutes are /asterisk/voicemail/zonemessages: read by every
// tenant, replaced by the master tenant only.
func (s *Server) zoneMessageRoutes() []route {
	return []route{
		{"GET", "/asterisk/voicemail/zonemessages", "confd.asterisk.voicemail.zonemessages.get", getZoneMessages},
		{"PUT", "/asterisk/voicemail/zonemessages", "confd.asterisk.voicemail.zonemessages.update", masterTenantOnly(setZoneMessages)},
	}
}

func getZoneMessages(q *request) error {
	items, err := q.c.VoicemailZoneMessages(q.ctx)
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, map[string]any{"items": items})
}

func setZoneMessages(q *request) error {
	fields, err := q.body(resources.ZoneMessagesSchema, false)
	if err != nil {
		return err
	}
	var body struct {
		Items []confd.ZoneMessage `json:"items"`
	}
	if err := resources.Apply(fields, &body); err != nil {
		return err
	}
	if err := q.c.SetVoicemailZoneMessages(q.ctx, body.Items); err != nil {
		return err
	}
	return q.noContent()
}

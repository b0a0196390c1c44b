package httpserver

import (
	"errors"
	"net/http"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/resources"
)

// userLineSIPRoute is GET /users/{uuid}/lines/{id|main}/associated/endpoints/sip.
func (s *Server) userLineSIPRoute() route {
	return route{"GET", "/users/{user_uuid}/lines/{line}/associated/endpoints/sip",
		"confd.users.{user_uuid}.lines.{line}.associated.endpoints.sip.read", userLineSIP}
}

func userLineSIP(q *request) error {
	line := q.r.PathValue("line")
	if _, ok := parseKey("int", line); !ok && line != "main" {
		notFound(q.w, q.r)
		return nil
	}
	merged := false
	if v, ok := q.r.URL.Query()["view"]; ok {
		if v[0] != "merged" {
			return resources.ErrInput("view: ['Must be one of: merged.']")
		}
		merged = true
	}
	scope, err := q.itemScope()
	if err != nil {
		return err
	}
	ep, err := q.c.UserLineSIPEndpoint(q.ctx, scope, q.r.PathValue("user_uuid"), line, merged)
	if errors.Is(err, confd.ErrNoSIPEndpoint) {
		return q.json(http.StatusNotFound, "Resource Not Found.")
	}
	if err != nil {
		return err
	}
	return q.json(http.StatusOK, ep)
}

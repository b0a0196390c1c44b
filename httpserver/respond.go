package httpserver

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gopbx/confd/resources"
)

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if body == nil {
		return
	}
	enc := json.NewEncoder(w)
	enc.Encode(body)
}

// list is wazo's list body.
type list[T any] struct {
	Total int `json:"total"`
	Items []T `json:"items"`
}

// errorStatus is the one place that maps errors to HTTP statuses.
func errorStatus(err error) (int, []string) {
	var authErr *AuthError
	if errors.As(err, &authErr) {
		if authErr.Kind == AuthUnavailable {
			return http.StatusServiceUnavailable, []string{authErr.Error()}
		}
		return http.StatusUnauthorized, []string{authErr.Error()}
	}
	var re *resources.Error
	if !errors.As(err, &re) {
		return http.StatusInternalServerError, []string{"Unexpected error: " + err.Error()}
	}
	switch re.Kind {
	case resources.Invalid, resources.Conflict:
		return http.StatusBadRequest, re.Messages
	case resources.NotFound:
		return http.StatusNotFound, re.Messages
	case tooLarge:
		return http.StatusRequestEntityTooLarge, re.Messages
	}
	return http.StatusInternalServerError, append([]string{"Unexpected error: "}, re.Messages...)
}

// tooLarge marks a body over the size limit.
const tooLarge resources.Kind = 100

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, msgs := errorStatus(err)
	if status >= 500 {
		s.log.Error("confd: request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	}
	writeJSON(w, status, msgs)
}

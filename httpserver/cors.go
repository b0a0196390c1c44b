package httpserver

import (
	"net/http"
	"slices"
	"strings"
)

// CORS configures cross-origin requests, on by default as in wazo-confd:
// every answer carries Access-Control-Allow-Origin, and a preflight
// (OPTIONS) on a route's path answers without a token, with the methods
// that path has and the request headers of wazo's API.
type CORS struct {
	// Disabled turns CORS off: no CORS header, and OPTIONS answers 405.
	Disabled bool
	// Origins are the origins allowed to call the API, such as
	// "https://admin.example.com"; empty allows any ("*").
	Origins []string
}

// corsHeaders are the request headers a browser may send, as wazo-confd's
// cors.allow_headers.
const corsHeaders = "Content-Type, X-Auth-Token, Wazo-Tenant"

// methodOrder lists methods in the order Allow headers give them.
var methodOrder = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

// allowOrigin adds the CORS origin headers of r's answer: "*" when any
// origin is allowed, else r's Origin when it is one of the allowed.
func (s *Server) allowOrigin(w http.ResponseWriter, r *http.Request) {
	cfg := s.cfg.CORS
	if cfg.Disabled {
		return
	}
	if len(cfg.Origins) == 0 {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		return
	}
	w.Header().Add("Vary", "Origin")
	if origin := r.Header.Get("Origin"); origin != "" && slices.Contains(cfg.Origins, origin) {
		w.Header().Set("Access-Control-Allow-Origin", origin)
	}
}

// otherMethod answers a request on a route's path with a method the route
// does not have: a preflight or a plain OPTIONS gets the path's methods
// (no token needed), anything else 405.
func (s *Server) otherMethod(path string, methods []string) http.HandlerFunc {
	allow := allowedMethods(methods)
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodOptions || s.cfg.CORS.Disabled {
			methodNotAllowed(w, r)
			return
		}
		if !validPath(path, r) {
			notFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Allow", strings.Join(allow, ", "))
		if r.Header.Get("Access-Control-Request-Method") != "" && h.Get("Access-Control-Allow-Origin") != "" {
			h.Set("Access-Control-Allow-Methods", strings.Join(allow, ", "))
			h.Set("Access-Control-Allow-Headers", corsHeaders)
		}
		w.WriteHeader(http.StatusOK)
	}
}

// allowedMethods returns a route path's methods in a fixed order, with
// HEAD where GET is (ServeMux answers it) and OPTIONS.
func allowedMethods(methods []string) []string {
	var allow []string
	for _, m := range methodOrder {
		has := slices.Contains(methods, m) || m == "OPTIONS" || m == "HEAD" && slices.Contains(methods, "GET")
		if has {
			allow = append(allow, m)
		}
	}
	return allow
}

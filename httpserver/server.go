// Package httpserver serves confd's REST API, compatible with wazo-confd's:
// one route table under /1.1, generic CRUD handlers over the managers of a
// *confd.Client, token and tenant checks, and wazo's error bodies.
package httpserver

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gopbx/confd"
)

// Config configures the HTTP API.
type Config struct {
	// Auth checks tokens; required.
	Auth Authenticator
	// MaxBodyBytes limits request bodies (default 10 MiB).
	MaxBodyBytes int64
	// Logger receives request errors; nil uses slog.Default().
	Logger *slog.Logger
	// Version is reported by GET /infos as wazo_version.
	Version string
	// Checks are the components reported by GET /status: a nil error is
	// "ok". rest_api is always ok.
	Checks map[string]func(ctx context.Context) error
	// Delivery bounds how long a write waits after its commit for its
	// reloads and events to be delivered before answering, as wazo-confd
	// answers after sysconfd and the bus (default 2s; negative: do not wait).
	Delivery time.Duration
	// CORS configures cross-origin requests (on for any origin by default).
	CORS CORS
	// ManageTenants allows the master token to POST and DELETE /tenants
	// (built-in authentication); otherwise they answer 405 as wazo-confd.
	ManageTenants bool
}

// Server is the REST API over a Client.
type Server struct {
	c   *confd.Client
	cfg Config
	mux *http.ServeMux
	// paths holds every route's path without method (see register).
	paths *http.ServeMux
	log   *slog.Logger
	// known holds the tenants known to exist in the database.
	known sync.Map
}

// New returns the API handler for c.
func New(c *confd.Client, cfg Config) *Server {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 10 << 20
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Delivery == 0 {
		cfg.Delivery = 2 * time.Second
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	s := &Server{c: c, cfg: cfg, mux: http.NewServeMux(), log: cfg.Logger}
	s.register(s.routes())
	return s
}

const prefix = "/1.1"

// register adds each route with its method. What no route matches falls
// to a second mux of the same paths without methods: a path it knows
// answers OPTIONS (CORS preflights) or 405, any other 404.
func (s *Server) register(routes []route) {
	paths := http.NewServeMux()
	s.paths = paths
	methods := map[string][]string{}
	var order []string
	for _, rt := range routes {
		s.mux.Handle(rt.method+" "+prefix+rt.path, s.wrap(rt))
		if methods[rt.path] == nil {
			order = append(order, rt.path)
		}
		methods[rt.path] = append(methods[rt.path], rt.method)
	}
	for _, path := range order {
		paths.HandleFunc(prefix+path, s.otherMethod(path, methods[path]))
	}
	paths.HandleFunc("/", notFound)
	s.mux.Handle("/", paths)
}

// ServeHTTP serves the API; a panic answers 500 and the server goes on.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("confd: panic", "method", r.Method, "path", r.URL.Path, "panic", v)
			writeJSON(w, http.StatusInternalServerError, []string{"Unexpected error: internal server error"})
		}
	}()
	s.allowOrigin(w, r)
	if !strings.HasPrefix(r.URL.Path, "/") {
		notFound(w, r)
		return
	}
	s.mux.ServeHTTP(w, r)
}

func methodNotAllowed(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "The method is not allowed for the requested URL."})
}

func notFound(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusNotFound, map[string]string{
		"message": "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."})
}

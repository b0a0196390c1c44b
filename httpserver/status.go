package httpserver

import "net/http"

func getInfos(q *request) error {
	return q.json(http.StatusOK, map[string]string{"uuid": q.c.Info().UUID, "wazo_version": q.cfg.Version})
}

// getStatus reports each component: rest_api always ok, the database, and
// the configured checks (bus_consumer, master_tenant, ...).
func getStatus(q *request) error {
	out := map[string]map[string]string{"rest_api": {"status": "ok"}}
	checks := map[string]func() error{"database": func() error { return q.c.Ping(q.ctx) }}
	for name, check := range q.cfg.Checks {
		checks[name] = func() error { return check(q.ctx) }
	}
	for name, check := range checks {
		status := "ok"
		if err := check(); err != nil {
			status = "fail"
		}
		out[name] = map[string]string{"status": status}
	}
	return q.json(http.StatusOK, out)
}

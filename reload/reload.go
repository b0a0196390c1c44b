// Package reload defines the requests confd sends to wazo-sysconfd after a
// write (Asterisk reload commands and other sysconfd calls), the Reloader
// interface that executes them, and a Recorder and a Log reloader.
package reload

import (
	"context"
	"slices"
)

// Call is a sysconfd call other than the Asterisk request handlers, such as
// GET /delete_voicemail?mailbox=..&context=.. .
type Call struct {
	Method string            `json:"method"`
	Path   string            `json:"path"`
	Query  map[string]string `json:"query,omitempty"`
	Body   any               `json:"body,omitempty"`
}

// Request is what one or more writes ask of sysconfd: a set of Asterisk
// commands ("ipbx" handler, e.g. "dialplan reload") and ordered calls.
type Request struct {
	Ipbx  []string `json:"ipbx,omitempty"`
	Calls []Call   `json:"calls,omitempty"`
}

// Empty reports whether the request asks for nothing.
func (r Request) Empty() bool { return len(r.Ipbx) == 0 && len(r.Calls) == 0 }

// Merge returns r with o added: Asterisk commands as a sorted set (a burst of
// writes asks for each reload once), calls appended in order.
func (r Request) Merge(o Request) Request {
	out := Request{Ipbx: slices.Clone(r.Ipbx), Calls: slices.Clone(r.Calls)}
	for _, c := range o.Ipbx {
		if !slices.Contains(out.Ipbx, c) {
			out.Ipbx = append(out.Ipbx, c)
		}
	}
	slices.Sort(out.Ipbx)
	out.Calls = append(out.Calls, o.Calls...)
	return out
}

// Commands is a shortcut for a Request of Asterisk commands only.
func Commands(cmds ...string) Request { return Request{}.Merge(Request{Ipbx: cmds}) }

// Reloader executes reload requests. Reload returns nil once sysconfd has
// accepted the whole request; an error means it must be retried.
type Reloader interface {
	Reload(ctx context.Context, req Request) error
}

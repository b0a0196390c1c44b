// Package sysconfd is a reload.Reloader that sends reload requests to
// wazo-sysconfd over HTTP, the way wazo-confd flushes them after a commit.
package sysconfd

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gopbx/confd/reload"
)

// DefaultTimeout bounds each HTTP call of a Client built without
// WithHTTPClient.
const DefaultTimeout = 10 * time.Second

// excerptLen is how many bytes of an error answer an Error keeps.
const excerptLen = 200

// Client sends reload requests to one wazo-sysconfd. It is safe for
// concurrent use.
type Client struct {
	base *url.URL
	hc   *http.Client
}

var _ reload.Reloader = (*Client)(nil)

// Option configures a Client built by New.
type Option func(*Client)

// WithHTTPClient makes the Client use hc instead of its default, which has a
// DefaultTimeout timeout and ignores proxy variables (as wazo-confd does).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) { c.hc = hc }
}

// New returns a Client for the sysconfd at baseURL, such as
// "http://localhost:8668". It fails when baseURL is not an absolute http or
// https URL.
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("sysconfd: base URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("sysconfd: base URL %q: want http(s)://host[:port]", baseURL)
	}
	u.RawQuery, u.Fragment = "", ""
	c := &Client{base: u, hc: defaultHTTPClient()}
	for _, o := range opts {
		o(c)
	}
	return c, nil
}

// defaultHTTPClient has a timeout and no proxy: sysconfd is a local service.
func defaultHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	return &http.Client{Timeout: DefaultTimeout, Transport: tr}
}

// Reload sends req to sysconfd: first, when req.Ipbx is not empty, one
// POST /exec_request_handlers {"ipbx": [...]}, then each call of req.Calls in
// order. It stops at the first failure and returns it: an *Error for an
// answer outside 2xx, otherwise the transport or context error, wrapped.
// An empty request sends nothing.
func (c *Client) Reload(ctx context.Context, req reload.Request) error {
	if len(req.Ipbx) > 0 {
		handlers := reload.Call{
			Method: http.MethodPost,
			Path:   "/exec_request_handlers",
			Body:   execRequestHandlers{Ipbx: req.Ipbx},
		}
		if err := c.do(ctx, handlers); err != nil {
			return err
		}
	}
	for _, call := range req.Calls {
		if err := c.do(ctx, call); err != nil {
			return err
		}
	}
	return nil
}

// execRequestHandlers is the body of POST /exec_request_handlers.
type execRequestHandlers struct {
	Ipbx []string `json:"ipbx"`
}

// do performs one call and checks its answer.
func (c *Client) do(ctx context.Context, call reload.Call) error {
	hreq, err := c.newRequest(ctx, call)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(hreq)
	if err != nil {
		return fmt.Errorf("sysconfd: %s %s: %w", call.Method, call.Path, err)
	}
	defer resp.Body.Close()
	excerpt, _ := io.ReadAll(io.LimitReader(resp.Body, excerptLen+1))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &Error{Method: call.Method, Path: call.Path, Status: resp.StatusCode, Body: excerptOf(excerpt)}
	}
	return nil
}

// newRequest builds the HTTP request of call: URL under the base URL, query
// string, and a JSON body when call.Body is not nil.
func (c *Client) newRequest(ctx context.Context, call reload.Call) (*http.Request, error) {
	u := *c.base
	u.Path = strings.TrimRight(u.Path, "/") + "/" + strings.TrimLeft(call.Path, "/")
	u.RawPath = ""
	if len(call.Query) > 0 {
		q := url.Values{}
		for k, v := range call.Query {
			q.Set(k, v)
		}
		u.RawQuery = q.Encode()
	}
	var body io.Reader
	if call.Body != nil {
		b, err := json.Marshal(call.Body)
		if err != nil {
			return nil, fmt.Errorf("sysconfd: %s %s: encode body: %w", call.Method, call.Path, err)
		}
		body = bytes.NewReader(b)
	}
	hreq, err := http.NewRequestWithContext(ctx, call.Method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("sysconfd: %s %s: %w", call.Method, call.Path, err)
	}
	if body != nil {
		hreq.Header.Set("Content-Type", "application/json")
	}
	hreq.Header.Set("Accept", "application/json")
	return hreq, nil
}

// excerptOf returns the start of an answer body on one line, marked with
// "..." when cut.
func excerptOf(b []byte) string {
	cut := len(b) > excerptLen
	if cut {
		b = b[:excerptLen]
	}
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(b), "?")), " ")
	if cut {
		s += "..."
	}
	return s
}

// Error is a sysconfd answer outside 2xx.
type Error struct {
	Method string // HTTP method of the failed call
	Path   string // path of the failed call, without base URL or query
	Status int    // HTTP status code
	Body   string // start of the answer body, on one line
}

// Error formats e as "sysconfd: METHOD PATH: status N: body".
func (e *Error) Error() string {
	msg := fmt.Sprintf("sysconfd: %s %s: status %d", e.Method, e.Path, e.Status)
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

package sysconfd_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/reload/sysconfd"
)

// seen is one request received by the fake sysconfd.
type seen struct {
	Method, Path, Query, ContentType, Body string
}

// fakeSysconfd records requests and answers 200, or the status set in fail
// for a given path.
type fakeSysconfd struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
	fail map[string]int
}

func newFake(t *testing.T) *fakeSysconfd {
	t.Helper()
	f := &fakeSysconfd{fail: map[string]int{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSysconfd) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), string(b)})
	if st := f.fail[r.URL.Path]; st != 0 {
		http.Error(w, "  boom:\n"+strings.Repeat("x", 500), st)
		return
	}
	w.Write([]byte(`{"status":"ok"}`))
}

func (f *fakeSysconfd) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

func mustNew(t *testing.T, baseURL string, opts ...sysconfd.Option) *sysconfd.Client {
	t.Helper()
	c, err := sysconfd.New(baseURL, opts...)
	if err != nil {
		t.Fatalf("New(%q): %v", baseURL, err)
	}
	return c
}

func assertRequests(t *testing.T, got, want []seen) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d requests %+v, want %d %+v", len(got), got, len(want), want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

const jsonCT = "application/json"

// fullRequest asks for two Asterisk commands and three other calls.
var fullRequest = reload.Request{
	Ipbx: []string{"dialplan reload", "module reload res_pjsip.so"},
	Calls: []reload.Call{
		{Method: "GET", Path: "/delete_voicemail", Query: map[string]string{"mailbox": "1000", "context": "ctx"}},
		{Method: "POST", Path: "/services", Body: map[string]string{"wazo-provd": "restart"}},
		{Method: "DELETE", Path: "/moh", Query: map[string]string{"name": "a b&c"}},
	},
}

func TestClient_Reload(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		f := newFake(t)
		if err := mustNew(t, f.URL).Reload(context.Background(), fullRequest); err != nil {
			t.Fatalf("Reload: %v", err)
		}
		assertRequests(t, f.requests(), []seen{
			{"POST", "/exec_request_handlers", "", jsonCT, `{"ipbx":["dialplan reload","module reload res_pjsip.so"]}`},
			{"GET", "/delete_voicemail", "context=ctx&mailbox=1000", "", ""},
			{"POST", "/services", "", jsonCT, `{"wazo-provd":"restart"}`},
			{"DELETE", "/moh", "name=a+b%26c", "", ""},
		})
	})
	t.Run("OKEmpty", func(t *testing.T) {
		f := newFake(t)
		if err := mustNew(t, f.URL).Reload(context.Background(), reload.Request{}); err != nil {
			t.Fatalf("Reload: %v", err)
		}
		assertRequests(t, f.requests(), nil)
	})
	t.Run("OKCallsOnly", func(t *testing.T) {
		f := newFake(t)
		req := reload.Request{Calls: []reload.Call{{Method: "POST", Path: "commonconf_generate", Body: map[string]any{}}}}
		if err := mustNew(t, f.URL).Reload(context.Background(), req); err != nil {
			t.Fatalf("Reload: %v", err)
		}
		assertRequests(t, f.requests(), []seen{{"POST", "/commonconf_generate", "", jsonCT, `{}`}})
	})
	t.Run("OKBasePath", func(t *testing.T) {
		f := newFake(t)
		req := reload.Request{Ipbx: []string{"moh reload"}}
		if err := mustNew(t, f.URL+"/api/?x=1").Reload(context.Background(), req); err != nil {
			t.Fatalf("Reload: %v", err)
		}
		assertRequests(t, f.requests(), []seen{{"POST", "/api/exec_request_handlers", "", jsonCT, `{"ipbx":["moh reload"]}`}})
	})
}

func TestClient_Reload_Status(t *testing.T) {
	t.Run("ErrStatus", func(t *testing.T) {
		f := newFake(t)
		f.fail["/delete_voicemail"] = http.StatusInternalServerError
		err := mustNew(t, f.URL).Reload(context.Background(), fullRequest)
		var se *sysconfd.Error
		if !errors.As(err, &se) || se.Status != 500 || se.Path != "/delete_voicemail" {
			t.Fatalf("err = %v, want *sysconfd.Error 500 on /delete_voicemail", err)
		}
		if msg := err.Error(); !strings.Contains(msg, "status 500") || !strings.Contains(msg, "boom: xxx") || len(msg) > 300 {
			t.Errorf("message %q: want status, body excerpt on one line, short", msg)
		}
		if got := len(f.requests()); got != 2 {
			t.Errorf("sent %d requests, want 2 (stop at the first failure)", got)
		}
	})
	t.Run("ErrHandlers", func(t *testing.T) {
		f := newFake(t)
		f.fail["/exec_request_handlers"] = http.StatusBadRequest
		err := mustNew(t, f.URL).Reload(context.Background(), fullRequest)
		if err == nil || !strings.Contains(err.Error(), "status 400") {
			t.Fatalf("err = %v, want status 400", err)
		}
		if got := len(f.requests()); got != 1 {
			t.Errorf("sent %d requests, want 1", got)
		}
	})
}

func TestClient_Reload_Transport(t *testing.T) {
	t.Run("ErrServerClosed", func(t *testing.T) {
		f := newFake(t)
		c := mustNew(t, f.URL)
		f.Close()
		if err := c.Reload(context.Background(), fullRequest); err == nil {
			t.Fatal("Reload on a closed server: want an error")
		}
	})
	t.Run("ErrContext", func(t *testing.T) {
		f := newFake(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := mustNew(t, f.URL).Reload(ctx, fullRequest)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		assertRequests(t, f.requests(), nil)
	})
	t.Run("ErrBody", func(t *testing.T) {
		f := newFake(t)
		req := reload.Request{Calls: []reload.Call{{Method: "POST", Path: "/hosts", Body: make(chan int)}}}
		if err := mustNew(t, f.URL).Reload(context.Background(), req); err == nil {
			t.Fatal("unencodable body: want an error")
		}
		assertRequests(t, f.requests(), nil)
	})
}

// countingTransport counts the requests sent through it.
type countingTransport struct {
	mu sync.Mutex
	n  int
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func TestNew(t *testing.T) {
	t.Run("WithHTTPClient", func(t *testing.T) {
		f := newFake(t)
		tr := &countingTransport{}
		c := mustNew(t, f.URL, sysconfd.WithHTTPClient(&http.Client{Transport: tr}))
		if err := c.Reload(context.Background(), fullRequest); err != nil {
			t.Fatalf("Reload: %v", err)
		}
		if tr.n != 4 {
			t.Errorf("transport saw %d requests, want 4", tr.n)
		}
	})
	for _, bad := range []string{"", "localhost:8668", "ftp://h/", "http://", "http://h:bad port/"} {
		if _, err := sysconfd.New(bad); err == nil {
			t.Errorf("New(%q): want an error", bad)
		}
	}
}

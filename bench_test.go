package confd_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for plain_sql

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/httpserver"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store/storetest"
)

// How fast can a provisioning job create users with a phone? Each
// benchmark iteration creates ONE complete user: a SIP endpoint, a line, an
// extension, a voicemail, the user, and the four associations
// (line-endpoint, line-extension, user-line, user-voicemail), on
// PostgreSQL (CONFD_TEST_POSTGRES), one user after the other:
//
//	. /tmp/mypg.env && go test -run XXX -bench UsersWithPhone -benchtime 2000x .
//
// library    one Client.RunInTx per user, through the managers.
// library_compound one Client.CreateUserWith per user: the user with its
//            line, endpoint, extension and voicemail nested.
// rest       one HTTP request per step (9 per user) to a real server, as a
//            provisioning script would; each write answers once its events
//            and reloads are delivered (httpserver's default Delivery).
// rest_nowait the same with Delivery -1: writes answer at commit and the
//            relay delivers in the background, as the library does.
// rest_compound one POST /users per user with the line, endpoint, extension
//            and voicemail nested (wazo's compound creation), answering
//            once delivered.
// plain_sql  the baseline: the same rows inserted with plain SQL, one
//            transaction per user, through database/sql and pgx. It checks
//            nothing and writes no outbox (events, reloads).
//
// Each variant reports users/s; the confd variants end their timed part
// with Flush, so that the delivery of every event and reload is counted.
// BenchmarkUsersWithPhone_Growth measures the same after -bench.existing
// users (9,000 by default): compared with BenchmarkUsersWithPhone at
// -benchtime 1000x, it tells whether the users 9,001-10,000 cost more than
// the first thousand. No figure is asserted; they are only reported.

var benchExisting = flag.Int("bench.existing", 9000, "users created before BenchmarkUsersWithPhone_Growth measures")

// benchFirstNumber starts the numbers of the benchmark's context: its user
// range is 100000-999999, so every user has its own 6-digit extension and
// voicemail number.
const benchFirstNumber = 100000

const benchToken = "bench-admin-token"

var benchLogger = slog.New(slog.NewTextHandler(io.Discard, nil))

func BenchmarkUsersWithPhone(b *testing.B) {
	benchUsersWithPhone(b, 0)
}

func BenchmarkUsersWithPhone_Growth(b *testing.B) {
	benchUsersWithPhone(b, *benchExisting)
}

func benchUsersWithPhone(b *testing.B, existing int) {
	variants := []struct {
		name string
		// delivery is httpserver.Config.Delivery; 0 is its default (2s).
		delivery time.Duration
		create   func(b *testing.B, f *phoneFixture) userCreator
	}{
		{"library", 0, newLibraryCreator},
		{"library_compound", 0, newLibraryCompoundCreator},
		{"rest", 0, newRESTCreator},
		// Delivery -1: a write answers at its commit, without waiting for
		// its events and reloads; they are still delivered (by the relay,
		// and by the final Flush within the timed part).
		{"rest_nowait", -1, newRESTCreator},
		{"rest_compound", 0, newRESTCompoundCreator},
		{"plain_sql", 0, newSQLCreator},
	}
	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			f := newPhoneFixture(b, v.delivery)
			create := v.create(b, f)
			if existing > 0 {
				// The existing users are the same rows, inserted the fast way.
				pre := newSQLCreator(b, f)
				for range existing {
					if err := pre(f.ctx, f.nextNumber()); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ResetTimer()
			for range b.N {
				if err := create(f.ctx, f.nextNumber()); err != nil {
					b.Fatal(err)
				}
			}
			if err := f.c.Flush(f.ctx); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "users/s")
		})
	}
}

// userCreator creates the complete user numbered n (its extension and
// voicemail number).
type userCreator func(ctx context.Context, n int) error

// phoneFixture is a Client on a fresh, migrated PostgreSQL database, with
// a tenant and a context whose user range is 100000-999999, served over
// HTTP by the built-in authenticator.
type phoneFixture struct {
	ctx     context.Context
	c       *confd.Client
	url     string
	srv     *httptest.Server
	tenant  string
	context string
	next    int
}

func newPhoneFixture(b *testing.B, delivery time.Duration) *phoneFixture {
	b.Helper()
	if os.Getenv("CONFD_TEST_POSTGRES") == "" {
		b.Skip("CONFD_TEST_POSTGRES is not set")
	}
	f := &phoneFixture{ctx: context.Background(), next: benchFirstNumber}
	for _, e := range storetest.Engines(b) {
		if e.Name == "postgres" {
			f.url = e.URL(b)
		}
	}
	c, err := confd.New(f.ctx, confd.Config{DatabaseURL: f.url, Publisher: &events.Recorder{},
		Reloader: &reload.Recorder{}, Logger: benchLogger})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	f.c = c
	f.srv = httptest.NewServer(httpserver.New(c, httpserver.Config{
		Auth: httpserver.NewBuiltin(c, benchToken, nil), ManageTenants: true, Logger: benchLogger, Delivery: delivery}))
	b.Cleanup(f.srv.Close)

	// The tenant and its context, over HTTP as a provisioning script
	// would start.
	rest := &restClient{srv: f.srv}
	tenant, err := rest.call("POST", "/tenants", map[string]any{"name": "Bench", "slug": "bench"})
	if err != nil {
		b.Fatal(err)
	}
	f.tenant = tenant["uuid"].(string)
	rest.tenant = f.tenant
	office, err := rest.call("POST", "/contexts", map[string]any{"label": "Bench",
		"user_ranges": []map[string]string{{"start": strconv.Itoa(benchFirstNumber), "end": "999999"}}})
	if err != nil {
		b.Fatal(err)
	}
	f.context = office["name"].(string)
	if err := c.Flush(f.ctx); err != nil {
		b.Fatal(err)
	}
	return f
}

func (f *phoneFixture) nextNumber() int {
	f.next++
	return f.next - 1
}

// newLibraryCreator creates each user in one transaction, as
// examples/user-with-phone does.
func newLibraryCreator(_ *testing.B, f *phoneFixture) userCreator {
	all := confd.Scope{}
	return func(ctx context.Context, n int) error {
		number := strconv.Itoa(n)
		return f.c.RunInTx(ctx, func(ctx context.Context, tx *confd.Client) error {
			sip := &resources.EndpointSIP{TenantUUID: f.tenant,
				AuthSectionOptions: []resources.SIPOption{{"username", "u" + number}, {"password", "secret"}}}
			if err := tx.EndpointsSIP.Create(ctx, all, sip); err != nil {
				return err
			}
			line := &confd.Line{Context: f.context}
			if err := tx.Lines.Create(ctx, all, line); err != nil {
				return err
			}
			exten := &confd.Extension{Exten: number, Context: f.context}
			if err := tx.Extensions.Create(ctx, all, exten); err != nil {
				return err
			}
			vm := &confd.Voicemail{Name: "User " + number, Number: number, Context: f.context}
			if err := tx.Voicemails.Create(ctx, all, vm); err != nil {
				return err
			}
			user := &confd.User{TenantUUID: f.tenant, Firstname: "User", Lastname: confd.Ptr(number)}
			if err := tx.Users.Create(ctx, all, user); err != nil {
				return err
			}
			if err := tx.AssociateLineEndpoint(ctx, all, line.ID, "sip", sip.UUID); err != nil {
				return err
			}
			if err := tx.AssociateLineExtension(ctx, all, line.ID, exten.ID); err != nil {
				return err
			}
			if err := tx.AssociateUserLine(ctx, all, user.ID, line.ID); err != nil {
				return err
			}
			return tx.AssociateUserVoicemail(ctx, all, user.ID, vm.ID)
		})
	}
}

// newLibraryCompoundCreator creates each user with CreateUserWith, as
// POST /users does with nested parts.
func newLibraryCompoundCreator(_ *testing.B, f *phoneFixture) userCreator {
	all := confd.Scope{}
	return func(ctx context.Context, n int) error {
		number := strconv.Itoa(n)
		return f.c.CreateUserWith(ctx, all, &confd.NewUser{
			User: &confd.User{TenantUUID: f.tenant, Firstname: "User", Lastname: confd.Ptr(number)},
			Lines: []confd.NewLine{{
				Line: &confd.Line{Context: f.context},
				EndpointSIP: &resources.EndpointSIP{
					AuthSectionOptions: []resources.SIPOption{{"username", "u" + number}, {"password", "secret"}}},
				Extensions: []*confd.Extension{{Exten: number, Context: f.context}},
			}},
			Voicemail: &confd.Voicemail{Name: "User " + number, Number: number, Context: f.context},
		})
	}
}

// newRESTCreator sends one request per step, each its own transaction.
func newRESTCreator(_ *testing.B, f *phoneFixture) userCreator {
	rest := &restClient{srv: f.srv, tenant: f.tenant}
	return func(_ context.Context, n int) error {
		number := strconv.Itoa(n)
		sip, err := rest.call("POST", "/endpoints/sip", map[string]any{
			"auth_section_options": [][]string{{"username", "u" + number}, {"password", "secret"}}})
		if err != nil {
			return err
		}
		line, err := rest.call("POST", "/lines", map[string]any{"context": f.context})
		if err != nil {
			return err
		}
		exten, err := rest.call("POST", "/extensions", map[string]any{"exten": number, "context": f.context})
		if err != nil {
			return err
		}
		vm, err := rest.call("POST", "/voicemails", map[string]any{"name": "User " + number, "number": number, "context": f.context})
		if err != nil {
			return err
		}
		user, err := rest.call("POST", "/users", map[string]any{"firstname": "User", "lastname": number})
		if err != nil {
			return err
		}
		lineURL, userURL := "/lines/"+idOf(line), "/users/"+user["uuid"].(string)
		for _, path := range []string{
			lineURL + "/endpoints/sip/" + sip["uuid"].(string),
			lineURL + "/extensions/" + idOf(exten),
			userURL + "/lines/" + idOf(line),
			userURL + "/voicemails/" + idOf(vm),
		} {
			if _, err := rest.call("PUT", path, nil); err != nil {
				return err
			}
		}
		return nil
	}
}

// newRESTCompoundCreator sends one POST /users carrying the line, its
// SIP endpoint and extension, and the voicemail: one request, one
// transaction, as a provisioning script does with wazo's nested bodies.
func newRESTCompoundCreator(_ *testing.B, f *phoneFixture) userCreator {
	rest := &restClient{srv: f.srv, tenant: f.tenant}
	return func(_ context.Context, n int) error {
		number := strconv.Itoa(n)
		_, err := rest.call("POST", "/users", map[string]any{"firstname": "User", "lastname": number,
			"lines": []any{map[string]any{"context": f.context,
				"endpoint_sip": map[string]any{"auth_section_options": [][]string{{"username", "u" + number}, {"password", "secret"}}},
				"extensions":   []any{map[string]any{"exten": number, "context": f.context}}}},
			"voicemail": map[string]any{"name": "User " + number, "number": number, "context": f.context}})
		return err
	}
}

func idOf(obj map[string]any) string { return strconv.Itoa(int(obj["id"].(float64))) }

// restClient calls the API as the master admin, in tenant (when set).
type restClient struct {
	srv    *httptest.Server
	tenant string
}

// call sends a request and decodes the answer's object; a status other
// than 201 (POST) or 204 (PUT) is an error.
func (r *restClient) call(method, path string, body any) (map[string]any, error) {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, r.srv.URL+"/1.1"+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Auth-Token", benchToken)
	req.Header.Set("Content-Type", "application/json")
	if r.tenant != "" {
		req.Header.Set("Wazo-Tenant", r.tenant)
	}
	resp, err := r.srv.Client().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	want := map[string]int{"POST": http.StatusCreated, "PUT": http.StatusNoContent}[method]
	if resp.StatusCode != want {
		return nil, fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	var obj map[string]any
	if len(raw) > 0 {
		err = json.Unmarshal(raw, &obj)
	}
	return obj, err
}

// newSQLCreator inserts the rows the library writes for a user with a
// phone (without the outbox) in one transaction, with no check beyond the
// database's constraints.
func newSQLCreator(b *testing.B, f *phoneFixture) userCreator {
	db, err := sql.Open("pgx", f.url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	forwards, _ := json.Marshal(resources.Forwards{})
	services, _ := json.Marshal(resources.Services{})
	return func(ctx context.Context, n int) (err error) {
		number := strconv.Itoa(n)
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer func() {
			if err != nil {
				tx.Rollback()
			}
		}()
		sip := resources.NewUUID()
		auth := `[["username","u` + number + `"],["password","secret"]]`
		if _, err = tx.ExecContext(ctx, `INSERT INTO endpoints_sip (uuid, tenant_uuid, name, auth_section_options)
			VALUES ($1, $2, $3, $4)`, sip, f.tenant, "sql"+number, auth); err != nil {
			return err
		}
		var lineID, extenID, vmID, userID int
		if err = tx.QueryRowContext(ctx, `INSERT INTO lines (tenant_uuid, context, provisioning_code, endpoint_sip_uuid)
			VALUES ($1, $2, $3, $4) RETURNING id`, f.tenant, f.context, number, sip).Scan(&lineID); err != nil {
			return err
		}
		if err = tx.QueryRowContext(ctx, `INSERT INTO extensions (tenant_uuid, exten, context)
			VALUES ($1, $2, $3) RETURNING id`, f.tenant, number, f.context).Scan(&extenID); err != nil {
			return err
		}
		if err = tx.QueryRowContext(ctx, `INSERT INTO voicemails (tenant_uuid, name, number, context)
			VALUES ($1, $2, $3, $4) RETURNING id`, f.tenant, "User "+number, number, f.context).Scan(&vmID); err != nil {
			return err
		}
		created := time.Now().UTC().Format("2006-01-02T15:04:05.000000+00:00")
		if err = tx.QueryRowContext(ctx, `INSERT INTO users (uuid, tenant_uuid, firstname, lastname, caller_id,
			created_at, forwards, services, voicemail_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			resources.NewUUID(), f.tenant, "User", number, `"User `+number+`"`, created,
			string(forwards), string(services), vmID).Scan(&userID); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, `INSERT INTO line_extensions (line_id, extension_id) VALUES ($1, $2)`,
			lineID, extenID); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, `INSERT INTO user_lines (user_id, line_id, main_user, main_line)
			VALUES ($1, $2, TRUE, TRUE)`, userID, lineID); err != nil {
			return err
		}
		return tx.Commit()
	}
}

package confd

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Aliases of the types a library user needs, so that one import suffices.
type (
	// Error is an API error with wazo-confd's messages.
	Error = resources.Error
	// Event is a bus event.
	Event = events.Event
	// Publisher delivers bus events.
	Publisher = events.Publisher
	// Reloader executes Asterisk reload requests.
	Reloader = reload.Reloader
	// ReloadRequest is a set of Asterisk commands and sysconfd calls.
	ReloadRequest = reload.Request
	// ListParams are list query parameters.
	ListParams = store.ListParams
	// Context is a dialplan context.
	Context = resources.Context
	// Extension is a number in a context.
	Extension = resources.Extension
	// Tenant is a customer of the PBX.
	Tenant = resources.Tenant
	// Line is a phone line.
	Line = resources.Line
	// User is a person of the PBX.
	User = resources.User
	// Range is a number range of a context.
	Range = resources.Range
)

// Ptr returns a pointer to v, for optional fields such as Enabled.
func Ptr[T any](v T) *T { return &v }

// Config configures a Client.
type Config struct {
	// DatabaseURL is "postgres://...", "sqlite:PATH" or "sqlite::memory:".
	DatabaseURL string
	// Publisher receives events after commit; nil logs them.
	Publisher events.Publisher
	// Reloader receives reload requests after commit; nil logs them.
	Reloader reload.Reloader
	// Logger is used for the relay's warnings; nil uses slog.Default().
	Logger *slog.Logger
	// RetryInterval is how often the relay retries undelivered events and
	// reloads (default 1s).
	RetryInterval time.Duration
	// NoStarterContexts disables the starter dialplan (contexts "default",
	// "from-extern" and "to-extern"; see Tenants.Create).
	NoStarterContexts bool
	// OperatorTenant is the uuid of the PBX owner's tenant, which stands
	// for wazo-auth's master tenant: besides the master tenant, it may
	// change the global configuration, and its devices are unallocated.
	// Empty: no tenant but the master tenant has these rights.
	OperatorTenant string
}

// Client is an embedded confd: typed managers for each family over one
// database, with events and reloads delivered after each commit.
type Client struct {
	db     *store.DB
	cfg    Config
	relay  *relay
	tx     *store.Tx
	info   Info
	closed *atomic.Bool

	// Tenants manages tenants.
	Tenants *Tenants
	// Contexts manages dialplan contexts and their ranges.
	Contexts *Contexts
	// Extensions manages extensions.
	Extensions *Extensions
	// Users manages users.
	Users *Users
	// Lines manages phone lines.
	Lines *Lines
	// Voicemails manages voicemail boxes.
	Voicemails *Voicemails
	// EndpointsCustom, EndpointsIAX and EndpointsSCCP manage non-SIP endpoints.
	EndpointsCustom *EndpointsCustom
	EndpointsIAX    *EndpointsIAX
	EndpointsSCCP   *EndpointsSCCP
	// Devices manages phones.
	Devices *Devices
	// EndpointsSIP and EndpointSIPTemplates manage SIP endpoints and templates.
	EndpointsSIP         *EndpointsSIP
	EndpointSIPTemplates *EndpointSIPTemplates
	// PhoneNumbers manages phone numbers.
	PhoneNumbers *PhoneNumbers
	// Registrars manages SIP registrars.
	Registrars *Registrars
	// SIPTransports manages SIP transports.
	SIPTransports *SIPTransports
	// Groups manages ring groups.
	Groups *Groups
	// Incalls manages incoming call routes.
	Incalls *Incalls
	// Schedules manages schedules.
	Schedules *Schedules
	// CallPermissions manages call permissions.
	CallPermissions *CallPermissions
	// CallPickups manages call pickups.
	CallPickups *CallPickups
}

// New opens the database, applies migrations, starts the outbox relay and
// returns a ready Client. Close releases it.
func New(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.DatabaseURL == "" {
		return nil, errors.New("confd: Config.DatabaseURL is empty")
	}
	if cfg.Publisher == nil {
		cfg.Publisher = events.Log{Logger: cfg.Logger}
	}
	if cfg.Reloader == nil {
		cfg.Reloader = reload.Log{Logger: cfg.Logger}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.RetryInterval <= 0 {
		cfg.RetryInterval = time.Second
	}
	op, err := canonicalTenant(cfg.OperatorTenant)
	if err != nil {
		return nil, fmt.Errorf("confd: Config.OperatorTenant: %w", err)
	}
	cfg.OperatorTenant = op
	db, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	c := &Client{db: db, cfg: cfg, closed: new(atomic.Bool)}
	c.init()
	if c.info, err = loadInfo(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("confd: %w", err)
	}
	c.relay = newRelay(db, cfg)
	c.relay.start()
	return c, nil
}

func (c *Client) init() {
	c.Tenants = &Tenants{c: c}
	c.Contexts = newContexts(c)
	c.Extensions = newExtensions(c)
	c.Users = newUsers(c)
	c.Lines = newLines(c)
	c.Voicemails = newVoicemails(c)
	c.EndpointsCustom = newEndpointsCustom(c)
	c.EndpointsIAX = newEndpointsIAX(c)
	c.EndpointsSCCP = newEndpointsSCCP(c)
	c.Devices = newDevices(c)
	c.EndpointsSIP = newEndpointsSIP(c)
	c.EndpointSIPTemplates = newEndpointSIPTemplates(c)
	c.PhoneNumbers = newPhoneNumbers(c)
	c.Registrars = newRegistrars(c)
	c.SIPTransports = newSIPTransports(c)
	c.Groups = newGroups(c)
	c.Incalls = newIncalls(c)
	c.Schedules = newSchedules(c)
	c.CallPermissions = newCallPermissions(c)
	c.CallPickups = newCallPickups(c)
}

// conn is where c's reads and writes go: its transaction, if bound to one.
func (c *Client) conn() bun.IDB {
	if c.tx != nil {
		return c.tx
	}
	return c.db
}

// Close stops the relay after a last delivery attempt and closes the
// database. Undelivered events and reloads stay in the outbox for the next
// start.
func (c *Client) Close() error {
	if c.tx != nil {
		return errors.New("confd: Close on a transaction-bound client")
	}
	if !c.closed.CompareAndSwap(false, true) {
		return nil
	}
	c.relay.stop()
	return c.db.Close()
}

// RunInTx runs fn with a Client bound to one transaction: every manager
// call made through tx commits or rolls back together, and the events and
// reloads of the whole are delivered only after the commit. Nested calls
// join the outer transaction. A transaction that lost a race with a
// concurrent one (a unique value both took, a deadlock) runs fn again, up
// to three times: fn should start from its inputs, not from what a failed
// run left in them (managers fill the objects they are given).
func (c *Client) RunInTx(ctx context.Context, fn func(ctx context.Context, tx *Client) error) error {
	return c.run(ctx, func(ctx context.Context, stx *store.Tx) error {
		return fn(ctx, c.bind(stx))
	})
}

func (c *Client) run(ctx context.Context, fn func(ctx context.Context, tx *store.Tx) error) error {
	if c.tx != nil {
		return fn(ctx, c.tx)
	}
	d, _ := ctx.Value(deliveryKey{}).(time.Duration)
	return c.db.WriteTx(ctx, fn, c.relay.handoff(ctx, d))
}

type deliveryKey struct{}

// WithDelivery returns a context whose writes wait, after their commit, up
// to d for the relay to deliver what is pending (reloads, then events), as
// wazo-confd answers only after sysconfd and the bus. A delivery that fails
// or takes longer is left to the relay's retries; the write stands.
func WithDelivery(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, deliveryKey{}, d)
}

// Flush delivers what waits in the outbox now and reports the first
// delivery error. It returns once the deliveries already under way in
// this Client (its relay's and those of writes waiting for theirs) are
// done and every row delivered so far is deleted from the outbox. Writes
// do not need it: the relay delivers after each commit and retries on
// failure.
func (c *Client) Flush(ctx context.Context) error { return c.relay.drain(ctx) }

// Pending returns the number of events and reload requests in the outbox:
// those not yet delivered, and those just delivered that the relay has not
// yet deleted (Flush deletes them).
func (c *Client) Pending(ctx context.Context) (int, error) { return c.db.Pending(ctx) }

// DB returns the underlying database, for tests and tools.
func (c *Client) DB() *store.DB { return c.db }

// Info describes this installation.
type Info struct {
	// UUID identifies the installation (origin_uuid of events).
	UUID string `json:"uuid"`
	// MasterTenantUUID is the top tenant of the built-in tenant tree.
	MasterTenantUUID string `json:"-"`
}

// Info returns the installation's identity.
func (c *Client) Info() Info { return c.info }

// Ping checks the database.
func (c *Client) Ping(ctx context.Context) error { return c.db.PingContext(ctx) }

// Package amqp publishes confd events on the wazo bus: a RabbitMQ headers
// exchange ("wazo-headers"), with the envelope headers and JSON body that
// wazo's consumers (wazo-bus) expect. A topic exchange ("xivo", the one
// wazo's documentation gives integrators) receives the same messages under
// their routing keys, through an exchange-to-exchange binding.
//
// A Publisher holds one connection and one channel in confirm mode. It
// connects lazily, on the first Publish or Ping, and reconnects the same way
// after the broker went away; it never retries by itself, since the caller
// keeps unconfirmed events in its outbox and retries them.
package amqp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	amqp091 "github.com/rabbitmq/amqp091-go"

	"github.com/gopbx/confd/events"
)

// Defaults applied by New to the zero fields of Config.
const (
	DefaultExchange       = "wazo-headers"
	DefaultTopicExchange  = "xivo"
	DefaultDialTimeout    = 5 * time.Second
	DefaultConfirmTimeout = 30 * time.Second
)

// NoTopicExchange, as Config.TopicExchange, binds no topic exchange.
const NoTopicExchange = "-"

// Errors returned by Publish and Ping.
var (
	// ErrClosed is returned once Close was called.
	ErrClosed = errors.New("amqp: publisher closed")
	// ErrNotConfirmed means the broker nacked a message, or the channel
	// closed before the broker confirmed it.
	ErrNotConfirmed = errors.New("amqp: message not confirmed by the broker")
	// ErrBlocked means the broker blocked the connection (resource alarm).
	ErrBlocked = errors.New("amqp: connection blocked by the broker")
)

var (
	_ events.Publisher = (*Publisher)(nil)
	_ events.Pinger    = (*Publisher)(nil)
)

// Config configures a Publisher. Only URL is required.
type Config struct {
	// URL is the broker's address, e.g. "amqp://guest:guest@localhost:5672/".
	URL string
	// Exchange is the headers exchange to publish to; default "wazo-headers".
	Exchange string
	// TopicExchange is a topic exchange bound to Exchange so that it gets
	// every event under its routing key; default "xivo". The publisher
	// declares it durable, not auto-deleted; if the broker refuses (an
	// exchange of that name declared otherwise), it logs a warning, still
	// publishes to Exchange, and tries again at the next connection.
	// NoTopicExchange ("-") turns it off: nothing is declared or bound.
	TopicExchange string
	// OriginUUID is the Wazo install UUID, sent as the "origin_uuid" header
	// of events whose own OriginUUID is empty.
	OriginUUID string
	// Logger receives connection events; default slog.Default().
	Logger *slog.Logger
	// DialTimeout bounds connecting (TCP, AMQP handshake, channel setup);
	// default DefaultDialTimeout.
	DialTimeout time.Duration
	// ConfirmTimeout bounds one Publish call when ctx has no earlier
	// deadline; default DefaultConfirmTimeout.
	ConfirmTimeout time.Duration
}

// Publisher publishes events to a RabbitMQ headers exchange with publisher
// confirms. It is safe for concurrent use.
type Publisher struct {
	cfg  Config
	addr string // URL without credentials, for logs and errors

	// sem guards cur and closed; a channel so waiting can honour a context.
	sem    chan struct{}
	cur    *session
	closed bool
}

// New returns a Publisher for cfg. It checks the URL but does not connect:
// that happens on the first Publish or Ping.
func New(cfg Config) (*Publisher, error) {
	uri, err := amqp091.ParseURI(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("amqp: bad URL: %w", err)
	}
	if cfg.Exchange == "" {
		cfg.Exchange = DefaultExchange
	}
	if cfg.TopicExchange == "" {
		cfg.TopicExchange = DefaultTopicExchange
	}
	if cfg.TopicExchange == cfg.Exchange {
		return nil, fmt.Errorf("amqp: the topic exchange cannot be the headers exchange %q", cfg.Exchange)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = DefaultDialTimeout
	}
	if cfg.ConfirmTimeout <= 0 {
		cfg.ConfirmTimeout = DefaultConfirmTimeout
	}
	vhost := uri.Vhost
	if vhost == "/" {
		vhost = ""
	}
	addr := fmt.Sprintf("%s://%s:%d/%s", uri.Scheme, uri.Host, uri.Port, url.PathEscape(vhost))
	return &Publisher{cfg: cfg, addr: addr, sem: make(chan struct{}, 1)}, nil
}

// Publish sends evs and waits until the broker confirmed every one of them.
// It returns nil only then; on error, some events may or may not have been
// delivered and the caller should send them again (they carry their ID as
// MessageId so consumers can spot duplicates). It connects first if needed.
func (p *Publisher) Publish(ctx context.Context, evs ...events.Event) error {
	if len(evs) == 0 {
		return nil
	}
	msgs := make([]message, len(evs))
	for i, ev := range evs {
		m, err := encode(ev, p.cfg.OriginUUID)
		if err != nil {
			return err
		}
		msgs[i] = m
	}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.ConfirmTimeout)
	defer cancel()
	s, err := p.session(ctx)
	if err != nil {
		return err
	}
	if s.blocked.Load() {
		return ErrBlocked
	}
	confirms, err := s.send(ctx, p.cfg.Exchange, msgs)
	if err != nil {
		return err
	}
	return waitConfirms(ctx, msgs, confirms)
}

// waitConfirms waits for the broker's ack of every message.
func waitConfirms(ctx context.Context, msgs []message, confirms []*amqp091.DeferredConfirmation) error {
	for i, c := range confirms {
		acked, err := c.WaitContext(ctx)
		if err != nil {
			return fmt.Errorf("amqp: waiting for confirm of event %s: %w", msgs[i].id, err)
		}
		if !acked {
			return fmt.Errorf("amqp: event %s: %w", msgs[i].id, ErrNotConfirmed)
		}
	}
	return nil
}

// Ping connects if needed and reports whether the broker is reachable.
func (p *Publisher) Ping(ctx context.Context) error {
	_, err := p.session(ctx)
	return err
}

// Close closes the connection. Publish and Ping fail with ErrClosed after it.
func (p *Publisher) Close() error {
	p.sem <- struct{}{}
	defer func() { <-p.sem }()
	if p.closed {
		return nil
	}
	p.closed = true
	if p.cur == nil {
		return nil
	}
	err := p.cur.close(p.cfg.DialTimeout)
	p.cur = nil
	return err
}

// session returns the open session, connecting first if there is none or
// the broker closed it.
func (p *Publisher) session(ctx context.Context) (*session, error) {
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("amqp: waiting to connect: %w", ctx.Err())
	}
	defer func() { <-p.sem }()
	if p.closed {
		return nil, ErrClosed
	}
	if p.cur != nil && p.cur.alive() {
		return p.cur, nil
	}
	if p.cur != nil {
		_ = p.cur.close(time.Second)
		p.cur = nil
	}
	s, err := dial(ctx, p.cfg, p.addr)
	if err != nil {
		return nil, err
	}
	p.cfg.Logger.Info("amqp: connected", "broker", p.addr, "exchange", p.cfg.Exchange,
		"topic_exchange", p.cfg.TopicExchange)
	p.cur = s
	return s, nil
}

package amqp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync/atomic"
	"time"

	amqp091 "github.com/rabbitmq/amqp091-go"
)

// heartbeat is the AMQP heartbeat interval asked of the broker; a silent
// broker is detected after about twice that.
const heartbeat = 10 * time.Second

// session is one connection with one channel in confirm mode.
type session struct {
	raw     net.Conn // the TCP socket under conn, closed to abort blocked I/O
	conn    *amqp091.Connection
	ch      *amqp091.Channel
	blocked atomic.Bool
}

// dial connects to the broker, opens a confirm channel, declares the
// exchange and binds the topic exchange to it, all within cfg.DialTimeout
// and ctx. When either expires, the socket is closed, which aborts whatever
// step is under way.
func dial(ctx context.Context, cfg Config, addr string) (*session, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.DialTimeout)
	defer cancel() // on failure, this fires the AfterFunc below and closes the socket
	s := &session{}
	disarm := func() bool { return true }
	props := amqp091.NewConnectionProperties()
	props.SetClientConnectionName("confd")
	conf := amqp091.Config{
		Heartbeat:  heartbeat,
		Locale:     "en_US",
		Properties: props,
		Dial: func(network, address string) (net.Conn, error) {
			var d net.Dialer
			c, err := d.DialContext(ctx, network, address)
			if err != nil {
				return nil, err
			}
			s.raw = c
			disarm = context.AfterFunc(ctx, func() { _ = c.Close() })
			return c, nil
		},
	}
	conn, err := amqp091.DialConfig(cfg.URL, conf)
	if err != nil {
		return nil, dialError(ctx, addr, err)
	}
	s.conn = conn
	if err := s.setup(cfg.Exchange); err != nil {
		return nil, dialError(ctx, addr, err)
	}
	if err := s.topic(cfg, addr); err != nil {
		return nil, dialError(ctx, addr, err)
	}
	if !disarm() { // the deadline hit just as setup finished
		return nil, dialError(ctx, addr, ctx.Err())
	}
	s.watch(cfg.Logger, addr)
	return s, nil
}

// dialError describes a failed connection attempt, preferring the context's
// error when it caused the failure.
func dialError(ctx context.Context, addr string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return fmt.Errorf("amqp: connect to %s: %w (%v)", addr, ctxErr, err)
	}
	return fmt.Errorf("amqp: connect to %s: %w", addr, err)
}

// setup opens the channel, turns confirms on and declares the exchange the
// way wazo's services do (headers, durable, not auto-deleted), so that the
// declarations agree and RabbitMQ does not answer 406 PRECONDITION_FAILED.
func (s *session) setup(exchange string) error {
	ch, err := s.conn.Channel()
	if err != nil {
		return fmt.Errorf("open channel: %w", err)
	}
	if err := ch.Confirm(false); err != nil {
		return fmt.Errorf("enable confirms: %w", err)
	}
	err = ch.ExchangeDeclare(exchange, amqp091.ExchangeHeaders, true, false, false, false, nil)
	if err != nil {
		return fmt.Errorf("declare exchange %q: %w", exchange, err)
	}
	s.ch = ch
	return nil
}

// watch logs the connection's loss and tracks the broker's flow control.
func (s *session) watch(log *slog.Logger, addr string) {
	closes := s.conn.NotifyClose(make(chan *amqp091.Error, 1))
	blocks := s.conn.NotifyBlocked(make(chan amqp091.Blocking, 1))
	go func() {
		for err := range closes {
			log.Warn("amqp: connection lost", "broker", addr, "error", err)
		}
	}()
	go func() {
		for b := range blocks {
			s.blocked.Store(b.Active)
			if b.Active {
				log.Warn("amqp: connection blocked by the broker", "broker", addr, "reason", b.Reason)
			}
		}
	}()
}

// alive reports whether neither the connection nor the channel is closed.
func (s *session) alive() bool {
	return !s.conn.IsClosed() && !s.ch.IsClosed()
}

// send publishes msgs and returns their pending confirmations. Writes are
// not context-aware (a blocked broker stops reading), so if ctx expires
// while sending, the socket is closed: the publish fails, as does any other
// under way on this session, and the next call reconnects.
func (s *session) send(ctx context.Context, exchange string, msgs []message) ([]*amqp091.DeferredConfirmation, error) {
	stop := context.AfterFunc(ctx, func() { _ = s.raw.Close() })
	defer stop()
	confirms := make([]*amqp091.DeferredConfirmation, len(msgs))
	for i, m := range msgs {
		c, err := s.ch.PublishWithDeferredConfirmWithContext(ctx, exchange, m.key, false, false, m.pub)
		if err != nil {
			return nil, fmt.Errorf("amqp: publish event %s: %w", m.id, err)
		}
		if c == nil {
			return nil, fmt.Errorf("amqp: publish event %s: channel not in confirm mode", m.id)
		}
		confirms[i] = c
	}
	return confirms, nil
}

// close closes the channel and the connection, waiting at most timeout for
// the broker to answer; the socket is closed in any case.
func (s *session) close(timeout time.Duration) error {
	defer func() { _ = s.raw.Close() }()
	if s.conn.IsClosed() {
		return nil
	}
	err := s.conn.CloseDeadline(time.Now().Add(timeout))
	if errors.Is(err, amqp091.ErrClosed) {
		return nil
	}
	return err
}

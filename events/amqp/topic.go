package amqp

import (
	"fmt"

	amqp091 "github.com/rabbitmq/amqp091-go"
)

// topic binds cfg.TopicExchange to cfg.Exchange unless it is turned off. A
// refusal that left the connection open is only logged: publishing to the
// headers exchange goes on, and the next connection tries again. The error
// returned means the connection itself failed.
func (s *session) topic(cfg Config, addr string) error {
	if cfg.TopicExchange == NoTopicExchange {
		return nil
	}
	err := s.bindTopic(cfg.Exchange, cfg.TopicExchange)
	if err == nil {
		return nil
	}
	if s.conn.IsClosed() {
		return err
	}
	cfg.Logger.Warn("amqp: topic exchange not bound, events go to the headers exchange only",
		"broker", addr, "exchange", cfg.Exchange, "topic_exchange", cfg.TopicExchange, "error", err)
	return nil
}

// bindTopic declares the topic exchange (durable, not auto-deleted, as
// wazo's consumers declare "xivo") and binds it as a destination of the
// headers exchange. The binding's arguments name no header to compare, so
// with "x-match: all" it matches every message, which reaches the topic
// exchange with its routing key; publisher confirms cover that route too.
//
// It works on a channel of its own: an exchange of that name declared
// otherwise makes the broker answer 406 PRECONDITION_FAILED and close the
// channel, which must not be the confirm channel.
func (s *session) bindTopic(headers, topic string) error {
	ch, err := s.conn.Channel()
	if err != nil {
		return fmt.Errorf("open channel: %w", err)
	}
	defer func() { _ = ch.Close() }()
	err = ch.ExchangeDeclare(topic, amqp091.ExchangeTopic, true, false, false, false, nil)
	if err != nil {
		return fmt.Errorf("declare exchange %q: %w", topic, err)
	}
	err = ch.ExchangeBind(topic, "", headers, false, amqp091.Table{"x-match": "all"})
	if err != nil {
		return fmt.Errorf("bind exchange %q to %q: %w", topic, headers, err)
	}
	return nil
}

package events_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gopbx/confd/events"
)

func TestEvent_Access(t *testing.T) {
	e := events.Event{Name: "user_created", RoutingKey: "config.user.created"}
	assert.Equal(t, "event.user_created", e.RequiredAccess())
	assert.Equal(t, "events.config.user.created", e.RequiredACL())
}

func TestRecorder(t *testing.T) {
	var r events.Recorder
	ctx := context.Background()
	assert.NoError(t, r.Publish(ctx, events.Event{Name: "a"}, events.Event{Name: "b"}))
	r.Fail(errors.New("down"))
	assert.Error(t, r.Publish(ctx, events.Event{Name: "c"}))
	r.Fail(nil)
	assert.Equal(t, []string{"a", "b"}, r.Names(), "a failed publish records nothing")
	r.Reset()
	assert.Empty(t, r.Events())
	assert.NoError(t, events.Log{}.Publish(ctx, events.Event{Name: "x"}))
}

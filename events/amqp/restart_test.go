package amqp_test

import (
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/events"
	"github.com/gopbx/confd/events/amqp"
	"github.com/gopbx/confd/events/amqp/amqptest"
)

func runCtl(t *testing.T, ctl, action string) {
	t.Helper()
	out, err := exec.Command("sh", "-c", ctl+" "+action).CombinedOutput()
	require.NoError(t, err, "%s %s: %s", ctl, action, out)
}

func TestPublishAcrossBrokerRestart(t *testing.T) {
	url, ctl := amqptest.Control(t)
	p := newPublisher(t, amqp.Config{URL: url})
	require.NoError(t, p.Ping(testCtx(t, 20*time.Second)))
	name := uniqueName("confd_test_restarted")
	ev := events.Event{ID: "evt-down", Name: name, RoutingKey: "config.tests.restarted"}

	runCtl(t, ctl, "stop_app")
	stopped := true
	t.Cleanup(func() { // leave a running broker to the other tests
		if stopped {
			runCtl(t, ctl, "start_app")
		}
	})

	const timeout = 3 * time.Second
	for range 2 { // and again: nothing left hanging by the first failure
		start := time.Now()
		err := p.Publish(testCtx(t, timeout), ev)
		require.Error(t, err, "publish while the broker is down")
		t.Logf("publish while down: %v (%v)", err, time.Since(start))
		assert.Less(t, time.Since(start), timeout, "publish must fail quickly: %v", err)
	}
	require.Error(t, p.Ping(testCtx(t, timeout)))

	runCtl(t, ctl, "start_app")
	stopped = false
	require.Eventually(t, func() bool {
		return p.Ping(testCtx(t, 2*time.Second)) == nil
	}, 30*time.Second, 200*time.Millisecond, "publisher did not reconnect")

	d := consume(t, url, wazoXchg, name)
	ev.ID = "evt-up"
	require.NoError(t, p.Publish(testCtx(t, 10*time.Second), ev))
	assert.Equal(t, "evt-up", receive(t, d).MessageId)
}

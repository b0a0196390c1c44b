// Package amqptest gives tests the RabbitMQ of CONFD_TEST_AMQP and keeps
// tests of several packages, run in parallel by go test, from using the
// broker while one of them stops and restarts it (CONFD_TEST_AMQP_CTL).
package amqptest

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// URL returns the broker's URL and holds a shared lock on it until the test
// ends. Without CONFD_TEST_AMQP the test is skipped, or fails under CI=true.
func URL(t testing.TB) string {
	t.Helper()
	url := need(t)
	lock(t, url, syscall.LOCK_SH)
	return url
}

// Control returns the broker's URL and the rabbitmqctl command prefix
// (CONFD_TEST_AMQP_CTL, e.g. "$DIR/ctl", run as "<prefix> stop_app"), and
// holds an exclusive lock on the broker until the test ends. Without
// CONFD_TEST_AMQP_CTL the test is skipped, also under CI: stopping a broker
// needs control of its node, which a shared broker may not give.
func Control(t testing.TB) (url, ctl string) {
	t.Helper()
	url = need(t)
	ctl = os.Getenv("CONFD_TEST_AMQP_CTL")
	if ctl == "" {
		t.Skip("CONFD_TEST_AMQP_CTL is not set: cannot stop and start the broker")
	}
	lock(t, url, syscall.LOCK_EX)
	return url, ctl
}

func need(t testing.TB) string {
	t.Helper()
	url := os.Getenv("CONFD_TEST_AMQP")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CONFD_TEST_AMQP is not set (required when CI=true)")
		}
		t.Skip("CONFD_TEST_AMQP is not set: no RabbitMQ to test against")
	}
	return url
}

// lock takes an flock on a file named after the broker, released when the
// test ends.
func lock(t testing.TB, url string, how int) {
	t.Helper()
	name := strings.NewReplacer("/", "_", ":", "_", "@", "_").Replace(url)
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "confd-amqp-"+name+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	})
}

package httpserver_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gopbx/confd/httpserver"
)

type aclCase struct {
	required string
	want     bool
}

// matchACLTests are granted patterns with what they grant or not.
var matchACLTests = []struct {
	name    string
	granted []string
	cases   []aclCase
}{
	{"nothing granted", nil, []aclCase{
		{"", true}, {"confd.users.read", false},
	}},
	{"exact", []string{"confd.users.read"}, []aclCase{
		{"confd.users.read", true}, {"confd.users.read.more", false},
		{"confd.users", false}, {"confd.users.*", false}, {"confd.users.#", false},
		{"xconfd.users.read", false}, {"", true},
	}},
	{"trailing hash", []string{"confd.#"}, []aclCase{
		{"confd.users.read", true}, {"confd.users.1.lines.read", true},
		{"confd.x", true}, {"confd", false}, {"confdx.users", false},
		{"auth.users.read", false}, {"confd.#", true},
	}},
	{"hash alone", []string{"#"}, []aclCase{
		{"confd.users.read", true}, {"x", true}, {"#", true},
	}},
	{"star is one word", []string{"confd.*.read"}, []aclCase{
		{"confd.users.read", true}, {"confd.users.1.read", false},
		{"confd.read", false}, {"confd..read", true}, {"confd.*.read", true},
		{"confd.#.read", false}, {"confd.users.update", false},
	}},
	{"stars pattern longer than acl", []string{"foo.*.*"}, []aclCase{
		{"foo.bar.toto", true}, {"foo.bar", false}, {"foo.*", false},
		{"foo.bar.toto.tata", false}, {"foo.*.*", true}, {"foo.bar.#", false},
	}},
	{"partial word star", []string{"confd.user*.read"}, []aclCase{
		{"confd.users.read", true}, {"confd.user.read", true},
		{"confd.lines.read", false}, {"confd.users.1.read", false},
	}},
	{"hash in the middle", []string{"foo.bar.#.titi"}, []aclCase{
		{"foo.bar", false}, {"foo.bar.titi", false}, {"foo.bar.toto", false},
		{"foo.bar.toto.titi", true}, {"foo.bar.toto.tata.titi", true},
		{"foo.bar.#.titi", true}, {"foo.bar.*.titi", true},
		{"foo.bar.*.*.titi", true}, {"foo.bar.#", false}, {"foo.bar.toto.titi.x", false},
	}},
	{"several hashes", []string{"a.#.b.#.c"}, []aclCase{
		{"a.x.b.y.c", true}, {"a.x.y.b.z.b.w.c", true}, {"a.b.c", false},
		{"a.x.b.c", false}, {"a.x.c", false},
	}},
	{"me without user is literal", []string{"confd.users.me.#"}, []aclCase{
		{"confd.users.me.read", true}, {"confd.users.me.lines.read", true},
		{"confd.users.me", false}, {"confd.users.1234.read", false},
	}},
	{"edit also grants update", []string{"confd.users.*.edit"}, []aclCase{
		{"confd.users.1.edit", true}, {"confd.users.1.update", true},
		{"confd.users.1.delete", false},
	}},
	{"several patterns", []string{"foo", "foo.bar.toto", "other.#"}, []aclCase{
		{"foo", true}, {"foo.bar", false}, {"foo.bar.toto", true},
		{"other.bar.toto", true}, {"*", false}, {"#", false},
	}},
	{"negated pattern denies", []string{"confd.#", "!confd.users.*.delete"}, []aclCase{
		{"confd.users.1.read", true}, {"confd.users.1.delete", false},
		{"confd.users.delete", true},
	}},
	{"negation wins whatever the order", []string{"foo.bar", "!foo.bar", "foo.bar"}, []aclCase{
		{"foo.bar", false},
	}},
	{"negated hash", []string{"foo.#", "!foo.me.bar.#", "foo.me.bar.123"}, []aclCase{
		{"foo.me.bar.123", false}, {"foo.me.baz", true},
	}},
	{"only negations", []string{"!foo.bar"}, []aclCase{
		{"foo.bar", false}, {"foo.baz", false}, {"", true},
	}},
}

func TestMatchACL(t *testing.T) {
	for _, tt := range matchACLTests {
		for _, c := range tt.cases {
			t.Run(fmt.Sprintf("%s/%s", tt.name, c.required), func(t *testing.T) {
				assert.Equal(t, c.want, httpserver.MatchACL(tt.granted, c.required))
				m := httpserver.NewACLMatcher(tt.granted, "", "")
				assert.Equal(t, c.want, m.Match(c.required), "ACLMatcher")
			})
		}
	}
}

func TestACLMatcherReservedWords(t *testing.T) {
	const user, session = "1234-user", "5678-session"
	tests := []struct {
		granted  string
		required string
		want     bool
	}{
		{"confd.users.me.#", "confd.users.me.read", true},
		{"confd.users.me.#", "confd.users.1234-user.read", true},
		{"confd.users.me.#", "confd.users.1234-user.lines.1.read", true},
		{"confd.users.me.#", "confd.users.9999.read", false},
		{"confd.users.me.#", "confd.users.1234-user", false},
		{"confd.users.me", "confd.users.1234-user", true},
		{"foo.#.me", "foo.bar.toto.1234-user", true},
		{"foo.#.me", "foo.*.1234-user", true},
		{"foo.#.me", "foo.bar.1234-user.titi", false},
		{"foo.#.me.bar", "foo.x.me.bar", true},
		{"foo.#.me.bar", "foo.x.y.1234-user.bar", true},
		{"foo.#.me.bar", "foo.#.bar", false},
		{"foo.meme.bar", "foo.1234-user.bar", false},
		{"auth.sessions.my_session.delete", "auth.sessions.5678-session.delete", true},
		{"auth.sessions.my_session.delete", "auth.sessions.other.delete", false},
		{"!foo.me.bar", "foo.1234-user.bar", false},
	}
	for _, tt := range tests {
		t.Run(tt.granted+"/"+tt.required, func(t *testing.T) {
			m := httpserver.NewACLMatcher([]string{tt.granted}, user, session)
			assert.Equal(t, tt.want, m.Match(tt.required))
		})
	}
}

func TestMatchACLConcurrent(t *testing.T) {
	t.Parallel()
	done := make(chan bool)
	for i := range 8 {
		go func() {
			granted := []string{fmt.Sprintf("svc%d.#", i), "!svc.*.delete"}
			done <- httpserver.MatchACL(granted, fmt.Sprintf("svc%d.users.read", i))
		}()
	}
	for range 8 {
		assert.True(t, <-done)
	}
}

func BenchmarkMatchACL(b *testing.B) {
	granted := []string{"confd.users.me.#", "confd.lines.*.read", "!confd.users.*.delete", "confd.#"}
	for b.Loop() {
		httpserver.MatchACL(granted, "confd.users.42.lines.7.associations.read")
	}
}

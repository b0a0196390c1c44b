package httpserver

import (
	"strings"
	"sync"
)

// ACL patterns follow wazo-auth's access checks (xivo's AccessCheck):
//
//   - a pattern must match the whole required ACL; its dots and other
//     characters are literal, except for the wildcards and reserved words;
//   - "*" matches any run of characters other than "." and "#" (so exactly
//     one word, possibly empty or partial: "confd.*.read" grants
//     "confd.users.read" but not "confd.users.1.read");
//   - "#" matches any run of characters, dots included ("confd.#" grants
//     "confd.users.1.read" but not "confd" itself, "#" grants everything);
//   - a whole word "me" also matches the user UUID, "my_session" the session
//     UUID, and "edit" also matches "update" (deprecated suffix);
//   - a pattern starting with "!" denies what it matches, whatever the other
//     patterns grant.
//
// An empty required ACL is always granted.

// aclElemKind is the kind of one element of a compiled pattern.
type aclElemKind uint8

const (
	elemLiteral aclElemKind = iota // one of alts, exactly
	elemStar                       // a run of characters other than '.' and '#'
	elemHash                       // any run of characters
)

type aclElem struct {
	kind aclElemKind
	alts []string
}

// aclPattern is a compiled granted pattern.
type aclPattern []aclElem

// ACLMatcher is a compiled list of granted ACL patterns.
type ACLMatcher struct {
	allow []aclPattern
	deny  []aclPattern
}

// NewACLMatcher compiles granted. userUUID and sessionUUID, when not empty,
// are what the reserved words "me" and "my_session" also stand for.
func NewACLMatcher(granted []string, userUUID, sessionUUID string) *ACLMatcher {
	m := &ACLMatcher{}
	for _, g := range granted {
		if rest, ok := strings.CutPrefix(g, "!"); ok {
			m.deny = append(m.deny, compileACL(rest, userUUID, sessionUUID))
		} else {
			m.allow = append(m.allow, compileACL(g, userUUID, sessionUUID))
		}
	}
	return m
}

// Match tells whether the granted patterns grant required.
func (m *ACLMatcher) Match(required string) bool {
	if required == "" {
		return true
	}
	for _, p := range m.deny {
		if p.match(required) {
			return false
		}
	}
	for _, p := range m.allow {
		if p.match(required) {
			return true
		}
	}
	return false
}

// MatchACL tells whether the granted patterns grant required, without
// user or session substitution. Compiled patterns are cached.
func MatchACL(granted []string, required string) bool {
	if required == "" {
		return true
	}
	allowed := false
	for _, g := range granted {
		rest, negated := strings.CutPrefix(g, "!")
		if !cachedACL(rest).match(required) {
			continue
		}
		if negated {
			return false
		}
		allowed = true
	}
	return allowed
}

// aclCacheLimit bounds the number of patterns MatchACL keeps compiled.
const aclCacheLimit = 4096

var aclCache = struct {
	sync.RWMutex
	m map[string]aclPattern
}{m: map[string]aclPattern{}}

func cachedACL(pattern string) aclPattern {
	aclCache.RLock()
	p, ok := aclCache.m[pattern]
	aclCache.RUnlock()
	if ok {
		return p
	}
	p = compileACL(pattern, "", "")
	aclCache.Lock()
	if len(aclCache.m) < aclCacheLimit {
		aclCache.m[pattern] = p
	}
	aclCache.Unlock()
	return p
}

// aclBuilder accumulates the elements of a pattern, merging adjacent
// single literals.
type aclBuilder struct{ p aclPattern }

func (b *aclBuilder) literal(alts ...string) {
	if n := len(b.p); n > 0 && len(alts) == 1 {
		if last := &b.p[n-1]; last.kind == elemLiteral && len(last.alts) == 1 {
			last.alts = []string{last.alts[0] + alts[0]}
			return
		}
	}
	b.p = append(b.p, aclElem{kind: elemLiteral, alts: alts})
}

func (b *aclBuilder) wildcard(kind aclElemKind) {
	b.p = append(b.p, aclElem{kind: kind})
}

// compileACL turns a granted pattern (without its "!") into elements.
func compileACL(pattern, userUUID, sessionUUID string) aclPattern {
	var b aclBuilder
	for i, word := range strings.Split(pattern, ".") {
		if i > 0 {
			b.literal(".")
		}
		if alts := reservedWord(word, userUUID, sessionUUID); alts != nil {
			b.literal(alts...)
			continue
		}
		b.word(word)
	}
	return b.p
}

// word appends the elements of one dot-free word.
func (b *aclBuilder) word(word string) {
	start := 0
	for i := 0; i < len(word); i++ {
		kind := elemStar
		switch word[i] {
		case '*':
		case '#':
			kind = elemHash
		default:
			continue
		}
		if i > start {
			b.literal(word[start:i])
		}
		b.wildcard(kind)
		start = i + 1
	}
	if start < len(word) {
		b.literal(word[start:])
	}
}

// reservedWord returns what a whole reserved word also matches, or nil.
func reservedWord(word, userUUID, sessionUUID string) []string {
	switch {
	case word == "me" && userUUID != "":
		return []string{"me", userUUID}
	case word == "my_session" && sessionUUID != "":
		return []string{"my_session", sessionUUID}
	case word == "edit":
		return []string{"edit", "update"}
	}
	return nil
}

// match runs the pattern over s, keeping the set of positions reachable
// after each element; s matches when its end is reachable at the end.
func (p aclPattern) match(s string) bool {
	buf := make([]bool, 2*(len(s)+1))
	cur, next := buf[:len(s)+1], buf[len(s)+1:]
	cur[0] = true
	for _, e := range p {
		clear(next)
		reached := false
		for pos, ok := range cur {
			if !ok {
				continue
			}
			reached = e.advance(s, pos, next) || reached
			if e.kind == elemHash {
				break // the first position already reaches all later ones
			}
		}
		if !reached {
			return false
		}
		cur, next = next, cur
	}
	return cur[len(s)]
}

// advance marks in next every position e can reach from pos in s and
// reports whether it marked any.
func (e aclElem) advance(s string, pos int, next []bool) bool {
	switch e.kind {
	case elemHash:
		for q := pos; q <= len(s); q++ {
			next[q] = true
		}
		return true
	case elemStar:
		next[pos] = true
		for q := pos; q < len(s) && s[q] != '.' && s[q] != '#'; q++ {
			next[q+1] = true
		}
		return true
	}
	marked := false
	for _, alt := range e.alts {
		if strings.HasPrefix(s[pos:], alt) {
			next[pos+len(alt)] = true
			marked = true
		}
	}
	return marked
}

package confd

import (
	"slices"

	"github.com/gopbx/confd/resources"
)

// A compound creation fills the objects it is given (ids, generated
// values, an existing extension reused). A transaction that lost a race is
// run again (store.WriteTx), so each attempt works on copies and the
// caller's objects get the result of the attempt that committed. Called
// within a caller's RunInTx, the call joins that transaction and fills
// the objects when it returns, before that transaction commits: a run of
// the caller's fn again should start from fresh objects (see RunInTx).

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// attempt returns a copy of n that a creation may fill.
func (n *NewUser) attempt() *NewUser {
	m := *n
	m.User, m.Voicemail = clonePtr(n.User), clonePtr(n.Voicemail)
	m.Lines = make([]NewLine, len(n.Lines))
	for i := range n.Lines {
		m.Lines[i] = *n.Lines[i].attempt()
	}
	m.Incalls = make([]NewUserIncall, len(n.Incalls))
	for i, in := range n.Incalls {
		m.Incalls[i] = NewUserIncall{ID: in.ID, Extensions: cloneAll(in.Extensions)}
	}
	return &m
}

// committed gives n the result of m, the attempt that committed.
func (n *NewUser) committed(m *NewUser) {
	*n.User = *m.User
	if n.Voicemail != nil {
		*n.Voicemail = *m.Voicemail
	}
	for i := range n.Lines {
		n.Lines[i].committed(&m.Lines[i])
	}
	for i := range n.Incalls {
		n.Incalls[i].ID = m.Incalls[i].ID
		setAll(n.Incalls[i].Extensions, m.Incalls[i].Extensions)
	}
}

// attempt returns a copy of nl that a creation may fill.
func (nl *NewLine) attempt() *NewLine {
	m := *nl
	m.Line, m.Extensions = clonePtr(nl.Line), cloneAll(nl.Extensions)
	if sip := clonePtr(nl.EndpointSIP); sip != nil {
		sip.EndpointSectionOptions = slices.Clone(sip.EndpointSectionOptions) // the line's caller id is added
		m.EndpointSIP = sip
	}
	if sccp := clonePtr(nl.EndpointSCCP); sccp != nil {
		sccp.Options = slices.Clone(sccp.Options)
		m.EndpointSCCP = sccp
	}
	m.EndpointCustom = clonePtr(nl.EndpointCustom)
	return &m
}

// committed gives nl the result of m, the attempt that committed.
func (nl *NewLine) committed(m *NewLine) {
	*nl.Line = *m.Line
	setAll(nl.Extensions, m.Extensions)
	if nl.EndpointSIP != nil {
		*nl.EndpointSIP = *m.EndpointSIP
	}
	if nl.EndpointSCCP != nil {
		*nl.EndpointSCCP = *m.EndpointSCCP
	}
	if nl.EndpointCustom != nil {
		*nl.EndpointCustom = *m.EndpointCustom
	}
	nl.reused = m.reused
}

func cloneAll(xs []*resources.Extension) []*resources.Extension {
	out := make([]*resources.Extension, len(xs))
	for i, x := range xs {
		out[i] = clonePtr(x)
	}
	return out
}

func setAll(dst, src []*resources.Extension) {
	for i := range dst {
		*dst[i] = *src[i]
	}
}

// parts is the part of u shaped as a new user's.
func (u *UserUpdate) parts() *NewUser {
	return &NewUser{User: u.User, Lines: u.Lines, Voicemail: u.Voicemail, Incalls: u.Incalls}
}

// attempt returns a copy of u that an update may fill.
func (u *UserUpdate) attempt() *UserUpdate {
	m, n := *u, u.parts().attempt()
	m.User, m.Lines, m.Voicemail, m.Incalls = n.User, n.Lines, n.Voicemail, n.Incalls
	return &m
}

// committed gives u the result of m, the attempt that committed.
func (u *UserUpdate) committed(m *UserUpdate) { u.parts().committed(m.parts()) }

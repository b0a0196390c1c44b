package store

import (
	"errors"
	"slices"

	"github.com/gopbx/confd/events"
)

// Slot is a place kept among a transaction's recorded events (Reserve).
type Slot struct{ _ byte }

// Reserve keeps the place of events that Fill records later: a part of a
// compound write checked first but stored after the parts it references
// announces itself where it was checked, as if stored first.
func (tx *Tx) Reserve() *Slot {
	s := &Slot{}
	tx.rows = append(tx.rows, OutboxRow{slot: s})
	return s
}

var (
	errNoSlot   = errors.New("store: events for a place not kept")
	errSlotOpen = errors.New("store: events written at once while a place is kept for others")
)

// Fill records evs at the place s keeps.
func (tx *Tx) Fill(s *Slot, evs ...events.Event) error {
	i := slices.IndexFunc(tx.rows, func(r OutboxRow) bool { return r.slot == s })
	if i < 0 {
		return errNoSlot
	}
	rows, err := eventRows(evs)
	if err != nil {
		return err
	}
	tx.rows = slices.Replace(tx.rows, i, i+1, rows...)
	return nil
}

// recorded returns the recorded rows but the places kept and not filled.
func (tx *Tx) recorded() []OutboxRow {
	return slices.DeleteFunc(tx.rows, func(r OutboxRow) bool { return r.slot != nil })
}

package confd

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// Destination is where a call goes (incalls, fallbacks, schedules).
type Destination = resources.Destination

// Owners of destinations, and the events a destination answers.
const (
	destOwnerIncall = "incall"
	destOwnerGroup  = "group"
	destOwnerUser   = "user"

	destEventAnswer     = "answer"
	destEventNoAnswer   = "noanswer"
	destEventCongestion = "congestion"
	destEventBusy       = "busy"
	destEventFail       = "fail"
)

// destinationRow is one stored destination: owner (a family, e.g.
// "incall") and owner id, event (e.g. "noanswer"), the destination as JSON
// and, for the targets stored as foreign keys, the target's id.
type destinationRow struct {
	bun.BaseModel `bun:"table:destinations"`
	Owner         string `bun:"owner,pk"`
	OwnerID       string `bun:"owner_id,pk"`
	Event         string `bun:"event,pk"`
	Type          string `bun:"type"`
	Body          string `bun:"body"`
	UserID        *int   `bun:"user_id"`
	GroupID       *int   `bun:"group_id"`
	VoicemailID   *int   `bun:"voicemail_id"`
}

// destTarget is what a destination type points to.
type destTarget struct {
	resource string // name in messages: "Group"
	field    string // the destination's key field: "group_id"
	// table is the target's table, "" while its family does not exist:
	// every such target is then missing.
	table string
	// display lists "column AS display_field" shown on read.
	display []string
}

var destTargets = map[string]destTarget{
	resources.DestGroup: {"Group", "group_id", "groups", []string{"name AS group_name", "label AS group_label"}},
	resources.DestUser: {"User", "user_id", "users",
		[]string{"firstname AS user_firstname", "lastname AS user_lastname"}},
	resources.DestVoicemail:   {"Voicemail", "voicemail_id", "voicemails", []string{"name AS voicemail_name"}},
	resources.DestConference:  {"Conference", "conference_id", "", nil},
	resources.DestIVR:         {"IVR", "ivr_id", "", nil},
	resources.DestOutcall:     {"Outcall", "outcall_id", "", nil},
	resources.DestQueue:       {"Queue", "queue_id", "", nil},
	resources.DestSwitchboard: {"Switchboard", "switchboard_uuid", "", nil},
}

// target returns what d points to, if anything.
func target(d *resources.Destination) (destTarget, any, bool) {
	if d.Type == resources.DestApplication && d.Application == "custom" {
		return destTarget{resource: "Application", field: "application_uuid"}, d.UUID, true
	}
	t, ok := destTargets[d.Type]
	if !ok {
		return t, nil, false
	}
	if d.Type == resources.DestSwitchboard {
		return t, d.UUID, true
	}
	return t, d.ID, true
}

// checkDestination checks that what d points to exists in tenant; a
// target of another tenant, or of a family not implemented yet
// (conference, IVR, outcall, queue, switchboard, application, music on
// hold), is "Input Error - field 'x_id': X was not found".
func checkDestination(ctx context.Context, db bun.IDB, tenant string, d *resources.Destination) error {
	if d.Type == resources.DestUser && d.MOHUUID != nil {
		return resources.ErrInputNotFound("moh_uuid", "MOH", "moh_uuid", *d.MOHUUID)
	}
	t, key, ok := target(d)
	if !ok {
		return nil
	}
	found := false
	if t.table != "" {
		var err error
		found, err = store.Exists(ctx, db, t.table, "id = ? AND tenant_uuid = ?", key, tenant)
		if err != nil {
			return err
		}
	}
	if !found {
		return resources.ErrInputNotFound(t.field, t.resource, t.field, key)
	}
	return nil
}

// saveDestination replaces the destination of (owner, ownerID, event)
// after checking its target in tenant; a nil d only removes it.
func saveDestination(ctx context.Context, tx *store.Tx, owner string, ownerID int, event, tenant string, d *resources.Destination) error {
	key := itoa(ownerID)
	_, err := tx.NewDelete().Model((*destinationRow)(nil)).
		Where("owner = ? AND owner_id = ? AND event = ?", owner, key, event).Exec(ctx)
	if err != nil || d == nil {
		return err
	}
	if err := checkDestination(ctx, tx, tenant, d); err != nil {
		return err
	}
	body, err := json.Marshal(d.Stored())
	if err != nil {
		return err
	}
	row := &destinationRow{Owner: owner, OwnerID: key, Event: event, Type: d.Type, Body: string(body)}
	switch d.Type {
	case resources.DestUser:
		row.UserID = &d.ID
	case resources.DestGroup:
		row.GroupID = &d.ID
	case resources.DestVoicemail:
		row.VoicemailID = &d.ID
	}
	_, err = tx.NewInsert().Model(row).Exec(ctx)
	return store.FormatError(err, "Destination")
}

// eventDestination is where one event of an owner goes; nil is none.
type eventDestination struct {
	event string
	d     *resources.Destination
}

// saveDestinations replaces the owner's destinations of those events.
func saveDestinations(ctx context.Context, tx *store.Tx, owner string, ownerID int, tenant string, dests ...eventDestination) error {
	for _, e := range dests {
		if err := saveDestination(ctx, tx, owner, ownerID, e.event, tenant, e.d); err != nil {
			return err
		}
	}
	return nil
}

// deleteDestinations removes every destination of the owners.
func deleteDestinations(ctx context.Context, db bun.IDB, owner string, ownerIDs ...int) error {
	if len(ownerIDs) == 0 {
		return nil
	}
	_, err := db.NewDelete().Model((*destinationRow)(nil)).
		Where("owner = ? AND owner_id IN (?)", owner, bun.List(ownerKeys(ownerIDs))).Exec(ctx)
	return err
}

// ownerDestinations maps owner id, then event, to its destination.
type ownerDestinations map[int]map[string]*resources.Destination

// loadDestinations reads the destinations of the owners, with the display
// fields of their targets.
func loadDestinations(ctx context.Context, db bun.IDB, owner string, ownerIDs []int) (ownerDestinations, error) {
	out := ownerDestinations{}
	if len(ownerIDs) == 0 {
		return out, nil
	}
	var rows []destinationRow
	err := db.NewSelect().Model(&rows).Where("owner = ? AND owner_id IN (?)", owner, bun.List(ownerKeys(ownerIDs))).Scan(ctx)
	if err != nil {
		return nil, err
	}
	var all []*resources.Destination
	for _, r := range rows {
		d := new(resources.Destination)
		if err := json.Unmarshal([]byte(r.Body), d); err != nil {
			return nil, err
		}
		id := ownerInt(r.OwnerID)
		if out[id] == nil {
			out[id] = map[string]*resources.Destination{}
		}
		out[id][r.Event], all = d, append(all, d)
	}
	return out, addDisplay(ctx, db, all)
}

// addDisplay adds the display fields of each destination's target, one
// query per type of target.
func addDisplay(ctx context.Context, db bun.IDB, dests []*resources.Destination) error {
	byType := map[string][]*resources.Destination{}
	for _, d := range dests {
		if t, ok := destTargets[d.Type]; ok && t.table != "" {
			byType[d.Type] = append(byType[d.Type], d)
		}
	}
	for typ, ds := range byType {
		t := destTargets[typ]
		ids := make([]int, len(ds))
		for i, d := range ds {
			ids[i] = d.ID
		}
		var rows []map[string]any
		q := db.NewSelect().Table(t.table).Column("id").Where("id IN (?)", bun.List(ids))
		for _, col := range t.display {
			q.ColumnExpr(col)
		}
		if err := q.Scan(ctx, &rows); err != nil {
			return err
		}
		byID := map[int]map[string]any{}
		for _, r := range rows {
			id := scannedInt(r["id"])
			delete(r, "id")
			byID[id] = r
		}
		for _, d := range ds {
			d.Display = byID[d.ID]
		}
	}
	return nil
}

// destinationOwners returns, for each target id of a type stored as a
// foreign key (column user_id, group_id or voicemail_id), the ids of the
// owners of a kind whose destination points to it, in owner order.
func destinationOwners(ctx context.Context, db bun.IDB, owner, column string, targetIDs []int) (map[int][]int, error) {
	var rows []struct {
		Target  int    `bun:"target"`
		OwnerID string `bun:"owner_id"`
	}
	err := db.NewSelect().Model((*destinationRow)(nil)).ColumnExpr(column+" AS target, owner_id").
		Where("owner = ? AND "+column+" IN (?)", owner, bun.List(targetIDs)).Scan(ctx, &rows)
	out := map[int][]int{}
	for _, r := range rows {
		out[r.Target] = append(out[r.Target], ownerInt(r.OwnerID))
	}
	for _, ids := range out {
		slices.Sort(ids)
	}
	return out, err
}

func ownerKeys(ids []int) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = itoa(id)
	}
	return out
}

func ownerInt(key string) int {
	n, _ := strconv.Atoi(key)
	return n
}

// scannedInt reads an integer column scanned into a map (int64 on both
// engines, []byte or string on some drivers).
func scannedInt(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case int:
		return x
	case []byte:
		return ownerInt(string(x))
	case string:
		return ownerInt(x)
	}
	return 0
}

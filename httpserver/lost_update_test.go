package httpserver_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// editField is one client's field of a shared object and the values it
// writes there, one per round.
type editField struct {
	name  string
	value func(round int) any
}

// editConcurrently has each field's client PUT its own field of path
// rounds times, all clients at once, and returns each field's last
// acknowledged value.
func editConcurrently(t *testing.T, a *api, path string, fields []editField, rounds int) map[string]any {
	t.Helper()
	last := make([]any, len(fields))
	var wg sync.WaitGroup
	for i, f := range fields {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range rounds {
				v := f.value(round)
				r := a.do("PUT", path, mainTok, "", map[string]any{f.name: v})
				if r.status != 204 {
					t.Errorf("PUT %s %s: %d %s", path, f.name, r.status, r.raw)
					return
				}
				last[i] = v
			}
		}()
	}
	wg.Wait()
	out := map[string]any{}
	for i, f := range fields {
		out[f.name] = last[i]
	}
	return out
}

// assertFieldsHold compares an object's fields with the values expected.
func assertFieldsHold(t *testing.T, obj map[string]any, want map[string]any) {
	t.Helper()
	for name, v := range want {
		assert.Equal(t, fmt.Sprint(v), fmt.Sprint(obj[name]), "field %s lost its last acknowledged write", name)
	}
}

// Partial updates of different fields of one object, sent at once, all
// survive: a PUT reads, applies and writes in one transaction holding the
// object's row.
func TestConcurrentEdits_LoseNothing(t *testing.T) {
	each(t, func(t *testing.T, a *api) {
		text := func(prefix string) func(int) any {
			return func(round int) any { return fmt.Sprintf("%s-%d", prefix, round) }
		}
		user := a.mustStatus(201, "POST", "/1.1/users", mainTok, "", map[string]any{"firstname": "Ann"}).obj()
		userPath := fmt.Sprintf("/1.1/users/%v", user["uuid"])
		want := editConcurrently(t, a, userPath, []editField{
			{"firstname", text("first")}, {"lastname", text("last")},
			{"description", text("desc")}, {"userfield", text("field")},
			{"outgoing_caller_id", text("out")}, {"preprocess_subroutine", text("sub")},
			{"ring_seconds", func(round int) any { return round + 1 }},
			{"simultaneous_calls", func(round int) any { return round%20 + 1 }},
		}, 100)
		assertFieldsHold(t, a.mustStatus(200, "GET", userPath, mainTok, "", nil).obj(), want)
		want = editConcurrently(t, a, userPath+"?recursive=true", []editField{
			{"firstname", text("rfirst")}, {"lastname", text("rlast")},
			{"description", text("rdesc")}, {"ring_seconds", func(round int) any { return round + 2 }},
		}, 50)
		assertFieldsHold(t, a.mustStatus(200, "GET", userPath, mainTok, "", nil).obj(), want)

		group := a.mustStatus(201, "POST", "/1.1/groups", mainTok, "", map[string]any{"label": "sales"}).obj()
		groupPath := fmt.Sprintf("/1.1/groups/%v", group["uuid"])
		want = editConcurrently(t, a, groupPath, []editField{
			{"label", text("label")},
			{"timeout", func(round int) any { return round + 1 }},
			{"retry_delay", func(round int) any { return round }},
		}, 60)
		assertFieldsHold(t, a.mustStatus(200, "GET", groupPath, mainTok, "", nil).obj(), want)
		require.NotEmpty(t, want)
	})
}

package confd

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd/resources"
)

// The contract's events carry the content keys, from the object as shown.
func TestCRUDEvents_FromTheContract(t *testing.T) {
	build := crudEvents[resources.Extension]("extension", "extension")
	x := &resources.Extension{ID: 7, Exten: "1001", Context: "default", TenantUUID: "t1"}
	evs := build(Deleted, nil, x)
	require.Len(t, evs, 1)
	assert.Equal(t, "extension_deleted", evs[0].Name)
	assert.Equal(t, "config.extensions.deleted", evs[0].RoutingKey)
	assert.Equal(t, "t1", evs[0].TenantUUID)
	var data map[string]any
	require.NoError(t, json.Unmarshal(evs[0].Data, &data))
	assert.Equal(t, map[string]any{"id": 7.0, "exten": "1001", "context": "default"}, data)
}

func TestCRUDEvents_MissingFromTheContract(t *testing.T) {
	assert.Panics(t, func() { crudEvents[resources.Extension]("extension", "no_such") })
	assert.Panics(t, func() { crudEvents[resources.Context]("context", "context") }, "content not fixed")
}

package confd

import (
	"context"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// EndpointSCCP is an SCCP endpoint, re-exported for library users.
type EndpointSCCP = resources.EndpointSCCP

// EndpointsSCCP manages SCCP endpoints: a generated name and the caller id
// and codec options.
type EndpointsSCCP struct {
	*Manager[resources.EndpointSCCP, *resources.EndpointSCCP]
}

var endpointSCCPTable = tableSpec{resource: "SCCPEndpoint", class: "SccpSchema", search: "endpoint_sccp", key: "id"}.table()

func newEndpointsSCCP(c *Client) *EndpointsSCCP {
	fam := endpointFamily(endpointSpec[resources.EndpointSCCP]{
		kind: "sccp", table: endpointSCCPTable, check: prepareSCCP,
		// Options always show the stored columns, in wazo's order.
		loaded: func(v *resources.EndpointSCCP) { v.Options = v.ColumnOptions() },
		payload: func(v *resources.EndpointSCCP) map[string]any {
			return map[string]any{"id": v.ID, "tenant_uuid": v.TenantUUID, "line": resources.RelationID(v.Line)}
		},
		reload: reload.Commands("module reload chan_sccp.so", "dialplan reload"),
	})
	return &EndpointsSCCP{&Manager[resources.EndpointSCCP, *resources.EndpointSCCP]{c: c, fam: fam}}
}

// prepareSCCP names a new endpoint and applies the options to the columns.
func prepareSCCP(ctx context.Context, tx *store.Tx, v *resources.EndpointSCCP) error {
	v.ApplyOptions()
	name, err := endpointName(ctx, tx, "endpoints_sccp", v.Name)
	v.Name = name
	return err
}

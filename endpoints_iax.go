package confd

import (
	"context"

	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
	"github.com/gopbx/confd/store"
)

// EndpointIAX is an IAX endpoint, re-exported for library users.
type EndpointIAX = resources.EndpointIAX

// EndpointsIAX manages IAX endpoints: a name unique on the whole PBX
// (generated when not given), a type, a host and options.
type EndpointsIAX struct {
	*Manager[resources.EndpointIAX, *resources.EndpointIAX]
}

var endpointIAXTable = tableSpec{resource: "IAXEndpoint", class: "IAXSchema", search: "endpoint_iax", key: "id"}.table()

func newEndpointsIAX(c *Client) *EndpointsIAX {
	fam := endpointFamily(endpointSpec[resources.EndpointIAX]{
		kind: "iax", table: endpointIAXTable, check: checkIAXName,
		payload: func(v *resources.EndpointIAX) map[string]any {
			return map[string]any{"id": v.ID, "tenant_uuid": v.TenantUUID, "name": v.Name,
				"trunk": resources.RelationID(v.Trunk)}
		},
		reload: reload.Commands("iax2 reload"),
	})
	return &EndpointsIAX{&Manager[resources.EndpointIAX, *resources.EndpointIAX]{c: c, fam: fam}}
}

// checkIAXName generates the name when it is empty, and refuses a name
// another IAX endpoint, of any tenant, already has.
func checkIAXName(ctx context.Context, tx *store.Tx, v *resources.EndpointIAX) error {
	if v.Name == "" {
		name, err := endpointName(ctx, tx, "endpoints_iax", "")
		v.Name = name
		return err
	}
	dup, err := store.Find[resources.EndpointIAX](ctx, tx, endpointIAXTable, nil, "name = ? AND id <> ?", v.Name, v.ID)
	if err != nil {
		return err
	}
	if dup != nil {
		return resources.ErrExists("IAXEndpoint", "name", v.Name)
	}
	return nil
}

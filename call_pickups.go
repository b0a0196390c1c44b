package confd

// CallPickups manages call pickups. Work in progress: replaced by its family.
type CallPickups struct{ c *Client }

func newCallPickups(c *Client) *CallPickups { return &CallPickups{c: c} }

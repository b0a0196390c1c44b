package confd

// CallPermissions manages call permissions. Work in progress: replaced by its family.
type CallPermissions struct{ c *Client }

func newCallPermissions(c *Client) *CallPermissions { return &CallPermissions{c: c} }

package confd

// Groups manages ring groups. Work in progress: replaced by its family.
type Groups struct{ c *Client }

func newGroups(c *Client) *Groups { return &Groups{c: c} }

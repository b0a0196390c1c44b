package confd

// Incalls manages incoming call routes. Work in progress: replaced by its family.
type Incalls struct{ c *Client }

func newIncalls(c *Client) *Incalls { return &Incalls{c: c} }

package confd

// Schedules manages schedules. Work in progress: replaced by its family.
type Schedules struct{ c *Client }

func newSchedules(c *Client) *Schedules { return &Schedules{c: c} }

package confd

// SIPTransports manages SIP transports. Work in progress: replaced by its family.
type SIPTransports struct{ c *Client }

func newSIPTransports(c *Client) *SIPTransports { return &SIPTransports{c: c} }

package confd

// Registrars manages SIP registrars. Work in progress: replaced by its family.
type Registrars struct{ c *Client }

func newRegistrars(c *Client) *Registrars { return &Registrars{c: c} }

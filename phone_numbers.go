package confd

// PhoneNumbers manages phone numbers. Work in progress: replaced by its family.
type PhoneNumbers struct{ c *Client }

func newPhoneNumbers(c *Client) *PhoneNumbers { return &PhoneNumbers{c: c} }

package resources

// RelatedUser is a user as listed inside a call permission, call pickup or
// schedule; call pickups show no links.
type RelatedUser struct {
	UUID      string  `json:"uuid"`
	Firstname string  `json:"firstname"`
	Lastname  *string `json:"lastname"`
	Links     []Link  `json:"links,omitempty"`
}

// RelatedGroup is a ring group as listed inside a call permission, call
// pickup or schedule; call pickups show only its id and name.
type RelatedGroup struct {
	ID    int    `json:"id"`
	UUID  string `json:"uuid,omitempty"`
	Name  string `json:"name"`
	Links []Link `json:"links,omitempty"`
}

// NamedRef is an object listed by id, name and links (a schedule or a call
// permission inside a user or a group, an outcall).
type NamedRef struct {
	ID    int     `json:"id"`
	Name  *string `json:"name"`
	Links []Link  `json:"links"`
}

// LinkRef is an object listed by id and links (an incall inside a schedule).
type LinkRef struct {
	ID    int    `json:"id"`
	Links []Link `json:"links"`
}

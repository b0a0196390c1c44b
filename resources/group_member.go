package resources

// GroupUserMember names a user to put in a group; a nil Priority is the
// user's position in the list.
type GroupUserMember struct {
	UUID     string `json:"uuid"`
	Priority *int   `json:"priority,omitempty"`
}

// GroupExtensionMember is a number (exten@context) to ring as a member of
// a group; a nil Priority is its position in the list.
type GroupExtensionMember struct {
	Exten    string `json:"exten"`
	Context  string `json:"context"`
	Priority *int   `json:"priority,omitempty"`
}

// GroupUsersSchema validates PUT /groups/{id}/members/users.
var GroupUsersSchema = &Schema{Fields: []Field{
	ListOf("users", Obj("", &Schema{Fields: []Field{
		Str("uuid").Req(),
		Int("priority").Range(0, nan),
	}})).Req(),
}}

// GroupExtensionsSchema validates PUT /groups/{id}/members/extensions.
var GroupExtensionsSchema = &Schema{Fields: []Field{
	ListOf("extensions", Obj("", &Schema{Fields: []Field{
		Str("exten").Req(),
		Str("context").Req(),
		Int("priority").Range(0, nan),
	}})).Req(),
}}

// GroupRef names a group by id or uuid (PUT /users/{id}/groups).
type GroupRef struct {
	ID   int    `json:"id,omitempty"`
	UUID string `json:"uuid,omitempty"`
}

// UserGroupsSchema validates PUT /users/{id}/groups: each group by id or uuid.
var UserGroupsSchema = &Schema{Fields: []Field{
	ListOf("groups", Obj("", &Schema{
		Fields: []Field{Int("id"), UUIDField("uuid")},
		Checks: []func(map[string]any) string{func(m map[string]any) string {
			if id, _ := m["id"].(int64); id == 0 && m["uuid"] == nil {
				return "One identifier(id or uuid) must be provided"
			}
			return ""
		}},
	})).Req(),
}}

package resources

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// As wazo's init_auth and init_agent: what a body's auth or agent leaves
// out or empty is the user's, before validation.
func TestUserListSchema_FillsAuthAndAgent(t *testing.T) {
	s := UserListSchema(NestedList("lines", &Schema{Fields: []Field{
		NestedList("extensions", &Schema{Fields: []Field{Str("exten")}})}}))
	out, err := s.Load(map[string]any{"firstname": "Ann", "username": "alice", "password": "secret1",
		"auth": map[string]any{"username": "", "password": ""}}, false)
	require.NoError(t, err)
	auth := out["auth"].(map[string]any)
	assert.Equal(t, "alice", auth["username"])
	assert.Equal(t, "secret1", auth["password"])
	assert.Equal(t, "Ann", auth["firstname"])

	out, err = s.Load(map[string]any{"firstname": "Ann", "agent": map[string]any{"number": ""},
		"lines": []any{map[string]any{"extensions": []any{map[string]any{"exten": "1000"}}}}}, false)
	require.NoError(t, err)
	assert.Equal(t, "1000", out["agent"].(map[string]any)["number"])

	_, err = s.Load(map[string]any{"firstname": "Ann", "agent": map[string]any{}}, false)
	assert.Error(t, err, "an agent without a number, as wazo refuses it")
	_, err = s.Load(map[string]any{"firstname": "Ann", "auth": map[string]any{"purpose": "bogus"}}, false)
	assert.Error(t, err)
}

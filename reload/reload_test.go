package reload_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gopbx/confd/reload"
)

func TestRequest_Merge(t *testing.T) {
	a := reload.Commands("module reload res_pjsip.so", "dialplan reload")
	b := reload.Request{Ipbx: []string{"dialplan reload", "voicemail reload"},
		Calls: []reload.Call{{Method: "GET", Path: "/delete_voicemail", Query: map[string]string{"mailbox": "1000"}}}}
	m := a.Merge(b)
	assert.Equal(t, []string{"dialplan reload", "module reload res_pjsip.so", "voicemail reload"}, m.Ipbx, "a sorted set")
	assert.Len(t, m.Calls, 1)
	assert.Equal(t, []string{"dialplan reload", "module reload res_pjsip.so"}, a.Ipbx, "Merge does not change its receiver")
	assert.True(t, reload.Request{}.Empty())
	assert.False(t, m.Empty())
}

func TestRecorder(t *testing.T) {
	var r reload.Recorder
	ctx := context.Background()
	assert.NoError(t, r.Reload(ctx, reload.Commands("dialplan reload")))
	r.Fail(errors.New("down"))
	assert.Error(t, r.Reload(ctx, reload.Commands("iax2 reload")))
	r.Fail(nil)
	assert.NoError(t, r.Reload(ctx, reload.Commands("iax2 reload")))
	assert.Equal(t, []string{"dialplan reload", "iax2 reload"}, r.Merged().Ipbx)
	r.Reset()
	assert.Empty(t, r.Requests())
	assert.NoError(t, reload.Log{}.Reload(ctx, reload.Commands("dialplan reload")))
}

package main

import (
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"
)

func TestMainProvisionsAlice(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() { b, _ := io.ReadAll(r); done <- b }() // the JSON may exceed a pipe's buffer
	main()
	os.Stdout = stdout
	w.Close()
	out := string(<-done)

	user, rest, ok := strings.Cut(out, "\n}\n")
	if !ok {
		t.Fatalf("no JSON user first:\n%s", out)
	}
	var u struct {
		Firstname string
		Lines     []struct {
			EndpointSIP struct{ Label string } `json:"endpoint_sip"`
			Extensions  []struct{ Exten, Context string }
		}
		Voicemail struct{ Name string }
	}
	if err := json.Unmarshal([]byte(user+"\n}"), &u); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if u.Firstname != "Alice" || len(u.Lines) != 1 || u.Lines[0].EndpointSIP.Label != "Alice's phone" ||
		len(u.Lines[0].Extensions) != 1 || u.Lines[0].Extensions[0].Exten != "1234" ||
		u.Lines[0].Extensions[0].Context != "default" || u.Voicemail.Name != "Alice's voicemail" {
		t.Errorf("user: %+v", u)
	}
	for _, want := range []string{
		"events: [context_created context_created context_created line_created extension_created sip_endpoint_created " +
			"line_endpoint_sip_associated line_extension_associated user_created user_line_associated " +
			"voicemail_created user_voicemail_associated]",
		"asterisk: [dialplan reload ",
		"module reload res_pjsip.so",
		"voicemail reload",
	} {
		if !strings.Contains(rest, want) {
			t.Errorf("output lacks %q:\n%s", want, rest)
		}
	}
}

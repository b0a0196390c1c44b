package main

import (
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"
)

func TestMainBuildsTheSupportLine(t *testing.T) {
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

	dec := json.NewDecoder(strings.NewReader(out))
	var group struct {
		Label      string
		Extensions []struct{ Exten string }
		Members    struct{ Users []struct{ Firstname string } }
		Fallbacks  struct {
			NoAnswer   struct{ Type, Greeting string } `json:"noanswer_destination"`
			Congestion struct{ Type, Greeting string } `json:"congestion_destination"`
		}
		Incalls []struct{ ID int }
	}
	var incall struct {
		Destination struct {
			Type       string
			GroupLabel string `json:"group_label"`
		}
		Extensions []struct{ Exten, Context string }
	}
	if err := dec.Decode(&group); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if err := dec.Decode(&incall); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if group.Label != "Support Team" || len(group.Extensions) != 1 || group.Extensions[0].Exten != "2000" ||
		len(group.Members.Users) != 2 || group.Members.Users[1].Firstname != "Bob" || len(group.Incalls) != 1 ||
		group.Fallbacks.NoAnswer.Greeting != "unavailable" || group.Fallbacks.Congestion.Greeting != "busy" {
		t.Errorf("group: %+v", group)
	}
	if incall.Destination.Type != "group" || incall.Destination.GroupLabel != "Support Team" ||
		len(incall.Extensions) != 1 || incall.Extensions[0].Exten != "1500" {
		t.Errorf("incall: %+v", incall)
	}
	for _, want := range []string{"group_member_users_associated", "group_fallback_edited", "incall_extension_associated",
		"module reload app_queue.so"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

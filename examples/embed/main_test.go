package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

func TestMainPrintsEvents(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	main()
	os.Stdout = stdout
	w.Close()
	out, _ := io.ReadAll(r)
	for _, want := range []string{"context_created config.contexts.created", "extension_created config.extensions.created", "asterisk: [dialplan reload]"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

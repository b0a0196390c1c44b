package confd_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/gopbx/confd"

// allowed lists, per package, the project packages it may import directly
// (the design's dependency table). Adapters are imported only by cmd/ and
// examples/; httpserver never touches store or bun.
var allowed = map[string][]string{
	"resources":           {"resources/contract"},
	"resources/contract":  {},
	"events":              {},
	"events/amqp":         {"events"},
	"reload":              {},
	"reload/sysconfd":     {"reload"},
	"store":               {"resources", "events", "reload"},
	"store/storetest":     {"store"},
	"":                    {"resources", "resources/contract", "events", "reload", "store"},
	"httpserver":          {"", "resources"},
	"httpserver/wazoauth": {"httpserver"},
}

var forbiddenExternal = map[string][]string{
	"httpserver": {"github.com/uptrace/bun"},
	"events":     {"github.com/uptrace/bun"},
	"reload":     {"github.com/uptrace/bun"},
	"resources":  {"github.com/jackc/pgx/v5"},
}

func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}:{{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
		ok, checked := allowed[rel]
		if !checked {
			continue // cmd/ and examples/ may import anything
		}
		seen++
		for _, imp := range strings.Fields(imports) {
			for _, bad := range forbiddenExternal[rel] {
				if strings.HasPrefix(imp, bad) {
					t.Errorf("%s imports %s", pkg, imp)
				}
			}
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			dep := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			if !slices.Contains(ok, dep) {
				t.Errorf("%s must not import %s", pkg, imp)
			}
		}
	}
	if seen < len(allowed) {
		t.Errorf("checked %d packages, want %d: a package moved?", seen, len(allowed))
	}
}

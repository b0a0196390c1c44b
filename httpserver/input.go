package httpserver

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gopbx/confd/resources"
)

// checkInput refuses NUL characters and invalid UTF-8 in the path's
// wildcards and the query string (see resources.CheckText), which no
// database column could hold; a bad parameter name is a bad request.
func checkInput(pattern string, r *http.Request) error {
	for _, name := range wildcards(pattern) {
		if err := resources.CheckText(name, r.PathValue(name)); err != nil {
			return err
		}
	}
	query := r.URL.Query()
	for _, name := range slices.Sorted(maps.Keys(query)) {
		if strings.IndexByte(name, 0) >= 0 || !utf8.ValidString(name) {
			return resources.ErrBadRequest()
		}
		for _, v := range query[name] {
			if err := resources.CheckText(name, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// wildcards returns the names of a route pattern's wildcards.
func wildcards(pattern string) []string {
	var names []string
	for rest := pattern; strings.Contains(rest, "{"); {
		i := strings.Index(rest, "{")
		j := strings.Index(rest, "}")
		names = append(names, strings.TrimSuffix(rest[i+1:j], "..."))
		rest = rest[j+1:]
	}
	return names
}

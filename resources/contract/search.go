package contract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

//go:embed search.json
var searchJSON []byte

// Search is how wazo lists a resource: the columns that filter, sort and
// are searched, and the default sort.
type Search struct {
	// Columns are the names usable as exact filters and sort keys.
	Columns []string
	// Searched are the columns search= looks in; empty means all.
	Searched    []string
	DefaultSort string `json:"default_sort"`
}

var (
	searchOnce sync.Once
	searchErr  error
	searches   map[string]Search
)

// SearchOf returns how wazo lists the resource ("call_pickup").
func SearchOf(resource string) (Search, error) {
	searchOnce.Do(func() {
		var doc struct {
			Resources map[string]struct {
				Search
				Columns  map[string]string `json:"columns"`
				Searched json.RawMessage   `json:"search"`
			} `json:"resources"`
		}
		searchErr = json.Unmarshal(searchJSON, &doc)
		searches = map[string]Search{}
		for name, r := range doc.Resources {
			s := r.Search
			s.Searched = names(r.Searched)
			for c := range r.Columns {
				s.Columns = append(s.Columns, c)
			}
			slices.Sort(s.Columns)
			searches[name] = s
		}
	})
	if searchErr != nil {
		return Search{}, searchErr
	}
	s, ok := searches[resource]
	if !ok {
		return Search{}, fmt.Errorf("contract: no search of %q", resource)
	}
	return s, nil
}

// names reads a list of column names, or the keys of an object of them.
func names(raw json.RawMessage) []string {
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return nil
	}
	for k := range obj {
		list = append(list, k)
	}
	slices.Sort(list)
	return list
}

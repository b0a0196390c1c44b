package resources

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// pyRepr prints v as Python's repr would, so messages match wazo's.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return pyString(x)
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int, int64, float64:
		return fmt.Sprint(x)
	case []string:
		items := make([]string, len(x))
		for i, s := range x {
			items[i] = pyString(s)
		}
		return "[" + strings.Join(items, ", ") + "]"
	case fieldErrors:
		return x.repr()
	default:
		return pyString(fmt.Sprint(x))
	}
}

func pyString(s string) string {
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}

// fieldErrors is a tree of validation messages keyed by field name or list
// index; leaves are []string.
type fieldErrors map[string]any

func (f fieldErrors) add(key string, msg string) {
	cur, _ := f[key].([]string)
	f[key] = append(cur, msg)
}

func (f fieldErrors) repr() string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keyLess(keys[i], keys[j]) })
	parts := make([]string, len(keys))
	for i, k := range keys {
		key := pyString(k)
		if isIndex(k) {
			key = k
		}
		parts[i] = key + ": " + pyRepr(f[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func isIndex(k string) bool {
	for _, r := range k {
		if r < '0' || r > '9' {
			return false
		}
	}
	return k != ""
}

func keyLess(a, b string) bool {
	ia, errA := strconv.Atoi(a)
	ib, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return ia < ib
	}
	return a < b
}

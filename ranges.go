package confd

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gopbx/confd/resources"
)

// maxRangeScan bounds the numbers examined by a range search.
const maxRangeScan = 1_000_000

// span is a run of numbers of one length (leading zeros matter).
type span struct {
	width  int
	lo, hi uint64
}

func (s span) format(n uint64) string { return fmt.Sprintf("%0*d", s.width, n) }

func (s span) toRange() resources.Range {
	return resources.Range{Start: s.format(s.lo), End: s.format(s.hi)}
}

// freeRanges merges overlapping ranges and removes the used numbers.
func freeRanges(ranges []resources.Range, used []string) []span {
	spans := mergeSpans(toSpans(ranges))
	taken := map[int][]uint64{}
	for _, u := range used {
		if n, err := strconv.ParseUint(u, 10, 64); err == nil {
			taken[len(u)] = append(taken[len(u)], n)
		}
	}
	var out []span
	for _, s := range spans {
		out = append(out, subtract(s, taken[s.width])...)
	}
	return out
}

func toSpans(ranges []resources.Range) []span {
	out := make([]span, 0, len(ranges))
	for _, r := range ranges {
		end := r.End
		if end == "" {
			end = r.Start
		}
		start := r.Start
		if n := r.DIDLength; n != nil && *n > 0 && *n < len(start) && len(start) == len(end) {
			start, end = start[len(start)-*n:], end[len(end)-*n:] // DIDs match on their last digits
		}
		lo, err1 := strconv.ParseUint(start, 10, 64)
		hi, err2 := strconv.ParseUint(end, 10, 64)
		if err1 == nil && err2 == nil && len(start) == len(end) && lo <= hi {
			out = append(out, span{width: len(start), lo: lo, hi: hi})
		}
	}
	return out
}

func mergeSpans(spans []span) []span {
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].width != spans[j].width {
			return spans[i].width < spans[j].width
		}
		return spans[i].lo < spans[j].lo
	})
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && out[n-1].width == s.width && s.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, s.hi)
			continue
		}
		out = append(out, s)
	}
	return out
}

func subtract(s span, taken []uint64) []span {
	sort.Slice(taken, func(i, j int) bool { return taken[i] < taken[j] })
	var out []span
	cur := s.lo
	for _, n := range taken {
		if n < cur || n > s.hi {
			continue
		}
		if n > cur {
			out = append(out, span{s.width, cur, n - 1})
		}
		cur = n + 1
	}
	if cur <= s.hi && cur >= s.lo {
		out = append(out, span{s.width, cur, s.hi})
	}
	return out
}

// searchSpans keeps the runs of numbers whose text contains term.
func searchSpans(spans []span, term string) []span {
	if term == "" {
		return spans
	}
	var out []span
	budget := maxRangeScan
	for _, s := range spans {
		var run *span
		for n := s.lo; n <= s.hi && budget > 0; n, budget = n+1, budget-1 {
			if !strings.Contains(s.format(n), term) {
				run = nil
				continue
			}
			if run == nil {
				out = append(out, span{s.width, n, n})
				run = &out[len(out)-1]
			} else {
				run.hi = n
			}
		}
	}
	return out
}

// sortRanges orders ranges by start or end text, as wazo does; without an
// order they stay by length then value.
func sortRanges(items []resources.Range, order string, desc bool) {
	if order == "" && !desc {
		return
	}
	key := func(r resources.Range) string { return r.Start }
	if order == "end" {
		key = func(r resources.Range) string { return r.End }
	}
	sort.SliceStable(items, func(i, j int) bool {
		if desc {
			return key(items[i]) > key(items[j])
		}
		return key(items[i]) < key(items[j])
	})
}

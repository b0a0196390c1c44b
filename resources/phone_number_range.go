package resources

import (
	"fmt"
	"math/big"
	"strings"
)

// MaxPhoneNumberRange is the largest range POST /phone-numbers/ranges accepts.
const MaxPhoneNumberRange = 10000

// PhoneNumberRangeSchema validates the body of POST /phone-numbers/ranges:
// both ends are phone numbers of the same form (with or without "+") and
// length, start <= end, and the range holds at most MaxPhoneNumberRange
// numbers, both ends included.
var PhoneNumberRangeSchema = &Schema{
	Fields: []Field{
		phoneNumberField("start_number").Req(),
		phoneNumberField("end_number").Req(),
	},
	Checks: []func(map[string]any) string{checkPhoneNumberRange},
}

func checkPhoneNumberRange(m map[string]any) string {
	start, _ := m["start_number"].(string)
	end, _ := m["end_number"].(string)
	switch {
	case strings.HasPrefix(start, "+") != strings.HasPrefix(end, "+"):
		return "start and end phone numbers must both have a leading + or both have none"
	case len(start) != len(end):
		return "start and end phone numbers must have the same length"
	case start > end:
		return "start phone number must precede end phone number"
	}
	if n := rangeSize(start, end); n < 1 || n > MaxPhoneNumberRange {
		return fmt.Sprintf("range size must be between 1 and %d", MaxPhoneNumberRange)
	}
	return ""
}

// rangeSize is end - start + 1 for two numbers of the same form and length,
// capped above MaxPhoneNumberRange.
func rangeSize(start, end string) int64 {
	a, _ := new(big.Int).SetString(strings.TrimPrefix(start, "+"), 10)
	b, _ := new(big.Int).SetString(strings.TrimPrefix(end, "+"), 10)
	d := b.Sub(b, a)
	if !d.IsInt64() || d.Int64() >= MaxPhoneNumberRange {
		return MaxPhoneNumberRange + 1
	}
	return d.Int64() + 1
}

// CheckPhoneNumberRange validates a range as the body of POST
// /phone-numbers/ranges is validated.
func CheckPhoneNumberRange(start, end string) error {
	_, err := PhoneNumberRangeSchema.Load(map[string]any{"start_number": start, "end_number": end}, false)
	return err
}

// PhoneNumberRangeNumbers lists the numbers from start to end inclusive,
// keeping their form and length (leading "+" and zeros). The range must be
// valid (CheckPhoneNumberRange).
func PhoneNumberRangeNumbers(start, end string) []string {
	out := make([]string, 0, rangeSize(start, end))
	cur := []byte(start)
	for {
		out = append(out, string(cur))
		if string(cur) == end || len(out) > MaxPhoneNumberRange {
			return out
		}
		increment(cur)
	}
}

// increment adds one to the decimal digits of b, in place; a leading "+"
// is kept.
func increment(b []byte) {
	for i := len(b) - 1; i >= 0 && b[i] != '+'; i-- {
		if b[i] < '9' {
			b[i]++
			return
		}
		b[i] = '0'
	}
}

// PhoneNumberRef is a phone number as listed in a range's result.
type PhoneNumberRef struct {
	UUID string `json:"uuid"`
	// Number is for library callers; the API shows the uuid only.
	Number string `json:"-"`
}

// PhoneNumberRange is the result of creating a range of phone numbers:
// the numbers created, a link to every number of the range (created first,
// then those that existed), and the size of the range.
type PhoneNumberRange struct {
	Created []PhoneNumberRef `json:"created"`
	Links   []Link           `json:"links"`
	Total   int              `json:"total"`
}

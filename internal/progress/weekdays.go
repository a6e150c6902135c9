package progress

import (
	"fmt"
	"math/bits"
	"strings"
	"time"
)

// Weekdays is a set of days of the week: bit w is set when time.Weekday(w) is in the set.
type Weekdays uint8

// EveryDay is the set of all seven weekdays.
const EveryDay Weekdays = 1<<7 - 1

// WeekdaysOf returns the set holding the given days.
func WeekdaysOf(days ...time.Weekday) Weekdays {
	var ws Weekdays
	for _, d := range days {
		ws = ws.With(d)
	}
	return ws
}

// Has reports whether d is in the set.
func (ws Weekdays) Has(d time.Weekday) bool {
	return d >= time.Sunday && d <= time.Saturday && ws&(1<<d) != 0
}

// With returns the set with d added.
func (ws Weekdays) With(d time.Weekday) Weekdays {
	if d < time.Sunday || d > time.Saturday {
		return ws
	}
	return ws | 1<<d
}

// Len returns the number of days in the set.
func (ws Weekdays) Len() int {
	return bits.OnesCount8(uint8(ws & EveryDay))
}

// mondayFirst is the order people read a week in; String and the forms use it.
var mondayFirst = [7]time.Weekday{
	time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday,
}

// String lists the days Monday first, as "Mon,Wed,Fri"; ParseWeekdays reads it back.
func (ws Weekdays) String() string {
	var b strings.Builder
	for _, d := range mondayFirst {
		if ws.Has(d) {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(d.String()[:3])
		}
	}
	return b.String()
}

// ParseWeekdays reads day names (three letters or full, any case) separated by commas
// or spaces; "" is the empty set, left for Schedule.Validate to reject.
func ParseWeekdays(s string) (Weekdays, error) {
	var ws Weekdays
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		d, ok := weekdayNamed(f)
		if !ok {
			return 0, fmt.Errorf("unknown weekday %q", f)
		}
		ws = ws.With(d)
	}
	return ws, nil
}

func weekdayNamed(s string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := d.String()
		if strings.EqualFold(s, name) || strings.EqualFold(s, name[:3]) {
			return d, true
		}
	}
	return 0, false
}

// next returns the first date on or after d whose weekday is in the set, in
// constant time: the set is rotated so that bit 0 is d's weekday. The set must not be empty.
func (ws Weekdays) next(d Date) Date {
	m := uint16(ws & EveryDay)
	w := uint(d.Weekday())
	r := (m>>w | m<<(7-w)) & uint16(EveryDay)
	return d + Date(bits.TrailingZeros16(r))
}

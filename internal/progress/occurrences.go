package progress

import "fmt"

// Version is a schedule in force from From (inclusive) until the next version's From.
type Version struct {
	From     Date
	Schedule Schedule
}

// Span is a pause: From inclusive, To exclusive; To == NoDate means still paused.
type Span struct {
	From, To Date
}

// Contains reports whether d falls inside the pause.
func (s Span) Contains(d Date) bool {
	return d >= s.From && (s.To == NoDate || d < s.To)
}

// Plan is everything that decides when a promise is due: its schedule versions
// (renegotiations), pauses, and the date it was closed.
type Plan struct {
	Versions []Version // sorted by From; before the first From nothing is due
	Pauses   []Span    // any order, may overlap
	Closed   Date      // nothing is due on or after Closed; NoDate (not zero) while the promise is open
}

// Validate reports the first problem with p, or nil; Occurrences assumes a valid plan.
func (p Plan) Validate() error {
	if len(p.Versions) == 0 {
		return ErrNoVersions
	}
	for i, v := range p.Versions {
		if i > 0 && v.From < p.Versions[i-1].From {
			return ErrVersionsOrder
		}
		if err := v.Schedule.Validate(); err != nil {
			return fmt.Errorf("schedule from %s: %w", v.From, err)
		}
	}
	for _, s := range p.Pauses {
		if s.From == NoDate {
			return ErrPauseNoStart
		}
		if s.To != NoDate && s.To <= s.From {
			return ErrPauseEndsEarly
		}
	}
	return nil
}

// IsDue reports whether the promise is due on d.
func (p Plan) IsDue(d Date) bool {
	if p.Closed != NoDate && d >= p.Closed {
		return false
	}
	i := len(p.Versions) - 1
	for i >= 0 && p.Versions[i].From > d {
		i--
	}
	return i >= 0 && p.Versions[i].Schedule.Includes(d) && !p.paused(d)
}

// Occurrences returns the due dates in [from, to], ascending, in one allocation.
// It costs at most the number of occurrences plus a little per version and pause;
// it never walks the days of a one-off promise.
func (p Plan) Occurrences(from, to Date) []Date {
	n := 0
	for i := range p.Versions {
		if s, lo, hi, ok := p.window(i, from, to); ok {
			n += bound(s, lo, hi)
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Date, 0, n)
	for i := range p.Versions {
		s, lo, hi, ok := p.window(i, from, to)
		if !ok {
			continue
		}
		if s.Kind == KindOnce {
			if s.Due >= lo && s.Due <= hi && !p.paused(s.Due) {
				out = append(out, s.Due)
			}
			continue
		}
		out = p.appendUnpaused(out, s, lo, hi)
	}
	return out
}

// window clips [from, to] to the days version i can make due: its time in force,
// its schedule's start and end, and the closing date.
func (p Plan) window(i int, from, to Date) (s Schedule, lo, hi Date, ok bool) {
	v := p.Versions[i]
	s = v.Schedule
	lo, hi = max(from, v.From, s.Start), to
	if i+1 < len(p.Versions) {
		hi = min(hi, p.Versions[i+1].From-1)
	}
	if s.End != NoDate {
		hi = min(hi, s.End)
	}
	if p.Closed != NoDate {
		hi = min(hi, p.Closed-1)
	}
	return s, lo, hi, lo <= hi
}

// bound is an upper bound on the occurrences of s in [lo, hi], used to size the result once.
func bound(s Schedule, lo, hi Date) int {
	days := int(hi) - int(lo) + 1
	switch s.Kind {
	case KindOnce:
		if s.Due >= lo && s.Due <= hi {
			return 1
		}
		return 0
	case KindDaily:
		return days
	case KindWeekdays:
		k := s.Weekdays.Len()
		return days/7*k + min(days%7, k)
	}
	return 0
}

// appendUnpaused appends the occurrences of a repeating schedule in [lo, hi] (lo <= hi),
// jumping over pauses instead of testing every day against them.
func (p Plan) appendUnpaused(out []Date, s Schedule, lo, hi Date) []Date {
	d := lo
	for {
		if end, in := p.pausedUntil(d); in {
			if end == NoDate || end > hi {
				return out
			}
			d = end
			continue
		}
		segHi := hi
		if next := p.nextPause(d); next != NoDate && next-1 < segHi {
			segHi = next - 1
		}
		out = appendSchedule(out, s, d, segHi)
		if segHi == hi {
			return out
		}
		d = segHi + 1
	}
}

// appendSchedule appends every day of [lo, hi] that a daily or weekdays schedule includes.
func appendSchedule(out []Date, s Schedule, lo, hi Date) []Date {
	switch s.Kind {
	case KindDaily:
		for d := lo; d <= hi; d++ {
			out = append(out, d)
		}
	case KindWeekdays:
		if s.Weekdays&EveryDay == 0 {
			return out
		}
		for d := s.Weekdays.next(lo); d <= hi; d = s.Weekdays.next(d + 1) {
			out = append(out, d)
		}
	}
	return out
}

func (p Plan) paused(d Date) bool {
	for _, s := range p.Pauses {
		if s.Contains(d) {
			return true
		}
	}
	return false
}

// pausedUntil reports whether d is paused and, if so, the first day after the
// pauses containing it (NoDate when one of them is still open).
func (p Plan) pausedUntil(d Date) (Date, bool) {
	in := false
	var end Date
	for _, s := range p.Pauses {
		if !s.Contains(d) {
			continue
		}
		if s.To == NoDate {
			return NoDate, true
		}
		if !in || s.To > end {
			end = s.To
		}
		in = true
	}
	return end, in
}

// nextPause returns the earliest pause start after d, or NoDate.
func (p Plan) nextPause(d Date) Date {
	next := NoDate
	for _, s := range p.Pauses {
		if s.From > d && (next == NoDate || s.From < next) {
			next = s.From
		}
	}
	return next
}

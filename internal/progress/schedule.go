package progress

import (
	"errors"
	"fmt"
)

// Kind says how a promise repeats.
type Kind string

// The kinds of schedule a promise can have.
const (
	KindOnce     Kind = "once"     // due on one date
	KindDaily    Kind = "daily"    // due every day
	KindWeekdays Kind = "weekdays" // due on chosen days of the week
)

// Schedule says on which days a promise is due, before pauses and closing are applied.
type Schedule struct {
	Kind     Kind
	Due      Date     // the one due date, for KindOnce
	Weekdays Weekdays // the chosen days, for KindWeekdays
	Start    Date     // first day that can be due
	End      Date     // last day that can be due, inclusive; NoDate when open-ended
}

// Errors from Schedule.Validate and Plan.Validate, worded for a form; test them with errors.Is.
var (
	ErrUnknownKind    = errors.New("unknown kind of schedule")
	ErrNoStart        = errors.New("the schedule needs a start date")
	ErrNoWeekdays     = errors.New("choose at least one day of the week")
	ErrEndBeforeStart = errors.New("the end date is before the start date")
	ErrNoDue          = errors.New("a one-off promise needs a due date")
	ErrDueBeforeStart = errors.New("the due date is before the start date")
	ErrDueAfterEnd    = errors.New("the due date is after the end date")
	ErrNoVersions     = errors.New("a promise needs a schedule")
	ErrVersionsOrder  = errors.New("schedule versions must be in date order")
	ErrPauseNoStart   = errors.New("a pause needs a start date")
	ErrPauseEndsEarly = errors.New("a pause must end after it starts")
)

// Validate reports the first problem with s, or nil.
func (s Schedule) Validate() error {
	switch s.Kind {
	case KindOnce, KindDaily, KindWeekdays:
	default:
		return fmt.Errorf("%w %q", ErrUnknownKind, s.Kind)
	}
	if s.Start == NoDate {
		return ErrNoStart
	}
	if s.End != NoDate && s.End < s.Start {
		return ErrEndBeforeStart
	}
	switch s.Kind {
	case KindOnce:
		switch {
		case s.Due == NoDate:
			return ErrNoDue
		case s.Due < s.Start:
			return ErrDueBeforeStart
		case s.End != NoDate && s.Due > s.End:
			return ErrDueAfterEnd
		}
	case KindWeekdays:
		if s.Weekdays&EveryDay == 0 {
			return ErrNoWeekdays
		}
	}
	return nil
}

// Includes reports whether the schedule alone makes d due.
func (s Schedule) Includes(d Date) bool {
	if d < s.Start || (s.End != NoDate && d > s.End) {
		return false
	}
	switch s.Kind {
	case KindOnce:
		return d == s.Due
	case KindDaily:
		return true
	case KindWeekdays:
		return s.Weekdays.Has(d.Weekday())
	}
	return false
}

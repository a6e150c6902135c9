package progress

import (
	"errors"
	"testing"
	"time"
)

func TestScheduleValidate(t *testing.T) {
	mwf := WeekdaysOf(time.Monday, time.Wednesday, time.Friday)
	tests := []struct {
		name string
		s    Schedule
		want error // nil for valid
	}{
		{"once", Schedule{Kind: KindOnce, Due: jan(10), Start: jan(1), End: NoDate}, nil},
		{"once due on start", Schedule{Kind: KindOnce, Due: jan(1), Start: jan(1), End: NoDate}, nil},
		{"once due on end", Schedule{Kind: KindOnce, Due: jan(9), Start: jan(1), End: jan(9)}, nil},
		{"daily open", Schedule{Kind: KindDaily, Start: jan(1), End: NoDate}, nil},
		{"daily one day", Schedule{Kind: KindDaily, Start: jan(1), End: jan(1)}, nil},
		{"weekdays", Schedule{Kind: KindWeekdays, Weekdays: mwf, Start: jan(1), End: NoDate}, nil},
		{"unknown kind", Schedule{Kind: "monthly", Start: jan(1), End: NoDate}, ErrUnknownKind},
		{"empty kind", Schedule{Start: jan(1), End: NoDate}, ErrUnknownKind},
		{"no start", Schedule{Kind: KindDaily, Start: NoDate, End: NoDate}, ErrNoStart},
		{"end before start", Schedule{Kind: KindDaily, Start: jan(5), End: jan(4)}, ErrEndBeforeStart},
		{"weekdays without days", Schedule{Kind: KindWeekdays, Start: jan(1), End: NoDate}, ErrNoWeekdays},
		{"weekdays with only a stray bit", Schedule{Kind: KindWeekdays, Weekdays: 1 << 7, Start: jan(1), End: NoDate}, ErrNoWeekdays},
		{"once without due", Schedule{Kind: KindOnce, Due: NoDate, Start: jan(1), End: NoDate}, ErrNoDue},
		{"once due before start", Schedule{Kind: KindOnce, Due: jan(1), Start: jan(2), End: NoDate}, ErrDueBeforeStart},
		{"once due after end", Schedule{Kind: KindOnce, Due: jan(10), Start: jan(1), End: jan(9)}, ErrDueAfterEnd},
	}
	for _, tt := range tests {
		err := tt.s.Validate()
		if (tt.want == nil) != (err == nil) || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: Validate() = %v, want %v", tt.name, err, tt.want)
		}
	}
	if err := (Schedule{Kind: "monthly", Start: 0, End: NoDate}).Validate(); err == nil || err.Error() != `unknown kind of schedule "monthly"` {
		t.Errorf("unknown kind message = %v", err)
	}
}

func TestScheduleIncludes(t *testing.T) {
	once := Schedule{Kind: KindOnce, Due: jan(10), Start: jan(1), End: NoDate}
	daily := Schedule{Kind: KindDaily, Start: jan(3), End: jan(6)}
	mon := Schedule{Kind: KindWeekdays, Weekdays: WeekdaysOf(time.Monday), Start: jan(6), End: NoDate}
	tests := []struct {
		name string
		s    Schedule
		d    Date
		want bool
	}{
		{"once on due", once, jan(10), true},
		{"once day before", once, jan(9), false},
		{"once day after", once, jan(11), false},
		{"daily before start", daily, jan(2), false},
		{"daily on start", daily, jan(3), true},
		{"daily on end", daily, jan(6), true},
		{"daily after end", daily, jan(7), false},
		{"monday before start", mon, jan(5), false},
		{"monday after start", mon, jan(12), true},
		{"tuesday", mon, jan(13), false},
		{"unknown kind", Schedule{Kind: "x", Start: 0, End: NoDate}, jan(1), false},
	}
	for _, tt := range tests {
		if got := tt.s.Includes(tt.d); got != tt.want {
			t.Errorf("%s: Includes(%s) = %v, want %v", tt.name, tt.d, got, tt.want)
		}
	}
}

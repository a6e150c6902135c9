package progress

import (
	"testing"
	"time"
)

func TestWeekdaysString(t *testing.T) {
	tests := []struct {
		ws   Weekdays
		want string
	}{
		{0, ""},
		{EveryDay, "Mon,Tue,Wed,Thu,Fri,Sat,Sun"},
		{WeekdaysOf(time.Friday, time.Monday, time.Wednesday), "Mon,Wed,Fri"},
		{WeekdaysOf(time.Sunday), "Sun"},
		{WeekdaysOf(time.Sunday, time.Saturday), "Sat,Sun"},
		{1 << 7, ""}, // a stray high bit is no day
	}
	for _, tt := range tests {
		if got := tt.ws.String(); got != tt.want {
			t.Errorf("Weekdays(%#x).String() = %q, want %q", uint8(tt.ws), got, tt.want)
		}
	}
}

func TestParseWeekdays(t *testing.T) {
	tests := []struct {
		in      string
		want    Weekdays
		wantErr bool
	}{
		{"Mon,Wed,Fri", 0b0101010, false},
		{"monday wednesday", 0b0001010, false},
		{"SUN", 0b0000001, false},
		{"mon, tue", 0b0000110, false},
		{"Sat,Sun,Mon,Tue,Wed,Thu,Fri", EveryDay, false},
		{"Mon,Mon", 0b0000010, false},
		{"", 0, false},
		{"Mo", 0, true},
		{"Funday", 0, true},
		{"Mon;Tue", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseWeekdays(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseWeekdays(%q) = %07b, %v; want %07b, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestWeekdaysSet(t *testing.T) {
	ws := WeekdaysOf(time.Tuesday, time.Thursday, 9) // 9 is no weekday and is dropped
	tests := []struct {
		d    time.Weekday
		want bool
	}{
		{time.Sunday, false}, {time.Monday, false}, {time.Tuesday, true}, {time.Wednesday, false},
		{time.Thursday, true}, {time.Friday, false}, {time.Saturday, false}, {-1, false}, {7, false},
	}
	for _, tt := range tests {
		if got := ws.Has(tt.d); got != tt.want {
			t.Errorf("Has(%d) = %v, want %v", tt.d, got, tt.want)
		}
	}
	if ws.Len() != 2 || EveryDay.Len() != 7 || Weekdays(0).Len() != 0 {
		t.Errorf("Len: got %d, %d, %d; want 2, 7, 0", ws.Len(), EveryDay.Len(), Weekdays(0).Len())
	}
	if got := ws.With(-1); got != ws {
		t.Errorf("With(-1) changed the set to %07b", got)
	}
}

func TestWeekdaysNext(t *testing.T) {
	tests := []struct {
		ws   Weekdays
		from string
		want string
	}{
		{WeekdaysOf(time.Monday), "2026-01-01", "2026-01-05"},    // Thu -> Mon
		{WeekdaysOf(time.Monday), "2026-01-05", "2026-01-05"},    // already Monday
		{WeekdaysOf(time.Monday), "2026-01-06", "2026-01-12"},    // Tue -> next Mon
		{WeekdaysOf(time.Sunday), "2026-01-04", "2026-01-04"},    // Sunday is bit 0
		{WeekdaysOf(time.Sunday), "2026-01-03", "2026-01-04"},    // Sat -> Sun wraps the bits
		{WeekdaysOf(time.Saturday), "2026-01-04", "2026-01-10"},  // Sun -> Sat, six days on
		{WeekdaysOf(time.Wednesday), "2026-01-08", "2026-01-14"}, // Thu -> Wed
		{WeekdaysOf(time.Friday, time.Monday), "2026-01-03", "2026-01-05"},
		{EveryDay, "1969-12-31", "1969-12-31"},
	}
	for _, tt := range tests {
		if got := tt.ws.next(day(tt.from)); got.String() != tt.want {
			t.Errorf("%v.next(%s) = %s, want %s", tt.ws, tt.from, got, tt.want)
		}
	}
}

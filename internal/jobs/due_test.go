package jobs

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"mend/internal/store"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// walk calls DueAt every minute from from to to (UTC) and lists, for each
// reminder key, the local time it first became due, as a scheduler ticking
// each minute would send it.
func walk(r store.ReminderSettings, loc *time.Location, from, to time.Time) []string {
	seen := map[string]bool{}
	var out []string
	for now := from; now.Before(to); now = now.Add(time.Minute) {
		for _, d := range DueAt(&r, loc, now, DefaultGrace) {
			key := d.Kind + " " + d.Date.String()
			if !seen[key] {
				seen[key] = true
				out = append(out, key+" "+now.In(loc).Format("15:04 MST"))
			}
		}
	}
	return out
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDueAt walks whole days minute by minute, in several zones and across
// daylight-saving changes, and checks each reminder is due once, at its
// local hour (or after the quiet hours), on the right local date.
func TestDueAt(t *testing.T) {
	summary := func(h int) store.ReminderSettings {
		r := store.DefaultReminders("u")
		r.SummaryOn, r.SummaryHour = true, h
		return r
	}
	checkin := func(h int, days string) store.ReminderSettings {
		r := store.DefaultReminders("u")
		r.CheckinOn, r.CheckinHour = true, h
		for _, d := range days {
			r.CheckinDays |= 1 << int(d-'0')
		}
		return r
	}
	withQuiet := func(r store.ReminderSettings, from, to int) store.ReminderSettings {
		r.QuietOn, r.QuietFrom, r.QuietTo = true, from, to
		return r
	}
	for _, tc := range []struct {
		name     string
		r        store.ReminderSettings
		zone     string
		from, to string // UTC
		want     []string
	}{
		{"UTC summary", summary(8), "UTC", "2026-03-10 00:00", "2026-03-12 00:00",
			[]string{"summary 2026-03-10 08:00 UTC", "summary 2026-03-11 08:00 UTC"}},
		{"Berlin, summer time begins (29 March)", summary(8), "Europe/Berlin", "2026-03-28 00:00", "2026-03-31 00:00",
			[]string{"summary 2026-03-28 08:00 CET", "summary 2026-03-29 08:00 CEST", "summary 2026-03-30 08:00 CEST"}},
		{"Berlin, an hour that does not exist on 29 March", summary(2), "Europe/Berlin", "2026-03-28 00:00", "2026-03-30 12:00",
			[]string{"summary 2026-03-28 02:00 CET", "summary 2026-03-29 03:00 CEST", "summary 2026-03-30 02:00 CEST"}},
		{"Berlin, an hour that happens twice on 25 October", summary(2), "Europe/Berlin", "2026-10-24 00:00", "2026-10-26 12:00",
			[]string{"summary 2026-10-24 02:00 CEST", "summary 2026-10-25 02:00 CEST", "summary 2026-10-26 02:00 CET"}},
		{"New York check-in on Sundays, across 8 March", checkin(20, "0"), "America/New_York", "2026-03-01 00:00", "2026-03-16 12:00",
			[]string{"checkin 2026-03-01 20:00 EST", "checkin 2026-03-08 20:00 EDT", "checkin 2026-03-15 20:00 EDT"}},
		{"New York summary across 1 November", summary(7), "America/New_York", "2026-10-31 00:00", "2026-11-03 00:00",
			[]string{"summary 2026-10-31 07:00 EDT", "summary 2026-11-01 07:00 EST", "summary 2026-11-02 07:00 EST"}},
		{"Tokyo check-in Mon and Thu", checkin(21, "14"), "Asia/Tokyo", "2026-03-08 15:00", "2026-03-15 15:00",
			[]string{"checkin 2026-03-09 21:00 JST", "checkin 2026-03-12 21:00 JST"}},
		{"a late check-in runs past midnight", checkin(23, "2"), "UTC", "2026-03-10 00:00", "2026-03-12 00:00",
			[]string{"checkin 2026-03-10 23:00 UTC"}},
		{"quiet hours move the summary to their end", withQuiet(summary(6), 22, 7), "Europe/Berlin", "2026-03-10 00:00", "2026-03-11 00:00",
			[]string{"summary 2026-03-10 07:00 CET"}},
		{"quiet hours in the afternoon", withQuiet(checkin(14, "2"), 13, 15), "UTC", "2026-03-10 00:00", "2026-03-11 00:00",
			[]string{"checkin 2026-03-10 15:00 UTC"}},
		{"quiet until tomorrow drops the reminder", withQuiet(checkin(23, "2"), 22, 7), "UTC", "2026-03-10 00:00", "2026-03-12 00:00",
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := walk(tc.r, zone(t, tc.zone), utc(tc.from), utc(tc.to))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestDueAtGrace: a reminder is due from its hour for the grace period, not
// before, not after; quiet hours hold late ones back.
func TestDueAtGrace(t *testing.T) {
	r := store.DefaultReminders("u")
	r.SummaryOn, r.SummaryHour, r.CheckinOn, r.CheckinHour, r.CheckinDays = true, 8, true, 21, 1<<2
	for _, tc := range []struct {
		now  string
		want int
	}{
		{"2026-03-10 07:59", 0}, {"2026-03-10 08:00", 1}, {"2026-03-10 09:59", 1}, {"2026-03-10 10:00", 0},
		{"2026-03-10 21:00", 1}, {"2026-03-10 22:30", 1}, {"2026-03-10 23:00", 0},
	} {
		if got := len(DueAt(&r, time.UTC, utc(tc.now), DefaultGrace)); got != tc.want {
			t.Errorf("%s: %d due, want %d", tc.now, got, tc.want)
		}
	}
	r.QuietOn, r.QuietFrom, r.QuietTo = true, 22, 7
	if got := DueAt(&r, time.UTC, utc("2026-03-10 22:30"), DefaultGrace); len(got) != 0 {
		t.Errorf("a late check-in in quiet hours: %v", got)
	}
}

// BenchmarkDueAt computes the reminders of 10,000 members, in twelve zones,
// at one instant: what each pass of the scheduler computes.
func BenchmarkDueAt(b *testing.B) {
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "America/Los_Angeles",
		"Europe/London", "Asia/Kolkata", "America/Sao_Paulo", "Africa/Nairobi", "Pacific/Auckland", "Asia/Singapore"}
	const members = 10000
	type member struct {
		r   store.ReminderSettings
		loc *time.Location
	}
	ms := make([]member, members)
	for i := range ms {
		r := store.DefaultReminders(fmt.Sprint(i))
		r.SummaryOn, r.SummaryHour = true, i%24
		r.CheckinOn, r.CheckinHour, r.CheckinDays = i%2 == 0, (i*7)%24, 0x7f
		r.QuietOn, r.QuietFrom, r.QuietTo = i%3 == 0, 22, 7
		ms[i] = member{r, zone(b, zones[i%len(zones)])}
	}
	now := utc("2026-03-29 06:30")
	due := 0
	for b.Loop() {
		for i := range ms {
			due += len(DueAt(&ms[i].r, ms[i].loc, now, DefaultGrace))
		}
	}
	b.ReportMetric(float64(members*b.N)/b.Elapsed().Seconds(), "members/s")
	if due == 0 {
		b.Fatal("nothing due")
	}
}

package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// TestDashboardChartsFromTotals: over months of check-ins, where the charts
// read weekly totals kept at write time, each week of both feelings charts
// equals the average of the check-ins themselves: the viewer's own with the
// private ones, the partner's shared ones alone, the 90-day window cutting
// its first week, and a partner east of here already living tomorrow left
// out of this week until it is the viewer's day too.
func TestDashboardChartsFromTotals(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	seedCouple(t, e, a, b, 200, 0, 2)
	b.setZone("Pacific/Auckland") // already 11 March there
	b.checkin("safe", "10", "trust", "10", "connected", "10")
	a.checkin("safe", "0", "trust", "1", "connected", "2", "private", "1")
	aID, space := idsOf(t, e, a)
	bID, _ := idsOf(t, e, b)
	var cis []store.Checkin
	if err := e.db.Where("space_id = ?", space).Find(&cis).Error; err != nil {
		t.Fatal(err)
	}
	today := progress.Today(e.clock.Now(), time.UTC)
	from := today.AddDays(-89)
	// want is the chart table of author's check-ins as viewer sees them.
	want := func(viewer, author string) map[string]string {
		type sum struct{ n, s, tr, c int }
		weeks := map[progress.Date]*sum{}
		for _, ci := range cis {
			d, _ := progress.ParseDate(ci.Date)
			if ci.AuthorID != author || d < from || d > today || (ci.Private && viewer != author) {
				continue
			}
			w := d.WeekStart(time.Monday)
			if weeks[w] == nil {
				weeks[w] = &sum{}
			}
			x := weeks[w]
			x.n, x.s, x.tr, x.c = x.n+1, x.s+ci.Safe, x.tr+ci.Trust, x.c+ci.Connected
		}
		out := map[string]string{}
		for w := from.WeekStart(time.Monday); w <= today; w = w.AddDays(7) {
			label := w.Time(time.UTC).Format("2 Jan")
			x := weeks[w]
			if x == nil {
				out[label] = "– – –"
				continue
			}
			avg := func(v int) string { return strconv.FormatFloat(float64(v)/float64(x.n), 'f', 1, 64) }
			out[label] = avg(x.s) + " " + avg(x.tr) + " " + avg(x.c)
		}
		return out
	}
	check := func(u *user, chart, viewer, author string) {
		t.Helper()
		got := chartTable(figure(t, u.open("/").Body, chart))
		exp := want(viewer, author)
		if len(got) != len(exp) {
			t.Fatalf("%s's %s: %d weeks, want %d", u.Name, chart, len(got), len(exp))
		}
		for label, w := range exp {
			if g := strings.Join(got[label], " "); g != w {
				t.Errorf("%s's %s, week of %s: %q, want %q", u.Name, chart, label, g, w)
			}
		}
	}
	check(a, "feel-you", aID, aID)
	check(a, "feel-partner", aID, bID)
	check(b, "feel-partner", bID, aID)
}

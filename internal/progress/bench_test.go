package progress

import (
	"math/rand/v2"
	"testing"
	"time"
)

// yearOfPromises builds 20 promises with mixed schedules and a year of records
// each: about 80% kept (most confirmed, some disputed), the rest missed or never recorded.
func yearOfPromises() ([]Plan, [][]Record) {
	start, end := day("2026-01-01"), day("2026-12-31")
	rng := rand.New(rand.NewPCG(1, 2))
	var plans []Plan
	for i := 0; i < 20; i++ {
		var p Plan
		switch i % 5 {
		case 0:
			p = plan(daily(start, NoDate))
		case 1:
			p = plan(weekly(mwf, start, NoDate))
		case 2:
			p = plan(weekly(WeekdaysOf(time.Tuesday, time.Saturday), start, NoDate))
		case 3:
			p = plan(once(start.AddDays(30*i), start))
		case 4:
			p = plan(weekly(EveryDay, start, end))
		}
		plans = append(plans, p)
	}
	plans[5] = plan(daily(start, NoDate), weekly(tueThu, day("2026-06-01"), NoDate)) // renegotiated
	plans[10] = plan(daily(start, NoDate)).withPauses(Span{day("2026-04-10"), day("2026-05-20")})

	records := make([][]Record, len(plans))
	for i, p := range plans {
		for _, d := range p.Occurrences(start, end) {
			r := Record{Date: d}
			switch x := rng.IntN(100); {
			case x < 55:
				r.Outcome, r.Review = Kept, Confirmed
			case x < 75:
				r.Outcome = Kept
			case x < 80:
				r.Outcome, r.Review = Kept, Disputed
			case x < 90:
				r.Outcome = Missed
			default:
				continue // never recorded
			}
			records[i] = append(records[i], r)
		}
	}
	return plans, records
}

func BenchmarkYearOfPromises(b *testing.B) {
	plans, records := yearOfPromises()
	start, end := day("2026-01-01"), day("2026-12-31")
	var total Tally
	b.ReportAllocs()
	for b.Loop() {
		total = Tally{}
		for i, p := range plans {
			occ := p.Occurrences(start, end)
			r := Summarize(p, records[i], end)
			total = Combine(total, r.SinceStart)
			if len(occ) < r.SinceStart.Due {
				b.Fatal("more counted than due")
			}
		}
	}
	if total.Due == 0 {
		b.Fatal("nothing counted")
	}
}

package progress

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestSummarizeFromMatchesSummarize: for random plans (daily, chosen
// weekdays, renegotiated, paused, closed) and random records on their due
// dates, the rates from the records of the last days and the counts of the
// earlier ones are those from every record; and whenever SummarizeFrom
// says its run is complete, the run is the same too. Loading earlier days
// as it asks always ends with a complete answer.
func TestSummarizeFromMatchesSummarize(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 19))
	today := jan(1).AddDays(800)
	complete := 0
	for i := range 3000 {
		// Most days kept and confirmed: runs long enough to reach back.
		p, start, records := summarizeCases.draw(rng, today)
		want := Summarize(p, records, today)
		total := CountOf(records)
		from := today.AddDays(-35)
		for step := 0; ; step++ {
			j := 0
			for j < len(records) && records[j].Date < from {
				j++
			}
			got, ok := SummarizeFrom(p, total.Minus(CountOf(records[j:])), records[j:], from, today, NoDate)
			if got.SinceStart != want.SinceStart || got.Last4Weeks != want.Last4Weeks {
				t.Fatalf("case %d from %s: got %+v, want %+v", i, from, got, want)
			}
			if ok {
				if got.Run != want.Run {
					t.Fatalf("case %d from %s: run %d, want %d", i, from, got.Run, want.Run)
				}
				if step > 0 {
					complete++
				}
				break
			}
			if from <= start {
				t.Fatalf("case %d: incomplete with everything loaded", i)
			}
			from = from.AddDays(-120)
		}
	}
	if complete == 0 {
		t.Fatal("no case needed earlier records: the test does not reach the run's extension")
	}
}

// TestRunsDecideTheRun: for random plans and records (as above), the run
// each record's Runs gives is the run Run counts from every record up to
// it; a run that reaches back past the records of the last days, given
// where the run of the record before them began, is the whole run; and
// Runs continued from any record gives what Runs from the start gives.
func TestRunsDecideTheRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 23))
	today := jan(1).AddDays(800)
	reached := 0
	for i := range 2000 {
		p, start, records := runCases.draw(rng, today)
		due := p.Occurrences(start, today)
		runs := Runs(p, NoDate, NoDate, records)
		for k, r := range records {
			want := Run(due, records[:k+1], r.Date.AddDays(1))
			got := 0
			if runs[k] != NoDate {
				got = len(p.Occurrences(runs[k], r.Date))
			}
			if got != want {
				t.Fatalf("case %d, record %s: run from %s is %d days, want %d", i, r.Date, runs[k], got, want)
			}
		}
		if k := rng.IntN(len(records) + 1); k > 0 && k < len(records) {
			if again := Runs(p, records[k-1].Date, runs[k-1], records[k:]); !slices.Equal(again, runs[k:]) {
				t.Fatalf("case %d: runs continued from %s differ", i, records[k-1].Date)
			}
		}
		from := today.AddDays(-35)
		j := 0
		for j < len(records) && records[j].Date < from {
			j++
		}
		runFrom := from
		if before := p.DueBefore(from); j > 0 && records[j-1].Date == before && runs[j-1] != NoDate {
			runFrom = runs[j-1]
		}
		want := Summarize(p, records, today)
		total := CountOf(records)
		got, ok := SummarizeFrom(p, total.Minus(CountOf(records[j:])), records[j:], from, today, runFrom)
		if !ok || got != want {
			t.Fatalf("case %d: got %+v (complete %v), want %+v", i, got, ok, want)
		}
		if _, ok := SummarizeFrom(p, total.Minus(CountOf(records[j:])), records[j:], from, today, NoDate); !ok {
			reached++
		}
	}
	if reached < 100 {
		t.Fatalf("only %d runs reached back past the days loaded", reached)
	}
}

// TestKeptPerWeekFromMatchesKeptPerWeek: the weekly bars from the counts of
// earlier weeks and the occurrences of the last days are those from every
// occurrence, for random plans and records.
func TestKeptPerWeekFromMatchesKeptPerWeek(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	today := jan(1).AddDays(400)
	for i := range 2000 {
		start := today.AddDays(-rng.IntN(150) - 1)
		p := Plan{Versions: []Version{{From: start, Schedule: Schedule{Kind: KindDaily, Start: start, End: NoDate}}}, Closed: NoDate}
		if rng.IntN(2) == 0 {
			p.Versions[0].Schedule = Schedule{Kind: KindWeekdays, Weekdays: WeekdaysOf(time.Tuesday, time.Sunday), Start: start, End: NoDate}
		}
		if rng.IntN(3) == 0 {
			from := start.AddDays(rng.IntN(int(today-start) + 1))
			p.Pauses = []Span{{From: from, To: from.AddDays(rng.IntN(20) + 1)}}
		}
		var records []Record
		for _, d := range p.Occurrences(start, today) {
			switch x := rng.Float64(); {
			case x < 0.2:
			case x < 0.35:
				records = append(records, Record{Date: d, Outcome: Missed})
			case x < 0.45:
				records = append(records, Record{Date: d, Outcome: Kept, Review: Disputed})
			case x < 0.7:
				records = append(records, Record{Date: d, Outcome: Kept})
			default:
				records = append(records, Record{Date: d, Outcome: Kept, Review: Confirmed})
			}
		}
		from := today.WeekStart(time.Monday).AddDays(-7 * 11)
		known := today.AddDays(-rng.IntN(20)).WeekStart(time.Monday)
		want := KeptPerWeek(Join(p.Occurrences(from, today.AddDays(1)), records), from, today, time.Monday, today)
		earlier := map[Date]Counts{}
		var recent []Record
		for _, r := range records {
			if r.Date < known {
				w := r.Date.WeekStart(time.Monday)
				earlier[w] = earlier[w].Plus(CountOf([]Record{r}))
			} else {
				recent = append(recent, r)
			}
		}
		got := KeptPerWeekFrom(p, earlier, Join(p.Occurrences(known, today.AddDays(1)), recent), known, from, today, time.Monday, today)
		if len(got) != len(want) {
			t.Fatalf("case %d: %d weeks, want %d", i, len(got), len(want))
		}
		for j := range want {
			if got[j] != want[j] {
				t.Fatalf("case %d week %d (known from %s): %+v, want %+v", i, j, known, got[j], want[j])
			}
		}
	}
}

// cases draws random histories for the tests of rates from part of the
// records: a plan begun up to 700 days before today (daily or on weekdays,
// perhaps renegotiated, paused and, with closing, closed) and records on
// its due dates, each missed or left unrecorded at a rate of misses,
// disputed at disputed, kept and unreviewed below unreviewed, or else
// confirmed.
type cases struct {
	weekdays             Weekdays
	closing              bool
	misses               []float64
	disputed, unreviewed float64
}

var (
	summarizeCases = cases{WeekdaysOf(time.Monday, time.Thursday, time.Saturday), true, []float64{0.0, 0.002, 0.05, 0.3}, 0.01, 0.5}
	runCases       = cases{WeekdaysOf(time.Tuesday, time.Friday), false, []float64{0.0, 0.002, 0.02, 0.3}, 0.005, 0}
)

func (c cases) draw(rng *rand.Rand, today Date) (Plan, Date, []Record) {
	start := today.AddDays(-rng.IntN(700) - 1)
	p := Plan{Versions: []Version{{From: start, Schedule: Schedule{Kind: KindDaily, Start: start, End: NoDate}}}, Closed: NoDate}
	if rng.IntN(2) == 0 {
		p.Versions[0].Schedule = Schedule{Kind: KindWeekdays, Weekdays: c.weekdays, Start: start, End: NoDate}
	}
	if rng.IntN(3) == 0 { // renegotiated
		from := start.AddDays(rng.IntN(int(today-start) + 1))
		p.Versions = append(p.Versions, Version{From: from, Schedule: Schedule{Kind: KindDaily, Start: from, End: NoDate}})
	}
	if rng.IntN(3) == 0 {
		from := start.AddDays(rng.IntN(int(today-start) + 1))
		p.Pauses = []Span{{From: from, To: from.AddDays(rng.IntN(40) + 1)}}
	}
	if c.closing && rng.IntN(5) == 0 {
		p.Closed = start.AddDays(rng.IntN(int(today-start) + 2))
	}
	miss := c.misses[rng.IntN(len(c.misses))]
	var records []Record
	for _, d := range p.Occurrences(start, today) {
		switch x := rng.Float64(); {
		case x < miss:
			records = append(records, Record{Date: d, Outcome: Missed})
		case x < miss*2:
			// not recorded
		case x < miss*2+c.disputed:
			records = append(records, Record{Date: d, Outcome: Kept, Review: Disputed})
		case x < c.unreviewed:
			records = append(records, Record{Date: d, Outcome: Kept})
		default:
			records = append(records, Record{Date: d, Outcome: Kept, Review: Confirmed})
		}
	}
	return p, start, records
}

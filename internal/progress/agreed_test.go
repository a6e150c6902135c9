package progress

import (
	"reflect"
	"testing"
)

func TestInForce(t *testing.T) {
	d := daily(jan(1), NoDate)
	w := weekly(mwf, jan(1), NoDate)
	v := func(from Date, s Schedule) Version { return Version{From: from, Schedule: s} }
	tests := []struct {
		name     string
		agreed   []Version
		want     []Version
		replaced []bool
	}{
		{"none", nil, []Version{}, []bool{}},
		{"one", []Version{v(jan(1), d)}, []Version{v(jan(1), d)}, []bool{false}},
		{"renegotiated later", []Version{v(jan(1), d), v(jan(10), w)}, []Version{v(jan(1), d), v(jan(10), w)}, []bool{false, false}},
		{"renegotiated the same day replaces", []Version{v(jan(1), d), v(jan(1), w)}, []Version{v(jan(1), w)}, []bool{true, false}},
		{
			"a planned change renegotiated before it starts",
			[]Version{v(jan(1), d), v(jan(20), w), v(jan(12), d)},
			[]Version{v(jan(1), d), v(jan(12), d)},
			[]bool{false, true, false},
		},
		{
			"a later plan after a planned change keeps both",
			[]Version{v(jan(1), d), v(jan(12), w), v(jan(20), d)},
			[]Version{v(jan(1), d), v(jan(12), w), v(jan(20), d)},
			[]bool{false, false, false},
		},
		{
			"one change replaces several planned ones",
			[]Version{v(jan(1), d), v(jan(15), w), v(jan(20), d), v(jan(14), w)},
			[]Version{v(jan(1), d), v(jan(14), w)},
			[]bool{false, true, true, false},
		},
	}
	for _, tt := range tests {
		got, replaced := InForce(tt.agreed)
		if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(replaced, tt.replaced) {
			t.Errorf("%s: InForce = %v %v, want %v %v", tt.name, got, replaced, tt.want, tt.replaced)
		}
		if err := (Plan{Versions: got, Closed: NoDate}).Validate(); len(got) > 0 && err != nil {
			t.Errorf("%s: the versions in force do not make a valid plan: %v", tt.name, err)
		}
	}
	t.Logf("%d in-force cases", len(tests))
}

func TestVersionOn(t *testing.T) {
	vs := []Version{{From: jan(5)}, {From: jan(10)}, {From: jan(20)}}
	tests := []struct {
		versions []Version
		d        Date
		want     int
	}{
		{nil, jan(1), -1},
		{vs, jan(1), 0}, // before the first: the first
		{vs, jan(5), 0},
		{vs, jan(9), 0},
		{vs, jan(10), 1},
		{vs, jan(19), 1},
		{vs, jan(20), 2},
		{vs, jan(40), 2},
	}
	for _, tt := range tests {
		if got := VersionOn(tt.versions, tt.d); got != tt.want {
			t.Errorf("VersionOn(%d versions, %s) = %d, want %d", len(tt.versions), tt.d, got, tt.want)
		}
	}
}

func TestRunAcross(t *testing.T) {
	today := jan(10)
	o := func(d Date, out Outcome, r Review) Occurrence { return Occurrence{Date: d, Outcome: out, Review: r} }
	kept := func(d Date) Occurrence { return o(d, Kept, Unreviewed) }
	tests := []struct {
		name  string
		lists [][]Occurrence
		want  int
	}{
		{"nothing", nil, 0},
		{"one promise, like Run", [][]Occurrence{{kept(jan(7)), o(jan(8), Kept, Confirmed), kept(jan(9))}}, 3},
		{
			"two promises interleaved",
			[][]Occurrence{{kept(jan(6)), kept(jan(8))}, {kept(jan(7)), kept(jan(9))}},
			4,
		},
		{
			"a miss in one breaks the run of both",
			[][]Occurrence{{kept(jan(6)), kept(jan(8)), kept(jan(9))}, {kept(jan(6)), o(jan(7), Missed, Unreviewed), kept(jan(9))}},
			3,
		},
		{
			"a break on the same date as a kept one: the break is taken as latest",
			[][]Occurrence{{kept(jan(8)), kept(jan(9))}, {o(jan(9), NotRecorded, Unreviewed)}},
			0,
		},
		{
			"the same in the other order",
			[][]Occurrence{{o(jan(9), NotRecorded, Unreviewed)}, {kept(jan(8)), kept(jan(9))}},
			0,
		},
		{
			"a dispute breaks",
			[][]Occurrence{{kept(jan(7)), o(jan(8), Kept, Disputed), kept(jan(9))}},
			1,
		},
		{
			"today unrecorded neither breaks nor extends",
			[][]Occurrence{{kept(jan(9)), o(jan(10), NotRecorded, Unreviewed)}, {kept(jan(9))}},
			2,
		},
		{
			"today missed breaks",
			[][]Occurrence{{kept(jan(9)), o(jan(10), Missed, Unreviewed)}, {kept(jan(9))}},
			0,
		},
		{
			"future occurrences are ignored",
			[][]Occurrence{{kept(jan(9)), o(jan(11), Missed, Unreviewed), kept(jan(12))}},
			1,
		},
	}
	for _, tt := range tests {
		if got := RunAcross(today, tt.lists...); got != tt.want {
			t.Errorf("%s: RunAcross = %d, want %d", tt.name, got, tt.want)
		}
	}
	// With one list, RunAcross agrees with Run.
	due := janDays(5, 6, 7, 8, 9, 10)
	recs := []Record{kc(jan(5)), m(jan(6)), k(jan(7)), kc(jan(8)), kc(jan(9))}
	if a, b := RunAcross(today, Join(due, recs)), Run(due, recs, today); a != b {
		t.Errorf("RunAcross = %d, Run = %d for the same promise", a, b)
	}
	t.Logf("%d run-across cases", len(tests))
}

package progress

// InForce turns a promise's versions, in the order they were agreed, into the
// versions in force, sorted by From and ready for Plan.Versions. A version
// agreed later replaces every earlier-agreed one that would take effect on or
// after its own From: a renegotiation planned for a later date can itself be
// renegotiated before it starts. replaced[i] reports whether agreed[i] was
// replaced that way (it judges no day).
func InForce(agreed []Version) (inForce []Version, replaced []bool) {
	replaced = make([]bool, len(agreed))
	idx := make([]int, 0, len(agreed)) // indexes into agreed, ascending by From
	for i, v := range agreed {
		for len(idx) > 0 && agreed[idx[len(idx)-1]].From >= v.From {
			replaced[idx[len(idx)-1]] = true
			idx = idx[:len(idx)-1]
		}
		idx = append(idx, i)
	}
	inForce = make([]Version, len(idx))
	for j, i := range idx {
		inForce[j] = agreed[i]
	}
	return inForce, replaced
}

// VersionOn returns the index in versions (sorted by From) of the version in
// force on d: the last one taking effect on or before d, or the first one when
// d comes before them all; -1 when there are none.
func VersionOn(versions []Version, d Date) int {
	if len(versions) == 0 {
		return -1
	}
	i := len(versions) - 1
	for i > 0 && versions[i].From > d {
		i--
	}
	return i
}

// RunAcross is the current run of one author over several promises, which
// share the author's today: how many of the most recent counted occurrences in
// a row, across all the lists, were recorded kept and not disputed. Counted
// means what Count counts (past dates, and today's once recorded). Within one
// date an occurrence that breaks the run is taken as the latest, so the result
// never depends on the order of the lists.
func RunAcross(today Date, lists ...[]Occurrence) int {
	lastBreak := LastBreak(today, lists...)
	run := 0
	for _, occ := range lists {
		for _, o := range occ {
			if counted(o, today) && good(o) && o.Date > lastBreak {
				run++
			}
		}
	}
	return run
}

// LastBreak is the latest counted occurrence of the lists that broke a
// run (see RunAcross), NoDate when none did: occurrences dated before it
// count for nothing in the run.
func LastBreak(today Date, lists ...[]Occurrence) Date {
	last := NoDate
	for _, occ := range lists {
		for _, o := range occ {
			if counted(o, today) && !good(o) && o.Date > last {
				last = o.Date
			}
		}
	}
	return last
}

// counted reports whether o counts as of today: before today, or today once recorded.
func counted(o Occurrence, today Date) bool {
	return o.Date < today || (o.Date == today && (o.Outcome == Kept || o.Outcome == Missed))
}

// good reports whether o extends a run: kept, and not seen differently.
func good(o Occurrence) bool { return o.Outcome == Kept && o.Review != Disputed }

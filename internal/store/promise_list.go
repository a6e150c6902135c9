package store

import (
	"context"
	"time"

	"mend/internal/progress"
)

// EndedShown is how many of the promises closed before the list's days
// the list of promises shows, the most recently closed first; the others
// are counted, and listed on a page of their own.
const EndedShown = 3

// PromiseList is what the list of promises shows: the promises open or
// closed within its days and the EndedShown closed most recently before
// them, with their rates, and each author's rates over all their promises.
type PromiseList struct {
	Promises []*Tracked
	Rates    []progress.Rates // of each of Promises, as of its author's today
	// People are the rates of each author asked for over every promise of
	// theirs the acting member sees, closed long ago or not; an author with
	// none is absent.
	People map[string]progress.Rates
	Hidden int // promises closed before the list's days that Promises leaves out
	// ReadAll is whether People needed every promise read: a run across an
	// author's promises that may reach back into those closed earlier.
	ReadAll bool
}

// ListPromises reads the list of promises of the acting member's space as
// of now, with records from from on: the promises closed earlier are
// loaded only as the rates of their authors need them, which is when the
// run of kept days across an author's promises may reach back into their
// days. Whatever the number of promises closed long ago, it reads the same
// rows otherwise.
func (s *Store) ListPromises(ctx context.Context, sc Scope, now time.Time, from progress.Date, authors []string) (*PromiseList, error) {
	list, earlier, err := s.RecentPromises(ctx, sc, from, EndedShown)
	if err != nil {
		return nil, err
	}
	rates, err := s.RatesOf(ctx, sc, list, now)
	if err != nil {
		return nil, err
	}
	out := &PromiseList{Promises: list, Rates: rates}
	for _, e := range earlier {
		out.Hidden += e.Promises
	}
	people := addUpPeople(list, rates, now, authors)
	for _, a := range authors {
		e, ok := earlier[a]
		if !ok {
			continue
		}
		p := people[a]
		if p == nil || progress.LastBreak(p.today, p.occ...) <= e.LastDue {
			// The run may reach back into the promises closed earlier:
			// every promise is read.
			return out, s.everyPromise(ctx, sc, now, from, authors, out)
		}
		p.all = append(p.all, e.Tally)
	}
	out.People = people.rates()
	return out, nil
}

// everyPromise sets the People of out from every promise of the space.
func (s *Store) everyPromise(ctx context.Context, sc Scope, now time.Time, from progress.Date, authors []string, out *PromiseList) error {
	all, err := s.PromisesSince(ctx, sc, from)
	if err != nil {
		return err
	}
	rates, err := s.RatesOf(ctx, sc, all, now)
	if err != nil {
		return err
	}
	out.People, out.ReadAll = addUpPeople(all, rates, now, authors).rates(), true
	return nil
}

// personTotals is what one author's promises add up to.
type personTotals struct {
	recent, all []progress.Tally
	occ         [][]progress.Occurrence
	today       progress.Date
}

type peopleTotals map[string]*personTotals

// addUpPeople adds up the promises of list, with their rates, by author, for
// the authors asked for.
func addUpPeople(list []*Tracked, rates []progress.Rates, now time.Time, authors []string) peopleTotals {
	out := peopleTotals{}
	for _, a := range authors {
		out[a] = nil
	}
	for i, t := range list {
		p, asked := out[t.AuthorID]
		if !asked {
			continue
		}
		if p == nil {
			p = &personTotals{}
			out[t.AuthorID] = p
		}
		p.today = t.Today(now)
		p.recent = append(p.recent, rates[i].Last4Weeks)
		p.all = append(p.all, rates[i].SinceStart)
		p.occ = append(p.occ, t.Occurrences(p.today))
	}
	return out
}

// rates are each author's rates over their promises.
func (pt peopleTotals) rates() map[string]progress.Rates {
	out := map[string]progress.Rates{}
	for a, p := range pt {
		if p == nil || len(p.all) == 0 {
			continue
		}
		out[a] = progress.Rates{Last4Weeks: progress.Combine(p.recent...), SinceStart: progress.Combine(p.all...),
			Run: progress.RunAcross(p.today, p.occ...)}
	}
	return out
}

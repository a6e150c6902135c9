package web

import (
	"slices"
	"strconv"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/labstack/echo/v4"

	"mend/internal/guidance"
	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// The dashboard's windows: check-ins over 90 days, promises and thanks over
// 12 weeks. Nothing older is read, whatever the amount of data.
const (
	feelingDays   = 90
	progressWeeks = 12
	newShown      = 10 // new things listed; the rest are on the timeline
	// New things read per kind: the newest newShown of all kinds are among
	// the newest newShown of each, and one more of any kind says there are
	// more than are listed.
	newRead = newShown + 1
	newDays = 14 // how far back "new" reaches after a long absence (a page of the timeline)
)

// dashboard is a member's start page. It reads a fixed number of windows
// (see TestDashboardQueryCount) and writes at most once per visit.
func (s *Server) dashboard(c echo.Context) error {
	ctx := c.Request().Context()
	a := actorOf(c)
	sc := scope(c)
	now := s.now().UTC()
	loc := a.user.Location()
	today := s.today(c)
	seen, err := s.visit(c, now)
	if err != nil {
		return err
	}
	key := s.pages.key(a.sess.ID, a.member, "dashboard", today.String(), strconv.FormatInt(seen.UnixNano(), 10), c.QueryParam("suggestion"))
	if body, ok := s.pages.get(key); ok {
		return s.page(c, "Home", cachedBody(body))
	}
	first := seen.Equal(a.member.JoinedAt) // nothing was seen before
	ppl, err := s.people(c)
	if err != nil {
		return err
	}
	// Charts begin with the space (or four weeks back, for a young one):
	// weeks before anyone was there are not weeks without check-ins.
	began := today.WeekStart(time.Monday).AddDays(-7 * 3)
	for _, m := range ppl.members {
		began = min(began, progress.Today(m.JoinedAt, loc).WeekStart(time.Monday))
	}
	weekFrom := max(began, today.WeekStart(time.Monday).AddDays(-7*(progressWeeks-1)))
	feelFrom := max(began, today.AddDays(-(feelingDays - 1)))
	end := now.Add(time.Second)
	// The weeks of the promises' chart before this one (or the last, for
	// a partner whose today is still in it) come from their weekly
	// tallies; the records are read from then on. A partner east of here
	// may already live tomorrow.
	kept := keptFrom{from: max(weekFrom, today.AddDays(-2).WeekStart(time.Monday))}
	promises, err := s.store.ActivePromises(ctx, sc, weekFrom, kept.from, today.AddDays(1))
	if err != nil {
		return err
	}
	if weekFrom < kept.from {
		if kept.weeks, err = s.store.PromiseWeeks(ctx, sc, weekFrom, kept.from.AddDays(-7)); err != nil {
			return err
		}
	}
	thanked, err := s.store.GratitudeTimes(ctx, sc, weekFrom.Time(loc), end)
	if err != nil {
		return err
	}
	// After a long absence, what is new reaches back two weeks: the rest
	// is on the timeline.
	newFrom := seen
	if from := today.AddDays(-newDays).Time(loc); newFrom.Before(from) {
		newFrom = from
	}
	// The charts' whole weeks come from the weekly totals; the check-ins
	// themselves are read only for a week the window cuts, the weeks
	// around the viewer's joining, and the days whose check-ins may be new.
	sumsFrom := feelFrom
	if sumsFrom.WeekStart(time.Monday) != sumsFrom {
		sumsFrom = sumsFrom.WeekStart(time.Monday).AddDays(7)
	}
	sumsFrom = max(sumsFrom, progress.Today(sc.Since, time.UTC).WeekStart(time.Monday).AddDays(14))
	weekSums, err := s.store.CheckinWeeks(ctx, sc, sumsFrom, today.WeekStart(time.Monday))
	if err != nil {
		return err
	}
	// A check-in made after newFrom is dated at most a day before it, in any zone.
	recentFrom := max(feelFrom, progress.Today(newFrom, time.UTC).AddDays(-1))
	var ranges []store.DateRange
	if feelFrom < sumsFrom {
		ranges = append(ranges, store.DateRange{From: feelFrom, To: sumsFrom.AddDays(-1)})
		recentFrom = max(recentFrom, sumsFrom)
	}
	ranges = append(ranges, store.DateRange{From: recentFrom, To: today.AddDays(1)})
	checkins, err := s.store.DashboardCheckins(ctx, sc, ranges...)
	if err != nil {
		return err
	}
	totals := checkinTotals(weekSums, checkins, sumsFrom, today)
	// The notes of thanks of the window, and what else the others did in
	// it, in one statement.
	reads := []store.Read{{Kind: store.KindGratitude, Window: store.Window{From: newFrom, To: end}}}
	for _, kind := range []string{store.KindLedger, store.KindJournal, store.KindReflections, store.KindConversations} {
		reads = append(reads, store.Read{Kind: kind, Window: store.Window{From: newFrom, To: end, NotBy: sc.UserID, Limit: newRead}})
	}
	evs, err := s.store.Timelines(ctx, sc, reads)
	if err != nil {
		return err
	}
	var notes, news []store.Event
	for _, ev := range evs {
		if ev.Kind == store.KindGratitude {
			notes = append(notes, ev)
		} else {
			news = append(news, ev)
		}
	}
	engagedFrom := today.AddDays(-(feelingDays - 1))
	engaged, err := s.store.PracticesEngaged(ctx, sc, engagedFrom.Time(loc), engagedFrom.WeekStart(time.Monday))
	if err != nil {
		return err
	}

	v := views.DashboardView{Name: a.user.Name, TodayLabel: today.Time(time.UTC).Format("Monday 2 January"),
		Partner: ppl.PartnerName(), FirstVisit: first, PartnerLeft: ppl.LeftPartner()}
	if ppl.partner != nil {
		w, err := s.store.WaitingFor(ctx, sc, today, today.WeekStart(time.Monday))
		if err != nil {
			return err
		}
		v.Waiting = waitingView(w, ppl)
		n, err := s.conversationsWaiting(c, &v.Waiting, today)
		if err != nil {
			return err
		}
		c.Set(waitingKey, w.Count()+n)
	}
	partnerID := ""
	if ppl.partner != nil {
		partnerID = ppl.partner.UserID
	}

	// Today, and what the partner did with promises since the last visit.
	var mine []string                         // practices of the viewer's promises
	authorToday := map[string]progress.Date{} // each author's today, in their own zone
	for _, t := range promises {
		d, ok := authorToday[t.AuthorID]
		if !ok {
			d = t.Today(now)
			authorToday[t.AuthorID] = d
		}
		if t.AuthorID == sc.UserID {
			if t.Practice != "" {
				mine = append(mine, t.Practice)
			}
			if !t.Ended() && t.Plan.IsDue(d) {
				due := views.DueView{PromiseID: t.ID, Title: currentTerms(t, d).Title, Date: d.String(), Label: dayLabel(d, d)}
				if r, ok := recordOn(t.Records, d); ok && r.Outcome != progress.NotRecorded {
					due.Outcome = r.Outcome.String()
				}
				v.Due = append(v.Due, due)
			}
			continue
		}
		news = append(news, promiseNews(t, newFrom)...)
	}
	for _, ci := range checkins {
		switch {
		case ci.AuthorID == sc.UserID && ci.Date == today.String():
			v.CheckedIn = true
		case ci.AuthorID != sc.UserID && !ci.Private && !ci.CreatedAt.Before(newFrom):
			news = append(news, store.Event{Kind: store.KindCheckins, What: store.DidCheckIn, ID: ci.ID, AuthorID: ci.AuthorID,
				At: ci.CreatedAt, Detail: ci.Mood, Date: ci.Date, Safe: ci.Safe, Trust: ci.Trust, Connected: ci.Connected})
		}
	}
	for _, n := range notes {
		if n.AuthorID == sc.UserID || n.At.Before(newFrom) {
			continue
		}
		// A note to the viewer is new until they mark it received.
		if n.What == store.DidThank && n.Detail != "" {
			continue
		}
		news = append(news, n)
	}
	// The partner joining (or coming back) is news too.
	if ppl.partner != nil && !ppl.partner.JoinedAt.Before(newFrom) {
		news = append(news, store.Event{Kind: store.KindSpace, What: store.DidJoin, AuthorID: ppl.partner.UserID, At: ppl.partner.JoinedAt})
	}
	slices.SortStableFunc(news, func(x, y store.Event) int { return y.At.Compare(x.At) })
	if len(news) > newShown {
		news, v.MoreNew = news[:newShown], true
	}
	for _, ev := range news {
		v.New = append(v.New, s.eventView(ev, ppl, today, loc, true))
	}

	// How it's going: each partner's own charts, a row each, never one
	// against the other.
	v.People = append(v.People, []views.ChartCard{
		feelingsCard("feel-you", "How you've felt", totals[sc.UserID], feelFrom, today,
			"Your chart starts with your first check-in.", "/checkins", "Check in"),
		keptCard("kept-you", "Your promises", promises, kept, sc.UserID, weekFrom, today, authorToday,
			"None of your promises was due in the last 12 weeks.", "/promises/new", "Make a promise"),
	})
	if partnerID != "" {
		var row []views.ChartCard
		// Only what they shared, and nothing at all when they share none.
		if c := feelingsCard("feel-partner", "How "+ppl.PartnerName()+" has felt", totals[partnerID], feelFrom, today, "", "", ""); c.Line != nil {
			c.Line.Title += " (what they shared)"
			row = append(row, c)
		}
		row = append(row, keptCard("kept-partner", ppl.PartnerName()+"'s promises", promises, kept, partnerID, weekFrom, today, authorToday,
			"None of "+ppl.PartnerName()+"'s promises was due in the last 12 weeks.", "", ""))
		v.People = append(v.People, row)
	}
	v.Thanks = thanksCard(thanked, weekFrom, today, loc, ppl.PartnerName())

	n, _ := strconv.Atoi(c.QueryParam("suggestion"))
	stage, err := s.store.Stage(c.Request().Context(), sc)
	if err != nil {
		return err
	}
	v.Suggestion = s.suggest(a.member.Role, sc.UserID, stage, append(engaged, mine...), today, n)
	if st, ok := guidance.LookupStage(stage); ok {
		v.Stage = &views.DashboardStage{Number: st.Number + 1, Of: len(guidance.Stages()), Title: st.Title, About: st.About}
	}
	return s.page(c, "Home", s.pages.keep(key, views.DashboardPage(v)))
}

// promiseNews are what the partner did with promise t since from: made it,
// renegotiated it, closed it.
func promiseNews(t *store.Tracked, from time.Time) []store.Event {
	var out []store.Event
	for _, ver := range t.Agreed {
		if ver.CreatedAt.Before(from) {
			continue
		}
		what := store.DidRenegotiate
		if ver.Seq == 1 {
			what = store.DidMake
		}
		out = append(out, store.Event{Kind: store.KindPromises, What: what, ID: t.ID, AuthorID: t.AuthorID, At: ver.CreatedAt,
			Title: ver.Title, Excerpt: ver.Note, Date: ver.FromDate})
	}
	if len(t.Agreed) > 0 {
		title := t.Agreed[len(t.Agreed)-1].Title
		for _, p := range t.Pauses {
			if !p.CreatedAt.Before(from) {
				out = append(out, store.Event{Kind: store.KindPromises, What: store.DidPause, ID: t.ID, AuthorID: t.AuthorID,
					At: p.CreatedAt, Title: title, Excerpt: p.Note, Date: p.FromDate})
			}
			if p.EndedAt != nil && !p.EndedAt.Before(from) && p.ToDate != nil {
				out = append(out, store.Event{Kind: store.KindPromises, What: store.DidResume, ID: t.ID, AuthorID: t.AuthorID,
					At: *p.EndedAt, Title: title, Date: *p.ToDate})
			}
		}
	}
	if t.ClosedAt != nil && !t.ClosedAt.Before(from) && len(t.Agreed) > 0 {
		out = append(out, store.Event{Kind: store.KindPromises, What: store.DidClose, ID: t.ID, AuthorID: t.AuthorID, At: *t.ClosedAt,
			Title: t.Agreed[len(t.Agreed)-1].Title, Excerpt: t.CloseNote, Detail: t.CloseKind})
	}
	return out
}

// visitGap is how long without a look at the dashboard ends a visit.
const visitGap = 30 * time.Minute

// visitCookie carries the time this browser last viewed the dashboard.
const visitCookie = "mend_visit"

// visitMark is what visitCookie holds.
type visitMark struct {
	Membership string
	At         int64 // Unix seconds
}

// visit returns what the current visit counts as already seen: the join
// time on a member's first visit. A view more than visitGap after the last
// one starts a new visit, which counts everything until that last view as
// seen: the one write of a visit. The last view is known from this browser's
// cookie (the server writes nothing per view); without it, from the start
// of the current visit.
func (s *Server) visit(c echo.Context, now time.Time) (time.Time, error) {
	m := actorOf(c).member
	codec := securecookie.New(derive(s.flashKey, "visit"), nil).MaxAge(90 * 24 * 3600)
	last := m.VisitAt
	if v := s.cookie(c, visitCookie); v != "" {
		var mark visitMark
		if codec.Decode(visitCookie, v, &mark) == nil && mark.Membership == m.ID {
			t := time.Unix(mark.At, 0).UTC()
			if t.After(now) {
				t = now
			}
			if last == nil || t.After(*last) {
				last = &t
			}
		}
	}
	if v, err := codec.Encode(visitCookie, visitMark{Membership: m.ID, At: now.Unix()}); err == nil {
		s.setCookie(c, visitCookie, v, 90*24*3600)
	}
	if last != nil && now.Sub(*last) <= visitGap {
		if m.SeenAt != nil {
			return *m.SeenAt, nil
		}
		return m.JoinedAt, nil
	}
	seen := m.JoinedAt
	if last != nil {
		seen = *last
	}
	return seen, s.store.StartVisit(c.Request().Context(), scope(c), now, seen)
}

// weekLabels name the weeks of a chart by their first day: "3 Mar".
func weekLabels(from progress.Date, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = from.AddDays(7 * i).Time(time.UTC).Format("2 Jan")
	}
	return out
}

// checkinTotals are each author's check-in totals per week as the charts
// count them: the weekly totals from sumsFrom on, without what is dated
// after today, and the check-ins read before sumsFrom.
func checkinTotals(weeks []store.WeekTotals, checkins []store.CheckinDay, sumsFrom, today progress.Date) map[string]map[progress.Date]*store.WeekTotals {
	out := map[string]map[progress.Date]*store.WeekTotals{}
	at := func(author string, week progress.Date) *store.WeekTotals {
		m := out[author]
		if m == nil {
			m = map[progress.Date]*store.WeekTotals{}
			out[author] = m
		}
		w := m[week]
		if w == nil {
			w = &store.WeekTotals{AuthorID: author, Week: week.String()}
			m[week] = w
		}
		return w
	}
	for _, w := range weeks {
		d, err := progress.ParseDate(w.Week)
		if err != nil {
			continue
		}
		t := at(w.AuthorID, d)
		t.N, t.Safe, t.Trust, t.Connected = t.N+w.N, t.Safe+w.Safe, t.Trust+w.Trust, t.Connected+w.Connected
	}
	for _, ci := range checkins {
		d, err := progress.ParseDate(ci.Date)
		if err != nil {
			continue
		}
		sign := 0
		switch {
		case d < sumsFrom && d <= today:
			sign = 1
		case d > today && d.WeekStart(time.Monday) <= today.WeekStart(time.Monday):
			sign = -1 // in this week's totals, but not yet a day of the chart
		}
		if sign != 0 {
			t := at(ci.AuthorID, d.WeekStart(time.Monday))
			t.N += sign
			t.Safe, t.Trust, t.Connected = t.Safe+sign*ci.Safe, t.Trust+sign*ci.Trust, t.Connected+sign*ci.Connected
		}
	}
	return out
}

// feelingsCard is the weekly average of one author's safety, trust and
// connection over from..to, from their weekly totals; empty (with the
// message) when they have no check-in there the viewer may see.
func feelingsCard(id, title string, totals map[progress.Date]*store.WeekTotals, from, to progress.Date, empty, href, action string) views.ChartCard {
	card := views.ChartCard{Title: title, Empty: empty, Href: href, Action: action}
	if from > to {
		return card
	}
	w0 := from.WeekStart(time.Monday)
	n := int(to.WeekStart(time.Monday)-w0)/7 + 1
	some := false
	series := func(name, class string, f func(*store.WeekTotals) int) views.LineSeries {
		s := views.LineSeries{Name: name, Class: class}
		for i := range n {
			t := totals[w0.AddDays(7*i)]
			if t == nil || t.N <= 0 {
				s.Values, s.Has = append(s.Values, 0), append(s.Has, false)
				continue
			}
			some = true
			s.Values, s.Has = append(s.Values, float64(f(t))/float64(t.N)), append(s.Has, true)
		}
		return s
	}
	line := &views.LineChart{ID: id, Title: title, XLabels: weekLabels(w0, n), YMax: 10,
		Series: []views.LineSeries{
			series("Safety", "s1", func(t *store.WeekTotals) int { return t.Safe }),
			series("Trust", "s2", func(t *store.WeekTotals) int { return t.Trust }),
			series("Connected", "s3", func(t *store.WeekTotals) int { return t.Connected }),
		}}
	if some {
		card.Line = line
	}
	return card
}

// keptFrom is what the promises' chart reads besides the promises: their
// records from the day from (a Monday) on, and the weekly tallies of the
// weeks before it, by promise.
type keptFrom struct {
	from  progress.Date
	weeks map[string]map[progress.Date]progress.Counts
}

// keptCard is what became of one author's due days, week by week, over
// from..to; empty when nothing of theirs was due. authorToday is each
// author's today, which decides whether today counts yet.
func keptCard(id, title string, promises []*store.Tracked, kept keptFrom, author string, from, to progress.Date, authorToday map[string]progress.Date,
	empty, href, action string) views.ChartCard {
	bars := progress.KeptPerWeek(nil, from, to, time.Monday, to) // the weeks, all empty
	for _, t := range promises {
		if t.AuthorID != author {
			continue
		}
		occ := progress.Join(t.Plan.Occurrences(kept.from, to.AddDays(1)), t.Records)
		for i, w := range progress.KeptPerWeekFrom(t.Plan, kept.weeks[t.ID], occ, kept.from, from, to, time.Monday, authorToday[author]) {
			b := &bars[i]
			b.Confirmed += w.Confirmed
			b.Unconfirmed += w.Unconfirmed
			b.Disputed += w.Disputed
			b.Missed += w.Missed
		}
	}
	card := views.ChartCard{Title: title, Empty: empty, Href: href, Action: action}
	total := 0
	for _, b := range bars {
		total += b.Confirmed + b.Unconfirmed + b.Disputed + b.Missed
	}
	if total == 0 {
		return card
	}
	stack := func(name, class string, f func(progress.WeekKept) int) views.BarSeries {
		s := views.BarSeries{Name: name, Class: class}
		for _, b := range bars {
			s.Values = append(s.Values, f(b))
		}
		return s
	}
	card.Bar = &views.BarChart{ID: id, Title: title + ", week by week", XLabels: weekLabels(bars[0].Week, len(bars)),
		Stacks: []views.BarSeries{
			stack("Kept and confirmed", "s1", func(b progress.WeekKept) int { return b.Confirmed }),
			stack("Kept, not yet confirmed", "s5", func(b progress.WeekKept) int { return b.Unconfirmed }),
			stack("Seen differently", "s3", func(b progress.WeekKept) int { return b.Disputed }),
			stack("Missed or not recorded", "s4", func(b progress.WeekKept) int { return b.Missed }),
		}}
	return card
}

// thanksCard counts the notes of thanks between the two partners, sent at
// the times thanked, both ways together, per week of the viewer's calendar.
func thanksCard(thanked []time.Time, from, to progress.Date, loc *time.Location, partner string) views.ChartCard {
	dates := make([]progress.Date, len(thanked))
	for i, at := range thanked {
		dates[i] = progress.Today(at, loc)
	}
	card := views.ChartCard{Title: "Notes of thanks", Empty: "No notes of thanks in the last 12 weeks yet."}
	if partner != "" {
		card.Href, card.Action = "/gratitude", "Thank "+partner+" for something you noticed"
	}
	counts := progress.CountPerWeek(dates, from, to, time.Monday)
	if len(dates) == 0 || len(counts) == 0 {
		return card
	}
	s := views.BarSeries{Name: "Notes of thanks, both ways", Class: "s1"}
	for _, w := range counts {
		s.Values = append(s.Values, w.N)
	}
	card.Bar = &views.BarChart{ID: "thanks", Title: "Notes of thanks between you, week by week", XLabels: weekLabels(counts[0].Week, len(counts)),
		Stacks: []views.BarSeries{s}}
	return card
}

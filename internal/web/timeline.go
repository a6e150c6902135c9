package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// timelineDays is how many days one page of the timeline covers.
const timelineDays = 14

// kindLabels name the timeline's kinds in its filter.
var kindLabels = map[string]string{
	store.KindPromises: "Promises", store.KindLedger: "Ledger", store.KindCheckins: "Check-ins",
	store.KindReflections: "Reflections", store.KindGratitude: "Thanks", store.KindJournal: "Journal",
	store.KindBookmarks: "Bookmarks", store.KindStages: "Path",
}

// timeline lists what the two partners share, newest first, 14 days of the
// viewer's calendar a page (?before=YYYY-MM-DD pages back), of one kind or
// all (?kind=): one windowed query of every kind (Timelines).
//
// The viewer's own private items are left out, not shown marked "only
// you": the timeline is the story the two of them share, the page they may
// well read side by side, and private entries stay on their own pages.
func (s *Server) timeline(c echo.Context) error {
	ctx := c.Request().Context()
	sc := scope(c)
	loc := actorOf(c).user.Location()
	today := s.today(c)
	ppl, err := s.people(c)
	if err != nil {
		return err
	}
	kind := c.QueryParam("kind")
	if _, ok := kindLabels[kind]; !ok {
		kind = ""
	}
	newest := true
	last := today
	if b, err := progress.ParseDate(c.QueryParam("before")); err == nil && b <= today {
		newest, last = false, b.AddDays(-1)
	}
	first := last.AddDays(-(timelineDays - 1))
	kinds := append(slices.Clone(store.TimelineKinds), store.KindConversations)
	if kind != "" {
		kinds = []string{kind}
	}
	w := store.Window{From: first.Time(loc), To: last.AddDays(1).Time(loc)}
	reads := make([]store.Read, len(kinds))
	for i, k := range kinds {
		reads[i] = store.Read{Kind: k, Window: w}
	}
	events, err := s.store.Timelines(ctx, sc, reads)
	if err != nil {
		return err
	}
	if kind == "" {
		events = append(events, ppl.comings(sc.Since, w.From, w.To)...)
	}
	slices.SortStableFunc(events, func(x, y store.Event) int { return y.At.Compare(x.At) })

	// Nothing the viewer may see here is older than their first day in
	// the space: the page's days begin with it.
	start := ppl.startDay(loc, today)
	v := views.TimelineView{Span: dayLabel(max(first, start), today) + " to " + dayLabel(last, today), Kind: kindLabels[kind]}
	before := progress.NoDate
	if !newest {
		before = last.AddDays(1)
	}
	v.Filters = append(v.Filters, views.FilterChoice{Label: "Everything", Href: timelineURL(before, ""), Current: kind == ""})
	for _, k := range append(slices.Clone(store.TimelineKinds), store.ConversationKinds...) {
		v.Filters = append(v.Filters, views.FilterChoice{Label: kindLabels[k], Href: timelineURL(before, k), Current: kind == k})
	}
	for _, ev := range events {
		day := progress.Today(ev.At, loc)
		label := dayLabel(day, today)
		if n := len(v.Days); n == 0 || v.Days[n-1].Label != label {
			v.Days = append(v.Days, views.TimelineDay{Label: label})
		}
		d := &v.Days[len(v.Days)-1]
		d.Events = append(d.Events, s.eventView(ev, ppl, today, loc, false))
	}
	if first > start {
		v.Earlier = timelineURL(first, kind)
	}
	if !newest {
		next := last.AddDays(1 + timelineDays)
		if next > today {
			next = progress.NoDate
		}
		v.Later = timelineURL(next, kind)
	}
	return s.page(c, "Timeline", views.TimelinePage(v))
}

// timelineURL is the timeline page of the days before before (the newest
// page for NoDate), showing kind (everything for "").
func timelineURL(before progress.Date, kind string) string {
	q := url.Values{}
	if before != progress.NoDate {
		q.Set("before", before.String())
	}
	if kind != "" {
		q.Set("kind", kind)
	}
	if len(q) == 0 {
		return "/timeline"
	}
	return "/timeline?" + q.Encode()
}

// eventView says ev as a sentence for the viewer; on the dashboard it says
// the day too, on the timeline (grouped by day) only the time.
func (s *Server) eventView(ev store.Event, ppl *people, today progress.Date, loc *time.Location, withDay bool) views.EventView {
	v := views.EventView{Who: ppl.Name(ev.AuthorID), Quote: ev.Excerpt, When: ev.At.In(loc).Format("15:04")}
	if withDay {
		v.When = views.DayTime(ev.At.In(loc))
	}
	mine := ev.OwnerID == ppl.me
	day := progress.NoDate
	if d, err := progress.ParseDate(ev.Date); err == nil {
		day = d
	}
	switch ev.Kind {
	case store.KindSpace:
		v.Did = "joined your space"
		if ev.What == store.DidLeave {
			v.Did = "left your space. What they shared stays here, and nothing you write from now on reaches them."
			v.Link, v.Href = "If you are not safe, where to turn", "/safety"
		}
	case store.KindPromises:
		v.Link, v.Href = ev.Title, "/promises/"+ev.ID
		switch ev.What {
		case store.DidMake:
			v.Did = "made a promise:"
			v.Quote = ""
		case store.DidRenegotiate:
			v.Did, v.After = "renegotiated", ", from "+dayLabel(day, today)
		case store.DidPause:
			v.Did, v.After = "paused", " from "+dayLabel(day, today)
		case store.DidResume:
			v.Did, v.After = "resumed", ", due again from "+dayLabel(day, today)
		case store.DidClose:
			v.Did, v.Tag = "closed", "given up"
			if ev.Detail == store.CloseDone {
				v.Tag = "done"
			}
		}
	case store.KindLedger:
		v.Link, v.Href = ev.Title, "/promises/"+ev.ParentID+"#entry-"+ev.ID
		v.After = ", " + dayLabel(day, today)
		switch ev.What {
		case store.DidRecord:
			v.Did, v.Tag = "recorded", ev.Detail
		case store.DidConfirm:
			v.Did = "confirmed"
		case store.DidDispute:
			v.Did = "saw differently:"
		case store.DidAnswer:
			v.Did = "answered about"
		case store.DidCorrect:
			v.Did, v.Tag = "corrected", ev.Detail
		case store.DidCorrectSaid:
			v.Did, v.Tag = "corrected what they said of", strings.Trim(reviewWords[ev.Detail], "“”")
			if ev.AuthorID == ppl.me {
				v.Did = "corrected what you said of"
			}
		}
	case store.KindCheckins:
		v.Did, v.Link, v.Href = "checked in,", dayLabel(day, today), "/checkins?before="+day.AddDays(1).String()
		v.After = ": safety " + strconv.Itoa(ev.Safe) + ", trust " + strconv.Itoa(ev.Trust) + ", connected " + strconv.Itoa(ev.Connected)
		v.Tag = moodLabels[ev.Detail]
	case store.KindReflections:
		v.Did, v.Link, v.Href = "wrote a weekly reflection:", weekLabel(day), "/reflections/"+ev.ID
	case store.KindGratitude:
		v.Href = "/gratitude#note-" + ev.ID
		switch ev.What {
		case store.DidThank:
			v.Did, v.Link = "thanked "+whom(ppl, ev.OwnerID), "in a note"
		case store.DidReply:
			v.Did, v.Link = "replied to", noteOf(ppl, ev.OwnerID, mine)
			if ev.Heart {
				v.Tag = "with a heart"
			}
		case store.DidHeart:
			v.Did, v.Link, v.After = "gave", noteOf(ppl, ev.OwnerID, mine), " a heart"
		}
	case store.KindJournal:
		v.Link, v.Href = ev.Title, "/journal/"+ev.ID
		v.Did = "shared a journal entry:"
		if ev.What == store.DidReply {
			v.Did = "replied to a journal entry:"
			if mine {
				v.Did = "replied to your journal entry:"
			}
		}
	case store.KindStages:
		v = stageEventView(v, ev)
	case store.KindBookmarks:
		v.Did, v.Link, v.Href = "shared a bookmark:", ev.Title, "/guidance/"+ev.Title
		if p, ok := s.lib.Practice(ev.Title); ok {
			v.Link = p.Title
		}
	default:
		conversationEvent(&v, ev, ppl, mine)
	}
	return v
}

// whom names the one thanked: "you", or the partner.
func whom(ppl *people, userID string) string {
	if userID == ppl.me {
		return "you"
	}
	return ppl.Name(userID)
}

// noteOf names a note of thanks by whom it was written.
func noteOf(ppl *people, author string, mine bool) string {
	if mine {
		return "your note of thanks"
	}
	return ppl.Name(author) + "'s note of thanks"
}

package web

import (
	"bytes"
	"net/http"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// The pages of a counsellor link (/c/TOKEN...): GET only, no session, no
// cookie, no form. The token is the only proof; a wrong, revoked, expired
// or unconfirmed one is a bare 404.

// guestPage is a page of a counsellor link: it reads as g.Scope, the guest.
type guestPage func(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error)

// guest serves page for the link named by the URL's token, for a page
// that needs show ("" for every link), and records the opening.
func (s *Server) guest(show string, page guestPage) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Robots-Tag", "noindex, nofollow")
		h.Set("Cache-Control", "no-store")
		h.Set("Referrer-Policy", "no-referrer")
		token := c.Param("token")
		if len(token) != 22 {
			return store.ErrNotFound
		}
		ctx := c.Request().Context()
		g, err := s.store.GuestByToken(ctx, s.sessions.HashToken(token))
		if err != nil {
			return err
		}
		shows := g.Link.ShowList()
		if show != "" && !contains(shows, show) {
			return store.ErrNotFound
		}
		frame := views.GuestFrame{Base: "/c/" + token, Label: g.Link.Label, Names: g.Names[0] + " and " + g.Names[1],
			Range: rangeWords(g.Link.FromDate, g.Link.ToDate), Expires: views.DayTime(g.Link.ExpiresAt.UTC()) + " UTC",
			Shows: showOptions(shows)}
		title, body, err := page(c, g, frame)
		if err != nil {
			return err
		}
		what := "the overview"
		if show != "" || title == "Summary" {
			what = title
		}
		if err := s.store.RecordGuestView(ctx, g, what); err != nil {
			return err
		}
		nonce, _ := c.Get(nonceKey).(string)
		p := &views.Page{Title: title, Path: c.Request().URL.Path, Nonce: nonce}
		rctx := views.WithPage(templ.WithNonce(ctx, nonce), p)
		var buf bytes.Buffer
		if err := views.GuestLayout(frame).Render(templ.WithChildren(rctx, body), &buf); err != nil {
			return err
		}
		return c.HTMLBlob(http.StatusOK, buf.Bytes())
	}
}

// guestNames names the two members by first name.
func guestNames(g *store.GuestLink) func(string) string {
	return func(id string) string {
		for i, uid := range g.IDs {
			if uid == id {
				return g.Names[i]
			}
		}
		return "Someone"
	}
}

// guestToday is the last day a guest's summary counts: today, in UTC.
func (s *Server) guestToday() progress.Date { return progress.Today(s.now(), time.UTC) }

func (s *Server) guestOverview(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error) {
	return "Overview", views.GuestOverview(frame), nil
}

func (s *Server) guestSummary(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error) {
	gs := g.Scope.Guest
	v, err := s.buildSummary(c.Request().Context(), summaryIn{sc: g.Scope, shows: gs.Shows, from: gs.From, to: gs.To,
		today: s.guestToday(), loc: time.UTC, fromAt: gs.FromAt, until: gs.Until, name: guestNames(g), authors: g.IDs[:]})
	if err != nil {
		return "", nil, err
	}
	v.Heading = "Summary: " + frame.Names
	if v.Thanks != nil && v.Thanks.Bar != nil {
		v.Thanks.Bar.Title = "Notes of thanks between " + frame.Names + ", week by week"
	}
	return "Summary", views.SummaryPage(v), nil
}

// guestWindow is the link's range as a timeline window.
func guestWindow(g *store.GuestLink) store.Window {
	return store.Window{From: g.Scope.Guest.FromAt, To: g.Scope.Guest.Until, Limit: 200}
}

func (s *Server) guestPromises(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error) {
	ctx := c.Request().Context()
	name := guestNames(g)
	gs := g.Scope.Guest
	v, err := s.buildSummary(ctx, summaryIn{sc: g.Scope, shows: []string{"promises"}, from: gs.From, to: gs.To,
		today: s.guestToday(), loc: time.UTC, fromAt: gs.FromAt, until: gs.Until, name: name, authors: g.IDs[:]})
	if err != nil {
		return "", nil, err
	}
	rates := views.GuestSection{Heading: "Kept rates per promise", Empty: "No promise was due in this range."}
	for _, r := range v.Rates {
		rates.Items = append(rates.Items, views.GuestItem{Who: r.Who, When: gs.From.String() + " to " + gs.To.String(), Title: r.Title,
			Lines: []string{itoa(r.Kept) + " of " + itoa(r.Due) + " due days kept and confirmed (" + r.Rate + ")"}})
	}
	evs, err := s.store.Timeline(ctx, g.Scope, store.KindLedger, guestWindow(g))
	if err != nil {
		return "", nil, err
	}
	ledger := views.GuestSection{Heading: "The ledger", Empty: "Nothing recorded in this range."}
	for _, e := range evs {
		it := views.GuestItem{Who: name(e.AuthorID), When: e.Date, Title: e.Title}
		switch e.What {
		case store.DidRecord:
			it.Lines = append(it.Lines, "Recorded: "+e.Detail)
		case store.DidConfirm:
			it.Lines = append(it.Lines, "Confirmed the day")
		case store.DidDispute:
			it.Lines = append(it.Lines, "Saw the day differently")
		case store.DidAnswer:
			it.Lines = append(it.Lines, "Answered")
		case store.DidCorrect:
			it.Lines = append(it.Lines, "Corrected the record to: "+e.Detail)
		case store.DidCorrectSaid:
			it.Lines = append(it.Lines, "Corrected what they said of the day")
		}
		if e.Excerpt != "" {
			it.Lines = append(it.Lines, e.Excerpt)
		}
		ledger.Items = append(ledger.Items, it)
	}
	return "Promises and their ledger", views.GuestItemsPage("Promises and their ledger", []views.GuestSection{rates, ledger}), nil
}

func (s *Server) guestCheckins(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error) {
	ctx := c.Request().Context()
	name := guestNames(g)
	gs := g.Scope.Guest
	cis, err := s.store.Checkins(ctx, g.Scope, gs.From, gs.To)
	if err != nil {
		return "", nil, err
	}
	checkins := views.GuestSection{Heading: "Shared check-ins", Empty: "No shared check-in in this range."}
	for _, ci := range cis {
		it := views.GuestItem{Who: name(ci.AuthorID), When: ci.Date,
			Lines: []string{"Safe " + itoa(ci.Safe) + ", trust " + itoa(ci.Trust) + ", connected " + itoa(ci.Connected) + ". Mood: " + ci.Mood}}
		if ci.Note != "" {
			it.Lines = append(it.Lines, ci.Note)
		}
		checkins.Items = append(checkins.Items, it)
	}
	refl, err := s.store.Reflections(ctx, g.Scope, gs.From, gs.To)
	if err != nil {
		return "", nil, err
	}
	reflections := views.GuestSection{Heading: "Weekly reflections", Empty: "No shared reflection in this range."}
	for _, r := range refl {
		if r.Hidden || !r.Readable {
			continue
		}
		reflections.Items = append(reflections.Items, views.GuestItem{Who: name(r.AuthorID), When: "week of " + r.WeekStart,
			Lines: []string{"What helped: " + r.Helped, "What was hard: " + r.Hard, "What I need: " + r.Need, "Next step: " + r.NextStep}})
	}
	return "Shared check-ins and reflections", views.GuestItemsPage("Shared check-ins and reflections", []views.GuestSection{checkins, reflections}), nil
}

func (s *Server) guestThanks(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error) {
	evs, err := s.store.Timeline(c.Request().Context(), g.Scope, store.KindGratitude, guestWindow(g))
	if err != nil {
		return "", nil, err
	}
	name := guestNames(g)
	sec := views.GuestSection{Heading: "Notes of thanks", Empty: "No notes of thanks in this range."}
	for _, e := range evs {
		it := views.GuestItem{Who: name(e.AuthorID), When: views.DayTime(e.At.UTC())}
		switch e.What {
		case store.DidThank:
			it.Title = "Thanked " + name(e.OwnerID)
		case store.DidReply:
			it.Title = "Replied to " + name(e.OwnerID) + "'s note"
		case store.DidHeart:
			it.Title = "Gave " + name(e.OwnerID) + "'s note a heart"
		}
		if e.Excerpt != "" {
			it.Lines = []string{e.Excerpt}
		}
		sec.Items = append(sec.Items, it)
	}
	return "Notes of thanks", views.GuestItemsPage("Notes of thanks", []views.GuestSection{sec}), nil
}

func (s *Server) guestJournal(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error) {
	page, err := s.store.JournalEntries(c.Request().Context(), g.Scope, "", 0, 100)
	if err != nil {
		return "", nil, err
	}
	name := guestNames(g)
	sec := views.GuestSection{Heading: "Shared journal entries", Empty: "No journal entry shared in this range."}
	for _, e := range page.Items {
		sec.Items = append(sec.Items, views.GuestItem{Who: name(e.AuthorID), When: views.Day(e.CreatedAt.UTC()), Title: e.Title, Lines: []string{e.Excerpt}})
	}
	return "Shared journal entries", views.GuestItemsPage("Shared journal entries", []views.GuestSection{sec}), nil
}

func (s *Server) guestQuestions(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error) {
	threads, err := s.store.Questions(c.Request().Context(), g.Scope)
	if err != nil {
		return "", nil, err
	}
	name := guestNames(g)
	sec := views.GuestSection{Heading: "Questions sent and their answers", Empty: "No question was sent in this range."}
	for _, q := range threads {
		it := views.GuestItem{Who: name(q.AuthorID) + " asked", When: views.DayTime(q.SentAt.UTC()), Title: q.Body}
		for _, r := range q.Rounds {
			if r.Seq > 1 {
				it.Lines = append(it.Lines, "Asked again, "+views.DayTime(r.CreatedAt.UTC())+": "+r.Body)
			}
			switch {
			case r.Answer != nil:
				it.Lines = append(it.Lines, name(r.Answer.AuthorID)+" answered, "+views.DayTime(r.Answer.CreatedAt.UTC())+": "+r.Answer.Body)
			case r.DeferKind == store.DeferInPerson && r.DeferredAt != nil && r.DeferredAt.Before(g.Scope.Guest.Until):
				it.Lines = append(it.Lines, "To be answered in person")
			case r.DeferKind == store.DeferCounsellor && r.DeferredAt != nil && r.DeferredAt.Before(g.Scope.Guest.Until):
				it.Lines = append(it.Lines, "To be answered with the counsellor")
			}
		}
		sec.Items = append(sec.Items, it)
	}
	return "Questions", views.GuestItemsPage("Questions sent and their answers", []views.GuestSection{sec}), nil
}

// responseWords say how a partner responded to a trigger.
var responseWords = map[string]string{store.ResponseHere: "I'm here", store.ResponseNote: "A note", store.ResponseTalk: "An offer to talk"}

func (s *Server) guestTriggers(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error) {
	ts, err := s.store.TriggersWithResponses(c.Request().Context(), g.Scope)
	if err != nil {
		return "", nil, err
	}
	name := guestNames(g)
	sec := views.GuestSection{Heading: "Shared triggers and the responses", Empty: "No trigger shared in this range."}
	for _, t := range ts {
		it := views.GuestItem{Who: name(t.AuthorID), When: views.DayTime(t.OccurredAt.UTC()), Title: "Strength " + itoa(t.Strength) + " of 10"}
		if t.Cause != "" {
			it.Lines = append(it.Lines, "What brought it back: "+t.Cause)
		}
		if t.Helped != "" {
			it.Lines = append(it.Lines, "What helped: "+t.Helped)
		}
		for _, r := range t.Responses {
			line := name(r.AuthorID) + " responded, " + views.DayTime(r.CreatedAt.UTC()) + ": " + responseWords[r.Kind]
			if r.Note != "" {
				line += ". " + r.Note
			}
			it.Lines = append(it.Lines, line)
		}
		sec.Items = append(sec.Items, it)
	}
	return "Shared triggers", views.GuestItemsPage("Shared triggers and the responses", []views.GuestSection{sec}), nil
}

// agreementStateWords name an agreement's state for a reader.
var agreementStateWords = map[string]string{store.AgreementOffered: "offered, not yet answered", store.AgreementChangeAsked: "a change was asked",
	store.AgreementAccepted: "in force", store.AgreementDeclined: "declined", store.AgreementEnded: "ended"}

// stepWords say what a step of an agreement's history did.
var stepWords = map[string]string{"offered": "offered it", "revised": "reworded it", "change-asked": "asked for a change",
	"accepted": "accepted it", "declined": "declined it", "renewed": "renewed it", "ended": "ended it"}

func (s *Server) guestAgreements(c echo.Context, g *store.GuestLink, frame views.GuestFrame) (string, templ.Component, error) {
	as, err := s.store.AgreementHistories(c.Request().Context(), g.Scope)
	if err != nil {
		return "", nil, err
	}
	name := guestNames(g)
	from := g.Scope.Guest.FromAt
	sec := views.GuestSection{Heading: "Openness agreements", Empty: "No agreement in this range."}
	for _, a := range as {
		it := views.GuestItem{Who: "Offered by " + name(a.AuthorID), When: views.Day(a.CreatedAt.UTC()), Title: a.Body,
			Lines: []string{"At the end of the range: " + agreementStateWords[a.State] + ", to review by " + a.ReviewOn}}
		for _, e := range a.History {
			if e.CreatedAt.Before(from) {
				continue // before the range: its result is the state above
			}
			line := views.DayTime(e.CreatedAt.UTC()) + ": " + name(e.AuthorID) + " " + stepWords[e.What]
			if e.What == "revised" {
				line += ": " + e.Body
			}
			if e.Note != "" {
				line += ". " + e.Note
			}
			it.Lines = append(it.Lines, line)
		}
		sec.Items = append(sec.Items, it)
	}
	return "Agreements", views.GuestItemsPage("Openness agreements", []views.GuestSection{sec}), nil
}

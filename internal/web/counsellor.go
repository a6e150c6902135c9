package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// linkCookie carries a new counsellor link to the one page view that shows it.
const linkCookie = "mend_counsellor"

// showOptions are the things a link can show, for forms and guest pages.
func showOptions(keys []string) []views.Option {
	var out []views.Option
	for _, ls := range store.LinkShows {
		if keys == nil || contains(keys, ls.Key) {
			out = append(out, views.Option{Value: ls.Key, Label: ls.Label})
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// counsellor is the counsellor page of the space.
func (s *Server) counsellor(c echo.Context) error {
	today := s.today(c)
	f := views.NewForm()
	f.Values["from"] = today.AddDays(-27).String()
	f.Values["to"] = today.String()
	f.Values["expires"] = today.AddDays(30).String()
	return s.counsellorPage(c, f, http.StatusOK)
}

func (s *Server) counsellorPage(c echo.Context, f *views.Form, status int) error {
	ctx := c.Request().Context()
	sc := scope(c)
	loc := actorOf(c).user.Location()
	now := s.now()
	ppl, err := s.people(c)
	if err != nil {
		return err
	}
	links, err := s.store.CounsellorLinks(ctx, sc)
	if err != nil {
		return err
	}
	opened, err := s.store.CounsellorViews(ctx, sc, 100)
	if err != nil {
		return err
	}
	var shown struct{ ID, URL string }
	if ck := s.cookie(c, linkCookie); ck != "" {
		if s.inviteCodec().Decode(linkCookie, ck, &shown) != nil {
			shown.ID = ""
		}
		s.clearCookie(c, linkCookie)
	}
	v := views.CounsellorView{Partner: ppl.PartnerName(), Form: f, Shows: showOptions(nil)}
	labels := map[string]string{}
	for _, l := range links {
		labels[l.ID] = l.Label
		lv := views.CounsellorLinkView{ID: l.ID, Label: l.Label, Shows: showWords(l.ShowList()),
			Range: rangeWords(l.FromDate, l.ToDate), Expires: views.DayTime(l.ExpiresAt.In(loc))}
		switch {
		case l.RevokedAt != nil:
			lv.Status = "Revoked"
		case !now.Before(l.ExpiresAt):
			lv.Status = "Expired"
		case l.AgreedAt == nil && l.CreatedBy == sc.UserID:
			lv.Status = "Waiting for " + ppl.Name(otherOf(ppl, sc.UserID)) + " to agree"
			lv.CanRevoke = true
		case l.AgreedAt == nil:
			lv.Status = "Proposed by " + ppl.Name(l.CreatedBy) + ", waiting for you to agree"
			lv.CanAgree, lv.CanRevoke = true, true
		default:
			lv.Status = "Open since " + views.DayTime(l.AgreedAt.In(loc))
			lv.CanRevoke = true
		}
		if shown.ID == l.ID && l.RevokedAt == nil {
			lv.Link = shown.URL
		}
		v.Links = append(v.Links, lv)
	}
	for _, o := range opened {
		v.Openings = append(v.Openings, views.OpeningView{When: views.DayTime(o.ViewedAt.In(loc)), Label: labels[o.LinkID], Page: o.Page})
	}
	return s.render(c, status, "A counsellor's view", views.CounsellorPage(v))
}

// otherOf is the current partner's id, "" when alone.
func otherOf(ppl *people, me string) string {
	if ppl.partner != nil {
		return ppl.partner.UserID
	}
	return ""
}

func showWords(keys []string) string {
	var out []string
	for _, o := range showOptions(keys) {
		out = append(out, strings.ToLower(o.Label[:1])+o.Label[1:])
	}
	return strings.Join(out, ", ")
}

func rangeWords(from, to string) string {
	f, err1 := progress.ParseDate(from)
	t, err2 := progress.ParseDate(to)
	if err1 != nil || err2 != nil {
		return from + " to " + to
	}
	return f.Time(time.UTC).Format("2 January 2006") + " to " + t.Time(time.UTC).Format("2 January 2006")
}

// proposeLink records a new link, to open once the partner agrees.
func (s *Server) proposeLink(c echo.Context) error {
	loc := actorOf(c).user.Location()
	f := views.NewForm()
	for _, k := range []string{"label", "from", "to", "expires"} {
		f.Values[k] = strings.TrimSpace(c.FormValue(k))
	}
	form, _ := c.FormParams()
	shows := form["shows"]
	f.Values["shows"] = strings.Join(shows, ",")
	from, err1 := progress.ParseDate(f.Values["from"])
	to, err2 := progress.ParseDate(f.Values["to"])
	exp, err3 := progress.ParseDate(f.Values["expires"])
	if err1 != nil {
		f.Errors["from"] = "Enter the first day as a date."
	}
	if err2 != nil {
		f.Errors["to"] = "Enter the last day as a date."
	}
	if err3 != nil {
		f.Errors["expires"] = "Enter the day it stops working."
	}
	if len(f.Errors) > 0 {
		return s.counsellorPage(c, f, http.StatusUnprocessableEntity)
	}
	token := randomToken128()
	in := store.LinkInput{Label: f.Values["label"], Shows: shows, From: from, To: to,
		FromAt: from.Time(loc), Until: to.AddDays(1).Time(loc), ExpiresAt: exp.AddDays(1).Time(loc)}
	if now := s.now(); in.ExpiresAt.After(now.Add(store.LinkMaxLife)) && exp == progress.Today(now, loc).AddDays(90) {
		in.ExpiresAt = now.Add(store.LinkMaxLife) // "90 days from today" is allowed, whatever the hour
	}
	l, err := s.store.ProposeLink(c.Request().Context(), scope(c), in, s.sessions.HashToken(token))
	if msg, ok := store.InvalidMessage(err); ok {
		f.Message = msg
		return s.counsellorPage(c, f, http.StatusUnprocessableEntity)
	} else if err != nil {
		return err
	}
	v, err := s.inviteCodec().Encode(linkCookie, struct{ ID, URL string }{l.ID, s.cfg.BaseURL + "/c/" + token})
	if err != nil {
		return err
	}
	s.setCookie(c, linkCookie, v, 300)
	s.log.Info("counsellor link proposed", "user", scope(c).UserID, "link", l.ID)
	return s.redirect(c, "/space/counsellor", "Your link is ready. Copy it now: it is shown only once. It opens once your partner agrees.")
}

func (s *Server) agreeLink(c echo.Context) error {
	if err := s.store.AgreeLink(c.Request().Context(), scope(c), c.Param("id")); err != nil {
		return err
	}
	s.log.Info("counsellor link agreed", "user", scope(c).UserID, "link", c.Param("id"))
	return s.redirect(c, "/space/counsellor", "You agreed: the link opens now.")
}

func (s *Server) revokeLink(c echo.Context) error {
	if err := s.store.RevokeLink(c.Request().Context(), scope(c), c.Param("id")); err != nil {
		return err
	}
	s.log.Info("counsellor link revoked", "user", scope(c).UserID, "link", c.Param("id"))
	return s.redirect(c, "/space/counsellor", "The link was revoked; it no longer opens.")
}

// summaryIn is what a summary is built from.
type summaryIn struct {
	sc       store.Scope
	shows    []string
	from, to progress.Date
	today    progress.Date
	loc      *time.Location
	fromAt   time.Time
	until    time.Time
	name     func(id string) string
	authors  []string // whose charts, in order
}

// buildSummary reads a range's promises, check-ins and thanks (as sc may
// see them) and builds the printable summary: kept rates per promise, the
// check-in trends as charts with their tables, and weekly counts.
func (s *Server) buildSummary(ctx context.Context, in summaryIn) (views.SummaryView, error) {
	v := views.SummaryView{Range: rangeWords(in.from.String(), in.to.String()), From: in.from.String(), To: in.to.String()}
	end := min(in.to, in.today)
	weeks := progress.CountPerWeek(nil, in.from, in.to, time.Monday)
	for _, w := range weeks {
		v.Weeks = append(v.Weeks, views.WeekCountView{Week: w.Week.Time(time.UTC).Format("2 Jan 2006")})
	}
	if contains(in.shows, "promises") {
		v.Promises = true
		v.ShowCounts = append(v.ShowCounts, "promises")
		promises, err := s.store.SpacePromises(ctx, in.sc, in.from, in.to)
		if err != nil {
			return v, err
		}
		authorToday := map[string]progress.Date{}
		for _, a := range in.authors {
			authorToday[a] = in.today
		}
		for _, t := range promises {
			if end < in.from {
				break
			}
			due := t.Plan.Occurrences(in.from, end)
			tally := progress.Count(due, t.Records, in.today)
			if tally.Due == 0 {
				continue
			}
			r := views.PromiseRateView{Title: currentTerms(t, end).Title, Who: in.name(t.AuthorID), Kept: tally.Confirmed, Due: tally.Due, Rate: "–"}
			if rate, ok := tally.Rate(); ok {
				r.Rate = itoa(int(rate*100+0.5)) + "%"
			}
			v.Rates = append(v.Rates, r)
			occ := progress.Join(t.Plan.Occurrences(in.from, in.to.AddDays(1)), t.Records)
			for i, w := range progress.KeptPerWeek(occ, in.from, in.to, time.Monday, in.today) {
				if i < len(v.Weeks) {
					v.Weeks[i].Kept += w.Confirmed + w.Unconfirmed
					v.Weeks[i].Missed += w.Missed
				}
			}
		}
		for i, a := range in.authors {
			v.Kept = append(v.Kept, keptCard("kept-"+itoa(i), in.name(a)+"'s promises", promises, keptFrom{from: in.from}, a, in.from, in.to, authorToday,
				"None of "+in.name(a)+"'s promises was due in this range.", "", ""))
		}
	}
	if contains(in.shows, "checkins") {
		v.ShowCounts = append(v.ShowCounts, "checkins")
		checkins, err := s.store.DashboardCheckins(ctx, in.sc, store.DateRange{From: in.from, To: in.to})
		if err != nil {
			return v, err
		}
		var shared []store.CheckinDay
		for _, ci := range checkins {
			if !ci.Private {
				shared = append(shared, ci)
			}
		}
		for i, a := range in.authors {
			v.Feelings = append(v.Feelings, feelingsCard("feel-"+itoa(i), "How "+in.name(a)+" felt (shared check-ins)", weekTotalsOf(shared, a), in.from, in.to,
				"No shared check-in of "+in.name(a)+" in this range.", "", ""))
		}
		var dates []progress.Date
		for _, ci := range shared {
			if d, err := progress.ParseDate(ci.Date); err == nil {
				dates = append(dates, d)
			}
		}
		for i, w := range progress.CountPerWeek(dates, in.from, in.to, time.Monday) {
			if i < len(v.Weeks) {
				v.Weeks[i].Checkins = w.N
			}
		}
	}
	if contains(in.shows, "thanks") {
		v.ShowCounts = append(v.ShowCounts, "thanks")
		thanked, err := s.store.GratitudeTimes(ctx, in.sc, in.fromAt, in.until)
		if err != nil {
			return v, err
		}
		card := thanksCard(thanked, in.from, in.to, in.loc, "")
		card.Empty = "No notes of thanks in this range."
		v.Thanks = &card
		dates := make([]progress.Date, len(thanked))
		for i, at := range thanked {
			dates[i] = progress.Today(at, in.loc)
		}
		for i, w := range progress.CountPerWeek(dates, in.from, in.to, time.Monday) {
			if i < len(v.Weeks) {
				v.Weeks[i].Thanks = w.N
			}
		}
	}
	return v, nil
}

// summaryMaxDays bounds what one summary reads.
const summaryMaxDays = 366

// summary is the couple's own printable summary of a range (?from=&to=).
func (s *Server) summary(c echo.Context) error {
	a := actorOf(c)
	loc := a.user.Location()
	today := s.today(c)
	from, to := today.AddDays(-83), today
	if d, err := progress.ParseDate(c.QueryParam("from")); err == nil {
		from = d
	}
	if d, err := progress.ParseDate(c.QueryParam("to")); err == nil {
		to = d
	}
	if to < from {
		from, to = to, from
	}
	if int(to-from) > summaryMaxDays {
		from = to.AddDays(-summaryMaxDays)
	}
	ppl, err := s.people(c)
	if err != nil {
		return err
	}
	authors := []string{a.user.ID}
	if ppl.partner != nil {
		authors = append(authors, ppl.partner.UserID)
	}
	v, err := s.buildSummary(c.Request().Context(), summaryIn{sc: scope(c), shows: []string{"promises", "checkins", "thanks"},
		from: from, to: to, today: today, loc: loc, fromAt: from.Time(loc), until: to.AddDays(1).Time(loc), name: ppl.fullName, authors: authors})
	if err != nil {
		return err
	}
	v.Heading, v.Form = "Your summary", true
	return s.page(c, "Summary", views.SummaryPage(v))
}

// fullName is the member's own name, for a summary that may be printed.
func (p *people) fullName(userID string) string {
	if m, ok := p.members[userID]; ok {
		return m.Name
	}
	return "Someone"
}

// weekTotalsOf sums author's check-ins week by week (Mondays), as the
// totals kept at write time do: for a range the totals do not cover by
// themselves, such as a summary's.
func weekTotalsOf(checkins []store.CheckinDay, author string) map[progress.Date]*store.WeekTotals {
	out := map[progress.Date]*store.WeekTotals{}
	for _, ci := range checkins {
		d, err := progress.ParseDate(ci.Date)
		if err != nil || ci.AuthorID != author {
			continue
		}
		w := d.WeekStart(time.Monday)
		t := out[w]
		if t == nil {
			t = &store.WeekTotals{AuthorID: author, Week: w.String()}
			out[w] = t
		}
		t.N++
		t.Safe += ci.Safe
		t.Trust += ci.Trust
		t.Connected += ci.Connected
	}
	return out
}

package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"mend/internal/guidance"
	"mend/internal/store"
	"mend/views"
)

// Limits of what the journal keeps.
const (
	journalTitleMax   = 200
	journalBodyMax    = 50000
	journalReplyMax   = 2000
	journalSearchMax  = 200
	journalPerPage    = 20
	journalExcerptMax = 200
)

// journalPracticeOptions are the practices an entry or a note may point at,
// by title, after a "none" choice.
func (s *Server) journalPracticeOptions() []views.Option {
	ps := s.lib.Practices()
	opts := make([]views.Option, 0, len(ps)+1)
	opts = append(opts, views.Option{Value: "", Label: "None"})
	for _, p := range ps {
		opts = append(opts, views.Option{Value: p.Slug, Label: p.Title})
	}
	return opts
}

// journalPage is the page number asked for: 1 unless a sensible number.
func journalPage(c echo.Context) int {
	n, err := strconv.Atoi(c.QueryParam("page"))
	if err != nil || n < 1 || n > 100000 {
		return 1
	}
	return n
}

// journalNewlines normalises a textarea's newlines to one character each (browsers
// send CRLF but count one when they enforce maxlength).
func journalNewlines(f *views.Form, name string) {
	f.Values[name] = strings.ReplaceAll(f.Values[name], "\r\n", "\n")
}

// journalExcerpt is the start of a body for the list, as text on one line:
// the words of the Markdown, without its markup.
func journalExcerpt(body string) string {
	s := strings.Join(strings.Fields(guidance.PlainText(body)), " ")
	if utf8.RuneCountInString(s) <= journalExcerptMax {
		return s
	}
	r := []rune(s)[:journalExcerptMax]
	if i := strings.LastIndexByte(string(r), ' '); i > journalExcerptMax/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

func (s *Server) journal(c echo.Context) error {
	a := actorOf(c)
	q := strings.TrimSpace(c.QueryParam("q"))
	page := journalPage(c)
	search := views.NewForm()
	search.Values["q"] = q
	checkChars(search, "q", false)
	checkText(search, "q", "Search", false, journalSearchMax)
	v := views.JournalListView{Search: search, Page: page}
	if search.Valid() {
		v.Query = q
		res, err := s.store.JournalEntries(c.Request().Context(), scope(c), q, (page-1)*journalPerPage, journalPerPage)
		if err != nil {
			return err
		}
		p, err := s.people(c)
		if err != nil {
			return err
		}
		loc := a.user.Location()
		v.Total = res.Total
		for _, it := range res.Items {
			iv := views.JournalItemView{ID: it.ID, Title: it.Title, Author: p.Name(it.AuthorID), Mine: it.AuthorID == a.user.ID,
				Date: views.Day(it.CreatedAt.In(loc)), Excerpt: journalExcerpt(it.Excerpt), Shared: it.Shared,
				Replied: it.Shared && it.ReplyAuthorID != nil && (it.AuthorID == a.user.ID || *it.ReplyAuthorID == a.user.ID)}
			if pr, ok := s.lib.Practice(it.Practice); ok {
				iv.Practice = pr.Title
			}
			v.Items = append(v.Items, iv)
		}
		link := func(n int) string {
			vals := url.Values{}
			if q != "" {
				vals.Set("q", q)
			}
			if n > 1 {
				vals.Set("page", itoa(n))
			}
			if len(vals) == 0 {
				return "/journal"
			}
			return "/journal?" + vals.Encode()
		}
		if page > 1 {
			last := max(1, int((res.Total+journalPerPage-1)/journalPerPage))
			v.PrevURL = link(min(page-1, last))
		}
		if int64(page*journalPerPage) < res.Total {
			v.NextURL = link(page + 1)
		}
	}
	return s.page(c, "Journal", views.JournalPage(v))
}

// journalPrompt is question i of practice slug; ok is false when there is none.
func (s *Server) journalPrompt(slug, i string) (p *guidance.Practice, prompt string, ok bool) {
	p, found := s.lib.Practice(slug)
	if !found {
		return nil, "", false
	}
	n, err := strconv.Atoi(i)
	if err != nil || n < 0 || n >= len(p.Reflect) {
		return p, "", false
	}
	return p, p.Reflect[n], true
}

// newJournalView is the new-entry form for f, with the question it answers
// when f names a valid one.
func (s *Server) newJournalView(f *views.Form) views.JournalFormView {
	v := views.JournalFormView{Form: f, Practices: s.journalPracticeOptions()}
	if p, prompt, ok := s.journalPrompt(f.Get("practice"), f.Get("prompt")); ok {
		v.Prompt, v.PromptPractice, v.PromptIndex = prompt, p.Title, f.Get("prompt")
	}
	return v
}

func (s *Server) newJournalEntry(c echo.Context) error {
	f := views.NewForm()
	if p, ok := s.lib.Practice(c.QueryParam("practice")); ok {
		f.Values["practice"] = p.Slug
		if _, _, ok := s.journalPrompt(p.Slug, c.QueryParam("prompt")); ok {
			f.Values["prompt"] = c.QueryParam("prompt")
		}
	}
	return s.page(c, "New entry", views.JournalFormPage(s.newJournalView(f)))
}

// readJournalForm reads and checks the entry form.
func (s *Server) readJournalForm(c echo.Context) *views.Form {
	f := readForm(c, "title", textarea("body"), "practice", "prompt")
	journalNewlines(f, "body")
	checkText(f, "title", "The title", true, journalTitleMax)
	checkText(f, "body", "Your entry", false, journalBodyMax)
	if slug := f.Get("practice"); slug != "" {
		if _, ok := s.lib.Practice(slug); !ok {
			f.Fail("practice", "Please choose a practice from the list.")
		}
	}
	return f
}

func (s *Server) createJournalEntry(c echo.Context) error {
	f := s.readJournalForm(c)
	if !f.Valid() {
		return invalid("New entry", views.JournalFormPage(s.newJournalView(f)))
	}
	in := store.JournalInput{Title: f.Get("title"), Body: f.Get("body"), Practice: f.Get("practice")}
	if _, prompt, ok := s.journalPrompt(in.Practice, f.Get("prompt")); ok {
		in.Prompt = prompt
	}
	e, err := s.store.CreateJournalEntry(c.Request().Context(), scope(c), in)
	if err != nil {
		return err
	}
	s.log.Info("journal entry written", "entry", e.ID)
	return s.redirect(c, "/journal/"+e.ID, "Saved. Only you can read this entry unless you share it.")
}

// journalEntryView builds the page of entry id as the acting user sees it.
func (s *Server) journalEntryView(c echo.Context, id string) (views.JournalEntryView, error) {
	a := actorOf(c)
	e, err := s.store.JournalEntry(c.Request().Context(), scope(c), id)
	if err != nil {
		return views.JournalEntryView{}, err
	}
	p, err := s.people(c)
	if err != nil {
		return views.JournalEntryView{}, err
	}
	loc := a.user.Location()
	mine := e.AuthorID == a.user.ID
	v := views.JournalEntryView{ID: e.ID, Title: e.Title, HTML: guidance.RenderUser(e.Body), Author: p.Name(e.AuthorID),
		Mine: mine, Created: views.DayTime(e.CreatedAt.In(loc)), Prompt: e.Prompt, Shared: e.Shared,
		PartnerName: p.PartnerName(), ReplyKept: e.ReplyKept, ReplyForm: views.NewForm(), DeleteForm: views.NewForm()}
	if e.UpdatedAt.Sub(e.CreatedAt) > time.Minute {
		v.Edited = views.DayTime(e.UpdatedAt.In(loc))
	}
	if pr, ok := s.lib.Practice(e.Practice); ok {
		v.PracticeSlug, v.PracticeTitle = pr.Slug, pr.Title
	}
	if e.Reply != nil {
		v.Reply = &views.JournalReplyView{Author: p.Name(e.Reply.AuthorID), Date: views.DayTime(e.Reply.CreatedAt.In(loc)), Body: e.Reply.Body}
	}
	if mine {
		partner := p.PartnerName()
		switch {
		case partner == "" && e.Shared:
			v.ShareNote = "Shared, but nobody else is in your space now: only you can read it."
		case partner == "":
			v.ShareNote = "Private: only you can read it. Once your partner has joined, you can share it with them."
		case !e.Shared:
			v.ShareNote = "Private: only you can read it. If you share it, " + partner + " can read it and write one reply."
			v.CanShare = true
		case e.SharedAt != nil && e.SharedAt.Before(p.partner.JoinedAt):
			v.ShareNote = "Shared before " + partner + " joined your space, so " + partner + " can't read it. Share it again to show it to them."
			v.CanShare = true
		default:
			v.ShareNote = "Shared with " + partner + " on " + views.DayTime(e.SharedAt.In(loc)) + ": they can read it and write one reply."
		}
	} else {
		switch {
		case e.Replied:
		case p.Former(e.AuthorID):
			v.ReplyClosed = p.Name(e.AuthorID) + " has left the space, so a reply can no longer be written."
		default:
			v.CanReply = true
		}
	}
	return v, nil
}

func (s *Server) journalEntry(c echo.Context) error {
	id := c.Param("id")
	v, err := s.journalEntryView(c, id)
	if err != nil {
		return err
	}
	return s.page(c, v.Title, views.JournalEntryPage(v))
}

func (s *Server) editJournalForm(c echo.Context) error {
	id := c.Param("id")
	e, err := s.store.OwnJournalEntry(c.Request().Context(), scope(c), id)
	if err != nil {
		return err
	}
	f := views.NewForm()
	f.Values["title"], f.Values["body"], f.Values["practice"] = e.Title, e.Body, e.Practice
	return s.page(c, "Edit entry", views.JournalFormPage(s.editJournalView(e, f)))
}

// editJournalView is the edit form of e; a question it answers stays fixed.
func (s *Server) editJournalView(e *store.JournalEntry, f *views.Form) views.JournalFormView {
	v := views.JournalFormView{ID: e.ID, Form: f, Practices: s.journalPracticeOptions(), Prompt: e.Prompt}
	if e.Prompt != "" {
		v.PromptPractice = e.Practice
		if p, ok := s.lib.Practice(e.Practice); ok {
			v.PromptPractice = p.Title
		}
	}
	return v
}

func (s *Server) updateJournalEntry(c echo.Context) error {
	id := c.Param("id")
	ctx := c.Request().Context()
	e, err := s.store.OwnJournalEntry(ctx, scope(c), id)
	if err != nil {
		return err
	}
	f := s.readJournalForm(c)
	in := store.JournalInput{Title: f.Get("title"), Body: f.Get("body"), Practice: f.Get("practice")}
	if e.Prompt != "" {
		// An entry that answers a question keeps its question and practice.
		delete(f.Errors, "practice")
		in.Practice, in.Prompt = e.Practice, e.Prompt
	}
	if !f.Valid() {
		return invalid("Edit entry", views.JournalFormPage(s.editJournalView(e, f)))
	}
	if err := s.store.UpdateJournalEntry(ctx, scope(c), id, in); err != nil {
		return err
	}
	return s.redirect(c, "/journal/"+id, "Your changes are saved.")
}

func (s *Server) shareJournalEntry(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.ShareJournalEntry(c.Request().Context(), scope(c), id, true); err != nil {
		return err
	}
	p, err := s.people(c)
	if err != nil {
		return err
	}
	return s.redirect(c, "/journal/"+id, "Shared with "+p.PartnerName()+". They can read it and write one reply.")
}

func (s *Server) unshareJournalEntry(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.ShareJournalEntry(c.Request().Context(), scope(c), id, false); err != nil {
		return err
	}
	return s.redirect(c, "/journal/"+id, "The entry is private again. Any reply is kept, hidden, and shows again if you share the entry again.")
}

func (s *Server) deleteJournalEntry(c echo.Context) error {
	id := c.Param("id")
	ctx := c.Request().Context()
	if _, err := s.store.OwnJournalEntry(ctx, scope(c), id); err != nil {
		return err
	}
	if c.FormValue("confirm") != "yes" {
		v, err := s.journalEntryView(c, id)
		if err != nil {
			return err
		}
		v.DeleteForm.Fail("confirm", "To delete the entry, tick “Yes, delete this entry” first.")
		return invalid(v.Title, views.JournalEntryPage(v))
	}
	if err := s.store.DeleteJournalEntry(ctx, scope(c), id); err != nil {
		return err
	}
	s.log.Info("journal entry deleted", "entry", id)
	return s.redirect(c, "/journal", "The entry is deleted.")
}

// checkJournalReply checks the reply to a shared entry.
func checkJournalReply(f *views.Form) {
	journalNewlines(f, "reply")
	checkText(f, "reply", "Your reply", true, journalReplyMax)
}

func (s *Server) replyToJournalEntry(c echo.Context) error {
	id := c.Param("id")
	f := readForm(c, textarea("reply"))
	checkJournalReply(f)
	if !f.Valid() {
		v, err := s.journalEntryView(c, id)
		if err != nil {
			return err
		}
		if !v.CanReply {
			return store.ErrNotFound
		}
		v.ReplyForm = f
		return invalid(v.Title, views.JournalEntryPage(v))
	}
	if err := s.store.ReplyToJournalEntry(c.Request().Context(), scope(c), id, f.Get("reply")); err != nil {
		return err
	}
	return s.redirect(c, "/journal/"+id, "Your reply is sent.")
}

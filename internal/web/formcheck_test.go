package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"mend/internal/guidance"
	"mend/internal/progress"
	"mend/views"
)

// FormProblems runs the validation of one of the app's forms on values,
// exactly as its handler does, and returns every problem by field: its
// messages (the form's own message under ""), and "changed" for a field the
// reading changed (trimmed spaces, normalised newlines), since a value that
// did not survive the form unchanged could not have been typed into it.
// today is the author's date when they sent it; earliest, for renegotiated
// terms, the first day they could apply from.
func (s *Server) FormProblems(form string, values url.Values, today, earliest progress.Date) map[string]string {
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	c := s.echo.NewContext(req, httptest.NewRecorder())
	var f *views.Form
	switch form {
	case "profile":
		f = readForm(c, "name", "email", "time_zone")
		checkProfile(f)
	case "space":
		f = readForm(c, "name")
		checkSpaceName(f)
	case "checkin":
		f, _ = readCheckin(c)
	case "reflection":
		f = readForm(c, textarea("helped"), textarea("hard"), textarea("need"), textarea("next_step"), "practice", "visibility")
		s.checkReflection(f)
	case "journal":
		f = s.readJournalForm(c)
	case "journal reply":
		f = readForm(c, textarea("reply"))
		checkJournalReply(f)
	case "gratitude":
		f = readForm(c, textarea("body"), "practice")
		journalNewlines(f, "body")
		s.checkGratitude(f)
	case "gratitude reply":
		f = readForm(c, textarea("reply"), "heart")
		checkGratitudeReply(f)
	case "bookmark":
		f = readBookmark(c)
	case "promise":
		f = readForm(c, append(termFields, "practice", "can_keep")...)
		readTerms(c, f, today, false)
		s.checkNewPromise(f)
	case "renegotiation":
		f = readForm(c, append(termFields, "from", textarea("note"))...)
		checkRenegotiation(f, readTerms(c, f, today, true), today, earliest)
	case "pause":
		f = readForm(c, "pause_note")
		checkPause(f)
	case "close":
		f = readForm(c, "close_kind", textarea("close_note"))
		checkClose(f)
	case "record":
		f = readForm(c, "date", "outcome", "note")
		checkRecordNote(f)
	case "dispute":
		f = readForm(c, textarea("dispute_note"))
		checkDispute(f)
	case "dispute reply":
		f = readForm(c, textarea("reply"))
		checkDisputeReply(f)
	default:
		panic("FormProblems: unknown form " + form)
	}
	out := map[string]string{}
	for k, v := range f.Errors {
		out[k] = v
	}
	if f.Message != "" {
		out[""] = f.Message
	}
	for k := range values {
		if k != "weekdays" && f.Values[k] != values.Get(k) {
			out[k] += " changed"
		}
	}
	return out
}

// Library is the server's guidance library.
func (s *Server) Library() *guidance.Library { return s.lib }

// JournalPrompt is question i of practice slug, as the new-entry form reads it.
func (s *Server) JournalPrompt(slug, i string) (string, bool) {
	_, prompt, ok := s.journalPrompt(slug, i)
	return prompt, ok
}

// PageCacheTTL is how long a cached page may be served, for the tests that
// write behind the server's back.
const PageCacheTTL = pageCacheTTL

// ForgetPages empties the page cache, for the tests that count the
// statements of a page as it is made.
func (s *Server) ForgetPages() { s.pages = newPageCache(s.store, s.now, true) }

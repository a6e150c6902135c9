package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/seed"
	"mend/internal/store"
	"mend/internal/web"
)

// postStatus posts f as c, with its token, and returns the first status;
// safe to call from several goroutines at once (it never fails the test).
func (c *client) postStatus(path string, f url.Values) int {
	g := url.Values{}
	for k, v := range f {
		g[k] = v
	}
	g.Set("_csrf", c.token)
	req, err := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(g.Encode()))
	if err != nil {
		return -1
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.hc.Do(req)
	if err != nil {
		return -1
	}
	res.Body.Close()
	return res.StatusCode
}

// atOnce sends the posts at the same time and returns their statuses.
func atOnce(posts ...func() int) []int {
	out := make([]int, len(posts))
	var start, done sync.WaitGroup
	start.Add(1)
	for i, p := range posts {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			out[i] = p()
		}()
	}
	start.Done()
	done.Wait()
	return out
}

// oneWins fails unless exactly one of statuses is a success (303) and the
// others refusals (409, or 410 for what the winner closed).
func oneWins(t *testing.T, what string, statuses []int) {
	t.Helper()
	won := 0
	for _, s := range statuses {
		switch s {
		case http.StatusSeeOther:
			won++
		case http.StatusConflict, http.StatusGone:
		default:
			t.Fatalf("%s: status %d among %v", what, s, statuses)
		}
	}
	if won != 1 {
		t.Fatalf("%s: %d requests succeeded (%v), want exactly 1", what, won, statuses)
	}
}

// TestQuestions: a draft is its author's alone; once sent, the partner
// answers or keeps it open with a note; the asker asks again (the earlier
// answer stays beneath) or marks it enough for now. No clock is shown.
func TestQuestions(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	id := a.draftQuestion("Did you see her after March? " + questionMarker)
	a.open("/questions").has(t, "draft, only you", questionMarker)
	b.get("/questions/"+id).status(t, http.StatusNotFound, "partner on a draft")
	b.open("/questions").hasnt(t, questionMarker)
	b.post("/questions/"+id+"/answer", form("answer", "x")).status(t, http.StatusNotFound, "answer a draft")
	a.post("/questions/"+id+"/edit", form("body", "Did you see her after March?", "practice", "no-such-practice")).
		status(t, http.StatusUnprocessableEntity, "unknown practice")
	a.post("/questions/"+id+"/edit", form("body", "Did you see her after March?", "practice", "ask-what-you-need-to-know")).
		status(t, http.StatusSeeOther, "edit the draft")
	a.post("/questions/"+id+"/send", nil).has(t, "Sent.")
	a.post("/questions/"+id+"/edit", form("body", "Changed")).status(t, http.StatusGone, "edit once sent")

	// Ben sees it, with nothing that counts time against him.
	q := b.open("/questions/" + id)
	q.has(t, "Did you see her after March?", "Answer Ana", "honest answer matters more than a quick one", "Ask what you need to know")
	for _, p := range []string{q.Body, b.open("/questions").Body} {
		for _, bad := range []string{"overdue", "days ago", "deadline:", "waiting since"} {
			if strings.Contains(strings.ToLower(p), bad) {
				t.Fatalf("a question page speaks of %q", bad)
			}
		}
	}
	w := waitingFor(t, e, b)
	if w.Count != 1 || w.Items[0].ID != id || w.Items[0].What != "ask" {
		t.Fatalf("Ben's waiting questions: %+v", w)
	}
	if w := waitingFor(t, e, a); w.Count != 0 {
		t.Fatalf("Ana waits for her own question: %+v", w)
	}

	// In person first: it stays open, with the note, and still waits.
	b.post("/questions/"+id+"/defer", form("how", "in-person", "note", "Tonight, after dinner?")).status(t, http.StatusSeeOther, "defer")
	a.open("/questions/"+id).has(t, "Ben would like to answer this in person.", "Tonight, after dinner?")
	if w := waitingFor(t, e, b); w.Count != 1 || w.Items[0].What != "in-person" {
		t.Fatalf("a deferred question no longer waits: %+v", w)
	}
	b.post("/questions/"+id+"/defer", form("how", "somewhere")).status(t, http.StatusUnprocessableEntity, "unknown way")
	b.post("/questions/"+id+"/answer", form("answer", "")).status(t, http.StatusUnprocessableEntity, "empty answer")
	b.post("/questions/"+id+"/answer", form("answer", "Once, in April, to return her things.")).status(t, http.StatusSeeOther, "answer")
	b.post("/questions/"+id+"/answer", form("answer", "Twice")).status(t, http.StatusConflict, "a second answer to the round")
	if w := waitingFor(t, e, b); w.Count != 0 {
		t.Fatalf("an answered question still waits: %+v", w)
	}
	a.open("/questions").has(t, "answered")

	// Asking again is normal; the first answer stays beneath.
	a.post("/questions/"+id+"/again", form("body", "What did you talk about?")).has(t, "Asked again.")
	r := a.open("/questions/" + id)
	r.has(t, "Asked again", "What did you talk about?", "Once, in April, to return her things.", "Not answered yet")
	if strings.Index(r.Body, "What did you talk about?") > strings.Index(r.Body, "Once, in April") {
		t.Fatal("the new round is not above the earlier answer")
	}
	a.post("/questions/"+id+"/again", nil).status(t, http.StatusConflict, "ask again before an answer")
	a.post("/questions/"+id+"/enough", nil).status(t, http.StatusConflict, "enough before an answer")
	b.post("/questions/"+id+"/answer", form("answer", "Mostly about her new job.")).status(t, http.StatusSeeOther, "answer again")
	b.post("/questions/"+id+"/enough", nil).status(t, http.StatusNotFound, "the answerer marks it enough")
	a.post("/questions/"+id+"/enough", nil).has(t, "enough for now")
	a.post("/questions/"+id+"/enough", nil).status(t, http.StatusConflict, "enough twice")
	a.open("/questions").has(t, "enough for now", "asked 2 times")
	b.open("/questions/"+id).has(t, "Mostly about her new job.", "Once, in April").hasnt(t, "Answer Ana")
}

// passDays moves the clock on by n days, a few days at a time, with each
// user opening a page between, so that their sessions stay in use.
func passDays(e *env, n int, users ...*user) {
	for n > 0 {
		d := min(n, 3)
		e.clock.Advance(time.Duration(d) * 24 * time.Hour)
		for _, u := range users {
			u.open("/")
		}
		n -= d
	}
}

// waitingFor is what the store lists as waiting for u's answer.
func waitingFor(t *testing.T, e *env, u *user) store.Conversations {
	t.Helper()
	w, err := store.New(e.db, e.clock.Now).WaitingQuestions(ctx(), scopeOf(t, e, u))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// scopeOf is u's scope in their current space, read from the database.
func scopeOf(t *testing.T, e *env, u *user) store.Scope {
	t.Helper()
	var row struct {
		UserID, SpaceID string
		JoinedAt        time.Time
	}
	if err := e.db.Raw(`SELECT m.user_id, m.space_id, m.joined_at FROM memberships m JOIN users ON users.id = m.user_id
		WHERE users.email = ? AND m.left_at IS NULL`, u.Email).Scan(&row).Error; err != nil || row.UserID == "" {
		t.Fatalf("no membership of %s: %v", u.Name, err)
	}
	return store.Scope{UserID: row.UserID, SpaceID: row.SpaceID, Since: row.JoinedAt}
}

// TestQuestionsAtOnce: two answers to the same round, or two asks again,
// sent at the same moment: the database keeps exactly one.
func TestQuestionsAtOnce(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	id := a.askQuestion("Why then?")
	b.open("/questions/" + id)
	oneWins(t, "two answers at once", atOnce(
		func() int { return b.postStatus("/questions/"+id+"/answer", form("answer", "First")) },
		func() int { return b.postStatus("/questions/"+id+"/answer", form("answer", "Second")) },
		func() int { return b.postStatus("/questions/"+id+"/answer", form("answer", "Third")) },
	))
	if n := countRows(t, e, "SELECT COUNT(*) FROM question_answers WHERE question_id = ?", id); n != 1 {
		t.Fatalf("%d answers to one round", n)
	}
	a.open("/questions/" + id)
	oneWins(t, "two asks again at once", atOnce(
		func() int { return a.postStatus("/questions/"+id+"/again", form("body", "One")) },
		func() int { return a.postStatus("/questions/"+id+"/again", form("body", "Two")) },
	))
	if n := countRows(t, e, "SELECT COUNT(*) FROM question_rounds WHERE question_id = ?", id); n != 2 {
		t.Fatalf("%d rounds, want 2", n)
	}
}

// TestTriggers: a trigger is private until shared; the partner responds
// once; the author reads the responses; each member's chart counts their
// own triggers, and the partner's shows only what was shared.
func TestTriggers(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.open("/triggers")
	now := e.clock.Now().In(berlin)
	a.post("/triggers", form("when", now.Add(time.Hour).Format("2006-01-02T15:04"), "strength", "5")).status(t, http.StatusUnprocessableEntity, "in the future")
	a.post("/triggers", form("when", now.Format("2006-01-02T15:04"), "strength", "11")).status(t, http.StatusUnprocessableEntity, "strength 11")
	earlier := a.noteTrigger("4", "Her name on a parcel")
	passDays(e, 7, a, b) // the next week
	private := a.noteTrigger("8", "A song in the shop "+triggerMarker)

	mine := a.open("/triggers")
	mine.has(t, "Your triggers, week by week", "Your triggers: average strength", triggerMarker)
	if fig := figure(t, mine.Body, "my-triggers-count"); !strings.Contains(fig, "Show as table") {
		t.Fatal("the triggers chart has no table")
	}
	// Strength 4 last week, 8 this week: the table says so.
	if fig := figure(t, mine.Body, "my-triggers-strength"); !strings.Contains(fig, "<td>4.0</td>") || !strings.Contains(fig, "<td>8.0</td>") {
		t.Fatalf("average strengths missing from the table\n%s", fig)
	}
	b.get("/triggers/"+private).status(t, http.StatusNotFound, "partner on a private trigger")
	b.open("/triggers").hasnt(t, triggerMarker, "Ana's shared triggers")
	b.post("/triggers/"+private+"/respond", form("kind", "here")).status(t, http.StatusNotFound, "respond to a private trigger")

	a.post("/triggers/"+earlier+"/share", nil).has(t, "Shared.")
	theirs := b.open("/triggers")
	theirs.has(t, "Her name on a parcel", "Ana&#39;s shared triggers, week by week").hasnt(t, triggerMarker)
	if fig := figure(t, theirs.Body, "shared-triggers-strength"); strings.Contains(fig, "<td>8.0</td>") {
		t.Fatal("the partner's chart counts a private trigger")
	}
	b.open("/triggers/"+earlier).has(t, "Respond to Ana")
	b.post("/triggers/"+earlier+"/respond", form("kind", "note")).status(t, http.StatusUnprocessableEntity, "a note without words")
	b.post("/triggers/"+earlier+"/respond", form("kind", "talk", "note", "Whenever you want.")).status(t, http.StatusSeeOther, "respond")
	b.post("/triggers/"+earlier+"/respond", form("kind", "here")).status(t, http.StatusConflict, "respond twice")
	a.open("/triggers/"+earlier).has(t, "I&#39;d like to talk about it when you&#39;re ready", "Whenever you want.")
	a.open("/triggers").has(t, "1 response")
	a.post("/triggers/"+earlier+"/respond", form("kind", "here")).status(t, http.StatusNotFound, "respond to one's own")
	a.post("/triggers/"+earlier+"/unshare", nil).status(t, http.StatusSeeOther, "unshare")
	b.get("/triggers/"+earlier).status(t, http.StatusNotFound, "after unsharing")
	a.open("/triggers/"+earlier).hasnt(t, "Whenever you want.")
}

// TestTriggerResponsesAtOnce: the partner's responses sent at the same
// moment: one is kept.
func TestTriggerResponsesAtOnce(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	id := a.noteTrigger("6", "")
	a.post("/triggers/"+id+"/share", nil)
	b.open("/triggers/" + id)
	oneWins(t, "two responses at once", atOnce(
		func() int { return b.postStatus("/triggers/"+id+"/respond", form("kind", "here")) },
		func() int { return b.postStatus("/triggers/"+id+"/respond", form("kind", "talk")) },
	))
}

// TestAgreements: offered, changed on request, accepted, in force,
// reviewed on its date (renewed), then ended, with its history; the page
// explains openness and warns beside an agreement about passwords.
func TestAgreements(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.open("/agreements/new").has(t, "never demanded or enforced", `href="/safety"`)
	a.post("/agreements", form("body", "I will tell you.", "review_on", "2026-07-01")).status(t, http.StatusUnprocessableEntity, "more than 90 days ahead")
	a.post("/agreements", form("body", "I will tell you.", "review_on", "2026-03-10")).status(t, http.StatusUnprocessableEntity, "today")
	id := a.offerAgreement("I will tell you when anyone from that job contacts me.")
	b.post("/agreements/"+id+"/change", form("note", "")).status(t, http.StatusUnprocessableEntity, "a change without words")
	b.post("/agreements/"+id+"/change", form("note", "Within the day, please.")).status(t, http.StatusSeeOther, "ask to change")
	b.post("/agreements/"+id+"/accept", nil).status(t, http.StatusConflict, "accept while a change is asked")
	a.open("/agreements/"+id).has(t, "What to change:", "Within the day, please.", "Offer the change")
	a.post("/agreements/"+id+"/revise", form("body", "I will tell you the same day when anyone from that job contacts me.", "review_on", reviewDate)).
		status(t, http.StatusSeeOther, "revise")
	if w := toReview(t, e, b, progress.DateOf(2026, 3, 10)); w.Count != 1 || w.Items[0].What != "answer" {
		t.Fatalf("Ben's waiting agreements: %+v", w)
	}
	b.post("/agreements/"+id+"/accept", nil).has(t, "in force")
	b.post("/agreements/"+id+"/accept", nil).status(t, http.StatusConflict, "accept twice")
	a.open("/agreements").has(t, "the same day when anyone from that job")
	if w := toReview(t, e, a, progress.DateOf(2026, 3, 10)); w.Count != 0 {
		t.Fatalf("an agreement waits before its review date: %+v", w)
	}
	a.post("/agreements/"+id+"/renew", form("review_on", "2026-04-30")).status(t, http.StatusConflict, "renew before the date")

	// Its review date comes: both are asked to review it.
	passDays(e, 21, a, b)
	for _, u := range []*user{a, b} {
		if w := toReview(t, e, u, progress.DateOf(2026, 3, 31)); w.Count != 1 || w.Items[0].What != "review" {
			t.Fatalf("%s's agreements to review: %+v", u.Name, w)
		}
	}
	b.open("/agreements/"+id).has(t, "Time to review")
	b.post("/agreements/"+id+"/renew", form("review_on", "2026-09-01")).status(t, http.StatusUnprocessableEntity, "renew too far ahead")
	b.post("/agreements/"+id+"/renew", form("review_on", "2026-05-15")).status(t, http.StatusSeeOther, "renew")
	a.open("/agreements/"+id).has(t, "renewed it, to review on").hasnt(t, "Time to review")
	a.post("/agreements/"+id+"/end", form("end_note", "We don't need it any more.")).status(t, http.StatusSeeOther, "end")
	b.post("/agreements/"+id+"/end", nil).status(t, http.StatusGone, "end twice")
	r := b.open("/agreements/" + id)
	r.has(t, "ended", "We don&#39;t need it any more.", "offered it", "asked to change it", "changed it", "accepted it", "renewed it", "ended it")
	b.open("/agreements").has(t, "History")

	// An agreement about passwords may exist; the page says why it tends to harm.
	pw := b.offerAgreement("I will give you my phone password and share my location.")
	a.open("/agreements/"+pw).has(t, `id="agreement-caution"`, "tend to harm")
	a.open("/agreements/"+id).hasnt(t, `id="agreement-caution"`)
	a.post("/agreements/"+pw+"/decline", form("note", "I don't want to check on you.")).status(t, http.StatusSeeOther, "decline")
	a.post("/agreements/"+pw+"/accept", nil).status(t, http.StatusGone, "accept once declined")
}

// toReview is what the store lists as agreements waiting for u on today.
func toReview(t *testing.T, e *env, u *user, today progress.Date) store.Conversations {
	t.Helper()
	w, err := store.New(e.db, e.clock.Now).AgreementsToReview(ctx(), scopeOf(t, e, u), today)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestAgreementAnswersAtOnce: accept and decline sent at the same moment:
// only one answer holds.
func TestAgreementAnswersAtOnce(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	id := a.offerAgreement("I will tell you.")
	b.open("/agreements/" + id)
	oneWins(t, "accept and decline at once", atOnce(
		func() int { return b.postStatus("/agreements/"+id+"/accept", nil) },
		func() int { return b.postStatus("/agreements/"+id+"/decline", nil) },
		func() int { return b.postStatus("/agreements/"+id+"/accept", nil) },
	))
	if n := countRows(t, e, "SELECT COUNT(*) FROM agreement_events WHERE agreement_id = ?", id); n != 2 {
		t.Fatalf("%d steps recorded, want the offer and one answer", n)
	}
}

// TestConversationsPrivate: while both are members, the partner reaches no
// page that shows a private draft or trigger.
func TestConversationsPrivate(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Kai", "Lu")
	a.draftQuestion("Draft " + questionMarker)
	a.noteTrigger("9", "Private "+triggerMarker)
	a.askQuestion("A sent question")
	shared := a.noteTrigger("3", "A shared one")
	a.post("/triggers/"+shared+"/share", nil)
	pages := b.crawl("/", "/questions", "/triggers", "/agreements", "/timeline", "/timeline?kind=questions", "/timeline?kind=triggers")
	if len(pages) < 10 {
		t.Fatalf("the crawl reached only %d pages", len(pages))
	}
	for path, body := range pages {
		if strings.Contains(body, questionMarker) || strings.Contains(body, triggerMarker) {
			t.Fatalf("%s shows the partner's private item", path)
		}
	}
	t.Logf("privacy crawl: %d pages", len(pages))
	seen := strings.Join(mapValues(pages), "")
	for _, want := range []string{"A sent question", "A shared one"} {
		if !strings.Contains(seen, want) {
			t.Errorf("the partner never reaches %q", want)
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// TestConversationsLeaving: the leaver's drafts and private triggers are
// deleted; what they sent or shared stays, as a former partner's, and can
// no longer be answered.
func TestConversationsLeaving(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Noa", "Ezra")
	draft := a.draftQuestion("Noa's draft")
	sent := a.askQuestion("Noa's sent question")
	private := a.noteTrigger("7", "Noa private")
	shared := a.noteTrigger("5", "Noa shared")
	a.post("/triggers/"+shared+"/share", nil)
	ag := a.offerAgreement("Noa offers openness")
	e.clock.Advance(time.Hour)
	a.leave()
	if n := countRows(t, e, "SELECT COUNT(*) FROM questions WHERE id = ?", draft) + countRows(t, e, "SELECT COUNT(*) FROM triggers WHERE id = ?", private); n != 0 {
		t.Fatalf("%d private items of the leaver remain", n)
	}
	b.open("/questions/"+sent).has(t, "Noa (former partner)", "has left the space").hasnt(t, "Answer Noa")
	b.post("/questions/"+sent+"/answer", form("answer", "Late")).status(t, http.StatusConflict, "answer a former partner")
	b.open("/triggers/"+shared).has(t, "Noa shared", "Noa (former partner)")
	b.post("/triggers/"+shared+"/respond", form("kind", "here")).status(t, http.StatusConflict, "respond to a former partner")
	b.open("/agreements/"+ag).has(t, "Noa offers openness")
	if w := waitingFor(t, e, b); w.Count != 0 {
		t.Fatalf("a former partner's question waits: %+v", w)
	}
}

// TestConversationsTimeline: questions sent and answered, triggers shared
// and responded to, and the steps of agreements are in the timeline and in
// "Since your last visit"; drafts and private triggers never are.
func TestConversationsTimeline(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	b.open("/") // Ben's first visit
	passDays(e, 1, a, b)
	a.draftQuestion("Draft " + questionMarker)
	a.noteTrigger("9", "Private "+triggerMarker)
	q := a.askQuestion("Where were you on Friday?")
	tr := a.noteTrigger("6", "")
	a.post("/triggers/"+tr+"/share", nil)
	ag := a.offerAgreement("I will tell you when she writes.")
	e.clock.Advance(time.Hour) // a new visit for Ben
	news := newSection(t, b)
	for _, want := range []string{"asked a question:", "Where were you on Friday?", "shared", "a trigger", "strength 6", "offered an agreement:", "I will tell you when she writes."} {
		if !strings.Contains(news, want) {
			t.Fatalf("Ben's news lacks %q\n%s", want, news)
		}
	}
	b.post("/questions/"+q+"/answer", form("answer", "At my brother's."))
	b.post("/triggers/"+tr+"/respond", form("kind", "here"))
	b.post("/agreements/"+ag+"/accept", nil)
	for _, u := range []*user{a, b} {
		r := u.open("/timeline")
		r.has(t, "Where were you on Friday?", "a trigger", "I will tell you when she writes.").hasnt(t, questionMarker, triggerMarker)
		for _, kind := range []string{"questions", "triggers", "agreements"} {
			u.open("/timeline?kind="+kind).hasnt(t, questionMarker, triggerMarker)
		}
	}
	a.open("/timeline?kind=questions").has(t, "answered your question:")
	a.open("/timeline?kind=triggers").has(t, "responded to", "your trigger", "I&#39;m here")
	a.open("/timeline?kind=agreements").has(t, "accepted an agreement:")
}

// TestConversationsExport: each export holds the member's own questions,
// triggers and agreements, private ones included, and what the partner
// sent or shared with them marked shared_with_you; never the partner's
// drafts or private triggers.
func TestConversationsExport(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.draftQuestion("EXP-A-DRAFT")
	q := a.askQuestion("EXP-A-QUESTION")
	b.post("/questions/"+q+"/answer", form("answer", "EXP-B-ANSWER"))
	a.noteTrigger("8", "EXP-A-PRIVATE-TRIGGER")
	tr := a.noteTrigger("3", "EXP-A-SHARED-TRIGGER")
	a.post("/triggers/"+tr+"/share", nil)
	b.post("/triggers/"+tr+"/respond", form("kind", "note", "note", "EXP-B-RESPONSE"))
	a.offerAgreement("EXP-A-AGREEMENT")
	b.draftQuestion("EXP-B-DRAFT")
	b.noteTrigger("2", "EXP-B-PRIVATE-TRIGGER")

	var ex struct {
		Conversations struct {
			Questions []struct {
				SharedWithYou bool   `json:"shared_with_you"`
				Body          string `json:"body"`
				Rounds        []struct {
					Answer      string `json:"answer"`
					AnswerByYou bool   `json:"answer_by_you"`
				} `json:"rounds"`
			} `json:"questions"`
			Triggers []struct {
				SharedWithYou bool   `json:"shared_with_you"`
				Cause         string `json:"cause"`
			} `json:"triggers"`
			Agreements []struct {
				SharedWithYou bool   `json:"shared_with_you"`
				Body          string `json:"body"`
			} `json:"agreements"`
		} `json:"conversations"`
	}
	r := b.get("/export")
	if err := json.Unmarshal([]byte(r.Body), &ex); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"EXP-A-DRAFT", "EXP-A-PRIVATE-TRIGGER"} {
		if strings.Contains(r.Body, bad) {
			t.Fatalf("Ben's export holds Ana's private %s", bad)
		}
	}
	for _, want := range []string{"EXP-B-DRAFT", "EXP-B-PRIVATE-TRIGGER", "EXP-B-RESPONSE"} {
		if !strings.Contains(r.Body, want) {
			t.Fatalf("Ben's export lacks his own %s", want)
		}
	}
	c := ex.Conversations
	marked := 0
	for _, q := range c.Questions {
		if q.Body == "EXP-A-QUESTION" && q.SharedWithYou && len(q.Rounds) == 1 && q.Rounds[0].AnswerByYou && q.Rounds[0].Answer == "EXP-B-ANSWER" {
			marked++
		}
	}
	for _, tr := range c.Triggers {
		if tr.Cause == "EXP-A-SHARED-TRIGGER" && tr.SharedWithYou {
			marked++
		}
	}
	for _, ag := range c.Agreements {
		if ag.Body == "EXP-A-AGREEMENT" && ag.SharedWithYou {
			marked++
		}
	}
	if marked != 3 {
		t.Fatalf("Ben's export marks %d of Ana's shared items, want 3: %+v", marked, c)
	}
	ra := a.get("/export")
	for _, want := range []string{"EXP-A-DRAFT", "EXP-A-PRIVATE-TRIGGER", "EXP-B-ANSWER"} {
		if !strings.Contains(ra.Body, want) {
			t.Fatalf("Ana's export lacks %s", want)
		}
	}
	for _, bad := range []string{"EXP-B-DRAFT", "EXP-B-PRIVATE-TRIGGER"} {
		if strings.Contains(ra.Body, bad) {
			t.Fatalf("Ana's export holds Ben's private %s", bad)
		}
	}
}

// TestPromiseKeepsAgreement: a promise may point to an agreement in force of
// the space, chosen on its form; nothing else.
func TestPromiseKeepsAgreement(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	offered := a.offerAgreement("I will tell you when she writes.")
	a.open("/promises/new").hasnt(t, `name="agreement_id"`)
	inForce := a.offerAgreement("I will show you any message from that job.")
	b.post("/agreements/"+inForce+"/accept", nil)
	a.open("/promises/new").has(t, `name="agreement_id"`, "I will show you any message from that job.").hasnt(t, "when she writes")
	terms := func(agreement string) url.Values {
		return form("title", "Tell Ben the same day", "kind", "daily", "start", "2026-03-10", "can_keep", "1", "agreement_id", agreement)
	}
	a.post("/promises", terms(offered)).status(t, http.StatusUnprocessableEntity, "an agreement not in force")
	a.post("/promises", terms("aaaaaaaaaaaaaaaa")).status(t, http.StatusUnprocessableEntity, "an unknown agreement")
	c, d := e.couple("Cy", "Di")
	other := c.offerAgreement("Someone else's")
	d.post("/agreements/"+other+"/accept", nil)
	a.post("/promises", terms(other)).status(t, http.StatusUnprocessableEntity, "another space's agreement")
	a.post("/promises", terms(inForce)).status(t, http.StatusSeeOther, "a promise keeping the agreement")
	b.open("/agreements/"+inForce).has(t, "Promises that keep it", "Tell Ben the same day")
}

// TestConversationGuidance: the practices of questions, triggers and
// openness link members to these pages; every mapped slug is a practice.
func TestConversationGuidance(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Ana", "Ben")
	for slug, href := range map[string]string{"answer-questions": `href="/questions"`, "when-you-are-triggered": `href="/triggers"`,
		"offer-openness": `href="/agreements/new"`, "ask-what-you-need-to-know": `href="/questions/new?practice=ask-what-you-need-to-know"`} {
		a.open("/guidance/"+slug).status(t, http.StatusOK, slug).has(t, href)
		e.client().open("/guidance/"+slug).hasnt(t, `class="notice practice-tool"`)
	}
	a.open("/questions/new?practice=ask-what-you-need-to-know").has(t, `value="ask-what-you-need-to-know" selected`)
	for _, slug := range web.ConversationPracticeSlugs() {
		if r := a.get("/guidance/" + slug); r.Status != http.StatusOK {
			t.Errorf("mapped practice %s: %d", slug, r.Status)
		}
	}
}

// TestDemoConversations: the demo couple has questions, triggers and
// agreements, and their pages answer for both partners.
func TestDemoConversations(t *testing.T) {
	e := newEnv(t)
	logins, _, err := seed.Demo(ctx(), e.db, seed.DemoOptions{Names: [2]string{"Sam", "Alex"},
		Passwords: [2]string{"demo passphrase one", "demo passphrase two"}, Days: 90, Seed: 7, Today: e.clock.Now()})
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"questions", "question_answers", "triggers", "agreements", "agreement_events"} {
		if n := countRows(t, e, "SELECT COUNT(*) FROM "+table); n == 0 {
			t.Errorf("the demo couple has no %s", table)
		}
	}
	for _, l := range logins {
		c := e.client()
		c.login(l.Email, l.Password).status(t, http.StatusSeeOther, "log in "+l.Name)
		for _, p := range []string{"/questions", "/triggers", "/agreements", "/timeline?kind=questions", "/timeline?kind=agreements"} {
			r := c.open(p)
			if r.Status != http.StatusOK || strings.Contains(r.Body, "No questions yet") {
				t.Errorf("%s %s: %d", l.Name, p, r.Status)
			}
		}
		for path, body := range c.crawl("/questions", "/triggers", "/agreements") {
			if strings.Contains(body, "Something went wrong") || strings.Contains(body, "Not found") {
				t.Errorf("%s: %s fails", l.Name, path)
			}
		}
	}
}

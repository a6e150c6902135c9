package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// berlin is the time zone of the test users.
var berlin, _ = time.LoadLocation("Europe/Berlin")

// The review date the tests give agreements: three weeks after the test clock's day.
const reviewDate = "2026-03-31"

// idAfter is the id at the end of the page a post led to ("/questions/<id>").
func idAfter(t testing.TB, r *resp, prefix string) string {
	t.Helper()
	if r.First != http.StatusSeeOther || !strings.HasPrefix(r.URL, prefix) {
		t.Fatalf("expected a redirect to %s…, got %d to %s\n%s", prefix, r.First, r.URL, excerpt(r.Body))
	}
	return strings.TrimPrefix(r.URL, prefix)
}

// draftQuestion writes a draft question and returns its id.
func (u *user) draftQuestion(body string) string {
	u.t.Helper()
	u.open("/questions/new")
	return idAfter(u.t, u.post("/questions", form("body", body)), "/questions/")
}

// askQuestion writes and sends a question and returns its id.
func (u *user) askQuestion(body string) string {
	u.t.Helper()
	id := u.draftQuestion(body)
	u.post("/questions/"+id+"/send", nil).status(u.t, http.StatusSeeOther, "send the question")
	return id
}

// noteTrigger notes a private trigger at the test clock's time and returns its id.
func (u *user) noteTrigger(strength, cause string) string {
	u.t.Helper()
	u.open("/triggers")
	when := u.e.clock.Now().In(berlin).Format("2006-01-02T15:04")
	return idAfter(u.t, u.post("/triggers", form("when", when, "strength", strength, "cause", cause)), "/triggers/")
}

// offerAgreement offers an agreement to review in three weeks and returns its id.
func (u *user) offerAgreement(body string) string {
	u.t.Helper()
	u.open("/agreements/new")
	review := u.e.clock.Now().In(berlin).AddDate(0, 0, 21).Format("2006-01-02")
	return idAfter(u.t, u.post("/agreements", form("body", body, "review_on", review)), "/agreements/")
}

func init() {
	fixtureItems = append(fixtureItems, func(t *testing.T, fx *fixture) {
		a, b := fx.users[memberA], fx.users[partnerB]
		fx.ids["question:draft"] = a.draftQuestion("Avery's draft " + questionMarker)
		fx.ids["question:sent"] = a.askQuestion("Avery asks Blair something.")
		answered := a.askQuestion("Avery asks Blair something else.")
		b.post("/questions/"+answered+"/answer", form("answer", "Blair's honest answer.")).status(t, http.StatusSeeOther, "Blair answers")
		fx.ids["question:answered"] = answered
		fx.ids["trigger:private"] = a.noteTrigger("6", "Avery's private trigger "+triggerMarker)
		shared := a.noteTrigger("4", "Avery's shared trigger")
		a.post("/triggers/"+shared+"/share", nil).status(t, http.StatusSeeOther, "Avery shares a trigger")
		fx.ids["trigger:shared"] = shared
		fx.ids["agreement:offered"] = a.offerAgreement("I will tell you when anyone from that job contacts me.")
		accepted := a.offerAgreement("I will tell you when I am going to be late.")
		b.post("/agreements/"+accepted+"/accept", nil).status(t, http.StatusSeeOther, "Blair accepts")
		fx.ids["agreement:accepted"] = accepted
	})
}

// conversationsMatrix are the authorization matrix entries of questions,
// triggers and agreements.
func conversationsMatrix() map[string]matrixRoute {
	item := func(prefix, name, suffix string) func(*fixture) string {
		return func(fx *fixture) string {
			return "/" + prefix + "/" + fx.ids[strings.TrimSuffix(prefix, "s")+":"+name] + suffix
		}
	}
	q := func(name, suffix string) func(*fixture) string { return item("questions", name, suffix) }
	tr := func(name, suffix string) func(*fixture) string { return item("triggers", name, suffix) }
	ag := func(name, suffix string) func(*fixture) string { return item("agreements", name, suffix) }
	// Alone in their space, Casey and Finley have nobody to offer an agreement to.
	offer := members(conflict).with(memberA, to("/agreements/")).with(partnerB, to("/agreements/"))
	return map[string]matrixRoute{
		"GET /questions":     {want: members(okPage)},
		"GET /questions/new": {path: fixed("/questions/new?practice=answer-questions"), want: members(okPage)},
		"POST /questions":    {mutates: true, form: values("body", "A question?"), want: members(to("/questions/"))},
		"GET /questions/:id": {path: q("draft", ""), want: inS1(okPage, notFound)},
		"POST /questions/:id/edit": {mutates: true, path: q("draft", "/edit"), form: values("body", "Changed?"),
			want: inS1(to("/questions/"), notFound)},
		"POST /questions/:id/send": {mutates: true, path: q("draft", "/send"), want: inS1(to("/questions/"), notFound)},
		"POST /questions/:id/answer": {mutates: true, path: q("sent", "/answer"), form: values("answer", "My answer."),
			want: inS1(notFound, to("/questions/"))},
		"POST /questions/:id/defer": {mutates: true, path: q("sent", "/defer"), form: values("how", "in-person"),
			want: inS1(notFound, to("/questions/"))},
		"POST /questions/:id/enough": {mutates: true, path: q("answered", "/enough"), want: inS1(to("/questions/"), notFound)},
		"POST /questions/:id/again": {mutates: true, path: q("answered", "/again"), form: values("body", "And then?"),
			want: inS1(to("/questions/"), notFound)},

		"GET /triggers": {want: members(okPage)},
		"POST /triggers": {mutates: true, form: values("when", "2026-03-10T09:00", "strength", "3"),
			want: members(to("/triggers/"))},
		"GET /triggers/:id":           {path: tr("private", ""), want: inS1(okPage, notFound)},
		"POST /triggers/:id/share":    {mutates: true, path: tr("private", "/share"), want: inS1(to("/triggers/"), notFound)},
		"POST /triggers/:id/unshare":  {mutates: true, path: tr("shared", "/unshare"), want: inS1(to("/triggers/"), notFound)},
		"POST /triggers/:id/respond":  {mutates: true, path: tr("shared", "/respond"), form: values("kind", "here"), want: inS1(notFound, to("/triggers/"))},
		"GET /agreements":             {want: members(okPage)},
		"GET /agreements/new":         {want: members(okPage)},
		"POST /agreements":            {mutates: true, form: values("body", "I will tell you.", "review_on", reviewDate), want: offer},
		"GET /agreements/:id":         {path: ag("offered", ""), want: inS1(okPage, okPage)},
		"POST /agreements/:id/accept": {mutates: true, path: ag("offered", "/accept"), want: inS1(notFound, to("/agreements/"))},
		"POST /agreements/:id/change": {mutates: true, path: ag("offered", "/change"), form: values("note", "Say when, too."),
			want: inS1(notFound, to("/agreements/"))},
		"POST /agreements/:id/decline": {mutates: true, path: ag("offered", "/decline"), want: inS1(notFound, to("/agreements/"))},
		"POST /agreements/:id/revise": {mutates: true, path: ag("offered", "/revise"), form: values("body", "New words.", "review_on", reviewDate),
			want: inS1(to("/agreements/"), notFound)},
		// Not yet at its review date: nothing to renew, for either.
		"POST /agreements/:id/renew": {path: ag("accepted", "/renew"), form: values("review_on", reviewDate), want: inS1(conflict, conflict)},
		"POST /agreements/:id/end":   {mutates: true, path: ag("offered", "/end"), want: inS1(to("/agreements/"), to("/agreements/"))},
	}
}

// conversationsUnsafeCases are the CSRF cases of questions, triggers and agreements.
func conversationsUnsafeCases() map[string]unsafeCase {
	// by makes a couple and an item, then returns the client (the author
	// when author) and the path of action on the item.
	by := func(author bool, make func(a, b *user) string, action string, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			a, b := e.couple("Csa", "Csb")
			path := make(a, b) + action
			c := b
			if author {
				c = a
			}
			c.open("/")
			return c.client, path, form(kv...)
		}
	}
	draft := func(a, _ *user) string { return "/questions/" + a.draftQuestion("A draft?") }
	sent := func(a, _ *user) string { return "/questions/" + a.askQuestion("A question?") }
	answered := func(a, b *user) string {
		id := a.askQuestion("A question?")
		b.post("/questions/"+id+"/answer", form("answer", "An answer."))
		return "/questions/" + id
	}
	private := func(a, _ *user) string { return "/triggers/" + a.noteTrigger("5", "") }
	shared := func(a, _ *user) string {
		id := a.noteTrigger("5", "")
		a.post("/triggers/"+id+"/share", nil)
		return "/triggers/" + id
	}
	offered := func(a, _ *user) string { return "/agreements/" + a.offerAgreement("I will tell you.") }
	solo := func(path string, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			a, _ := e.couple("Csa", "Csb")
			a.open("/")
			return a.client, path, form(kv...)
		}
	}
	return map[string]unsafeCase{
		"POST /questions":              solo("/questions", "body", "Q?"),
		"POST /questions/:id/edit":     by(true, draft, "/edit", "body", "Q2?"),
		"POST /questions/:id/send":     by(true, draft, "/send"),
		"POST /questions/:id/answer":   by(false, sent, "/answer", "answer", "A."),
		"POST /questions/:id/defer":    by(false, sent, "/defer", "how", "counsellor"),
		"POST /questions/:id/enough":   by(true, answered, "/enough"),
		"POST /questions/:id/again":    by(true, answered, "/again"),
		"POST /triggers":               solo("/triggers", "when", "2026-03-10T09:00", "strength", "2"),
		"POST /triggers/:id/share":     by(true, private, "/share"),
		"POST /triggers/:id/unshare":   by(true, shared, "/unshare"),
		"POST /triggers/:id/respond":   by(false, shared, "/respond", "kind", "talk"),
		"POST /agreements":             solo("/agreements", "body", "I will.", "review_on", reviewDate),
		"POST /agreements/:id/accept":  by(false, offered, "/accept"),
		"POST /agreements/:id/change":  by(false, offered, "/change", "note", "Change this."),
		"POST /agreements/:id/decline": by(false, offered, "/decline"),
		"POST /agreements/:id/revise":  by(true, offered, "/revise", "body", "New.", "review_on", reviewDate),
		"POST /agreements/:id/end":     by(true, offered, "/end"),
		"POST /agreements/:id/renew": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, b := e.couple("Csa", "Csb")
			id := a.offerAgreement("I will tell you.")
			b.post("/agreements/"+id+"/accept", nil)
			// Its review date has come.
			e.db.Exec("UPDATE agreements SET review_on = ? WHERE id = ?", "2026-03-10", id)
			a.open("/agreements/" + id)
			return a.client, "/agreements/" + id + "/renew", form("review_on", reviewDate)
		},
	}
}

// Markers of private items: no page of anyone but their author may show them.
const (
	questionMarker = "QUESTION-DRAFT-MARKER-5b1d"
	triggerMarker  = "TRIGGER-PRIVATE-MARKER-e07c"
)

func init() {
	privateSeeds = append(privateSeeds, func(t *testing.T, c *client, marker string) {
		u := &user{client: c, Name: "seed"}
		u.draftQuestion("Draft " + marker)
		u.noteTrigger("7", "Private "+marker)
	})
}

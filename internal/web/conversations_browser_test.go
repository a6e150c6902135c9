package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserConversations: in two browsers, a question is asked, answered,
// asked again and answered again; a trigger is noted, shared and
// acknowledged; an agreement is offered, changed on request, accepted,
// reviewed on its date and ended.
func TestBrowserConversations(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	a, bl := e.couple("Avery", "Blair")
	avery, blair := b.tab(), b.tab()
	b.login(avery, a)
	b.login(blair, bl)

	// A question, asked, answered, asked again.
	b.do(avery, "write a question", chromedp.Navigate(b.base+"/questions/new"),
		chromedp.SendKeys(chromedp.ID("body"), "Did you see them after you said it was over?"))
	b.submit(avery, "save the draft", `form[action="/questions"]`)
	b.expect(avery, "Saved as a draft", "draft, only you")
	q := b.location(avery)
	b.submit(avery, "send it", `form[action$="/send"]`)
	b.expect(avery, "Sent. Blair can read it")
	b.do(blair, "open the question", chromedp.Navigate(q))
	b.expect(blair, "Did you see them after you said it was over?", "Answer Avery", "honest answer matters more")
	b.do(blair, "answer", chromedp.SendKeys(chromedp.ID("answer"), "Once, to give back a key."))
	b.submit(blair, "send the answer", `form[action$="/answer"]`)
	b.expect(blair, "Your answer is sent.", "Once, to give back a key.")
	b.do(avery, "read the answer", chromedp.Navigate(q))
	b.expect(avery, "Once, to give back a key.", "Asking again is normal")
	b.do(avery, "ask again", chromedp.SendKeys(chromedp.ID("body"), "What did you say to each other?"))
	b.submit(avery, "ask again", `form[action$="/again"]`)
	b.expect(avery, "Asked again.", "What did you say to each other?", "Not answered yet", "Once, to give back a key.")
	b.do(blair, "see it asked again", chromedp.Navigate(q))
	b.do(blair, "answer again", chromedp.SendKeys(chromedp.ID("answer"), "That it was over, and goodbye."))
	b.submit(blair, "send the second answer", `form[action$="/answer"]`)
	b.do(avery, "read both answers", chromedp.Navigate(q))
	b.expect(avery, "That it was over, and goodbye.", "Once, to give back a key.")
	b.submit(avery, "enough for now", `form[action$="/enough"]`)
	b.expect(avery, "enough for now")
	b.shot(avery, "question")

	// A trigger, noted, shared, acknowledged.
	b.do(avery, "note a trigger", chromedp.Navigate(b.base+"/triggers"),
		chromedp.SetValue(chromedp.ID("strength"), "7"),
		chromedp.SendKeys(chromedp.ID("cause"), "A song in the car"))
	b.submit(avery, "save it", `form[action="/triggers"]`)
	b.expect(avery, "Noted. Only you can see it", "strength 7 of 10", "A song in the car", "private")
	tr := b.location(avery)
	b.do(blair, "look for it while private", chromedp.Navigate(b.base+"/triggers"))
	if strings.Contains(b.text(blair, "main"), "A song in the car") {
		t.Fatal("Blair sees a private trigger")
	}
	b.do(avery, "open it", chromedp.Navigate(tr))
	b.submit(avery, "share it", `form[action$="/share"]`)
	b.expect(avery, "Shared.")
	b.do(blair, "open the shared trigger", chromedp.Navigate(tr), chromedp.Click(chromedp.CSS(`input[name=kind][value=here]`)))
	b.submit(blair, "respond", `form[action$="/respond"]`)
	b.expect(blair, "Sent.", "I'm here")
	b.do(avery, "see the response", chromedp.Navigate(tr))
	b.expect(avery, "Blair: I'm here")
	b.do(avery, "the triggers chart", chromedp.Navigate(b.base+"/triggers"))
	b.expect(avery, "Your triggers, week by week", "Your triggers: average strength")
	b.shot(avery, "triggers")

	// An agreement, offered, changed, accepted, reviewed, ended.
	b.do(blair, "offer an agreement", chromedp.Navigate(b.base+"/agreements/new"),
		chromedp.SendKeys(chromedp.ID("body"), "I will tell you when anyone from that job writes to me."),
		chromedp.SetValue(chromedp.ID("review_on"), "2026-03-17"))
	b.expect(blair, "never demanded or enforced")
	b.submit(blair, "offer it", `form[action="/agreements"]`)
	b.expect(blair, "Offered.", "offered")
	ag := b.location(blair)
	b.do(avery, "ask to change it", chromedp.Navigate(ag), chromedp.SendKeys(chromedp.ID("note"), "The same day, please."))
	b.submit(avery, "ask to change", `form[action$="/change"]`)
	b.expect(avery, "change asked", "The same day, please.")
	b.do(blair, "change it", chromedp.Navigate(ag),
		chromedp.SetValue(chromedp.ID("body"), "I will tell you the same day when anyone from that job writes to me."),
		chromedp.SetValue(chromedp.ID("review_on"), "2026-03-17"))
	b.submit(blair, "offer the change", `form[action$="/revise"]`)
	b.expect(blair, "Your change is offered.")
	b.do(avery, "open the changed offer", chromedp.Navigate(ag))
	b.expect(avery, "the same day when anyone from that job")
	b.submit(avery, "accept it", `form[action$="/accept"]`)
	b.expect(avery, "Accepted: the agreement is in force.", "in force")

	// A week later, its review date has come.
	for range 3 {
		e.clock.Advance(3 * 24 * time.Hour)
		b.do(avery, "a visit", chromedp.Navigate(b.base+"/"))
		b.do(blair, "a visit", chromedp.Navigate(b.base+"/"))
	}
	b.do(avery, "review it", chromedp.Navigate(ag))
	b.expect(avery, "Time to review")
	b.submit(avery, "renew it", `form[action$="/renew"]`)
	b.expect(avery, "Renewed until its next review.", "You renewed it, to review on")
	b.do(blair, "end it", chromedp.Navigate(ag), chromedp.SendKeys(chromedp.ID("end_note"), "It has done its work."))
	b.submit(blair, "end it", `form[action$="/end"]`)
	b.expect(blair, "Ended. It stays in the history.", "It has done its work.", "offered it", "asked to change it", "changed it", "accepted it", "renewed it", "ended it")
	b.do(avery, "the history", chromedp.Navigate(b.base+"/agreements"))
	b.expect(avery, "History", "ended")
	b.shot(blair, "agreement")
	b.noConsoleErrors()
}

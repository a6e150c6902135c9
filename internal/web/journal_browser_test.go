package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// journalCouple signs up two people in two browser contexts and pairs them
// in one space, through the forms.
func (b *browser) journalCouple(one, two context.Context, nameOne, nameTwo string) {
	b.t.Helper()
	stamp := time.Now().UnixNano()
	b.signup(one, nameOne, fmt.Sprintf("%s-%d@example.com", strings.ToLower(nameOne), stamp))
	b.do(one, "name the space", chromedp.SendKeys(chromedp.ID("name"), nameOne+" & "+nameTwo))
	b.submit(one, "start the space", `form[action="/space"]`)
	b.submit(one, "make an invitation", `form[action="/space/invitations"]`)
	link, err := chromedp.Run(one, chromedp.Value(chromedp.ID("invite-link")))
	if err != nil || !strings.Contains(link, "/join/") {
		b.t.Fatalf("invitation link %q: %v", link, err)
	}
	b.do(two, "follow the link", chromedp.Navigate(link))
	b.do(two, "fill in the sign-up form",
		chromedp.SendKeys(chromedp.ID("name"), nameTwo),
		chromedp.SendKeys(chromedp.ID("email"), fmt.Sprintf("%s-%d@example.com", strings.ToLower(nameTwo), stamp)),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
	)
	b.submit(two, "sign up", `form[action="/signup"]`)
	b.submit(two, "join", `form[action^="/join/"]`)
	b.expect(two, "Welcome to "+nameOne+" & "+nameTwo+".")
}

// writeEntry fills in and saves the new-entry form.
func (b *browser) writeEntry(ctx context.Context, title, body string) {
	b.t.Helper()
	b.do(ctx, "open the new entry form "+title,
		chromedp.Navigate(b.base+"/journal/new"),
		chromedp.SendKeys(chromedp.ID("title"), title),
		chromedp.SendKeys(chromedp.ID("body"), body),
	)
	b.submit(ctx, "save "+title, `form[action="/journal"]`)
	b.expect(ctx, "Saved. Only you can read this entry", title)
}

// TestBrowserJournal: Avery writes a private entry and a shared one; Blair
// sees only the shared one and replies; Blair thanks Avery, who marks the
// note received with a heart and reads the reply.
func TestBrowserJournal(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := newBrowser(t, e)
	avery, blair := b.tab(), b.tab()
	b.journalCouple(avery, blair, "Avery", "Blair")

	b.writeEntry(avery, "Private thoughts", "Only *mine*.")
	b.writeEntry(avery, "For Blair", "I want you to **know** this.")
	b.do(avery, "ask to share", chromedp.Click(chromedp.CSS("details.confirm-share summary")))
	b.expect(avery, "Blair will be able to read this")
	b.submit(avery, "share", `form[action$="/share"]`)
	b.expect(avery, "Shared with Blair", "Make it private again")
	b.shot(avery, "journal-entry")

	b.do(blair, "open the journal", chromedp.Navigate(b.base+"/journal"))
	b.expect(blair, "For Blair", "shared with you")
	if list := b.text(blair, "main"); strings.Contains(list, "Private thoughts") {
		t.Fatalf("Blair's journal shows Avery's private entry:\n%s", list)
	}
	b.do(blair, "search the journal", chromedp.SendKeys(chromedp.ID("q"), "thoughts"))
	b.submit(blair, "search", `form[action="/journal"]`)
	b.expect(blair, "0 entries match")
	b.do(blair, "open the shared entry", chromedp.Navigate(b.base+"/journal"))
	b.do(blair, "follow the entry's link", chromedp.Click(chromedp.CSS("a.journal-title")))
	b.do(blair, "wait for the entry", chromedp.WaitVisible(chromedp.ID("reply")))
	b.expect(blair, "For Blair", "I want you to know this.", "Reply to Avery")
	b.do(blair, "write a reply", chromedp.SendKeys(chromedp.ID("reply"), "Thank you for telling me."))
	b.submit(blair, "send the reply", `form[action$="/reply"]`)
	b.expect(blair, "Your reply is sent", "Thank you for telling me.")
	b.shot(blair, "journal-reply")

	b.do(blair, "open gratitude", chromedp.Navigate(b.base+"/gratitude"),
		chromedp.SendKeys(chromedp.ID("body"), "Thank you for being honest with me today."))
	b.submit(blair, "send the note", `form[action="/gratitude"]`)
	b.expect(blair, "Your note is sent", "not read yet")

	b.do(avery, "open gratitude", chromedp.Navigate(b.base+"/gratitude"))
	b.expect(avery, "Thank you for being honest with me today.", "1 new", "From Blair")
	b.shot(avery, "gratitude-new")
	b.do(avery, "give a heart", chromedp.Click(chromedp.CSS(`form[action$="/receive"] input[name=heart]`)))
	b.submit(avery, "mark as received", `form[action$="/receive"]`)
	b.expect(avery, "Marked as received, with a heart")
	b.shot(avery, "gratitude-received")

	b.do(blair, "reload gratitude", chromedp.Navigate(b.base+"/gratitude"))
	b.expect(blair, "received", "they gave it a heart")
	b.do(avery, "open the journal", chromedp.Navigate(b.base+"/journal"))
	b.expect(avery, "Private thoughts", "For Blair", "replied")
	b.shot(avery, "journal-list")
	b.do(avery, "write about a practice's question", chromedp.Navigate(b.base+"/journal/new?practice=steady-over-time&prompt=0"))
	b.expect(avery, "You're answering a question from", "Write without this question")
	b.shot(avery, "journal-prompt")
	b.noConsoleErrors()
}

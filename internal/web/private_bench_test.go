package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"mend/internal/config"
	"mend/internal/store"
)

// BenchmarkPrivateJournal measures, through the real handler on SQLite, a
// member with 2,000 private journal entries (a paragraph each, one in a
// hundred holding the word searched): searching them, opening one, and
// the first page of the list. The entries are written straight to the
// store, then sealed by the member's next login, as existing entries are
// after an upgrade. The same benchmark run on a checkout from before
// sealing gives the ratio.
func BenchmarkPrivateJournal(b *testing.B) {
	e := newEnv(b, func(c *config.Config) { c.PageCache = false })
	a := e.signup("Ana")
	a.createSpace("Ana's")
	uid, space := idsOf(b, e, a)
	sc := store.Scope{UserID: uid, SpaceID: space}
	var id string
	words := strings.Repeat("Today I kept the promise about the evening walk, and we talked a little about the week ahead. ", 6)
	for i := range 2000 {
		body := words
		if i%100 == 7 {
			body += " The lantern by the door was lit again."
		}
		en, err := e.app.Store().CreateJournalEntry(ctx(), sc, store.JournalInput{Title: fmt.Sprintf("Evening %d", i), Body: body})
		if err != nil {
			b.Fatal(err)
		}
		id = en.ID
		e.clock.Advance(time.Minute)
	}
	a.post("/logout", nil)
	if r := a.login(a.Email, a.Password); r.First != http.StatusSeeOther {
		b.Fatalf("login: %d", r.First)
	}
	var sealed int64
	if e.db.Raw("SELECT COUNT(*) FROM journal_entries WHERE sealed <> ''").Scan(&sealed).Error == nil {
		b.Logf("%d entries sealed", sealed)
	}
	for _, pg := range []struct{ name, path, want string }{
		{"search", "/journal?q=lantern", "Evening 1907"},
		{"entry", "/journal/" + id, "Evening 1999"},
		{"list", "/journal", "Evening 1999"},
	} {
		b.Run(pg.name, func(b *testing.B) {
			for b.Loop() {
				if r := a.get(pg.path); r.Status != http.StatusOK || !strings.Contains(r.Body, pg.want) {
					b.Fatalf("%s: %d", pg.path, r.Status)
				}
			}
		})
	}
}

package web_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"mend/internal/store"
)

// TestEndedPromisesPaged: the list of promises shows the promises closed
// within its weeks and the few closed most recently before, and links to
// a page of all of them; the rates since the start count every promise,
// the hidden ones too; a private intention closed long ago stays its
// author's alone, on both pages and in the rates.
func TestEndedPromisesPaged(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Avery", "Blair")
	private := a.makePromise("A secret walk alone", "private", "1") // daily from Tue 10 March
	var ids []string
	for i := range store.EndedShown + 1 {
		ids = append(ids, a.makePromise(fmt.Sprint("Ended promise number ", i)))
	}
	// Closed a day apart: the private intention on Wed 11 March (1 day
	// due), promise i on 12+i March (2+i days due).
	for _, id := range append([]string{private}, ids...) {
		e.clock.Advance(24 * time.Hour)
		a.post("/promises/"+id+"/close", form("close_kind", "done", "close_note", "That was enough.")).contains(t, "Done on")
	}
	for range 10 { // 50 days, logging in again as sessions idle out
		e.clock.Advance(5 * 24 * time.Hour)
		a.login(a.Email, a.Password)
		b.login(b.Email, b.Password)
	}
	shown := ids[len(ids)-store.EndedShown:]
	for _, c := range []struct {
		u      *user
		hidden string
		due    int
		ended  int
	}{{a, "2 more closed earlier", 1 + 2 + 3 + 4 + 5, 5}, {b, "1 more closed earlier", 2 + 3 + 4 + 5, 4}} {
		page := c.u.open("/promises")
		page.contains(t, `href="/promises/ended"`, c.hidden, fmt.Sprintf("0 of %d kept and confirmed since the start", c.due))
		ended := section(t, page, "ended-h")
		for _, id := range append([]string{private}, ids...) {
			if want := slices.Contains(shown, id); strings.Contains(ended, id) != want {
				t.Errorf("%s's list of promises shows %s: %v, want %v", c.u.Name, id, !want, want)
			}
		}
		all := c.u.open("/promises/ended")
		all.contains(t, "Finished and closed promises", fmt.Sprintf(`id="ended-all-h">%d promises`, c.ended))
		for _, id := range ids {
			all.contains(t, `href="/promises/`+id+`"`)
		}
		if got := strings.Contains(all.Body, private) || strings.Contains(all.Body, "A secret walk alone"); got != (c.u == a) {
			t.Errorf("%s's page of ended promises shows the private intention: %v", c.u.Name, got)
		}
	}
}

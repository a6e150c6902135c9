package web_test

import (
	"net/http"
	"strconv"
	"testing"

	"mend/internal/config"
)

// BenchmarkCheckinPost changes today's check-in through the real handler,
// as the check-in form's post does, without following its redirect: the
// session, the CSRF check, the write and its week's totals in one
// transaction (committed with synchronous=FULL on SQLite), and the page
// cache's version. The member has a year of history (30 promises, a
// check-in each a day).
func BenchmarkCheckinPost(b *testing.B) {
	e := newEnv(b, func(c *config.Config) { c.PageCache = false })
	a, p := e.couple("Ana", "Ben")
	seedCouple(b, e, a, p, 365, 1, 30) // today is left to check in
	id := a.checkin()
	headers := http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}
	n := countStatements(e)
	i := 0
	for b.Loop() {
		i++
		f := checkinValues("safe", strconv.Itoa(i%11), "note", "Changed "+strconv.Itoa(i))
		f.Set("_csrf", a.token)
		if r := a.postRaw("/checkins/"+id+"/edit", f, headers); r.Status != http.StatusSeeOther {
			b.Fatalf("post: %d", r.Status)
		}
	}
	b.ReportMetric(float64(n.Load())/float64(b.N), "stmts/op")
}

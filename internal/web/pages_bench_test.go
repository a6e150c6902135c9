package web_test

import (
	"net/http"
	"strconv"
	"testing"

	"mend/internal/config"
)

// BenchmarkPages measures the pages members open most, made afresh (page
// cache off) through the real handler on a SQLite database holding one
// couple's 90 days or three years (30 promises, a check-in each a day, a
// note of thanks a day...), and reports the statements each view runs:
// a page should cost the same whatever the length of the history.
func BenchmarkPages(b *testing.B) {
	for _, days := range []int{90, 1095} {
		b.Run("days="+strconv.Itoa(days), func(b *testing.B) {
			e := newEnv(b, func(c *config.Config) { c.PageCache = false })
			a, p := e.couple("Ana", "Ben")
			seedCouple(b, e, a, p, days, 0, 30)
			a.open("/") // the visit begins: its one write is not measured
			n := countStatements(e)
			for _, pg := range []struct{ name, path string }{
				{"dashboard", "/"}, {"promises", "/promises"}, {"timeline", "/timeline"}, {"settings", "/settings"}, {"checkins", "/checkins"},
			} {
				b.Run(pg.name, func(b *testing.B) {
					n.Store(0)
					for b.Loop() {
						if r := a.get(pg.path); r.Status != http.StatusOK {
							b.Fatalf("%s: %d", pg.path, r.Status)
						}
					}
					b.ReportMetric(float64(n.Load())/float64(b.N), "stmts/op")
				})
			}
		})
	}
}

package seed

import (
	"testing"

	"mend/internal/store"
)

// TestIDsFollowCouples: seeded ids are ids the app accepts, and those of a
// later couple sort after those of an earlier one (what keeps a large run
// fast); ids of a demo couple have no prefix.
func TestIDsFollowCouples(t *testing.T) {
	g := &gen{seed: 1, idSeed: 1, prefixed: true}
	last := ""
	for _, i := range []int{0, 1, 23, 24, 25, 575, 576, 999, 1000, 13823, 13824, 331775, 331776, MaxCouples - 1} {
		c := &cpl{g: g, ids: newRand(g.idSeed, i, 2), prefix: idPrefix(i)}
		lo, hi := "", ""
		for range 50 {
			id := c.id()
			if !store.ValidID(id) {
				t.Fatalf("couple %d: %q is not a valid id", i, id)
			}
			if lo == "" || id < lo {
				lo = id
			}
			hi = max(hi, id)
		}
		if lo <= last {
			t.Errorf("an id of couple %d (%s) sorts before one of an earlier couple (%s)", i, lo, last)
		}
		last = hi
	}
	c := &cpl{g: g, ids: newRand(7, 0, 2)}
	if id := c.id(); !store.ValidID(id) || id[:prefixLen] == idPrefix(0) {
		t.Errorf("a demo id %q", id)
	}
}

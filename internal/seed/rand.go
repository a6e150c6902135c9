package seed

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// splitmix64 scrambles x, so that neighbouring couple numbers give
// unrelated generator states.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// newRand is the generator of one stream (content, ids) of one couple: it
// depends on the seed and the couple alone, so couples can be generated in
// any order, on any core, and come out the same.
func newRand(seed uint64, couple int, stream uint64) *rand.Rand {
	a := splitmix64(seed ^ splitmix64(uint64(couple)+1))
	return rand.New(rand.NewPCG(a, splitmix64(a^stream)))
}

// chance is true with probability p.
func (c *cpl) chance(p float64) bool { return c.r.Float64() < p }

// between is a whole number from lo to hi, both included.
func (c *cpl) between(lo, hi int) int { return lo + c.r.IntN(hi-lo+1) }

// uniform is a number from lo to hi.
func (c *cpl) uniform(lo, hi float64) float64 { return lo + (hi-lo)*c.r.Float64() }

// normal is a normally distributed number with mean 0 and deviation sd.
func (c *cpl) normal(sd float64) float64 { return c.r.NormFloat64() * sd }

// pick is one of list.
func pick[T any](c *cpl, list []T) T { return list[c.r.IntN(len(list))] }

// prefixLen is how many characters of a seeded id name its couple.
const prefixLen = 5

// idPrefix is the start of the ids of couple i: i in base 24 written with
// the letters of the id alphabet, which sort like the numbers they stand for
// (its digits would sort before them). 24^5 is more than MaxCouples.
func idPrefix(i int) string {
	const letters = "abcdefghijkmnpqrstuvwxyz"
	var b [prefixLen]byte
	for k := prefixLen - 1; k >= 0; k-- {
		b[k] = letters[i%len(letters)]
		i /= len(letters)
	}
	return string(b[:])
}

// id is the next id of the couple, of the form store.NewID makes: the
// couple's prefix, then random characters. The prefix makes the ids of a run
// grow couple after couple, so that inserting them appends to the id
// indexes instead of rewriting pages all over them, which made a large run
// several times slower. (Ids people make are random throughout: they must
// reveal nothing. Seeded couples have nothing to hide, and their emails
// already say their number.)
func (c *cpl) id() string {
	var b [10]byte
	binary.LittleEndian.PutUint64(b[:8], c.ids.Uint64())
	binary.LittleEndian.PutUint16(b[8:], uint16(c.ids.Uint64()))
	s := store.IDFrom(b)
	if c.prefix == "" {
		return s
	}
	return c.prefix + s[prefixLen:]
}

// token is a random 64-character hex string, for token hashes no token matches.
func (c *cpl) token() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 64)
	for i := 0; i < 64; i += 16 {
		x := c.ids.Uint64()
		for j := range 16 {
			b[i+j] = hex[x>>(4*j)&15]
		}
	}
	return string(b)
}

// at is the instant of minute (0–1439) of day d on p's clock, with random
// seconds, in UTC.
func (c *cpl) at(p *person, d progress.Date, minute int) time.Time {
	y, m, dd := d.Civil()
	return time.Date(y, m, dd, minute/60, minute%60, c.r.IntN(60), 0, p.loc).UTC()
}

// during is a random instant of day d on p's clock from hour from (included)
// to hour to (excluded).
func (c *cpl) during(p *person, d progress.Date, from, to int) time.Time {
	return c.at(p, d, from*60+c.r.IntN((to-from)*60))
}

// later is t plus a random number of minutes from lo to hi.
func (c *cpl) later(t time.Time, lo, hi int) time.Time {
	return t.Add(time.Duration(c.between(lo, hi))*time.Minute + time.Duration(c.r.IntN(60))*time.Second)
}

// after is a random instant lo to hi minutes after t when p is awake: one
// that falls at night on p's clock moves to the next morning.
func (c *cpl) after(p *person, t time.Time, lo, hi int) time.Time {
	t = c.later(t, lo, hi)
	l := t.In(p.loc)
	if h := l.Hour(); h >= 7 && h < 23 {
		return t
	}
	d := progress.DateOf(l.Date())
	if l.Hour() >= 23 {
		d = d.AddDays(1)
	}
	return c.during(p, d, 7, 9)
}

// rating is x rounded to a whole number from 0 to 10.
func rating(x float64) int64 { return int64(min(10, max(0, math.Round(x)))) }

// band is how a day with mean rating m felt: 0 low, 1 middling, 2 good.
func band(m float64) int {
	switch {
	case m < 4.5:
		return 0
	case m < 7:
		return 1
	}
	return 2
}

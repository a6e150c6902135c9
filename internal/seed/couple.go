package seed

import (
	"math"
	"math/rand/v2"
	"time"

	"mend/internal/guidance"
	"mend/internal/progress"
	"mend/internal/store"
)

// spec is what is fixed about a couple before it is generated; empty
// fields are drawn at random.
type spec struct {
	index  int
	names  [2]string
	emails [2]string
	zones  [2]string
	hashes [2]string
	space  string
}

// cpl is one couple being generated.
type cpl struct {
	g      *gen
	r      *rand.Rand // everything but ids
	ids    *rand.Rand // ids and tokens
	b      *batch
	space  string
	prefix string // of every id, "" for fully random ones
	p      [2]*person
	spell  []float64 // how hard each day of a bad spell is (0 outside them), for both
}

// person is one partner and their habits.
type person struct {
	id, name, email, zone, hash string
	loc                         *time.Location
	role                        string
	roleShared                  bool
	audience                    string    // the guidance written for them
	limit                       time.Time // nothing of theirs is dated at or after this
	joined                      time.Time
	other                       *person

	level                      []float64 // how they feel each day, about 0–10
	offSafe, offTrust, offConn float64   // how each rating sits against the level
	sensitivity                float64   // how much bad spells weigh on them

	checkinRate, privateRate, reflectRate float64
	gratitudeRate, journalRate, shareRate float64 // per week, per week, share of entries
	recordRate, keepRate                  float64
}

// couple generates the rows of one couple.
func (g *gen) couple(sp spec) *batch {
	c := &cpl{g: g, r: newRand(g.seed, sp.index, 1), ids: newRand(g.idSeed, sp.index, 2), b: &batch{}}
	if g.prefixed {
		c.prefix = idPrefix(sp.index)
	}
	c.people(sp)
	c.spaceRows(sp)
	c.moods()
	for _, p := range c.p {
		c.promises(p)
	}
	c.checkins()
	c.reflections()
	c.gratitude()
	c.journal()
	c.bookmarks()
	c.conversations()
	return c.b
}

// people draws the two partners: names, zones, roles and habits.
func (c *cpl) people(sp spec) {
	i0 := c.r.IntN(len(firstNames))
	i1 := c.r.IntN(len(firstNames) - 1)
	if i1 >= i0 {
		i1++
	}
	names := [2]string{firstNames[i0], firstNames[i1]}
	zone := pick(c, zones)
	zs := [2]string{zone, zone}
	if c.chance(0.15) { // some couples live apart for a while
		zs[1] = pick(c, zones)
	}
	roles := [2]string{store.RoleBroke, store.RoleHurt}
	switch x := c.r.Float64(); {
	case x < 0.35:
		roles = [2]string{store.RoleHurt, store.RoleBroke}
	case x < 0.70:
	case x < 0.85:
		roles = [2]string{store.RoleBoth, store.RoleBoth}
	default:
		roles = [2]string{"", pick(c, []string{store.RoleBroke, store.RoleHurt, store.RoleBoth})}
	}
	for i := range c.p {
		p := &person{id: c.id(), name: names[i], email: sp.emails[i], zone: zs[i], hash: sp.hashes[i], role: roles[i]}
		if sp.names[i] != "" {
			p.name = sp.names[i]
		}
		if sp.zones[i] != "" {
			p.zone = sp.zones[i]
		}
		loc, err := time.LoadLocation(p.zone)
		if err != nil {
			loc, p.zone = time.UTC, "UTC"
		}
		p.loc = loc
		p.limit = c.g.today.Time(loc)
		if c.g.notAfter.Before(p.limit) {
			p.limit = c.g.notAfter
		}
		p.roleShared = p.role != "" && c.chance(0.8)
		p.audience = guidance.Both
		base := c.uniform(3, 5.5)
		switch p.role {
		case store.RoleBroke:
			p.audience, base, p.sensitivity = guidance.Broke, c.uniform(4, 6), 0.7
		case store.RoleHurt:
			p.audience, base, p.sensitivity = guidance.Hurt, c.uniform(2.5, 4.5), 1
		default:
			p.sensitivity = 0.85
		}
		p.level = make([]float64, c.g.days)
		p.level[0] = base
		p.offSafe, p.offTrust, p.offConn = c.normal(0.6), c.normal(0.6), c.normal(0.8)
		if p.role == store.RoleHurt {
			p.offTrust -= 0.8
		}
		p.checkinRate, p.privateRate, p.reflectRate = c.uniform(0.7, 0.9), c.uniform(0.03, 0.2), c.uniform(0.55, 0.9)
		p.gratitudeRate, p.journalRate, p.shareRate = c.uniform(1.5, 4), c.uniform(0.7, 3), c.uniform(0.1, 0.4)
		p.recordRate, p.keepRate = c.uniform(0.82, 0.97), c.uniform(0.72, 0.93)
		c.p[i] = p
	}
	c.p[0].other, c.p[1].other = c.p[1], c.p[0]
}

// spaceRows writes the accounts, the space, the memberships and the used
// invitation. The first partner starts the space early on the first day and
// the second joins twenty minutes later: before either writes anything, so
// that each sees everything the other shares (Scope.Since).
func (c *cpl) spaceRows(sp spec) {
	a, b := c.p[0], c.p[1]
	joined := c.at(a, c.g.first, 6*60)
	if t := c.at(b, c.g.first, 6*60); t.Before(joined) {
		joined = t
	}
	a.joined, b.joined = joined, c.later(joined, 15, 25)
	for _, p := range c.p {
		created := p.joined.Add(-5 * time.Minute)
		c.b.add(tUsers, p.id, p.email, p.name, p.hash, p.zone, created, created)
	}
	c.space = c.id()
	name := sp.space
	if name == "" {
		name = a.name + " & " + b.name
		if c.chance(0.4) {
			name = pick(c, spaceNames)
		}
	}
	c.b.add(tSpaces, c.space, name, a.joined)
	for i, p := range c.p {
		c.b.add(tMemberships, c.id(), c.space, p.id, p.role, p.roleShared, p.joined, nil, i+1)
	}
	invited := a.joined.Add(3 * time.Minute)
	c.b.add(tInvitations, c.id(), c.space, a.id, c.token(), invited, invited.Add(store.InvitationLifetime), b.joined, b.id, nil)
}

// moods draws how each partner feels, day by day: a level that wanders
// slowly upward for the couple as a whole (trust returning), each partner's
// own day-to-day noise around it, and bad spells of a few days that weigh
// on both, more on the one who was hurt.
func (c *cpl) moods() {
	days := c.g.days
	climate := make([]float64, days)
	rise := c.uniform(1.5, 4)
	x := 0.0
	for t := range days {
		target := rise * (1 - math.Exp(-float64(t)/70))
		x += 0.08*(target-x) + c.normal(0.22)
		climate[t] = x
	}
	c.spell = make([]float64, days)
	for t := 0; t < days; {
		if !c.chance(1.0 / 45) {
			t++
			continue
		}
		n, depth := c.between(4, 8), c.uniform(1.2, 3)
		for k := 0; k < n && t+k < days; k++ {
			c.spell[t+k] = depth * math.Sin(math.Pi*float64(k+1)/float64(n+1))
		}
		t += n + 7
	}
	for _, p := range c.p {
		base, e := p.level[0], 0.0
		for t := range days {
			e = 0.85*e + c.normal(0.35)
			p.level[t] = base + climate[t] + e - c.spell[t]*p.sensitivity
		}
	}
}

// suited is a practice written for p.
func (c *cpl) suited(p *person) *guidance.Practice {
	return pick(c, c.g.forAudience[p.audience])
}

// day is the date of day t of the history.
func (c *cpl) day(t int) progress.Date { return c.g.first.AddDays(t) }

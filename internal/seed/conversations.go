package seed

import (
	"time"

	"mend/internal/store"
)

// Words of the questions, triggers and agreements a seeded couple writes.
var (
	seedQuestions = []string{
		"When did it start, really?",
		"Did you ever bring them to places that were ours?",
		"What did you tell yourself at the time?",
		"Is there anything you still haven't told me?",
		"Why did you stop when you did?",
		"Were you ever going to tell me?",
	}
	seedAgains = []string{
		"I need to hear it once more, more slowly.",
		"What did you mean by that, exactly?",
		"",
	}
	seedAnswers = []string{
		"Earlier than I first said. I was ashamed of the date, and I'm sorry I blurred it.",
		"Once. I should not have, and I understand why that one hurts.",
		"That it didn't count, that nobody would be hurt. I was wrong on both.",
		"I've told you everything I remember. If something comes back, I'll tell you first.",
		"Because I saw what I was losing. That is not an excuse, only what happened.",
	}
	seedCauses = []string{"A song on the radio", "A message tone like theirs", "Driving past that street", "A late meeting", "An old photo", ""}
	seedHelped = []string{"A walk", "Telling my partner", "Breathing, slowly", "Writing it down", ""}
	seedOffers = []string{
		"I will tell you the same day if anyone from that job contacts me.",
		"I will tell you where I am when I'm going to be more than an hour late.",
		"I will show you any message from them, without deleting it first.",
	}
)

// conversations writes a couple's questions (from the hurt partner, every
// two weeks or so, most answered, some asked again), triggers (now and
// then, and often on the hard days of a bad spell; some shared and answered) and one or two openness
// agreements offered by the partner who broke the trust.
func (c *cpl) conversations() {
	hurt, broke := c.p[1], c.p[0]
	if c.p[0].role == store.RoleHurt || c.p[1].role == store.RoleBroke {
		hurt, broke = c.p[0], c.p[1]
	}
	c.agreements(broke, hurt)
	for t := 1; t < c.g.days; t++ {
		if c.chance(1.0 / 14) {
			c.question(hurt, broke, t)
		}
		for _, p := range c.p {
			rate := 0.04 * p.sensitivity // now and then, more often for the one hurt
			if c.spell[t]*p.sensitivity > 1 {
				rate = 0.4
			}
			if c.chance(rate) {
				c.trigger(p, t)
			}
		}
	}
}

// question writes one question of p to o on day t.
func (c *cpl) question(p, o *person, t int) {
	sent := c.during(p, c.day(t), 8, 22)
	if !sent.Before(p.limit) {
		return
	}
	created := sent.Add(-time.Duration(c.between(5, 600)) * time.Minute)
	id, state := c.id(), store.QuestionOpen
	type round struct {
		id, body string
		at       time.Time
		answer   time.Time
	}
	var rounds []round
	at := sent
	for seq := 1; seq <= 3; seq++ {
		r := round{id: c.id(), at: at}
		if seq > 1 {
			r.body = pick(c, seedAgains)
		}
		if a := c.after(o, at, 60, 3*24*60); c.chance(0.85) && a.Before(o.limit) {
			r.answer = a
		}
		rounds = append(rounds, r)
		if r.answer.IsZero() || !c.chance(0.3) {
			break
		}
		if at = c.after(p, r.answer, 60, 5*24*60); !at.Before(p.limit) {
			break
		}
	}
	last := rounds[len(rounds)-1]
	if !last.answer.IsZero() && c.chance(0.5) {
		state = store.QuestionEnough
	}
	practice := ""
	if c.chance(0.2) {
		practice = "ask-what-you-need-to-know"
	}
	c.b.add(tQuestions, id, c.space, p.id, pick(c, seedQuestions), practice, sent, state, created, sent)
	for i, r := range rounds {
		c.b.add(tRounds, r.id, id, c.space, i+1, r.body, "", "", nil, r.at)
		if !r.answer.IsZero() {
			c.b.add(tAnswers, c.id(), id, r.id, c.space, o.id, pick(c, seedAnswers), "", r.answer)
		}
	}
}

// trigger writes one trigger of p on day t, strong in a bad spell; some
// are shared, and the partner responds to most of those.
func (c *cpl) trigger(p *person, t int) {
	at := c.during(p, c.day(t), 7, 23)
	noted := c.later(at, 1, 90)
	if !noted.Before(p.limit) {
		return
	}
	strength := min(10, max(0, int(3+c.spell[t]*2+c.normal(1))))
	var sharedAt any
	shared := c.chance(0.5)
	if shared {
		sharedAt = c.later(noted, 0, 30)
	}
	id := c.id()
	c.b.add(tTriggers, id, c.space, p.id, at, strength, pick(c, seedCauses), pick(c, seedHelped), shared, sharedAt, noted)
	if o := p.other; shared && c.chance(0.8) {
		if r := c.after(o, sharedAt.(time.Time), 5, 12*60); r.Before(o.limit) {
			kind := pick(c, []string{store.ResponseHere, store.ResponseTalk, store.ResponseNote})
			note := ""
			if kind == store.ResponseNote {
				note = "I'm sorry it came back today. I'm here."
			}
			c.b.add(tResponses, c.id(), id, c.space, o.id, kind, note, r)
		}
	}
}

// agreements writes the openness agreements p offers o in the first weeks:
// accepted, then renewed at each review while the history lasts; the
// second, when there is one, ended by p after a while.
func (c *cpl) agreements(p, o *person) {
	n := c.between(1, 2)
	for i := range n {
		t := c.between(2, 20) + 10*i
		if t >= c.g.days {
			return
		}
		offered := c.during(p, c.day(t), 9, 21)
		accepted := c.after(o, offered, 30, 2*24*60)
		if !offered.Before(p.limit) || !accepted.Before(o.limit) {
			return
		}
		id, body := c.id(), seedOffers[(c.between(0, len(seedOffers)-1)+i)%len(seedOffers)]
		review := c.day(t).AddDays(30)
		var events [][]any
		events = append(events, []any{c.id(), id, c.space, p.id, "offered", body, "", review.String(), offered},
			[]any{c.id(), id, c.space, o.id, "accepted", "", "", "", accepted})
		state, updated := store.AgreementAccepted, accepted
		var ended, endedBy any
		for review < c.g.today && review.Time(p.loc).Before(p.limit) {
			if i == 1 && c.chance(0.5) {
				at := c.during(p, review, 9, 21)
				if !at.Before(p.limit) {
					break
				}
				state, ended, endedBy, updated = store.AgreementEnded, at, p.id, at
				events = append(events, []any{c.id(), id, c.space, p.id, "ended", "", "We don't need it any more.", "", at})
				break
			}
			by := pick(c, []*person{p, o})
			at := c.during(by, review, 9, 21)
			if !at.Before(by.limit) {
				break
			}
			review = review.AddDays(c.between(30, 60))
			updated = at
			events = append(events, []any{c.id(), id, c.space, by.id, "renewed", "", "", review.String(), at})
		}
		endNote := ""
		if ended != nil {
			endNote = "We don't need it any more."
		}
		c.b.add(tAgreements, id, c.space, p.id, body, review.String(), state, "", accepted, ended, endedBy, endNote, offered, updated)
		for seq, e := range events {
			last := len(e) - 1 // seq goes before created_at
			c.b.add(tAgreementEvents, append(append(e[:last:last], seq+1), e[last])...)
		}
	}
}

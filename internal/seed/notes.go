package seed

import (
	"strings"
	"time"

	"mend/internal/store"
)

// gratitude writes a few notes of thanks a week from each partner; most are
// marked received within a day or so, about half with a heart, some with a
// short reply. The newest may still be unread.
func (c *cpl) gratitude() {
	for t := range c.g.days {
		d := c.day(t)
		for _, p := range c.p {
			if !c.chance(p.gratitudeRate / 7) {
				continue
			}
			o := p.other
			at := c.during(p, d, 8, 22)
			if !at.Before(p.limit) {
				continue
			}
			practice := ""
			if c.chance(0.12) {
				practice = c.suited(p).Slug
			}
			var received, replied any
			heart, reply := false, ""
			if rt := c.after(o, at, 20, 36*60); c.chance(0.93) && rt.Before(o.limit) {
				received, heart = rt, c.chance(0.55)
				if c.chance(0.3) {
					if rp := c.after(o, rt, 0, 10); rp.Before(o.limit) {
						reply, replied = pick(c, gratitudeReplies), rp
					}
				}
			}
			c.b.add(tGratitude, c.id(), c.space, p.id, o.id, pick(c, gratitudeNotes), practice, received, heart, reply, replied, at)
		}
	}
}

// journal writes each partner's journal: entries on some days, mostly
// private; some answer a question of a practice; some are shared, and the
// partner replies to some of those.
func (c *cpl) journal() {
	for t := range c.g.days {
		d := c.day(t)
		for _, p := range c.p {
			if !c.chance(p.journalRate / 7) {
				continue
			}
			o := p.other
			at := c.during(p, d, 7, 23)
			if !at.Before(p.limit) {
				continue
			}
			in := store.JournalInput{Title: pick(c, journalTitles), Body: c.journalBody()}
			if c.chance(0.3) {
				pr := c.suited(p)
				in.Practice = pr.Slug
				if len(pr.Reflect) > 0 && c.chance(0.6) {
					in.Prompt = pick(c, pr.Reflect)
				}
			}
			var sharedAt time.Time
			if c.chance(p.shareRate) {
				st := c.after(p, at, 1, 120)
				if c.chance(0.2) {
					st = c.after(p, at, 3*60, 3*24*60)
				}
				if st.Before(p.limit) {
					sharedAt = st
				}
			}
			updated := at
			if c.chance(0.1) {
				if u := c.after(p, at, 10, 180); u.Before(p.limit) {
					updated = u
				}
			}
			id := c.id()
			var shared any
			if !sharedAt.IsZero() {
				shared = sharedAt
			}
			c.b.add(tJournal, id, c.space, p.id, in.Title, in.Body, in.Practice, in.Prompt, !sharedAt.IsZero(), shared,
				in.SearchText(), at, updated)
			if !sharedAt.IsZero() && c.chance(0.45) {
				if rt := c.after(o, sharedAt, 60, 48*60); rt.Before(o.limit) {
					c.b.add(tReplies, c.id(), c.space, id, o.id, pick(c, journalReplies), rt)
				}
			}
		}
	}
}

// journalBody is one to four paragraphs of Markdown, now and then with a
// short list or a sentence in italics.
func (c *cpl) journalBody() string {
	var sb strings.Builder
	for i := range c.between(1, 4) {
		if i > 0 {
			sb.WriteString("\n\n")
		}
		if i > 0 && c.chance(0.15) {
			sb.WriteString(pick(c, journalListIntros))
			sb.WriteString("\n")
			for _, k := range c.r.Perm(len(journalListItems))[:c.between(2, 4)] {
				sb.WriteString("\n- ")
				sb.WriteString(journalListItems[k])
			}
			continue
		}
		for k := range c.between(2, 5) {
			if k > 0 {
				sb.WriteByte(' ')
			}
			s := pick(c, journalSentences)
			if c.chance(0.04) {
				s = "*" + s + "*"
			}
			sb.WriteString(s)
		}
	}
	return sb.String()
}

// bookmarks saves a few practices for each partner, at various times, most
// with a note, about half shared; some notes were changed later.
func (c *cpl) bookmarks() {
	for _, p := range c.p {
		list := c.g.forAudience[p.audience]
		for _, k := range c.r.Perm(len(list))[:min(len(list), c.between(2, 8))] {
			at := c.during(p, c.day(c.r.IntN(c.g.days)), 7, 23)
			if !at.Before(p.limit) {
				continue
			}
			note := ""
			if c.chance(0.7) {
				note = pick(c, bookmarkNotes)
			}
			updated := at
			if c.chance(0.2) {
				if u := c.after(p, at, 60, 20*24*60); u.Before(p.limit) {
					updated = u
				}
			}
			c.b.add(tBookmarks, c.id(), c.space, p.id, list[k].Slug, note, c.chance(0.5), at, updated)
		}
	}
}

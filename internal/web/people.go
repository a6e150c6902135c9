package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
)

// people are the members, present and former, of the acting user's space:
// what a page needs to name the author of an item.
type people struct {
	me      string
	members map[string]store.Member
	partner *store.Member // the current partner, nil when alone
	// joined is when the acting user first joined the space: they see
	// nothing of it that is older (their own items are of their time in
	// it, and what others shared, shared since they joined; see
	// store.Scope.Since).
	joined time.Time
	// all are every membership of the space, former ones and each return included.
	all []store.Member
}

// people loads the members of the acting user's space (one query).
func (s *Server) people(c echo.Context) (*people, error) {
	sc := scope(c)
	list, err := s.store.Members(c.Request().Context(), sc)
	if err != nil {
		return nil, err
	}
	p := &people{me: sc.UserID, members: make(map[string]store.Member, len(list)), all: list}
	for _, m := range list {
		if m.UserID == sc.UserID && (p.joined.IsZero() || m.JoinedAt.Before(p.joined)) {
			p.joined = m.JoinedAt
		}
		// Someone who left and came back has several memberships: the
		// current one wins, else the latest to end.
		if prev, ok := p.members[m.UserID]; ok && (prev.Current() || (!m.Current() && prev.LeftAt.After(*m.LeftAt))) {
			continue
		}
		p.members[m.UserID] = m
		if m.UserID != sc.UserID && m.Current() {
			m := m
			p.partner = &m
		}
	}
	return p, nil
}

// Name is how the page names the author userID: "You", the partner's name,
// or the name of a former partner marked as such.
func (p *people) Name(userID string) string {
	if userID == p.me {
		return "You"
	}
	m, ok := p.members[userID]
	switch {
	case userID == store.DeletedAuthor:
		return "A deleted account"
	case !ok:
		return "Someone"
	case !m.Current():
		return m.Name + " (former partner)"
	}
	return m.Name
}

// Former reports whether userID is a former member of the space.
func (p *people) Former(userID string) bool {
	m, ok := p.members[userID]
	return ok && !m.Current()
}

// PartnerName is the current partner's name, "" when there is none.
func (p *people) PartnerName() string {
	if p.partner == nil {
		return ""
	}
	return p.partner.Name
}

// today is the acting user's current date, in their own time zone.
func (s *Server) today(c echo.Context) progress.Date {
	a := actorOf(c)
	if a.user == nil {
		return progress.Today(s.now(), nil)
	}
	return progress.Today(s.now(), a.user.Location())
}

// LeftPartner is the name of the partner who left the space while the
// acting user was in it, the latest if several; "" when nobody did, or when
// there is a partner now.
func (p *people) LeftPartner() string {
	me, ok := p.members[p.me]
	if !ok || p.partner != nil {
		return ""
	}
	name, last := "", me.JoinedAt
	for _, m := range p.members {
		if m.UserID != p.me && m.LeftAt != nil && !m.LeftAt.Before(last) {
			name, last = m.Name, *m.LeftAt
		}
	}
	return name
}

// startDay is the day, in loc, the acting user first joined the space: the
// first day a list of days shows them, never after today.
func (p *people) startDay(loc *time.Location, today progress.Date) progress.Date {
	if p.joined.IsZero() {
		return today
	}
	return min(progress.Today(p.joined, loc), today)
}

// comings are the others' joinings and leavings of the space in [from, to)
// after since (when the viewer joined: what came before was someone
// else's), as events of the timeline.
func (p *people) comings(since, from, to time.Time) []store.Event {
	in := func(t time.Time) bool { return t.After(since) && !t.Before(from) && t.Before(to) }
	var out []store.Event
	for _, m := range p.all {
		if m.UserID == p.me {
			continue
		}
		if in(m.JoinedAt) {
			out = append(out, store.Event{Kind: store.KindSpace, What: store.DidJoin, ID: m.ID, AuthorID: m.UserID, At: m.JoinedAt})
		}
		if m.LeftAt != nil && in(*m.LeftAt) {
			out = append(out, store.Event{Kind: store.KindSpace, What: store.DidLeave, ID: m.ID, AuthorID: m.UserID, At: *m.LeftAt})
		}
	}
	return out
}

package web_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var inviteLinkRe = regexp.MustCompile(`id="invite-link"[^>]*value="[^"]*(/join/[A-Za-z0-9_-]+)"`)

// createSpace starts a space for u through the onboarding form.
func (u *user) createSpace(name string) {
	u.t.Helper()
	u.open("/onboarding")
	if r := u.post("/space", form("name", name)); r.First != http.StatusSeeOther {
		u.t.Fatalf("%s creates a space: %d\n%s", u.Name, r.First, excerpt(r.Body))
	}
}

// invite makes an invitation and returns its /join/... path.
func (u *user) invite() string {
	u.t.Helper()
	r := u.post("/space/invitations", nil)
	m := inviteLinkRe.FindStringSubmatch(r.Body)
	if m == nil {
		u.t.Fatalf("%s: no invitation link on the page (status %d)\n%s", u.Name, r.Status, excerpt(r.Body))
	}
	return m[1]
}

// join accepts the invitation at path.
func (u *user) join(path string) *resp {
	u.t.Helper()
	u.open(path)
	return u.post(path, nil)
}

// leave leaves u's space, confirming with the password.
func (u *user) leave() {
	u.t.Helper()
	u.open("/space/leave")
	if r := u.post("/space/leave", form("password", u.Password)); r.First != http.StatusSeeOther {
		u.t.Fatalf("%s leaves: %d\n%s", u.Name, r.First, excerpt(r.Body))
	}
}

// couple returns two users who share a new space.
func (e *env) couple(a, b string) (*user, *user) {
	e.t.Helper()
	ua := e.signup(a)
	ua.createSpace(a + " & " + b)
	link := ua.invite()
	ub := e.signup(b)
	if r := ub.join(link); r.First != http.StatusSeeOther {
		e.t.Fatalf("%s joins: %d\n%s", b, r.First, excerpt(r.Body))
	}
	return ua, ub
}

// actorKind names the people of the authorization matrix.
type actorKind string

const (
	anonymous actorKind = "anonymous"
	noSpace   actorKind = "no space"
	memberA   actorKind = "member"
	partnerB  actorKind = "partner"
	otherC    actorKind = "other space"
	formerF   actorKind = "former partner"
	// counsellorG holds an open counsellor link to S1 (and tries its token
	// as a login cookie); unless a route says otherwise, they get what a
	// visitor gets.
	counsellorG actorKind = "counsellor"
)

var allActors = []actorKind{anonymous, noSpace, memberA, partnerB, otherC, formerF}

// fixture is a small world: Avery and Blair share a space (S1); Finley was
// Avery's partner in S1, left, and started a space of their own (S3); Casey
// is alone in another space (S2) with an open invitation; Noor has no space;
// and a visitor is not logged in. ids names the items made along the way.
type fixture struct {
	e      *env
	users  map[actorKind]*user
	anon   *client
	ids    map[string]string
	tokens map[string]string
	guest  func() *client // a fresh counsellor's browser
}

func (fx *fixture) client(k actorKind) *client {
	if k == anonymous {
		return fx.anon
	}
	if k == counsellorG {
		return fx.guest()
	}
	return fx.users[k].client
}

func newFixture(t *testing.T, e *env) *fixture {
	t.Helper()
	fx := &fixture{e: e, users: map[actorKind]*user{}, ids: map[string]string{}, tokens: map[string]string{}}
	a := e.signup("Avery")
	a.createSpace("Avery's space")
	f := e.signup("Finley")
	if r := f.join(a.invite()); r.First != http.StatusSeeOther {
		t.Fatalf("Finley joins: %d", r.First)
	}
	fx.users[memberA], fx.users[formerF] = a, f
	for _, hook := range fixtureBeforeLeaving {
		hook(t, fx)
	}
	f.leave()
	f.createSpace("Finley's new space")
	b := e.signup("Blair")
	if r := b.join(a.invite()); r.First != http.StatusSeeOther {
		t.Fatalf("Blair joins: %d", r.First)
	}
	c := e.signup("Casey")
	c.createSpace("Casey's space")
	fx.tokens["S2"] = c.invite()
	fx.ids["invitation:S2"] = openInvitationID(t, c)
	fx.users[partnerB], fx.users[otherC], fx.users[noSpace] = b, c, e.signup("Noor")
	fx.anon = e.client()
	fx.anon.open("/login")
	for _, hook := range fixtureItems {
		hook(t, fx)
	}
	return fx
}

var revokeRe = regexp.MustCompile(`action="/space/invitations/([a-z0-9]+)/revoke"`)

func openInvitationID(t *testing.T, u *user) string {
	t.Helper()
	m := revokeRe.FindStringSubmatch(u.open("/space").Body)
	if m == nil {
		t.Fatalf("%s has no open invitation", u.Name)
	}
	return m[1]
}

// fixtureBeforeLeaving are steps run while Finley is still Avery's partner;
// fixtureItems run once everyone is in place. Each area appends its own.
var (
	fixtureBeforeLeaving []func(t *testing.T, fx *fixture)
	fixtureItems         []func(t *testing.T, fx *fixture)
)

// crawl visits every page reachable by following links from the start
// pages, as c, and returns their bodies by path. Only GET links on this site
// are followed; logging out is a form, so it is never triggered.
func (c *client) crawl(start ...string) map[string]string {
	c.t.Helper()
	return c.crawlSkipping(nil, start...)
}

// crawlSkipping is crawl that does not open paths starting with one of skip.
func (c *client) crawlSkipping(skip []string, start ...string) map[string]string {
	c.t.Helper()
	seen := map[string]string{}
	queue := append([]string(nil), start...)
	hrefRe := regexp.MustCompile(`href="(/[^"]*)"`)
	for len(queue) > 0 && len(seen) < 400 {
		p := queue[0]
		queue = queue[1:]
		if _, done := seen[p]; done || strings.HasPrefix(p, "/static/") || slices.ContainsFunc(skip, func(s string) bool { return strings.HasPrefix(p, s) }) {
			continue
		}
		r := c.open(p)
		seen[p] = r.Body
		for _, m := range hrefRe.FindAllStringSubmatch(r.Body, -1) {
			next := strings.ReplaceAll(m[1], "&amp;", "&")
			if _, done := seen[next]; !done {
				queue = append(queue, next)
			}
		}
	}
	return seen
}

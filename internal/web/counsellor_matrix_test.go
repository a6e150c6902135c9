package web_test

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// guestToken is a token of the form the server makes: 128 random bits.
func guestToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// makeLink makes a link of u's space in the store, showing every kind over
// February and March 2026, agreed by agreer unless that is nil, and
// returns its token and id.
func makeLink(t *testing.T, e *env, u, agreer *user, label string) (string, string) {
	t.Helper()
	sc := scopeOf(t, e, u)
	token := guestToken()
	from, to := progress.DateOf(2026, time.February, 1), progress.DateOf(2026, time.March, 31)
	l, err := e.app.Store().ProposeLink(ctx(), sc, store.LinkInput{Label: label, Shows: []string{"promises", "checkins", "thanks", "journal", "questions", "triggers", "agreements"},
		From: from, To: to, FromAt: from.Time(time.UTC), Until: to.AddDays(1).Time(time.UTC), ExpiresAt: e.clock.Now().Add(30 * 24 * time.Hour)},
		e.app.HashToken(token))
	if err != nil {
		t.Fatal(err)
	}
	if agreer != nil {
		if err := e.app.Store().AgreeLink(ctx(), scopeOf(t, e, agreer), l.ID); err != nil {
			t.Fatal(err)
		}
	}
	return token, l.ID
}

func init() {
	fixtureItems = append(fixtureItems, func(t *testing.T, fx *fixture) {
		a, b := fx.users[memberA], fx.users[partnerB]
		fx.tokens["guest"], fx.ids["link:active"] = makeLink(t, fx.e, a, b, "Dr Active")
		_, fx.ids["link:pending"] = makeLink(t, fx.e, a, nil, "Dr Pending")
		// The counsellor: a browser that opened the link, and tries the
		// token as a login cookie too.
		u, _ := url.Parse(fx.e.srv.URL)
		names := a.hc.Jar.Cookies(u)
		fx.guest = func() *client {
			g := fx.e.client()
			if r := g.get("/c/" + fx.tokens["guest"]); r.Status != http.StatusOK {
				t.Fatalf("the counsellor opens the link: %d", r.Status)
			}
			var cookies []*http.Cookie
			for _, ck := range names {
				cookies = append(cookies, &http.Cookie{Name: ck.Name, Value: fx.tokens["guest"], Path: "/"})
			}
			g.hc.Jar.SetCookies(u, cookies)
			return g
		}
	})
}

// counsellorMatrix covers the counsellor routes for every actor; the guest
// actor is checked on every route of the table (see TestAuthorizationMatrix).
func counsellorMatrix() map[string]matrixRoute {
	link := func(key, what string) func(*fixture) string {
		return func(fx *fixture) string { return "/space/counsellor/" + fx.ids[key] + "/" + what }
	}
	guestPath := func(sub string) func(*fixture) string {
		return func(fx *fixture) string { return "/c/" + fx.tokens["guest"] + sub }
	}
	m := map[string]matrixRoute{
		"GET /space/counsellor": {want: members(okPage)},
		"POST /space/counsellor": {mutates: true, form: values("label", "Dr Matrix", "shows", "promises", "from", "2026-02-01", "to", "2026-03-10",
			"expires", "2026-04-01"), want: members(conflict).with(memberA, to("/space/counsellor")).with(partnerB, to("/space/counsellor"))},
		"POST /space/counsellor/:id/agree":  {mutates: true, path: link("link:pending", "agree"), want: inS1(notFound, to("/space/counsellor"))},
		"POST /space/counsellor/:id/revoke": {mutates: true, path: link("link:active", "revoke"), want: inS1(to("/space/counsellor"), to("/space/counsellor"))},
		"GET /summary":                      {want: members(okPage)},
	}
	for _, sub := range guestRoutes {
		m["GET /c/:token"+sub] = matrixRoute{path: guestPath(sub), want: everyone(okPage).with(counsellorG, okPage)}
	}
	return m
}

// guestRoutes are the counsellor's pages under /c/:token.
var guestRoutes = []string{"", "/summary", "/promises", "/checkins", "/thanks", "/journal", "/questions", "/triggers", "/agreements"}

// nonceAttr is a CSP nonce attribute of a page.
var nonceAttr = regexp.MustCompile(`nonce="[^"]*"`)

// TestCounsellorBadTokens: every counsellor route with a wrong, revoked,
// expired or unconfirmed token answers a bare 404, and sets no cookie.
func TestCounsellorBadTokens(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	_, id := makeLink(t, e, a, b, "Dr Revoked")
	revoked := ""
	{
		tok, rid := makeLink(t, e, a, b, "Dr Revoked")
		if err := e.app.Store().RevokeLink(ctx(), scopeOf(t, e, b), rid); err != nil {
			t.Fatal(err)
		}
		revoked = tok
	}
	_ = id
	expired, eid := makeLink(t, e, a, b, "Dr Expired")
	if err := e.db.Exec("UPDATE counsellor_links SET expires_at = ? WHERE id = ?", e.clock.Now().Add(-time.Minute), eid).Error; err != nil {
		t.Fatal(err)
	}
	unconfirmed, _ := makeLink(t, e, a, nil, "Dr Unconfirmed")
	bad := map[string]string{"wrong": guestToken(), "revoked": revoked, "expired": expired, "unconfirmed": unconfirmed, "malformed": "abc"}
	var routes []string
	for _, r := range e.app.Echo().Routes() {
		if strings.HasPrefix(r.Path, "/c/") {
			routes = append(routes, r.Method+" "+r.Path)
			if r.Method != http.MethodGet {
				t.Errorf("%s %s: a counsellor route that is not GET", r.Method, r.Path)
			}
		}
	}
	if len(routes) != len(guestRoutes) {
		t.Fatalf("counsellor routes %v, want %d", routes, len(guestRoutes))
	}
	n := 0
	c := e.client()
	for _, key := range routes {
		_, pattern, _ := strings.Cut(key, " ")
		for why, tok := range bad {
			path := strings.Replace(pattern, ":token", tok, 1)
			r := c.get(path)
			n++
			if r.Status != http.StatusNotFound {
				t.Errorf("%s (%s token): %d, want 404", pattern, why, r.Status)
			}
			if len(r.Header.Values("Set-Cookie")) > 0 {
				t.Errorf("%s (%s token) sets a cookie", pattern, why)
			}
			// The CSP nonce is random base64, which may spell a name.
			body := nonceAttr.ReplaceAllString(r.Body, "")
			for _, label := range []string{"Dr ", "Ana", "Ben", "revoked", "expired"} {
				if strings.Contains(body, label) {
					t.Errorf("%s (%s token): the 404 says %q", pattern, why, label)
				}
			}
		}
	}
	t.Logf("counsellor routes: %d routes × %d bad tokens = %d requests, all 404", len(routes), len(bad), n)
}

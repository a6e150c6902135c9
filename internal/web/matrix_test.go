package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"mend/internal/store"
)

// outcome is what an actor gets from a route: a status and, for a redirect,
// where it leads (a path prefix).
type outcome struct {
	status   int
	location string
}

func (o outcome) String() string {
	if o.location != "" {
		return http.StatusText(o.status) + " to " + o.location
	}
	return http.StatusText(o.status)
}

var (
	okPage       = outcome{status: http.StatusOK}
	toLogin      = outcome{http.StatusSeeOther, "/login"}
	toOnboarding = outcome{http.StatusSeeOther, "/onboarding"}
	notFound     = outcome{status: http.StatusNotFound}
	conflict     = outcome{status: http.StatusConflict}
)

func to(path string) outcome { return outcome{http.StatusSeeOther, path} }

// expect builds the expectations of a route: the defaults of its access
// level, then the exceptions.
type expect map[actorKind]outcome

func everyone(o outcome) expect {
	e := expect{}
	for _, k := range allActors {
		e[k] = o
	}
	return e
}

// usersGet: any logged-in user gets o; visitors are sent to log in.
func users(o outcome) expect {
	e := everyone(o)
	e[anonymous] = toLogin
	return e
}

// members: members of a space get o; users without one go to onboarding.
func members(o outcome) expect {
	e := users(o)
	e[noSpace] = toOnboarding
	return e
}

// inS1 is for an item of Avery and Blair's space: both get o, everyone
// else in a space gets 404.
func inS1(member, partner outcome) expect {
	e := members(notFound)
	e[memberA], e[partnerB] = member, partner
	return e
}

func (e expect) with(k actorKind, o outcome) expect {
	c := expect{}
	for a, v := range e {
		c[a] = v
	}
	c[k] = o
	return c
}

// matrixRoute is one route of the authorization matrix.
type matrixRoute struct {
	path    func(fx *fixture) string                  // the concrete URL; the route pattern when nil
	form    func(fx *fixture, k actorKind) url.Values // for unsafe methods
	mutates bool                                      // a success changes state: run it on a fresh fixture
	want    expect
}

func fixed(path string) func(*fixture) string { return func(*fixture) string { return path } }

func values(kv ...string) func(*fixture, actorKind) url.Values {
	return func(*fixture, actorKind) url.Values { return form(kv...) }
}

// matrix has one entry per route of the route table, keyed as Echo lists
// them ("GET /space/invitations/:id/revoke").
func matrix() map[string]matrixRoute {
	m := map[string]matrixRoute{
		"GET /":         {want: everyone(okPage).with(noSpace, toOnboarding)},
		"GET /healthz":  {want: everyone(okPage)},
		"GET /readyz":   {want: everyone(okPage)},
		"GET /static/*": {path: fixed("/static/app.css"), want: everyone(okPage)},
		"GET /safety":   {want: everyone(okPage)},
		"GET /signup":   {want: users(to("/")).with(anonymous, okPage)},
		"GET /login":    {want: users(to("/")).with(anonymous, okPage)},
		"POST /signup": {mutates: true, form: func(*fixture, actorKind) url.Values {
			return form("name", "N", "email", "m-"+itoa(userSeq.Add(1))+"@example.com", "password", testPassword, "time_zone", "UTC")
		}, want: everyone(to("/"))},
		"POST /login":                 {form: values("email", "nobody@example.com", "password", "whatever it is"), want: users(to("/")).with(anonymous, outcome{status: http.StatusUnprocessableEntity})},
		"POST /logout":                {mutates: true, want: users(to("/login"))},
		"GET /login/code":             {want: users(to("/")).with(anonymous, toLogin)},
		"POST /login/code":            {form: values("code", "123456"), want: users(to("/")).with(anonymous, toLogin)},
		"GET /settings/two-step":      {want: users(okPage)},
		"POST /settings/two-step":     {form: values("pending", "x", "code", "123456"), want: users(conflict)},
		"POST /settings/two-step/off": {want: users(to("/settings"))},
		"GET /settings":               {want: users(okPage)},
		"POST /settings": {form: func(fx *fixture, k actorKind) url.Values {
			if u := fx.users[k]; u != nil {
				return form("name", u.Name, "email", u.Email, "time_zone", "UTC")
			}
			return nil
		}, want: users(to("/settings"))},
		"POST /settings/password": {mutates: true, form: values("current", testPassword, "password", "a brand new passphrase"), want: users(to("/settings"))},
		"GET /settings/sessions":  {want: users(okPage)},
		"GET /settings/delete":    {want: users(okPage)},
		"POST /settings/delete":   {mutates: true, form: values("password", testPassword), want: users(to("/"))},
		"POST /settings/sessions": {form: values("others", "1"), want: users(to("/settings/sessions"))},
		"GET /export":             {want: users(okPage)},

		"GET /onboarding":         {want: users(to("/space")).with(noSpace, okPage)},
		"POST /space":             {mutates: true, form: values("name", "Another"), want: users(conflict).with(noSpace, to("/space"))},
		"GET /space":              {want: members(okPage)},
		"POST /space/invitations": {mutates: true, want: members(conflict).with(otherC, conflict).with(formerF, to("/space"))},
		"POST /space/invitations/:id/revoke": {mutates: true,
			path: func(fx *fixture) string { return "/space/invitations/" + fx.ids["invitation:S2"] + "/revoke" },
			want: members(notFound).with(otherC, to("/space"))},
		"GET /join/:token": {path: func(fx *fixture) string { return fx.tokens["S2"] },
			want: everyone(conflict).with(anonymous, to("/signup")).with(noSpace, okPage)},
		"POST /join/:token": {mutates: true, path: func(fx *fixture) string { return fx.tokens["S2"] },
			want: everyone(conflict).with(anonymous, toLogin).with(noSpace, to("/space"))},
		"POST /space/role":  {form: values("role", "both"), want: members(to("/space"))},
		"GET /space/leave":  {want: members(okPage)},
		"POST /space/leave": {mutates: true, form: values("password", testPassword), want: members(toOnboarding)},
	}
	for k, v := range moreMatrix() {
		m[k] = v
	}
	return m
}

// TestAuthorizationMatrix walks every route of the route table as each
// actor and checks the outcome. A route missing from the matrix fails.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	m := matrix()
	var keys []string
	for _, r := range e.app.Echo().Routes() {
		if r.Method == "echo_route_not_found" {
			continue
		}
		key := r.Method + " " + r.Path
		keys = append(keys, key)
		mr, ok := m[key]
		if !ok {
			t.Errorf("route %s is not in the authorization matrix", key)
			continue
		}
		for _, k := range allActors {
			if _, ok := mr.want[k]; !ok {
				t.Errorf("route %s: no expectation for %s", key, k)
			}
		}
	}
	if t.Failed() {
		return
	}
	sort.Strings(keys)
	shared := newFixture(t, e)
	cases := 0
	for _, key := range keys {
		mr := m[key]
		method, pattern, _ := strings.Cut(key, " ")
		for _, k := range append(allActors, counsellorG) {
			want, ok := mr.want[k]
			byDefault := !ok && k == counsellorG
			if byDefault {
				// A member route refuses the counsellor as it refuses a
				// visitor; a form, which they never had, is refused as a
				// forged one.
				want = mr.want[anonymous]
				if method != http.MethodGet {
					want = outcome{status: http.StatusForbidden}
				}
			}
			fx := shared
			refused := want.status >= 400 || (k == anonymous || k == counsellorG) && want == toLogin || k == noSpace && want == toOnboarding
			if mr.mutates && !refused {
				fx = newFixture(t, e)
			}
			path := pattern
			if mr.path != nil {
				path = mr.path(fx)
			}
			c := fx.client(k)
			var r *resp
			if method == http.MethodGet {
				r = c.get(path)
			} else {
				f := url.Values{}
				if mr.form != nil {
					if v := mr.form(fx, k); v != nil {
						f = v
					}
				}
				f.Set("_csrf", c.token)
				r = c.postRaw(path, f, http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}})
			}
			cases++
			got := outcome{status: r.Status}
			if r.Status >= 300 && r.Status < 400 {
				got.location = r.Location
			}
			if got.status != want.status || !strings.HasPrefix(got.location, want.location) {
				t.Errorf("%s as %s: got %d %s, want %v", key, k, r.Status, r.Location, want)
			}
			if r.Status >= 500 {
				t.Errorf("%s as %s: server error\n%s", key, k, excerpt(r.Body))
			}
		}
	}
	t.Logf("authorization matrix: %d routes × %d actors = %d cases", len(keys), len(allActors)+1, cases)
}

// moreMatrix collects the matrix entries of later areas.
func moreMatrix() map[string]matrixRoute {
	all := map[string]matrixRoute{}
	for _, area := range []map[string]matrixRoute{
		journalMatrix(),
		guidanceMatrix(),
		checkinsMatrix(),
		promisesMatrix(),
		dashboardMatrix(),
		remindersMatrix(),
		privateTextMatrix(),
		pathMatrix(),
		conversationsMatrix(),
		counsellorMatrix(),
	} {
		for k, v := range area {
			all[k] = v
		}
	}
	return all
}

// TestMalformedIDs: on every route with an :id, something that is not an id
// is not found, for a member, whatever the method.
func TestMalformedIDs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, _ := e.couple("Ana", "Ben")
	checked := 0
	for _, r := range e.app.Echo().Routes() {
		if !strings.Contains(r.Path, ":id") {
			continue
		}
		for _, bad := range []string{"x", "AAAAAAAAAAAAAAAA", "aaaaaaaaaaaaaaa1", "../etc"} {
			path := strings.Replace(r.Path, ":id", url.PathEscape(bad), 1)
			var got *resp
			if r.Method == http.MethodGet {
				got = a.get(path)
			} else {
				got = a.postRaw(path, form("_csrf", a.token), http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}})
			}
			if got.Status != http.StatusNotFound {
				t.Errorf("%s %s: %d, want 404", r.Method, path, got.Status)
			}
			checked++
		}
	}
	if checked < 40 {
		t.Fatalf("only %d requests checked", checked)
	}
}

// TestWrongMethods sweeps the methods a browser or a script may send over
// every path of the route table: a method the table does not have for a
// path answers 405 with an Allow header naming the ones it has, for a
// visitor and for a member alike (before any form or session check), and
// never 500.
func TestWrongMethods(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Ana", "Ben")
	visitor := e.client()
	byPath := map[string][]string{}
	for _, r := range e.app.Echo().Routes() {
		if r.Method == "echo_route_not_found" {
			continue
		}
		byPath[r.Path] = append(byPath[r.Path], r.Method)
	}
	concrete := strings.NewReplacer(":id", store.NewID(), ":token", "not-a-token", ":slug", "listen-first", ":page", "safety", "*", "app.css")
	checked := 0
	for pattern, have := range byPath {
		path := concrete.Replace(pattern)
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			if slices.Contains(have, method) {
				continue
			}
			for name, c := range map[string]*client{"visitor": visitor, "member": a.client} {
				r := c.do(method, path, strings.NewReader(form("_csrf", c.token).Encode()), http.Header{
					"Content-Type": {"application/x-www-form-urlencoded"}, "Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}})
				checked++
				if r.Status != http.StatusMethodNotAllowed {
					t.Errorf("%s %s as %s: %d, want 405", method, path, name, r.Status)
					continue
				}
				allow := strings.Split(r.Header.Get("Allow"), ", ")
				for _, m := range have {
					if !slices.Contains(allow, m) {
						t.Errorf("%s %s: Allow %q lacks %s", method, path, r.Header.Get("Allow"), m)
					}
				}
			}
		}
	}
	if checked < 2*len(byPath) {
		t.Fatalf("only %d requests over %d paths", checked, len(byPath))
	}
	t.Logf("%d wrong-method requests over %d paths", checked, len(byPath))
}

package main

import (
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"
)

var (
	csrfRe   = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	inviteRe = regexp.MustCompile(`id="invite-link"[^>]*value="[^"]*(/join/[A-Za-z0-9_-]+)"`)
)

// account is one person's browser: a cookie jar (the login session lives in
// the database, so it survives a restart), the CSRF token of its session,
// and the client address it claims behind the trusted proxy.
type account struct {
	base, email, ip string
	hc              *http.Client
	token           string
}

func newAccount(base, email, ip string) *account {
	jar, _ := cookiejar.New(nil)
	return &account{base: base, email: email, ip: ip, hc: &http.Client{
		Jar:           jar,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// errStatus is an answer other than the one a successful request gets.
type errStatus struct {
	method, path string
	status       int
}

func (e errStatus) Error() string { return fmt.Sprintf("%s %s: status %d", e.method, e.path, e.status) }

func (a *account) do(method, path string, form url.Values) (*http.Response, string, error) {
	var body io.Reader
	if form != nil {
		form.Set("_csrf", a.token)
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, a.base+path, body)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("X-Forwarded-For", a.ip)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", a.base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	res, err := a.hc.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, "", err
	}
	s := string(b)
	if m := csrfRe.FindStringSubmatch(s); m != nil {
		a.token = html.UnescapeString(m[1])
	}
	return res, s, nil
}

// get fetches a page that must answer 200, which also refreshes the token.
func (a *account) get(path string) (string, error) {
	res, body, err := a.do(http.MethodGet, path, nil)
	if err != nil {
		return "", err
	}
	if res.StatusCode != http.StatusOK {
		return "", errStatus{http.MethodGet, path, res.StatusCode}
	}
	return body, nil
}

// post submits a form and returns where the 303 after it leads: a write
// is acknowledged by that redirect alone.
func (a *account) post(path string, form url.Values) (string, error) {
	res, _, err := a.do(http.MethodPost, path, form)
	if err != nil {
		return "", err
	}
	if res.StatusCode != http.StatusSeeOther {
		return "", errStatus{http.MethodPost, path, res.StatusCode}
	}
	return res.Header.Get("Location"), nil
}

// signup creates the account through the sign-up form.
func (a *account) signup(name, password string) error {
	if _, err := a.get("/signup"); err != nil {
		return err
	}
	_, err := a.post("/signup", url.Values{"name": {name}, "email": {a.email}, "password": {password}, "time_zone": {"UTC"}})
	return err
}

// couple signs up two accounts that share a new space.
func couple(base string, i int, password string) (*account, *account, error) {
	a := newAccount(base, fmt.Sprintf("crash-%d-a@example.com", i), fmt.Sprintf("192.0.2.%d", 2*i+1))
	b := newAccount(base, fmt.Sprintf("crash-%d-b@example.com", i), fmt.Sprintf("192.0.2.%d", 2*i+2))
	if err := a.signup(fmt.Sprintf("Ash %d", i), password); err != nil {
		return nil, nil, err
	}
	if _, err := a.get("/onboarding"); err != nil {
		return nil, nil, err
	}
	if _, err := a.post("/space", url.Values{"name": {fmt.Sprintf("Space %d", i)}}); err != nil {
		return nil, nil, err
	}
	if _, err := a.get("/space"); err != nil {
		return nil, nil, err
	}
	if _, err := a.post("/space/invitations", url.Values{}); err != nil {
		return nil, nil, err
	}
	page, err := a.get("/space")
	if err != nil {
		return nil, nil, err
	}
	m := inviteRe.FindStringSubmatch(page)
	if m == nil {
		return nil, nil, errors.New("no invitation link on /space")
	}
	if err := b.signup(fmt.Sprintf("Birch %d", i), password); err != nil {
		return nil, nil, err
	}
	if _, err := b.get(m[1]); err != nil {
		return nil, nil, err
	}
	if _, err := b.post(m[1], url.Values{}); err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

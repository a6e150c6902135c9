package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"

	"mend/internal/seed"
)

// member is a logged-in synthetic user.
type member struct {
	email  string
	cookie string // "name=value" of the session cookie
	csrf   string
	// checkin is the path that edits today's check-in.
	checkin string
}

var (
	csrfRe        = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	checkinEditRe = regexp.MustCompile(`href="(/checkins/[a-z0-9]+/edit)"`)
)

// logInMembers logs in as n members spread over the seeded couples and
// makes sure each has a check-in today to edit.
func logInMembers(base string, couples, n int) ([]*member, error) {
	var out []*member
	for i := 0; i < n; i++ {
		couple := (i * couples / n) % couples
		m, err := logIn(base, seed.Email(couple, i%2), seed.Password)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func logIn(base, email, password string) (*member, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	page := func(path string) (string, error) {
		res, err := c.Get(base + path)
		if err != nil {
			return "", err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		return string(b), err
	}
	post := func(path string, form url.Values, token string) (string, error) {
		form.Set("_csrf", token)
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		res, err := c.Do(req)
		if err != nil {
			return "", err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		return string(b), err
	}
	body, err := page("/login")
	if err != nil {
		return nil, err
	}
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		return nil, errors.New("no CSRF token on the login page")
	}
	if body, err = post("/login", url.Values{"email": {email}, "password": {password}}, m[1]); err != nil {
		return nil, err
	}
	if !strings.Contains(body, "Log out") {
		return nil, fmt.Errorf("logging in as %s failed", email)
	}
	body, err = page("/checkins")
	if err != nil {
		return nil, err
	}
	tok := csrfRe.FindStringSubmatch(body)
	if tok == nil {
		return nil, errors.New("no CSRF token on /checkins")
	}
	edit := checkinEditRe.FindStringSubmatch(body)
	if edit == nil {
		if body, err = post("/checkins", checkinForm(), tok[1]); err != nil {
			return nil, err
		}
		if edit = checkinEditRe.FindStringSubmatch(body); edit == nil {
			return nil, fmt.Errorf("%s: no check-in to edit today", email)
		}
	}
	u, _ := url.Parse(base)
	mem := &member{email: email, csrf: tok[1], checkin: edit[1]}
	for _, ck := range jar.Cookies(u) {
		if strings.HasSuffix(ck.Name, "mend_session") {
			mem.cookie = ck.Name + "=" + ck.Value
		}
	}
	if mem.cookie == "" {
		return nil, errors.New("no session cookie after login")
	}
	return mem, nil
}

// checkinForm is a valid check-in.
func checkinForm() url.Values {
	return url.Values{"safe": {"6"}, "trust": {"5"}, "connected": {"7"}, "mood": {"hopeful"}, "note": {"A steadier day."}}
}

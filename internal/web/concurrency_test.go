package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// rounds is how many times each race is run: once is not enough to meet it.
const rounds = 6

// racePosts sends one form post per client at the same moment (each with its
// client's CSRF token) and returns the statuses, in the order of clients.
func racePosts(t *testing.T, clients []*client, path string, forms []url.Values) []int {
	t.Helper()
	paths := make([]string, len(clients))
	for i := range paths {
		paths[i] = path
	}
	return racePaths(t, clients, paths, forms)
}

// racePaths sends one form post per client, each to its own path, at the same moment.
func racePaths(t *testing.T, clients []*client, paths []string, forms []url.Values) []int {
	t.Helper()
	reqs := make([]*http.Request, len(clients))
	for i, c := range clients {
		f := forms[i]
		f.Set("_csrf", c.token)
		req, err := http.NewRequest(http.MethodPost, c.e.srv.URL+paths[i], strings.NewReader(f.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", c.e.srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		reqs[i] = req
	}
	statuses := make([]int, len(clients))
	errs := make([]error, len(clients))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := c.hc.Do(reqs[i])
			if err != nil {
				errs[i] = err
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses[i] = res.StatusCode
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return statuses
}

// count tallies statuses and fails on any 5xx.
func count(t *testing.T, what string, statuses []int) map[int]int {
	t.Helper()
	n := map[int]int{}
	for _, s := range statuses {
		n[s]++
		if s >= 500 {
			t.Errorf("%s: a request answered %d (all: %v)", what, s, statuses)
		}
	}
	return n
}

// repeat makes n form values.
func repeat(n int, f func(i int) url.Values) []url.Values {
	out := make([]url.Values, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

// TestConcurrentJoin: several people accept one invitation at the same
// moment; exactly one of them joins, the space keeps two members, and the
// others are refused (never a 500).
func TestConcurrentJoin(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Host")
	a.createSpace("One couple")
	var joiners []*client
	var users []*user
	for i := 0; i < 4; i++ {
		u := e.signup("Guest")
		users = append(users, u)
		joiners = append(joiners, u.client)
	}
	for round := 0; round < rounds; round++ {
		a.open("/space")
		link := a.invite()
		for _, u := range users {
			u.open(link)
		}
		statuses := racePosts(t, joiners, link, repeat(len(joiners), func(int) url.Values { return url.Values{} }))
		n := count(t, "join", statuses)
		if n[http.StatusSeeOther] != 1 {
			t.Fatalf("round %d: %d joined (statuses %v), want 1", round, n[http.StatusSeeOther], statuses)
		}
		if m := countRows(t, e, "SELECT COUNT(*) FROM memberships WHERE left_at IS NULL AND space_id = (SELECT space_id FROM invitations ORDER BY created_at DESC LIMIT 1)"); m != 2 {
			t.Fatalf("round %d: %d current members, want 2", round, m)
		}
		for i, s := range statuses {
			if s == http.StatusSeeOther {
				users[i].leave()
			}
		}
	}
}

// TestConcurrentInvitations: a member asking for an invitation several
// times at once gets one open invitation, and refusals for the rest.
func TestConcurrentInvitations(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Inviter")
	a.createSpace("Waiting")
	a.open("/space")
	clients := []*client{a.client, a.client, a.client, a.client}
	for round := 0; round < rounds; round++ {
		statuses := racePosts(t, clients, "/space/invitations", repeat(len(clients), func(int) url.Values { return url.Values{} }))
		n := count(t, "invite", statuses)
		if open := countRows(t, e, "SELECT COUNT(*) FROM invitations WHERE used_at IS NULL AND revoked_at IS NULL"); open != 1 || n[http.StatusSeeOther] != 1 {
			t.Fatalf("round %d: %d open invitations, %d made (statuses %v), want 1", round, open, n[http.StatusSeeOther], statuses)
		}
		if err := e.db.Exec("UPDATE invitations SET revoked_at = created_at WHERE revoked_at IS NULL").Error; err != nil {
			t.Fatal(err)
		}
	}
}

// TestConcurrentGratitudeReplies: replies sent at once to one note: one is
// kept, the others are refused, and the note shows the one that was kept.
func TestConcurrentGratitudeReplies(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Thanker", "Thanked")
	clients := []*client{b.client, b.client, b.client, b.client}
	for round := 0; round < rounds; round++ {
		a.sendNote("Thank you, round " + itoa(int64(round)))
		id := b.newNoteID()
		b.open("/gratitude")
		statuses := racePosts(t, clients, "/gratitude/"+id+"/reply", repeat(len(clients), func(i int) url.Values {
			return form("reply", "Reply number "+itoa(int64(i)))
		}))
		n := count(t, "reply", statuses)
		if n[http.StatusSeeOther] != 1 || n[http.StatusConflict] != len(clients)-1 {
			t.Fatalf("round %d: statuses %v, want one 303 and the rest 409", round, statuses)
		}
		var reply string
		if err := e.db.Raw("SELECT reply FROM gratitude_notes WHERE id = ?", id).Scan(&reply).Error; err != nil {
			t.Fatal(err)
		}
		for i, s := range statuses {
			if s == http.StatusSeeOther && reply != "Reply number "+itoa(int64(i)) {
				t.Fatalf("round %d: reply %d was accepted but the note says %q", round, i, reply)
			}
		}
	}
}

// TestConcurrentRenegotiation: new terms agreed several times at once are
// each kept as a version of their own, in order, with no 500.
func TestConcurrentRenegotiation(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Renegotiator")
	a.createSpace("Terms")
	id := a.makePromise("Walk in the evening")
	clients := []*client{a.client, a.client, a.client, a.client}
	made := int64(1)
	for round := 0; round < rounds; round++ {
		a.open("/promises/" + id + "/edit")
		statuses := racePosts(t, clients, "/promises/"+id+"/edit", repeat(len(clients), func(i int) url.Values {
			return form("title", "Walk in the evening, take "+itoa(int64(i)), "kind", "daily", "from", "2026-03-12", "note", "Later in the day suits us.")
		}))
		n := count(t, "renegotiate", statuses)
		made += int64(n[http.StatusSeeOther])
		if versions := countRows(t, e, "SELECT COUNT(DISTINCT seq) FROM promise_versions WHERE promise_id = ?", id); versions != made {
			t.Fatalf("round %d: %d versions, want %d (statuses %v)", round, versions, made, statuses)
		}
	}
	if made == 1 {
		t.Fatal("no renegotiation was accepted")
	}
}

// TestSeatsHeldByDatabase: the database itself refuses a third current
// member of a space, whatever the code that writes the row.
func TestSeatsHeldByDatabase(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Seated", "Also")
	c := e.signup("Third")
	_, sid := idsOf(t, e, a)
	var cid string
	if err := e.db.Raw("SELECT id FROM users WHERE email = ?", c.Email).Scan(&cid).Error; err != nil {
		t.Fatal(err)
	}
	for _, seat := range []int{1, 2} {
		err := e.db.Exec("INSERT INTO memberships (id, space_id, user_id, joined_at, seat) VALUES (?, ?, ?, ?, ?)",
			"third"+itoa(int64(seat)), sid, cid, e.clock.Now(), seat).Error
		if err == nil {
			t.Fatalf("a third member took seat %d", seat)
		}
	}
}

package mail

import (
	"context"
	"strings"
	"testing"
)

// TestSummaryWords: the summary says counts in plain words and nothing else.
func TestSummaryWords(t *testing.T) {
	for _, tc := range []struct {
		s             Summary
		subject, body string
	}{
		{Summary{Due: 1}, "1 promise is due today in Mend", "1 promise is due today."},
		{Summary{Due: 3, Waiting: 2}, "2 things are waiting for you in Mend", "3 promises are due today.\n2 things are waiting for you."},
		{Summary{Waiting: 1, Reflection: true}, "1 thing is waiting for you in Mend", "Today is your day for the weekly reflection."},
	} {
		m := SummaryMail("a@example.com", "https://mend.example", tc.s)
		if m.Subject != tc.subject || !strings.Contains(m.Text, tc.body) || !strings.Contains(m.Text, "https://mend.example/") {
			t.Errorf("%+v: %q\n%s", tc.s, m.Subject, m.Text)
		}
	}
	if !(Summary{}).Empty() {
		t.Error("an empty summary is not empty")
	}
}

// TestNew: only smtp and smtps URLs with a host and a numeric port are
// accepted; a send that cannot reach the server fails.
func TestNew(t *testing.T) {
	for _, bad := range []string{"http://mail.example.com", "smtp://", "smtp://mail.example.com:x"} {
		if _, err := New(bad, "mend@example.com"); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, good := range []string{"smtp://u:p@mail.example.com:587", "smtps://mail.example.com", "smtp://127.0.0.1:2525"} {
		if _, err := New(good, "mend@example.com"); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
	s, err := New("smtp://127.0.0.1:1", "mend@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), Test("a@example.com")); err == nil {
		t.Error("a send to a closed port succeeded")
	}
}

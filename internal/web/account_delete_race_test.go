package web_test

import (
	"sync"
	"testing"

	"mend/internal/store"
)

// TestConcurrentAccountDeletion: while a member deletes their account, their
// partner replies to their shared entries and thanks them. Every reply and
// note the partner was told was saved is still there afterwards: the answer
// that committed first is kept under the emptied entry, the one that came
// later is refused; none is deleted with the account after being accepted.
func TestConcurrentAccountDeletion(t *testing.T) {
	for round := 0; round < rounds; round++ {
		e := newEnv(t)
		a, b := e.couple("Ari", "Bo")
		s := e.app.Store()
		sa, sb := scopeOf(t, e, a), scopeOf(t, e, b)
		var entries []string
		for i := 0; i < 6; i++ {
			j, err := s.CreateJournalEntry(ctx(), sa, store.JournalInput{Title: "Shared", Body: "For you to read."})
			ok(t, err)
			ok(t, s.ShareJournalEntry(ctx(), sa, j.ID, true))
			entries = append(entries, j.ID)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		accepted := 0
		var notes []string
		start := make(chan struct{})
		for _, id := range entries {
			wg.Add(2)
			go func() {
				defer wg.Done()
				<-start
				if s.ReplyToJournalEntry(ctx(), sb, id, "I read it.") == nil {
					mu.Lock()
					accepted++
					mu.Unlock()
				}
			}()
			go func() {
				defer wg.Done()
				<-start
				if n, err := s.SendGratitude(ctx(), sb, "Thank you.", "", ""); err == nil {
					mu.Lock()
					notes = append(notes, n.ID)
					mu.Unlock()
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if err := s.DeleteAccount(ctx(), sa.UserID); err != nil {
				t.Errorf("delete: %v", err)
			}
		}()
		close(start)
		wg.Wait()
		if n := countRows(t, e, "SELECT COUNT(*) FROM journal_replies WHERE author_id = '"+sb.UserID+"'"); n != int64(accepted) {
			t.Fatalf("round %d: %d of Bo's replies remain, %d were accepted", round, n, accepted)
		}
		for _, id := range notes {
			if n := countRows(t, e, "SELECT COUNT(*) FROM gratitude_notes WHERE id = '"+id+"'"); n != 1 {
				t.Fatalf("round %d: an accepted note of thanks is gone with the account", round)
			}
		}
		if n := countRows(t, e, "SELECT COUNT(*) FROM users WHERE id = '"+sa.UserID+"'"); n != 0 {
			t.Fatalf("round %d: the account is still there", round)
		}
		t.Logf("round %d: %d replies and %d notes accepted around the deletion", round, accepted, len(notes))
	}
}

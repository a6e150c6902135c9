package auth

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mend/internal/seal"
)

func TestHasher(t *testing.T) {
	h := NewHasher(DefaultParams, 2)
	ctx := context.Background()
	hash, err := h.Hash(ctx, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not record argon2id with m=19 MiB, t=2, p=1", hash)
	}
	other, _ := h.Hash(ctx, "correct horse battery staple")
	if other == hash {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	for pw, want := range map[string]bool{"correct horse battery staple": true, "correct horse battery stapl": false, "": false, "Correct horse battery staple": false} {
		if ok, err := h.Verify(ctx, hash, pw); err != nil || ok != want {
			t.Errorf("Verify(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	// No account: the dummy hash is checked, and never matches.
	if ok, err := h.Verify(ctx, "", "no account has this password"); ok || err != nil {
		t.Errorf("the dummy hash matched (%v, %v)", ok, err)
	}
	if _, err := h.Verify(ctx, "$2a$10$bcrypt", "x"); err == nil {
		t.Error("a malformed hash was accepted")
	}
	// Handing memory back changes nothing of the results.
	r := NewHasher(DefaultParams, 1).ReturnMemory()
	if ok, err := r.Verify(ctx, hash, "correct horse battery staple"); !ok || err != nil {
		t.Errorf("a hasher that returns memory does not verify: %v %v", ok, err)
	}
}

// TestNeedsRehash: a hash made with other costs needs a rehash, one made
// with the current costs does not, and a malformed one is left alone.
func TestNeedsRehash(t *testing.T) {
	ctx := context.Background()
	cheap := Params{Memory: 1024, Time: 1, Threads: 1}
	h := NewHasher(DefaultParams, 1)
	current, _ := h.Hash(ctx, "correct horse battery staple")
	old, _ := NewHasher(cheap, 1).Hash(ctx, "correct horse battery staple")
	if h.NeedsRehash(current) {
		t.Error("a hash with the current parameters needs a rehash")
	}
	if !h.NeedsRehash(old) {
		t.Error("a hash with other parameters needs no rehash")
	}
	if !NewHasher(cheap, 1).NeedsRehash(current) {
		t.Error("lowering the parameters does not ask for a rehash")
	}
	if h.NeedsRehash("$2a$10$bcrypt") || h.NeedsRehash("") {
		t.Error("a malformed or empty hash asks for a rehash")
	}
}

// TestHasherLimit: no more hashes run at once than the limit.
func TestHasherLimit(t *testing.T) {
	h := NewHasher(Params{Memory: 1024, Time: 1, Threads: 1}, 2)
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = h.acquire(context.Background())
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(10 * time.Millisecond)
			running.Add(-1)
			h.release()
		}()
	}
	wg.Wait()
	if peak.Load() != 2 {
		t.Fatalf("peak concurrency %d, want 2", peak.Load())
	}
	// A caller that gives up waiting gets its context's error.
	h.acquire(context.Background())
	h.acquire(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := h.acquire(ctx); err == nil {
		t.Fatal("acquire beyond the limit did not wait")
	}
}

func TestPasswordPolicyList(t *testing.T) {
	if n := CommonPasswords(); n < 1000 {
		t.Fatalf("only %d common passwords shipped", n)
	}
	for pw, ok := range map[string]bool{"123qweasdzxc": false, "QAZWSXEDCRFV": false, "twelve chars": true, "short": false} {
		if got := CheckPassword(pw) == ""; got != ok {
			t.Errorf("CheckPassword(%q) accepted=%v, want %v", pw, got, ok)
		}
	}
}

func TestShortAgent(t *testing.T) {
	for ua, want := range map[string]string{
		"Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36":     "Chrome on Android",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile Safari/604.1": "Safari on iPhone",
		"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0":                                       "Firefox on Linux",
		"": "A browser",
	} {
		if got := shortAgent(ua); got != want {
			t.Errorf("shortAgent(%q) = %q, want %q", ua, got, want)
		}
	}
}

// TestHasherChecksFirst: when the slot frees, a password check waiting
// behind new hashes goes first, so that sign-ups cannot starve logins.
func TestHasherChecksFirst(t *testing.T) {
	h := NewHasher(Params{Memory: 1024, Time: 1, Threads: 1}, 1)
	ctx := context.Background()
	if err := h.take(ctx, forNewHash); err != nil {
		t.Fatal(err)
	}
	granted := make(chan string, 4)
	queued := func(prio, n int) bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return len(h.queues[prio]) == n
	}
	for i := 0; i < 3; i++ {
		go func() {
			if h.take(ctx, forNewHash) == nil {
				granted <- "sign-up"
			}
		}()
	}
	for !queued(forNewHash, 3) {
		time.Sleep(time.Millisecond)
	}
	go func() {
		if h.take(ctx, forCheck) == nil {
			granted <- "login"
		}
	}()
	for !queued(forCheck, 1) {
		time.Sleep(time.Millisecond)
	}
	h.release()
	if first := <-granted; first != "login" {
		t.Fatalf("the freed slot went to a %s waiting before the login", first)
	}
	// Then the sign-ups, one at a time.
	for i := 0; i < 3; i++ {
		h.release()
		if got := <-granted; got != "sign-up" {
			t.Fatalf("got %s", got)
		}
	}
	// A waiter that gives up leaves the queue.
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- h.take(cctx, forNewHash) }()
	for !queued(forNewHash, 1) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; err == nil || !queued(forNewHash, 0) {
		t.Fatalf("a canceled waiter: %v, still queued: %v", err, !queued(forNewHash, 0))
	}
}

func TestWrapKeyByPassword(t *testing.T) {
	h := NewHasher(Params{Memory: 64, Time: 1, Threads: 1}, 1)
	ctx := context.Background()
	dk := seal.NewKey()
	w, err := h.WrapKey(ctx, "a long password", "u1", dk)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := h.UnwrapKey(ctx, "a long password", "u1", w); err != nil || got != dk {
		t.Fatalf("UnwrapKey = %v", err)
	}
	if _, err := h.UnwrapKey(ctx, "another password", "u1", w); err == nil {
		t.Error("a wrong password unwrapped the key")
	}
	// Other costs later still unwrap what was wrapped before.
	h2 := NewHasher(Params{Memory: 128, Time: 1, Threads: 1}, 1)
	if got, err := h2.UnwrapKey(ctx, "a long password", "u1", w); err != nil || got != dk {
		t.Fatalf("UnwrapKey with other costs = %v", err)
	}
}

// TestReturnMemoryBeforeNextHash: a hasher that returns memory hands a
// hash's memory back before the next waiting hash begins, so that no two
// hashes' memory is held at once where one runs at a time.
func TestReturnMemoryBeforeNextHash(t *testing.T) {
	var mu sync.Mutex
	var events []string
	note := func(e string) {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, e)
	}
	started := make(chan struct{}, 8)
	defer func(f func()) { freeOSMemory = f }(freeOSMemory)
	// The memory is handed back slowly: a hash let in before it is done
	// has the time to begin.
	freeOSMemory = func() {
		select {
		case <-started:
		case <-time.After(50 * time.Millisecond):
		}
		note("free")
	}
	h := NewHasher(Params{Memory: 1024, Time: 1, Threads: 1}, 1).ReturnMemory()
	ctx := context.Background()
	if err := h.acquire(ctx); err != nil {
		t.Fatal(err)
	}
	note("start")
	const waiting = 3
	var wg sync.WaitGroup
	for range waiting {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := h.acquire(ctx); err != nil {
				t.Error(err)
				return
			}
			note("start")
			started <- struct{}{}
			h.release()
		}()
	}
	for {
		h.mu.Lock()
		n := len(h.queues[forCheck])
		h.mu.Unlock()
		if n == waiting {
			break
		}
		time.Sleep(time.Millisecond)
	}
	h.release()
	wg.Wait()
	want := strings.Repeat("start free ", waiting+1)
	if got := strings.Join(events, " ") + " "; got != want {
		t.Errorf("events %q, want %q: a hash began before the memory of the one before it was handed back", got, want)
	}
}

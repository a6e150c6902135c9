package seal

import (
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	k := NewKey()
	s := Seal(k, "journal", "row1", []byte("a private line"))
	if strings.Contains(s, "private") {
		t.Fatal("plaintext in the sealed value")
	}
	got, err := Open(k, "journal", "row1", s)
	if err != nil || string(got) != "a private line" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if s2 := Seal(k, "journal", "row1", []byte("a private line")); s2 == s {
		t.Fatal("two seals of the same text are equal: the nonce is not fresh")
	}
}

// TestOpenRefusesMoved: a ciphertext opens only in its own row, of its own
// kind, under its own member's key, and not once altered.
func TestOpenRefusesMoved(t *testing.T) {
	k, other := NewKey(), NewKey()
	s := Seal(k, "journal", "row1", []byte("text"))
	cases := map[string]func() ([]byte, error){
		"other row":    func() ([]byte, error) { return Open(k, "journal", "row2", s) },
		"other kind":   func() ([]byte, error) { return Open(k, "checkin", "row1", s) },
		"other member": func() ([]byte, error) { return Open(other, "journal", "row1", s) },
		"tampered": func() ([]byte, error) {
			b := []byte(s)
			i := len(b) - 5
			if b[i] == 'A' {
				b[i] = 'B'
			} else {
				b[i] = 'A'
			}
			return Open(k, "journal", "row1", string(b))
		},
		"truncated": func() ([]byte, error) { return Open(k, "journal", "row1", s[:len(s)-4]) },
		"plain":     func() ([]byte, error) { return Open(k, "journal", "row1", "text") },
	}
	for name, open := range cases {
		if got, err := open(); err == nil {
			t.Errorf("%s: opened as %q", name, got)
		}
	}
}

func TestWrapUnwrap(t *testing.T) {
	dk, kek := NewKey(), NewKey()
	w := Wrap(kek, dk, ByPassword, "u1")
	if got, err := Unwrap(kek, ByPassword, "u1", w); err != nil || got != dk {
		t.Fatalf("Unwrap = %v", err)
	}
	if _, err := Unwrap(kek, ByPassword, "u2", w); err == nil {
		t.Error("another member's wrapped key unwrapped")
	}
	if _, err := Unwrap(kek, BySession, "u1", w); err == nil {
		t.Error("a key wrapped for a password unwrapped as a session's")
	}
}

func TestRecoveryCode(t *testing.T) {
	code := NewRecoveryCode()
	if len(code) != 39 || strings.Count(code, "-") != 7 {
		t.Fatalf("code %q is not eight groups of four", code)
	}
	k1, ok := RecoveryKEK(code, "u1")
	if !ok {
		t.Fatal("own code refused")
	}
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	if k2, ok := RecoveryKEK(typed, "u1"); !ok || k2 != k1 {
		t.Error("the code typed in lower case with spaces gives another key")
	}
	if k3, _ := RecoveryKEK(code, "u2"); k3 == k1 {
		t.Error("the same code gives the same key for another member")
	}
	if _, ok := RecoveryKEK(code[:20], "u1"); ok {
		t.Error("a short code accepted")
	}
}

func TestSessionKEK(t *testing.T) {
	a, b := SessionKEK("token", []byte("secret")), SessionKEK("token2", []byte("secret"))
	if a == b || a != SessionKEK("token", []byte("secret")) {
		t.Fatal("session keys do not follow their token")
	}
}

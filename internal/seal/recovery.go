package seal

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

// recoveryEncoding spells a recovery code without characters that read
// alike (no I, L, O, U, 0 or 1); the last two symbols are never kept.
var recoveryEncoding = base32.NewEncoding("ABCDEFGHJKMNPQRSTVWXYZ23456789#%").WithPadding(base32.NoPadding)

// recoveryAlphabet are the characters of a code, for checks.
const recoveryAlphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789"

// recoveryBytes is a code's randomness: 160 bits, beyond any guessing, so
// that a fast derivation suffices.
const recoveryBytes = 20

// NewRecoveryCode returns a random recovery code in groups of four
// characters ("ABCD-EFGH-..."), to be shown once and written down.
func NewRecoveryCode() string {
	for {
		b := make([]byte, recoveryBytes)
		if _, err := rand.Read(b); err != nil {
			panic(err)
		}
		s := recoveryEncoding.EncodeToString(b)
		if strings.ContainsAny(s, "#%") {
			continue // keep to letters and digits: a few draws at most
		}
		var groups []string
		for i := 0; i < len(s); i += 4 {
			groups = append(groups, s[i:min(i+4, len(s))])
		}
		return strings.Join(groups, "-")
	}
}

// normalizeRecovery is a code as typed, in capitals without spaces or dashes.
func normalizeRecovery(code string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch {
		case r == ' ' || r == '-' || r == '\t' || r == '\n' || r == '\r':
		case strings.ContainsRune(recoveryAlphabet, r):
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return b.String(), b.Len() == 32
}

// RecoveryKEK is the key a recovery code wraps the data key of the member
// with id userID under; false when the code is not of the right form.
func RecoveryKEK(code, userID string) (Key, bool) {
	s, ok := normalizeRecovery(code)
	if !ok {
		return Key{}, false
	}
	raw, err := recoveryEncoding.DecodeString(s)
	if err != nil {
		return Key{}, false
	}
	b, err := hkdf.Key(sha256.New, raw, []byte(userID), "mend recovery code", len(Key{}))
	if err != nil {
		panic(err)
	}
	k, _ := KeyFrom(b)
	return k, true
}

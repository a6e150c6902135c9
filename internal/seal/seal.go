// Package seal encrypts a member's private text at rest. Each member has a
// random data key; it is kept only wrapped (encrypted) by other keys: one
// derived from their password, one from a recovery code shown to them once,
// and one per login session derived from that session's cookie token. Text
// is sealed with XChaCha20-Poly1305, a fresh nonce each time, and the kind
// and id of the row it belongs to as associated data, so that a ciphertext
// copied to another row, or opened with another member's key, fails.
package seal

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"

	"golang.org/x/crypto/chacha20poly1305"
)

// Key is a 256-bit key: a data key or a key that wraps one.
type Key [chacha20poly1305.KeySize]byte

// ErrOpen is any failure to open a sealed value: a wrong key, another row's
// ciphertext, a tampered or truncated one. It says no more on purpose.
var ErrOpen = errors.New("seal: cannot open")

// NewKey returns a random key.
func NewKey() Key {
	var k Key
	if _, err := rand.Read(k[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return k
}

// KeyFrom copies b, which must be 32 bytes, into a Key.
func KeyFrom(b []byte) (Key, bool) {
	var k Key
	if len(b) != len(k) {
		return k, false
	}
	copy(k[:], b)
	return k, true
}

// prefix marks a sealed value and its format version.
const prefix = "s1:"

// ad is the associated data of a row's text: its kind and id.
func ad(kind, id string) []byte { return []byte("mend/" + kind + "\x00" + id) }

// Seal encrypts plaintext for the row of kind with id under k.
func Seal(k Key, kind, id string, plaintext []byte) string {
	aead, err := chacha20poly1305.NewX(k[:])
	if err != nil {
		panic(err) // only a wrong key size fails, and Key has the right one
	}
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	return prefix + base64.RawStdEncoding.EncodeToString(aead.Seal(nonce, nonce, plaintext, ad(kind, id)))
}

// Open decrypts a value sealed by Seal for the same kind, id and key.
func Open(k Key, kind, id, sealed string) ([]byte, error) {
	raw, ok := strings.CutPrefix(sealed, prefix)
	if !ok {
		return nil, ErrOpen
	}
	b, err := base64.RawStdEncoding.DecodeString(raw)
	aead, _ := chacha20poly1305.NewX(k[:])
	if err != nil || len(b) < aead.NonceSize()+aead.Overhead() {
		return nil, ErrOpen
	}
	out, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], ad(kind, id))
	if err != nil {
		return nil, ErrOpen
	}
	return out, nil
}

// Wrap encrypts the data key dk under kek, for the purpose named (a
// password, a recovery code, a session), bound to the member's id.
func Wrap(kek, dk Key, purpose, userID string) string {
	return Seal(kek, "key/"+purpose, userID, dk[:])
}

// Unwrap recovers a data key wrapped by Wrap.
func Unwrap(kek Key, purpose, userID, wrapped string) (Key, error) {
	b, err := Open(kek, "key/"+purpose, userID, wrapped)
	if err != nil {
		return Key{}, err
	}
	k, ok := KeyFrom(b)
	if !ok {
		return Key{}, ErrOpen
	}
	return k, nil
}

// Purposes of a wrapped data key.
const (
	ByPassword = "password"
	ByRecovery = "recovery"
	BySession  = "session"
)

// SessionKEK is the key that wraps a data key in a login session's row. It
// is derived from the session's cookie token, which the database never
// holds (it holds an HMAC of it under the server's secret: another
// derivation, so that the stored hash says nothing about this key), with
// the server's secret as salt.
func SessionKEK(token string, secret []byte) Key {
	b, err := hkdf.Key(sha256.New, []byte(token), secret, "mend session data key wrap", len(Key{}))
	if err != nil {
		panic(err)
	}
	k, _ := KeyFrom(b)
	return k
}

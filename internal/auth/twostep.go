package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTPPeriod is the length of one time step of a two-step login code.
const TOTPPeriod = 30

// NewTOTPKey makes a new TOTP secret for the account with email.
func NewTOTPKey(email string) (*otp.Key, error) {
	return totp.Generate(totp.GenerateOpts{Issuer: "Mend", AccountName: email, Period: TOTPPeriod})
}

// TOTPKeyFromSecret rebuilds a key (for its QR code) from a base32 secret.
func TOTPKeyFromSecret(email, secret string) (*otp.Key, error) {
	return otp.NewKeyFromURL("otpauth://totp/Mend:" + email + "?issuer=Mend&period=30&digits=6&algorithm=SHA1&secret=" + secret)
}

// CheckTOTP reports the time step of code when it is valid at now (one
// step of clock drift either way) and later than lastStep: a code is
// accepted once.
func CheckTOTP(secret, code string, now time.Time, lastStep int64) (int64, bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != 6 {
		return 0, false
	}
	step := now.Unix() / TOTPPeriod
	for _, s := range []int64{step - 1, step, step + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*TOTPPeriod, 0), totp.ValidateOpts{Period: TOTPPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && s > lastStep {
			return s, true
		}
	}
	return 0, false
}

// Sealer encrypts TOTP secrets at rest with a key derived from the server's
// secret (AES-256-GCM), so that a copy of the database alone yields none.
type Sealer struct{ aead cipher.AEAD }

// NewSealer makes a sealer from a 32-byte key.
func NewSealer(key []byte) (*Sealer, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead}, nil
}

// Seal encrypts plain.
func (s *Sealer) Seal(plain string) string {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(s.aead.Seal(nonce, nonce, []byte(plain), nil))
}

// Open decrypts what Seal made.
func (s *Sealer) Open(sealed string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(sealed)
	if err != nil || len(b) < s.aead.NonceSize() {
		return "", errors.New("sealed value is malformed")
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, b[:n], b[n:], nil)
	return string(plain), err
}

// RecoveryCodeCount is how many one-time recovery codes an account gets.
const RecoveryCodeCount = 10

// NewRecoveryCodes makes ten random one-time codes such as "k7fq2-mx9ta".
func NewRecoveryCodes() []string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	codes := make([]string, RecoveryCodeCount)
	for i := range codes {
		b := make([]byte, 10)
		if _, err := rand.Read(b); err != nil {
			panic(err)
		}
		var sb strings.Builder
		for j, c := range b {
			if j == 5 {
				sb.WriteByte('-')
			}
			sb.WriteByte(alphabet[int(c)%len(alphabet)])
		}
		codes[i] = sb.String()
	}
	return codes
}

// HashRecoveryCode is the keyed hash under which a recovery code is kept;
// case, spaces and dashes do not matter.
func HashRecoveryCode(key []byte, code string) string {
	code = strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(code)))
	m := hmac.New(sha256.New, key)
	m.Write([]byte(code))
	return hex.EncodeToString(m.Sum(nil))
}

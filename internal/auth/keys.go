package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"

	"mend/internal/seal"
)

// WrapKey wraps a member's data key under a key derived from their password
// with argon2id (the hasher's costs, a salt of its own, not the password
// hash's), for the member with id userID. The result names its costs and
// salt, so that it still unwraps after the costs change.
func (h *Hasher) WrapKey(ctx context.Context, password, userID string, dk seal.Key) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	if err := h.take(ctx, forNewHash); err != nil {
		return "", err
	}
	kek := derive(h.params, password, salt)
	h.release()
	p := h.params
	return fmt.Sprintf("m=%d,t=%d,p=%d$%s$%s", p.Memory, p.Time, p.Threads, base64.RawStdEncoding.EncodeToString(salt),
		seal.Wrap(kek, dk, seal.ByPassword, userID)), nil
}

// UnwrapKey recovers the data key WrapKey wrapped with password;
// seal.ErrOpen when the password is not the one it was wrapped with.
func (h *Hasher) UnwrapKey(ctx context.Context, password, userID, wrapped string) (seal.Key, error) {
	parts := strings.SplitN(wrapped, "$", 3)
	var p Params
	if len(parts) != 3 {
		return seal.Key{}, seal.ErrOpen
	}
	if _, err := fmt.Sscanf(parts[0], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || p.Threads == 0 || p.Time == 0 {
		return seal.Key{}, seal.ErrOpen
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[1])
	if err != nil {
		return seal.Key{}, seal.ErrOpen
	}
	if err := h.acquire(ctx); err != nil {
		return seal.Key{}, err
	}
	kek := derive(p, password, salt)
	h.release()
	return seal.Unwrap(kek, seal.ByPassword, userID, parts[2])
}

// derive is the key-encrypting key argon2id makes of password and salt.
func derive(p Params, password string, salt []byte) seal.Key {
	k, _ := seal.KeyFrom(argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32))
	return k
}

package auth

import (
	"bytes"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

func TestCheckTOTP(t *testing.T) {
	key, err := NewTOTPKey("kit@example.com")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 10, 12, 0, 10, 0, time.UTC)
	step := now.Unix() / TOTPPeriod
	code, _ := totp.GenerateCode(key.Secret(), now)
	if got, ok := CheckTOTP(key.Secret(), code, now, 0); !ok || got != step {
		t.Fatalf("the current code: %d %v", got, ok)
	}
	if _, ok := CheckTOTP(key.Secret(), code, now, step); ok {
		t.Fatal("a code of a step already used is accepted")
	}
	if got, ok := CheckTOTP(key.Secret(), code, now.Add(TOTPPeriod*time.Second), 0); !ok || got != step {
		t.Fatal("one step of drift is refused")
	}
	if _, ok := CheckTOTP(key.Secret(), code, now.Add(3*TOTPPeriod*time.Second), 0); ok {
		t.Fatal("a code three steps old is accepted")
	}
	if _, ok := CheckTOTP(key.Secret(), "12345", now, 0); ok {
		t.Fatal("a five-digit code is accepted")
	}
}

func TestSealer(t *testing.T) {
	s, err := NewSealer(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	sealed := s.Seal("JBSWY3DPEHPK3PXP")
	if plain, err := s.Open(sealed); err != nil || plain != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("open: %q %v", plain, err)
	}
	other, _ := NewSealer(bytes.Repeat([]byte{8}, 32))
	if _, err := other.Open(sealed); err == nil {
		t.Fatal("another key opens the sealed secret")
	}
	if HashRecoveryCode([]byte("k"), "ABCDE-fghij") != HashRecoveryCode([]byte("k"), " abcdefghij") {
		t.Fatal("recovery codes differ by case or dash")
	}
	if codes := NewRecoveryCodes(); len(codes) != 10 || codes[0] == codes[1] || len(codes[0]) != 11 {
		t.Fatalf("recovery codes: %q", codes)
	}
}

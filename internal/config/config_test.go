package config

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func load(t *testing.T, args []string, env map[string]string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return Load(fs, args, func(k string) string { return env[k] })
}

func TestPrecedence(t *testing.T) {
	c, err := load(t, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != "./data" || c.BaseURL != "http://127.0.0.1:8080" || c.Secure() || c.Signup != SignupInvite || c.MetricsAddr != "" {
		t.Fatalf("defaults: %+v", c)
	}
	env := map[string]string{"MEND_ADDR": "0.0.0.0:9000", "MEND_BASE_URL": "https://mend.example", "MEND_SESSION_IDLE": "1h", "MEND_LOG_LEVEL": "debug"}
	c, err = load(t, []string{"-addr", "127.0.0.1:7000"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7000" {
		t.Errorf("flag did not beat env: %s", c.Addr)
	}
	if !c.Secure() || c.SessionIdle != time.Hour || c.LogLevel != "debug" {
		t.Errorf("env not applied: %+v", c)
	}
}

func TestValidation(t *testing.T) {
	cases := map[string]map[string]string{
		"base-url":         {"MEND_BASE_URL": "ftp://x"},
		"log-level":        {"MEND_LOG_LEVEL": "loud"},
		"secret-key":       {"MEND_SECRET_KEY": "abc"},
		"trusted-proxies":  {"MEND_TRUSTED_PROXIES": "not-an-ip"},
		"database-url":     {"MEND_DATABASE_URL": "mysql://x"},
		"MEND_SESSION_MAX": {"MEND_SESSION_MAX": "forever"},
		"session-idle":     {"MEND_SESSION_IDLE": "48h", "MEND_SESSION_MAX": "24h"},
		"signup":           {"MEND_SIGNUP": "anyone"},
		"metrics-addr":     {"MEND_METRICS_ADDR": "127.0.0.1:8080"},
	}
	for want, env := range cases {
		_, err := load(t, nil, env)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want one naming %s", env, err, want)
		}
	}
	c, err := load(t, nil, map[string]string{"MEND_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16,::1"})
	if err != nil {
		t.Fatal(err)
	}
	if nets, _ := c.Proxies(); len(nets) != 3 {
		t.Fatalf("proxies: %v", nets)
	}
}

func TestSecretIsCreatedOnceWithMode0600(t *testing.T) {
	c := Default()
	c.DataDir = filepath.Join(t.TempDir(), "data")
	k1, err := c.Secret()
	if err != nil || len(k1) != 32 {
		t.Fatalf("secret: %v %d", err, len(k1))
	}
	info, err := os.Stat(filepath.Join(c.DataDir, "secret.key"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("secret.key mode %v (%v)", info.Mode(), err)
	}
	k2, _ := c.Secret()
	if string(k1) != string(k2) {
		t.Fatal("the secret changed between starts")
	}
	c.SecretKey = strings.Repeat("ab", 32)
	k3, _ := c.Secret()
	if k3[0] != 0xab {
		t.Fatal("the configured key was not used")
	}
}

// TestMailSettings: the SMTP URL and the From address go together and are
// checked.
func TestMailSettings(t *testing.T) {
	for _, tc := range []struct {
		url, from string
		ok        bool
	}{
		{"", "", true},
		{"smtp://user:pass@mail.example.com:587", "mend@example.com", true},
		{"smtps://mail.example.com", "Mend <mend@example.com>", true},
		{"smtp://127.0.0.1:2525", "mend@example.com", true},
		{"smtp://mail.example.com", "", false},
		{"", "mend@example.com", false},
		{"http://mail.example.com", "mend@example.com", false},
		{"smtp://mail.example.com:99999", "mend@example.com", false},
		{"smtp://mail.example.com", "not an address", false},
	} {
		c := Default()
		c.SMTPURL, c.MailFrom = tc.url, tc.from
		if err := c.Validate(); (err == nil) != tc.ok {
			t.Errorf("%q %q: %v, want ok=%v", tc.url, tc.from, err, tc.ok)
		}
	}
}

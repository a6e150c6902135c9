// Package config loads Mend's configuration from flags and MEND_* environment
// variables and validates it. There are no globals: callers pass Config along.
package config

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is everything the server needs to start.
type Config struct {
	Addr           string        // listen address
	DataDir        string        // holds mend.db and the secret key
	DatabaseURL    string        // overrides the SQLite file when set (postgres://...)
	BaseURL        string        // public URL; https makes cookies Secure
	LogLevel       string        // debug, info, warn, error
	SecretKey      string        // 64 hex characters; generated into DataDir when empty
	TrustedProxies string        // comma-separated CIDRs whose X-Forwarded-For is believed
	SessionIdle    time.Duration // a login session ends after this long unused
	SessionMax     time.Duration // and in any case this long after login
	PageCache      bool          // keep repeat views of the dashboard and promises
	Signup         string        // who may create an account: invite, open or closed
	MetricsAddr    string        // address of the Prometheus listener; off when empty
	SMTPURL        string        // smtp://user:pass@host:587 (STARTTLS) or smtps://; email off when empty
	MailFrom       string        // the From address of every mail
	// SignupsPerAddress is how many accounts one client address may create
	// before it must wait (an hour, doubling, at most a day).
	SignupsPerAddress int
}

// Sign-up modes.
const (
	SignupInvite = "invite" // the first account, then only people holding an invitation
	SignupOpen   = "open"   // anyone who reaches the site
	SignupClosed = "closed" // accounts only from the command line
)

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		Addr:        "127.0.0.1:8080",
		DataDir:     "./data",
		LogLevel:    "info",
		SessionIdle: 7 * 24 * time.Hour,
		SessionMax:  30 * 24 * time.Hour,
		PageCache:   true,
		Signup:      SignupInvite,

		SignupsPerAddress: 10,
	}
}

// Load registers one flag per setting on fs, parses args and validates the
// result. A flag beats its MEND_* environment variable, which beats the default.
func Load(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	c := Default()
	var envErrs []error
	str := func(p *string, name, env, usage string) {
		if v := getenv(env); v != "" {
			*p = v
		}
		fs.StringVar(p, name, *p, usage+" (env "+env+")")
	}
	dur := func(p *time.Duration, name, env, usage string) {
		if v := getenv(env); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				envErrs = append(envErrs, fmt.Errorf("%s: %w", env, err))
			}
			*p = d
		}
		fs.DurationVar(p, name, *p, usage+" (env "+env+")")
	}
	str(&c.Addr, "addr", "MEND_ADDR", "address to listen on")
	str(&c.DataDir, "data-dir", "MEND_DATA_DIR", "directory for the SQLite database and the secret key")
	str(&c.DatabaseURL, "database-url", "MEND_DATABASE_URL", "database URL (postgres://...); overrides the SQLite file")
	str(&c.BaseURL, "base-url", "MEND_BASE_URL", "public base URL; https makes cookies Secure and turns on HSTS")
	str(&c.LogLevel, "log-level", "MEND_LOG_LEVEL", "debug, info, warn or error")
	str(&c.SecretKey, "secret-key", "MEND_SECRET_KEY", "64 hex characters; generated in the data directory when empty")
	str(&c.TrustedProxies, "trusted-proxies", "MEND_TRUSTED_PROXIES", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is trusted")
	str(&c.Signup, "signup", "MEND_SIGNUP", "who may create an account: invite (the first account, then only with an invitation), open or closed")
	str(&c.MetricsAddr, "metrics-addr", "MEND_METRICS_ADDR", "address of a separate listener serving Prometheus metrics at /metrics; off when empty")
	str(&c.SMTPURL, "smtp-url", "MEND_SMTP_URL", "SMTP server for mail: smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465; no mail when empty")
	str(&c.MailFrom, "mail-from", "MEND_MAIL_FROM", "From address of the mail Mend sends")
	dur(&c.SessionIdle, "session-idle", "MEND_SESSION_IDLE", "log a session out after this long without a request")
	dur(&c.SessionMax, "session-max", "MEND_SESSION_MAX", "log a session out this long after login, whatever happens")
	if v := getenv("MEND_PAGE_CACHE"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			envErrs = append(envErrs, fmt.Errorf("MEND_PAGE_CACHE: %q is not true or false", v))
		}
		c.PageCache = b
	}
	if v := getenv("MEND_SIGNUPS_PER_ADDRESS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			envErrs = append(envErrs, fmt.Errorf("MEND_SIGNUPS_PER_ADDRESS: %q is not a number", v))
		}
		c.SignupsPerAddress = n
	}
	fs.IntVar(&c.SignupsPerAddress, "signups-per-address", c.SignupsPerAddress, "accounts one client address may create before it must wait (env MEND_SIGNUPS_PER_ADDRESS)")
	fs.BoolVar(&c.PageCache, "page-cache", c.PageCache, "serve repeat views of the dashboard and promises from memory (env MEND_PAGE_CACHE)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if len(envErrs) > 0 {
		return c, errors.Join(envErrs...)
	}
	return c, c.Validate()
}

// Validate reports every setting that cannot work.
func (c *Config) Validate() error {
	var errs []error
	if c.Addr == "" {
		errs = append(errs, errors.New("addr: must not be empty"))
	}
	if c.DatabaseURL == "" && c.DataDir == "" {
		errs = append(errs, errors.New("data-dir: must not be empty"))
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("database-url: only postgres:// URLs are supported; leave it empty for SQLite"))
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("base-url: %q is not an http or https URL", c.BaseURL))
	}
	if _, err := c.Level(); err != nil {
		errs = append(errs, err)
	}
	if c.SecretKey != "" && !validKey(c.SecretKey) {
		errs = append(errs, errors.New("secret-key: must be 64 hexadecimal characters"))
	}
	if _, err := c.Proxies(); err != nil {
		errs = append(errs, err)
	}
	switch c.Signup {
	case SignupInvite, SignupOpen, SignupClosed:
	default:
		errs = append(errs, fmt.Errorf("signup: %q is not one of invite, open, closed", c.Signup))
	}
	if c.MetricsAddr != "" && c.MetricsAddr == c.Addr {
		errs = append(errs, errors.New("metrics-addr: must differ from addr"))
	}
	if c.SessionIdle <= 0 || c.SessionMax <= 0 || c.SessionIdle > c.SessionMax {
		errs = append(errs, errors.New("session-idle and session-max: must be positive, idle no longer than max"))
	}
	if err := c.checkMail(); err != nil {
		errs = append(errs, err)
	}
	if c.SignupsPerAddress < 1 {
		errs = append(errs, errors.New("signups-per-address: must be at least 1"))
	}
	return errors.Join(errs...)
}

// MailOn reports whether Mend sends email.
func (c *Config) MailOn() bool { return c.SMTPURL != "" }

// checkMail requires the SMTP URL and the From address together, both well formed.
func (c *Config) checkMail() error {
	if c.SMTPURL == "" && c.MailFrom == "" {
		return nil
	}
	if c.SMTPURL == "" || c.MailFrom == "" {
		return errors.New("smtp-url and mail-from: set both to send mail, or neither")
	}
	u, err := url.Parse(c.SMTPURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return errors.New("smtp-url: must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return errors.New("smtp-url: the port is not a number from 1 to 65535")
		}
	}
	if a, err := mail.ParseAddress(c.MailFrom); err != nil || a.Address == "" {
		return errors.New("mail-from: not an email address")
	}
	return nil
}

// Secure reports whether the app is served over https.
func (c *Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// SQLitePath is the database file used when no DatabaseURL is set.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "mend.db") }

// Level is the parsed log level.
func (c *Config) Level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("log-level: %q is not one of debug, info, warn, error", c.LogLevel)
	}
	return l, nil
}

// Proxies parses TrustedProxies.
func (c *Config) Proxies() ([]*net.IPNet, error) {
	var nets []*net.IPNet
	for _, s := range strings.Split(c.TrustedProxies, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			if strings.Contains(s, ":") {
				s += "/128"
			} else {
				s += "/32"
			}
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			return nil, fmt.Errorf("trusted-proxies: %q is not an address or CIDR", s)
		}
		nets = append(nets, n)
	}
	return nets, nil
}

func validKey(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

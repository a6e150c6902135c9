// Package mail delivers Mend's few mails over SMTP and holds their words.
// Mails carry counts, neutral words and links; never anything a member wrote.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one plain-text mail to one address.
type Message struct {
	To      string
	Subject string
	Text    string
}

// Sender delivers a message; SMTP is the real one.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends through one SMTP server.
type SMTP struct {
	from string
	host string
	opts []gomail.Option
}

// New reads an smtp:// (STARTTLS, port 587 by default) or smtps:// (TLS from
// the first byte, port 465) URL with optional user:pass. A server on a
// loopback address may do without TLS, for local relays and tests.
func New(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("mail: the SMTP URL cannot be read")
	}
	host := u.Hostname()
	if host == "" {
		return nil, errors.New("mail: the SMTP URL has no host")
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := 0
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, errors.New("mail: the SMTP port is not a number")
		}
	}
	switch u.Scheme {
	case "smtps":
		if port == 0 {
			port = 465
		}
		opts = append(opts, gomail.WithSSL())
	case "smtp":
		if port == 0 {
			port = 587
		}
		policy := gomail.TLSMandatory
		if loopback(host) {
			policy = gomail.TLSOpportunistic
		}
		opts = append(opts, gomail.WithTLSPolicy(policy))
	default:
		return nil, fmt.Errorf("mail: scheme %q is not smtp or smtps", u.Scheme)
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	return &SMTP{from: from, host: host, opts: opts}, nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Send delivers m in one connection.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("mail: from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("mail: to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	c, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: send: %w", err)
	}
	return nil
}

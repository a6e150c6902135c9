package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"mend/internal/mail"
)

// mailCmd is `mend mail test ADDRESS`: one test mail through the configured
// SMTP server, so that an operator can check the settings.
func mailCmd(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "test" {
		return errors.New("usage: mend mail test ADDRESS")
	}
	cfg, fs, err := load("mail test", args[1:], stderr, getenv)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: mend mail test ADDRESS")
	}
	if !cfg.MailOn() {
		return errors.New("mail is not set up: set MEND_SMTP_URL and MEND_MAIL_FROM (or -smtp-url and -mail-from)")
	}
	m, err := mail.New(cfg.SMTPURL, cfg.MailFrom)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := m.Send(ctx, mail.Test(fs.Arg(0))); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "sent a test mail to", fs.Arg(0))
	return nil
}

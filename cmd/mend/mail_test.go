package main

import (
	"bytes"
	"strings"
	"testing"

	"mend/internal/mail/mailtest"
)

// TestMailTest: `mend mail test` sends one mail through the configured
// server, and says what to set when mail is off.
func TestMailTest(t *testing.T) {
	ms := mailtest.Start(t)
	dir := t.TempDir()
	vars := map[string]string{"MEND_DATA_DIR": dir}
	env := func(k string) string { return vars[k] }
	var out bytes.Buffer
	if code := run([]string{"mail", "test", "ops@example.com"}, nil, &out, &out, env); code != 1 || !strings.Contains(out.String(), "MEND_SMTP_URL") {
		t.Fatalf("without mail: %d %q", code, out.String())
	}
	vars["MEND_SMTP_URL"], vars["MEND_MAIL_FROM"] = ms.URL, "mend@example.com"
	out.Reset()
	if code := run([]string{"mail", "test", "ops@example.com"}, nil, &out, &out, env); code != 0 {
		t.Fatalf("mail test: %d %q", code, out.String())
	}
	got := ms.To("ops@example.com")
	if len(got) != 1 || got[0].Subject != "Mend can send mail" {
		t.Fatalf("received: %+v", got)
	}
}

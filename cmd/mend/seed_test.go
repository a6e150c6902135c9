package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// TestSeedCommand seeds a temporary data directory, prints the summary and
// refuses a second run; --demo prints two logins, and can run again.
func TestSeedCommand(t *testing.T) {
	dir := t.TempDir()
	env := func(k string) string {
		if k == "MEND_DATA_DIR" {
			return dir
		}
		return ""
	}
	exec := func(args ...string) (string, int) {
		var out, errOut bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errOut, env)
		return out.String() + errOut.String(), code
	}
	out, code := exec("seed", "--couples", "2", "--days", "14", "--seed", "3", "--today", "2026-03-10")
	if code != 0 || !strings.Contains(out, "ledger_entries") || !strings.Contains(out, "rows/s") ||
		!strings.Contains(out, "couple0000-a@seed.example") || !strings.Contains(out, "couple0001-b@seed.example") {
		t.Fatalf("seed: %d\n%s", code, out)
	}
	if out, code := exec("seed", "--couples", "2"); code != 1 || !strings.Contains(out, "already holds seeded couples") {
		t.Fatalf("second seed: %d\n%s", code, out)
	}
	if out, code := exec("seed", "--today", "10/03/2026"); code != 1 || !strings.Contains(out, "--today") {
		t.Fatalf("bad --today: %d\n%s", code, out)
	}
	if out, code := exec("seed", "--demo", "--zone", "Mars/Olympus"); code != 1 || !strings.Contains(out, "--zone") {
		t.Fatalf("bad --zone: %d\n%s", code, out)
	}
	login := regexp.MustCompile(`(?m)^  (Sam|Alex)\s+(\S+@demo\.example)\s+password (\S+)$`)
	for _, want := range []string{"sam@demo.example", "sam2@demo.example"} {
		out, code := exec("seed", "--demo", "--zone", "America/New_York")
		m := login.FindAllStringSubmatch(out, -1)
		if code != 0 || len(m) != 2 || m[0][2] != want || m[0][3] == m[1][3] || !strings.Contains(out, "/login") {
			t.Fatalf("demo: %d %q\n%s", code, m, out)
		}
	}
	if out, code := exec("help"); code != 0 || !strings.Contains(out, "seed") {
		t.Fatalf("usage: %s", out)
	}
}

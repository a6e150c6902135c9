package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// pgDump finds pg_dump: on PATH, or where Debian installs it.
func pgDump() string {
	if p, err := exec.LookPath("pg_dump"); err == nil {
		return p
	}
	for _, v := range []string{"17", "16", "15"} {
		if p := "/usr/lib/postgresql/" + v + "/bin/pg_dump"; fileExists(p) {
			return p
		}
	}
	return ""
}

// privateIntention makes a private intention as c with title and details marker.
func privateIntention(t *testing.T, c *client, marker string) {
	t.Helper()
	c.open("/promises/new")
	if r := c.post("/promises", form("title", "Mine "+marker, "kind", "daily", "can_keep", "1", "private", "1",
		"details", "Details "+marker)); r.First != http.StatusSeeOther {
		t.Fatalf("private intention: %d\n%s", r.First, excerpt(r.Body))
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestPrivateTextNotInDump: on PostgreSQL, markers written into every
// private field never appear in a dump of the database, while what was
// shared does (the dump is of the right database).
func TestPrivateTextNotInDump(t *testing.T) {
	admin := os.Getenv("MEND_TEST_POSTGRES")
	if admin == "" {
		t.Skip("PostgreSQL only (MEND_TEST_POSTGRES); on SQLite TestDeletedTextLeavesTheDisk reads the files")
	}
	dump := pgDump()
	if dump == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("pg_dump is missing")
		}
		t.Skip("pg_dump is missing")
	}
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Tess", "Uri")
	const private, shared = "NOT-IN-DUMP-4e8b", "IN-DUMP-SHARED-0c5d"
	for _, seed := range privateSeeds {
		seed(t, a.client, private)
	}
	saveBookmark(t, b.client, "respect", "Mine: "+private, false)
	privateIntention(t, a.client, private)
	id := a.writeEntry("Shared "+shared, "Body "+shared)
	a.entryAction(id, "share")
	unshared := a.writeEntry("Was shared "+private, "Body "+private)
	a.entryAction(unshared, "share")
	a.entryAction(unshared, "unshare")

	var name string
	if err := e.db.Raw("SELECT current_database()").Scan(&name).Error; err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	out, err := exec.Command(dump, "--data-only", u.String()).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	low := bytes.ToLower(out)
	if !bytes.Contains(low, []byte(strings.ToLower(shared))) {
		t.Fatal("the dump lacks the shared entry: it is not of the test's database")
	}
	if n := bytes.Count(low, []byte(strings.ToLower(private))); n > 0 {
		t.Errorf("%s is in the dump %d times", private, n)
	}
}

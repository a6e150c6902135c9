package web_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeletedTextLeavesTheDisk: private text never reaches the bytes of
// the database file or its WAL (it is sealed with its author's key), and
// text that was shared, once made private again or deleted, is gone from
// them too, not only from every page. SQLite only: a PostgreSQL server's
// files are its own to vacuum (TestPrivateTextNotInDump reads a dump).
func TestDeletedTextLeavesTheDisk(t *testing.T) {
	if os.Getenv("MEND_TEST_POSTGRES") != "" {
		t.Skip("the bytes on disk are checked on SQLite; PostgreSQL keeps its own files")
	}
	e := newEnv(t)
	a, b := e.couple("Ida", "Oren")
	// A body longer than a page, so that part of it lives on overflow pages.
	long := func(marker string) string { return strings.Repeat("Only mine to read. "+marker+" ", 400) }

	// Shared, an entry is readable on disk (the check reads the right
	// files); private again, it is sealed and the readable copy leaves.
	const unshared = "GONE-WHEN-UNSHARED-41c9"
	id := a.writeEntry("Title "+unshared, long(unshared))
	e.onDisk(unshared, false)
	a.entryAction(id, "share")
	e.onDisk(unshared, true)
	a.entryAction(id, "unshare")
	e.onDisk(unshared, false)

	const deleted = "GONE-WHEN-DELETED-8d02"
	id = a.writeEntry("Title "+deleted, long(deleted))
	a.entryAction(id, "share")
	e.onDisk(deleted, true)
	a.open("/journal/" + id)
	a.entryAction(id, "delete", "confirm", "yes")
	e.onDisk(deleted, false)

	// Private text rewritten: never on disk, before or after.
	const private = "NEVER-ON-DISK-19fe"
	id = a.writeEntry("Title "+private, long(private))
	a.open("/journal/" + id + "/edit")
	a.entryAction(id, "edit", "title", "Another title "+private, "body", "Shorter words now. "+private)
	a.open("/journal/"+id).has(t, "Shorter words now. "+private)
	saveBookmark(t, b.client, "respect", "Mine: "+private, false)
	saveBookmark(t, b.client, "respect", "Mine, again: "+private, false)
	bookmark := bookmarkID(t, b.client, "respect")
	checkin := b.checkin("note", "Mine: "+private, "private", "1")
	b.open("/bookmarks")
	b.post("/bookmarks/"+bookmark, form("note", "Changed my mind: "+private, "shared", "0"))
	b.open("/checkins/" + checkin + "/edit")
	b.post("/checkins/"+checkin+"/edit", checkinValues("note", "Said otherwise: "+private, "private", "1"))
	b.open("/checkins").has(t, "Said otherwise: "+private)
	b.open("/bookmarks").has(t, "Changed my mind: "+private)
	for _, seed := range privateSeeds { // every kind of private item
		seed(t, a.client, private)
	}
	privateIntention(t, a.client, private)
	a.open("/promises").has(t, "Mine "+private)
	e.onDisk(private, false)
	// Nor in a backup.
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := e.db.Exec("VACUUM INTO ?", backup).Error; err != nil {
		t.Fatal(err)
	}
	bk, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ToLower(bk), []byte(strings.ToLower(private))) {
		t.Errorf("%s is in a backup", private)
	}
	if !bytes.Contains(bk, []byte(a.Email)) {
		t.Error("the backup does not hold the accounts: the check reads the wrong file")
	}

	a.leave()
	e.onDisk(private, false)
}

// onDisk fails unless marker is (want) or is not (!want) in the bytes of
// the SQLite database file or its WAL, in any case, once the checkpoints the
// server asked for are done.
func (e *env) onDisk(marker string, want bool) {
	e.t.Helper()
	if err := e.app.Store().WaitForCheckpoint(ctx()); err != nil {
		e.t.Fatal(err)
	}
	var file string
	if err := e.db.Raw("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file).Error; err != nil || file == "" {
		e.t.Fatalf("database file %q: %v", file, err)
	}
	needle := []byte(strings.ToLower(marker))
	found := ""
	for _, path := range []string{file, file + "-wal"} {
		b, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			e.t.Fatal(err)
		}
		if n := bytes.Count(bytes.ToLower(b), needle); n > 0 {
			found += " " + path[strings.LastIndexByte(path, '/')+1:] + " ×" + itoa(int64(n))
		}
	}
	switch {
	case want && found == "":
		e.t.Fatalf("%s is on disk neither in the database nor in the WAL: the check reads the wrong files", marker)
	case !want && found != "":
		e.t.Errorf("%s is still on disk:%s", marker, found)
	}
}

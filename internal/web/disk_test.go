package web_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestDeletedTextLeavesTheDisk: private text that is deleted or replaced
// (a journal entry deleted, a journal entry rewritten, the private items of
// a member who leaves) is gone from the bytes of the database file and its
// WAL, not only from every page. SQLite only: a PostgreSQL server's files are
// its own to vacuum.
func TestDeletedTextLeavesTheDisk(t *testing.T) {
	if os.Getenv("MEND_TEST_POSTGRES") != "" {
		t.Skip("the bytes on disk are checked on SQLite; PostgreSQL keeps its own files")
	}
	e := newEnv(t)
	a, b := e.couple("Ida", "Oren")
	// A body longer than a page, so that part of it lives on overflow pages.
	long := func(marker string) string { return strings.Repeat("Only mine to read. "+marker+" ", 400) }

	const deleted = "GONE-WHEN-DELETED-41c9"
	id := a.writeEntry("Title "+deleted, long(deleted))
	e.onDisk(deleted, true)
	a.open("/journal/" + id)
	a.entryAction(id, "delete", "confirm", "yes")
	e.onDisk(deleted, false)

	const replaced = "GONE-WHEN-REWRITTEN-8d02"
	id = a.writeEntry("Title "+replaced, long(replaced))
	e.onDisk(replaced, true)
	a.open("/journal/" + id + "/edit")
	a.entryAction(id, "edit", "title", "Another title", "body", "Shorter words now.")
	a.open("/journal/"+id).has(t, "Shorter words now.")
	e.onDisk(replaced, false)

	// Notes replaced (a bookmark's on its practice's page, then on the
	// list of bookmarks; a check-in's), and a bookmark deleted.
	const saved = "GONE-WHEN-SAVED-AGAIN-19fe"
	saveBookmark(t, b.client, "respect", "Mine: "+saved, false)
	e.onDisk(saved, true)
	saveBookmark(t, b.client, "respect", "Mine, again.", false)
	e.onDisk(saved, false)
	const note = "GONE-WHEN-NOTE-CHANGES-2b61"
	saveBookmark(t, b.client, "respect", "Mine: "+note, false)
	bookmark := bookmarkID(t, b.client, "respect")
	checkin := b.checkin("note", "Mine: "+note, "private", "1")
	e.onDisk(note, true)
	b.open("/bookmarks")
	b.post("/bookmarks/"+bookmark, form("note", "Changed my mind.", "shared", "0"))
	b.open("/checkins/" + checkin + "/edit")
	b.post("/checkins/"+checkin+"/edit", checkinValues("note", "Said otherwise.", "private", "1"))
	b.open("/checkins").has(t, "Said otherwise.")
	e.onDisk(note, false)
	const bookmarked = "GONE-WHEN-UNBOOKMARKED-c3a0"
	saveBookmark(t, b.client, "respect", "Mine: "+bookmarked, false)
	e.onDisk(bookmarked, true)
	b.open("/bookmarks")
	b.post("/bookmarks/"+bookmark+"/delete", nil)
	b.open("/bookmarks").hasnt(t, "Mine: ")
	e.onDisk(bookmarked, false)

	const left = "GONE-WHEN-LEAVING-5e77"
	for _, seed := range privateSeeds {
		seed(t, a.client, left)
	}
	e.onDisk(left, true)
	a.leave()
	e.onDisk(left, false)
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

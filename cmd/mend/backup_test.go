package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"mend/internal/db"
)

// TestBackupFileMode: the backup is readable by its owner alone from the
// moment it exists, even under a umask of 0. writeBackup is the whole of
// the copy: nothing changes the file's mode after it.
func TestBackupFileMode(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	g, err := db.Open("", filepath.Join(dir, "mend.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(g); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	dest := filepath.Join(out, "copy.db")
	if err := writeBackup(g, dest); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want -rw-------", e.Name(), info.Mode().Perm())
		}
	}
	if len(entries) != 1 {
		t.Errorf("the backup directory holds %d files, want the copy alone", len(entries))
	}
	// The copy is a whole database.
	c, err := db.Open("", dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := c.Raw("SELECT count(*) FROM schema_migrations").Scan(&n).Error; err != nil || n == 0 {
		t.Fatalf("the copy has %d migrations (%v)", n, err)
	}
	if err := writeBackup(g, dest); err == nil {
		t.Fatal("a second backup over the first succeeded")
	}
}

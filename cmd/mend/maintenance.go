package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"strings"

	"gorm.io/gorm"

	"mend/internal/auth"
	"mend/internal/db"
	"mend/internal/store"
)

func migrate(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	cfg, _, err := load("migrate", args, stderr, getenv)
	if err != nil {
		return err
	}
	g, err := db.Open(cfg.DatabaseURL, cfg.SQLitePath(), logger(cfg, stderr))
	if err != nil {
		return err
	}
	n, err := db.Migrate(g)
	if err != nil {
		return err
	}
	if n > 0 { // a migration may add totals kept at write time (0017)
		if err := store.New(g, nil).RebuildAggregates(context.Background()); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "applied %d migration(s); the schema is up to date\n", n)
	return nil
}

// rebuildAggregates computes every total kept at write time again from the
// rows themselves: a repair, safe to run while the server runs.
func rebuildAggregates(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	cfg, _, err := load("rebuild-aggregates", args, stderr, getenv)
	if err != nil {
		return err
	}
	g, err := openDB(cfg, logger(cfg, stderr))
	if err != nil {
		return err
	}
	if err := store.New(g, nil).RebuildAggregates(context.Background()); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "rebuilt the weekly check-in totals and the promise tallies from the rows")
	return nil
}

// backup copies the SQLite database with VACUUM INTO, which gives a
// consistent snapshot while the server keeps running.
func backup(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	cfg, fs, err := load("backup", args, stderr, getenv)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: mend backup [flags] FILE")
	}
	if cfg.DatabaseURL != "" {
		return errors.New("backup: use pg_dump for PostgreSQL")
	}
	dest := fs.Arg(0)
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("backup: %s already exists", dest)
	}
	g, err := db.Open("", cfg.SQLitePath(), logger(cfg, stderr))
	if err != nil {
		return err
	}
	if err := writeBackup(g, dest); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up %s to %s\n", cfg.SQLitePath(), dest)
	return checkBackup(dest, stdout)
}

// writeBackup writes a copy of g's SQLite database to dest, which must not
// exist. The file is made, empty and readable by its owner alone, before a
// byte of the database goes in: VACUUM INTO accepts an empty file, and left
// to create the file itself it would give it the umask's mode (often
// readable by everyone) for as long as the copy takes.
func writeBackup(g *gorm.DB, dest string) error {
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, iofs.ErrExist) {
		return fmt.Errorf("backup: %s already exists", dest)
	} else if err != nil {
		return err
	}
	// A umask only removes bits; set them exactly, so that SQLite can write.
	err = f.Chmod(0o600)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = g.Exec("VACUUM INTO ?", dest).Error
	}
	if err != nil {
		os.Remove(dest)
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

func userCmd(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "reset-password" {
		return errors.New("usage: mend user reset-password [--stdin] EMAIL")
	}
	args = args[1:]
	fromStdin := false
	var rest []string
	for _, a := range args {
		if a == "--stdin" || a == "-stdin" {
			fromStdin = true
		} else {
			rest = append(rest, a)
		}
	}
	cfg, fs, err := load("user reset-password", rest, stderr, getenv)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: mend user reset-password [--stdin] EMAIL")
	}
	password := ""
	if fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		password = strings.TrimRight(line, "\r\n")
		if msg := auth.CheckPassword(password); msg != "" {
			return errors.New(msg)
		}
	} else {
		password = oneTimePassword()
	}
	g, err := openDB(cfg, logger(cfg, stderr))
	if err != nil {
		return err
	}
	st := store.New(g, nil)
	ctx := context.Background()
	u, err := st.AccountByEmail(ctx, fs.Arg(0))
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no account has the email %s", fs.Arg(0))
	} else if err != nil {
		return err
	}
	hash, err := auth.NewHasher(auth.DefaultParams, 1).Hash(ctx, password)
	if err != nil {
		return err
	}
	if u.KeyByPassword != "" {
		fmt.Fprintf(stderr, "Note: %s's private items are sealed with a key only their old password or their recovery code opens.\n"+
			"After this reset they cannot be read until %s enters the recovery code (Settings > Private text); they are kept, not deleted.\n", u.Email, u.Email)
	}
	// Without the old password the data key cannot be wrapped again: it is
	// dropped, and a new one is made at the next login.
	if err := st.ResetPasswordWithoutKey(ctx, u.ID, hash); err != nil {
		return err
	}
	if u.KeyByPassword != "" {
		fmt.Fprintf(stdout, "Tell %s: private items written before this reset stay unreadable until the recovery code is entered in Settings > Private text.\n", u.Email)
	}
	if fromStdin {
		fmt.Fprintf(stdout, "The password of %s is set; their sessions were logged out.\n", u.Email)
	} else {
		fmt.Fprintf(stdout, "New password for %s (pass it on privately; they should change it in Settings):\n%s\n", u.Email, password)
	}
	return nil
}

// oneTimePassword is 100 random bits in five groups, easy to read out.
func oneTimePassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(alphabet[int(c)%len(alphabet)])
	}
	return sb.String()
}

package main

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"

	"gorm.io/gorm"

	"mend/internal/auth"
	"mend/internal/db"
	"mend/internal/store"
)

// check opens the SQLite file the killed server left (as the next start
// would) and returns the acknowledged markers it lacks, and the entries whose
// body is neither the last acknowledged edit nor one cut off since; it fails
// when integrity_check or foreign_key_check find anything.
func check(path string, acked map[string]string, writers []*writer, password string) ([]string, error) {
	g, err := db.Open("", path, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, err
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	defer sqlDB.Close()

	var integrity []string
	if err := g.Raw("PRAGMA integrity_check").Scan(&integrity).Error; err != nil {
		return nil, fmt.Errorf("integrity_check: %w", err)
	}
	if len(integrity) != 1 || integrity[0] != "ok" {
		return nil, fmt.Errorf("integrity_check: %s", strings.Join(integrity, "; "))
	}
	var fk []map[string]any
	if err := g.Raw("PRAGMA foreign_key_check").Scan(&fk).Error; err != nil {
		return nil, fmt.Errorf("foreign_key_check: %w", err)
	}
	if len(fk) > 0 {
		return nil, fmt.Errorf("foreign_key_check: %d rows, the first %v", len(fk), fk[0])
	}

	// Journal entries are private, so sealed with their authors' keys: the
	// check opens them as the server would at a login, with the password.
	ctx, err := withKeys(g, password)
	if err != nil {
		return nil, err
	}
	found := map[string]bool{}
	var notes []string
	if err := g.Raw("SELECT body FROM gratitude_notes WHERE body LIKE 'crash-r%'").Scan(&notes).Error; err != nil {
		return nil, fmt.Errorf("read gratitude_notes: %w", err)
	}
	for _, m := range notes {
		found["gratitude_notes "+m] = true
	}
	var entries []store.JournalEntry
	if err := g.WithContext(ctx).Find(&entries).Error; err != nil {
		return nil, fmt.Errorf("read journal_entries: %w", err)
	}
	bodies := map[string]string{}
	for _, e := range entries {
		if e.Sealed != "" {
			return nil, fmt.Errorf("journal entry %s does not open with its author's key", e.ID)
		}
		if strings.HasPrefix(e.Title, "crash-r") {
			found["journal_entries "+e.Title] = true
		}
		bodies[e.ID] = e.Body
	}
	var missing []string
	for m, table := range acked {
		if !found[table+" "+m] {
			missing = append(missing, table+": "+m)
		}
	}
	for _, w := range writers {
		if w.lastEdit == "" {
			continue
		}
		var body []string
		if b, ok := bodies[w.entry]; ok {
			body = []string{b}
		}
		if len(body) != 1 || body[0] != w.lastEdit && !slices.Contains(w.pending, body[0]) {
			missing = append(missing, fmt.Sprintf("edit: %s (entry %s holds %q)", w.lastEdit, w.entry, body))
		}
	}
	sort.Strings(missing)
	return missing, nil
}

// withKeys is a context holding the data key of every account whose key
// the password opens (every member of the test shares one password).
func withKeys(g *gorm.DB, password string) (context.Context, error) {
	var users []store.User
	if err := g.Where("key_by_password <> ''").Find(&users).Error; err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	ctx := context.Background()
	h := auth.NewHasher(auth.Params{}, 1)
	for _, u := range users {
		k, err := h.UnwrapKey(ctx, password, u.ID, u.KeyByPassword)
		if err != nil {
			return nil, fmt.Errorf("the data key of %s: %w", u.Email, err)
		}
		ctx = store.WithDataKey(ctx, u.ID, k)
	}
	return ctx, nil
}

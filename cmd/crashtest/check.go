package main

import (
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"

	"mend/internal/db"
)

// check opens the SQLite file the killed server left (as the next start
// would) and returns the acknowledged markers it lacks, and the entries whose
// body is neither the last acknowledged edit nor one cut off since; it fails
// when integrity_check or foreign_key_check find anything.
func check(path string, acked map[string]string, writers []*writer) ([]string, error) {
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

	found := map[string]bool{}
	for table, column := range map[string]string{"journal_entries": "title", "gratitude_notes": "body"} {
		var got []string
		if err := g.Raw("SELECT " + column + " FROM " + table + " WHERE " + column + " LIKE 'crash-r%'").Scan(&got).Error; err != nil {
			return nil, fmt.Errorf("read %s: %w", table, err)
		}
		for _, m := range got {
			found[table+" "+m] = true
		}
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
		if err := g.Raw("SELECT body FROM journal_entries WHERE id = ?", w.entry).Scan(&body).Error; err != nil {
			return nil, fmt.Errorf("read entry %s: %w", w.entry, err)
		}
		if len(body) != 1 || body[0] != w.lastEdit && !slices.Contains(w.pending, body[0]) {
			missing = append(missing, fmt.Sprintf("edit: %s (entry %s holds %q)", w.lastEdit, w.entry, body))
		}
	}
	sort.Strings(missing)
	return missing, nil
}

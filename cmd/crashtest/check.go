package main

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"mend/internal/db"
)

// check opens the SQLite file the killed server left (as the next start
// would) and returns the acknowledged markers it lacks; it fails when
// integrity_check or foreign_key_check find anything.
func check(path string, acked map[string]string) ([]string, error) {
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
	sort.Strings(missing)
	return missing, nil
}

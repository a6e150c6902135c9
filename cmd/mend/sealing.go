package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"mend/internal/store"
)

// plainCount reports, per table, how many private items are still stored
// readable: written before data keys, or by the seed command. Each is
// sealed the next time its author logs in. It reads no text.
func plainCount(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	cfg, _, err := load("plain-count", args, stderr, getenv)
	if err != nil {
		return err
	}
	g, err := openDB(cfg, logger(cfg, stderr))
	if err != nil {
		return err
	}
	counts, err := store.New(g, nil).CountPlainRows(context.Background())
	if err != nil {
		return err
	}
	var tables []string
	var total int64
	for t, n := range counts {
		tables = append(tables, t)
		total += n
	}
	slices.Sort(tables)
	for _, t := range tables {
		fmt.Fprintf(stdout, "%-16s %d\n", t, counts[t])
	}
	fmt.Fprintf(stdout, "%d private items still stored readable; each is sealed at its author's next login\n", total)
	return nil
}

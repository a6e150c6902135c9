package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"

	"gorm.io/gorm"

	"mend/internal/config"
	"mend/internal/db"
	"mend/internal/store"
)

// load parses a command's flags into a Config.
func load(name string, args []string, stderr io.Writer, getenv func(string) string) (config.Config, *flag.FlagSet, error) {
	fs := flag.NewFlagSet("mend "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg, err := config.Load(fs, args, getenv)
	return cfg, fs, err
}

// logger writes text logs to w at the configured level.
func logger(cfg config.Config, w io.Writer) *slog.Logger {
	level, _ := cfg.Level()
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// openDB opens the configured database and brings its schema up to date.
func openDB(cfg config.Config, log *slog.Logger) (*gorm.DB, error) {
	g, err := db.Open(cfg.DatabaseURL, cfg.SQLitePath(), log)
	if err != nil {
		return nil, err
	}
	n, err := db.Migrate(g)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		log.Info("migrated", "applied", n)
		// A migration may add totals kept at write time (0017): they
		// start from the rows already there.
		if err := store.New(g, nil).RebuildAggregates(context.Background()); err != nil {
			return nil, err
		}
	}
	return g, nil
}

func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	rev, dirty := "", ""
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev == "" {
		return info.Main.Version
	}
	return fmt.Sprintf("%.12s%s", rev, dirty)
}

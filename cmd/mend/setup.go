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

// revision is the VCS revision, set with -ldflags "-X main.revision=..."
// where the build info has none (a build outside a git checkout, such as
// the container image's).
var revision string

// version is the module version and VCS revision from the build info.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(no build information)"
	}
	return versionOf(info, revision)
}

// versionOf describes a build: its module version (a pseudo-version when
// built from a checkout), the VCS revision and time, and the Go version.
func versionOf(info *debug.BuildInfo, fallbackRev string) string {
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	rev, at, dirty := fallbackRev, "", ""
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if rev == "" {
		return fmt.Sprintf("%s (no VCS revision recorded; %s)", v, info.GoVersion)
	}
	if at != "" {
		at = ", " + at
	}
	return fmt.Sprintf("%s (revision %.12s%s%s; %s)", v, rev, at, dirty, info.GoVersion)
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"mend/internal/config"
	"mend/internal/seed"
	"mend/internal/web"
)

// seedCmd fills the configured database with synthetic couples, or with one
// demo couple (--demo).
func seedCmd(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("mend seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	couples := fs.Int("couples", 10, "how many synthetic couples to create")
	days := fs.Int("days", 90, "days of history of each couple, ending yesterday")
	seedN := fs.Uint64("seed", 1, "the same seed (and --today) gives the same data")
	today := fs.String("today", "", "YYYY-MM-DD: the history ends the day before; the current date when empty")
	demo := fs.Bool("demo", false, "create one couple to try the app with: two logins with new random passwords, 60 days of history")
	zone := fs.String("zone", "UTC", "time zone of the demo couple (with --demo)")
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("usage: mend seed [--couples N] [--days D] [--seed S] [--today YYYY-MM-DD] | mend seed --demo [--zone ZONE]")
	}
	var day time.Time
	if *today != "" {
		if day, err = time.Parse(time.DateOnly, *today); err != nil {
			return fmt.Errorf("--today: %q is not a date like 2026-03-10", *today)
		}
	}
	g, err := openDB(cfg, logger(cfg, stderr))
	if err != nil {
		return err
	}
	ctx := context.Background()
	if *demo {
		if !web.KnownZone(*zone) {
			return fmt.Errorf("--zone: %q is not one of the time zones Mend offers, like Europe/Berlin or America/New_York", *zone)
		}
		seedSet := false
		fs.Visit(func(f *flag.Flag) { seedSet = seedSet || f.Name == "seed" })
		o := seed.DemoOptions{Names: [2]string{"Sam", "Alex"}, Passwords: [2]string{oneTimePassword(), oneTimePassword()},
			Zone: *zone, Days: 60, Today: day}
		if seedSet {
			o.Seed = *seedN
		}
		logins, st, err := seed.Demo(ctx, g, o)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Created a demo couple with %d days of history (%d rows). Log in at %s/login as:\n", o.Days, st.Rows, cfg.BaseURL)
		for _, l := range logins {
			fmt.Fprintf(stdout, "  %-6s %-24s password %s\n", l.Name, l.Email, l.Password)
		}
		fmt.Fprintln(stdout, "Keep these passwords: they are shown once. Change them in Settings if you keep the accounts.")
		return nil
	}
	if *couples < 1 || *couples > seed.MaxCouples || *days < 1 || *days > seed.MaxDays {
		return fmt.Errorf("--couples must be from 1 to %d and --days from 1 to %d", seed.MaxCouples, seed.MaxDays)
	}
	st, err := seed.Run(ctx, g, seed.Options{Couples: *couples, Days: *days, Seed: *seedN, Today: day}, stderr)
	if err != nil {
		return err
	}
	where := cfg.SQLitePath()
	if cfg.DatabaseURL != "" {
		where = "the PostgreSQL database"
	}
	fmt.Fprintf(stdout, "Seeded %d couples with %d days of history (seed %d) into %s:\n", *couples, *days, *seedN, where)
	st.Print(stdout)
	last := *couples - 1
	fmt.Fprintf(stdout, "Logins %s … %s, all with the password %q. Seeded accounts are for testing only.\n",
		seed.Email(0, 0), seed.Email(last, 1), seed.Password)
	return nil
}

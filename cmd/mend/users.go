package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"mend/internal/auth"
	"mend/internal/config"
	"mend/internal/store"
)

const userUsage = `usage: mend user COMMAND [flags]

  list                          every account: email, name, created, last seen, in a space
  add [--stdin] [--name NAME] EMAIL
                                create an account; prints a one-time password, or reads one from stdin
  disable EMAIL                 the account can no longer log in; its sessions end
  enable EMAIL                  undo disable
  delete [--yes] EMAIL          delete the account and everything it wrote (asks unless --yes)
  reset-2fa EMAIL               turn two-step login off for the account (a lost phone)
  reset-password [--stdin] EMAIL
                                set a new password: printed, or read from stdin`

// userCommands runs "mend user ...".
func userCommands(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		return errors.New(userUsage)
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "reset-password":
		return userCmd(append([]string{sub}, args...), stdin, stdout, stderr, getenv)
	case "list":
		return userList(args, stdout, stderr, getenv)
	case "add":
		return userAdd(args, stdin, stdout, stderr, getenv)
	case "reset-2fa":
		return userResetTwoStep(args, stdout, stderr, getenv)
	case "disable", "enable":
		return userSetDisabled(sub, args, stdout, stderr, getenv)
	case "delete":
		return userDelete(args, stdin, stdout, stderr, getenv)
	}
	return fmt.Errorf("unknown user command %q\n%s", sub, userUsage)
}

// cmdArgs are a subcommand's own flags, taken out of args before the
// configuration flags are parsed.
type cmdArgs struct {
	bools  map[string]bool
	values map[string]string
	rest   []string
}

// splitArgs takes the boolean flags in bools and the valued flags in values
// (given as names without dashes) out of args.
func splitArgs(args []string, bools, values []string) (cmdArgs, error) {
	ca := cmdArgs{bools: map[string]bool{}, values: map[string]string{}}
	is := func(a string, names []string) (string, bool) {
		name := strings.TrimLeft(a, "-")
		if name == a {
			return "", false
		}
		for _, n := range names {
			if name == n {
				return n, true
			}
		}
		return "", false
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if n, ok := is(a, bools); ok {
			ca.bools[n] = true
			continue
		}
		if k, v, found := strings.Cut(a, "="); found {
			if n, ok := is(k, values); ok {
				ca.values[n] = v
				continue
			}
		}
		if n, ok := is(a, values); ok {
			if i+1 >= len(args) {
				return ca, fmt.Errorf("flag %s needs a value", a)
			}
			ca.values[n] = args[i+1]
			i++
			continue
		}
		ca.rest = append(ca.rest, a)
	}
	return ca, nil
}

// openStore loads the configuration from args and opens the migrated
// database; it expects exactly nargs arguments after the flags.
func openStore(name string, args []string, nargs int, stderr io.Writer, getenv func(string) string) (*store.Store, config.Config, []string, error) {
	cfg, fs, err := load(name, args, stderr, getenv)
	if err != nil {
		return nil, cfg, nil, err
	}
	if fs.NArg() != nargs {
		return nil, cfg, nil, errors.New(userUsage)
	}
	g, err := openDB(cfg, logger(cfg, stderr))
	if err != nil {
		return nil, cfg, nil, err
	}
	return store.New(g, nil), cfg, fs.Args(), nil
}

// accountByEmail finds an account for a command, disabled or not.
func accountByEmail(ctx context.Context, st *store.Store, email string) (*store.User, error) {
	u, err := st.AccountByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("no account has the email %s", email)
	}
	return u, err
}

func userList(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	st, _, _, err := openStore("user list", args, 0, stderr, getenv)
	if err != nil {
		return err
	}
	list, err := st.Accounts(context.Background())
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tNAME\tCREATED\tLAST SEEN\tSPACE\tSTATUS")
	for _, a := range list {
		seen := "-"
		if a.LastSeen != nil {
			seen = a.LastSeen.UTC().Format("2006-01-02 15:04")
		}
		space := "no"
		if a.InSpace {
			space = "yes"
		}
		status := "active"
		if a.Disabled {
			status = "disabled"
		}
		if a.TwoStep {
			status += ", two-step"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.Email, a.Name, a.CreatedAt.UTC().Format("2006-01-02"), seen, space, status)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d account(s)\n", len(list))
	return nil
}

func userAdd(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	ca, err := splitArgs(args, []string{"stdin"}, []string{"name"})
	if err != nil {
		return err
	}
	st, _, rest, err := openStore("user add", ca.rest, 1, stderr, getenv)
	if err != nil {
		return err
	}
	email := store.NormalizeEmail(rest[0])
	at := strings.LastIndex(email, "@")
	if at < 1 || at == len(email)-1 || strings.ContainsAny(email, " \t") {
		return fmt.Errorf("%q is not an email address", rest[0])
	}
	name := strings.TrimSpace(ca.values["name"])
	if name == "" {
		name = email[:at]
	}
	if len([]rune(name)) > 60 {
		return errors.New("the name is longer than 60 characters")
	}
	password, err := newPassword(ca.bools["stdin"], stdin)
	if err != nil {
		return err
	}
	ctx := context.Background()
	hash, err := auth.NewHasher(auth.DefaultParams, 1).Hash(ctx, password)
	if err != nil {
		return err
	}
	u := &store.User{Name: name, Email: email, PasswordHash: hash}
	if err := st.CreateUser(ctx, u); errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("an account with the email %s already exists", email)
	} else if err != nil {
		return err
	}
	if ca.bools["stdin"] {
		fmt.Fprintf(stdout, "Created the account %s (%s) with the password given.\n", u.Email, u.Name)
	} else {
		fmt.Fprintf(stdout, "Created the account %s (%s). Its one-time password (pass it on privately; they should change it in Settings):\n%s\n", u.Email, u.Name, password)
	}
	return nil
}

// newPassword reads a password from stdin and checks it, or makes a
// one-time one.
func newPassword(fromStdin bool, stdin io.Reader) (string, error) {
	if !fromStdin {
		return oneTimePassword(), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	password := strings.TrimRight(line, "\r\n")
	if msg := auth.CheckPassword(password); msg != "" {
		return "", errors.New(msg)
	}
	return password, nil
}

func userSetDisabled(sub string, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	st, _, rest, err := openStore("user "+sub, args, 1, stderr, getenv)
	if err != nil {
		return err
	}
	ctx := context.Background()
	u, err := accountByEmail(ctx, st, rest[0])
	if err != nil {
		return err
	}
	if err := st.SetDisabled(ctx, u.ID, sub == "disable"); err != nil {
		return err
	}
	if sub == "disable" {
		fmt.Fprintf(stdout, "Disabled %s: it cannot log in, and its sessions have ended.\n", u.Email)
	} else {
		fmt.Fprintf(stdout, "Enabled %s: it can log in again.\n", u.Email)
	}
	return nil
}

// userDelete deletes an account as its member would from their settings:
// they leave their space, and everything they wrote is deleted. Without
// --yes it asks for the email address again on stdin.
func userDelete(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	ca, err := splitArgs(args, []string{"yes"}, nil)
	if err != nil {
		return err
	}
	st, _, rest, err := openStore("user delete", ca.rest, 1, stderr, getenv)
	if err != nil {
		return err
	}
	ctx := context.Background()
	u, err := accountByEmail(ctx, st, rest[0])
	if err != nil {
		return err
	}
	if !ca.bools["yes"] {
		fmt.Fprintf(stdout, "This deletes the account %s (%s) and everything it wrote, shared items included. It cannot be undone.\n"+
			"Type the email address again to confirm: ", u.Email, u.Name)
		line, _ := bufio.NewReader(stdin).ReadString('\n')
		if store.NormalizeEmail(line) != u.Email {
			return errors.New("not confirmed: nothing was deleted")
		}
	}
	if err := st.DeleteAccount(ctx, u.ID); err != nil {
		return err
	}
	if err := st.WaitForCheckpoint(ctx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Deleted %s and everything it wrote.\n", u.Email)
	return nil
}

// sessionsCmd runs "mend sessions end-all".
func sessionsCmd(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "end-all" {
		return errors.New("usage: mend sessions end-all")
	}
	st, _, _, err := openStore("sessions end-all", args[1:], 0, stderr, getenv)
	if err != nil {
		return err
	}
	n, err := st.EndAllLoginSessions(context.Background())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Ended %d login session(s): everyone must log in again.\n", n)
	return nil
}

func userResetTwoStep(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	st, _, rest, err := openStore("user reset-2fa", args, 1, stderr, getenv)
	if err != nil {
		return err
	}
	ctx := context.Background()
	u, err := accountByEmail(ctx, st, rest[0])
	if err != nil {
		return err
	}
	if u.TOTPSecret == "" {
		fmt.Fprintf(stdout, "%s does not use two-step login; nothing to do.\n", u.Email)
		return nil
	}
	if err := st.DisableTwoStep(ctx, u.ID); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Two-step login is off for %s: they log in with their password and can turn it on again in Settings.\n", u.Email)
	return nil
}

// Command mend runs the Mend server and its maintenance commands.
package main

import (
	"fmt"
	"io"
	"os"
	_ "time/tzdata" // every IANA zone, whatever the host has installed
)

const usage = `usage: mend [command] [flags]

commands:
  serve                      run the web server (the default)
  migrate                    bring the database schema up to date
  rebuild-aggregates         compute the totals kept at write time (weekly check-in sums, promise tallies) again from the rows
  plain-count                count the private items still stored readable, to be sealed at their authors' next login
  backup FILE                write a consistent copy of the SQLite database to FILE, and check it
  restore FILE               replace the SQLite database with a backup (the server must be stopped)
  user COMMAND               manage accounts: list, add, disable, enable, reset-password, reset-2fa
                             (run "mend user" for the list)
  sessions end-all           log every account out everywhere
  seed                       add synthetic couples for testing (--couples, --days, --seed, --today),
                             or one demo couple to try the app with (--demo)
  healthcheck                ask the running server (at -addr) whether it is ready: exit 0 or 1
  mail test ADDRESS          send a test mail through the configured SMTP server
  version                    print the version

Run "mend COMMAND -h" for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// run executes one command and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(args, stderr, getenv)
	case "migrate":
		err = migrate(args, stdout, stderr, getenv)
	case "rebuild-aggregates":
		err = rebuildAggregates(args, stdout, stderr, getenv)
	case "plain-count":
		err = plainCount(args, stdout, stderr, getenv)
	case "backup":
		err = backup(args, stdout, stderr, getenv)
	case "restore":
		err = restore(args, stdout, stderr, getenv)
	case "user":
		err = userCommands(args, stdin, stdout, stderr, getenv)
	case "sessions":
		err = sessionsCmd(args, stdout, stderr, getenv)
	case "seed":
		err = seedCmd(args, stdout, stderr, getenv)
	case "healthcheck":
		err = healthcheck(args, stdout, stderr, getenv)
	case "mail":
		err = mailCmd(args, stdout, stderr, getenv)
	case "version":
		fmt.Fprintln(stdout, "mend", version())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "mend: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "mend:", err)
		return 1
	}
	return 0
}

package seed

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"mend/internal/auth"
	"mend/internal/store"
)

// demoDomain is the domain of demo accounts (a reserved example domain).
const demoDomain = "demo.example"

// DemoOptions say how to make a demo couple.
type DemoOptions struct {
	Names     [2]string // their first names, such as Sam and Alex
	Passwords [2]string // one each, as they will log in
	Zone      string    // both partners' time zone; UTC when empty
	Days      int       // days of history, ending the day before Today
	Seed      uint64    // the story; 0 draws one at random
	Today     time.Time // as in Options
}

// Login is how one person logs in.
type Login struct {
	Name, Email, Password string
}

// Demo creates one couple for someone trying the app: two accounts with the
// given names and passwords, in one space, with Days days of history. Their
// emails are name@demo.example, numbered (name2@…) when a demo couple
// already exists, so that it can be run again. Ids are random whatever the
// seed, so that two demo couples never collide.
func Demo(ctx context.Context, g *gorm.DB, o DemoOptions) ([2]Login, Stats, error) {
	begin := time.Now()
	var logins [2]Login
	if o.Days < 1 || o.Days > MaxDays {
		return logins, Stats{}, fmt.Errorf("seed: days must be from 1 to %d", MaxDays)
	}
	if o.Zone == "" {
		o.Zone = "UTC"
	}
	if _, err := time.LoadLocation(o.Zone); err != nil {
		return logins, Stats{}, fmt.Errorf("seed: unknown time zone %q", o.Zone)
	}
	for i, name := range o.Names {
		if strings.TrimSpace(name) == "" || name != strings.TrimSpace(name) || len([]rune(name)) > 60 {
			return logins, Stats{}, errors.New("seed: each demo name is 1 to 60 characters, without surrounding spaces")
		}
		if msg := auth.CheckPassword(o.Passwords[i]); msg != "" {
			return logins, Stats{}, errors.New("seed: demo password: " + msg)
		}
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return logins, Stats{}, err
	}
	salt := binary.LittleEndian.Uint64(b[:])
	if o.Seed == 0 {
		o.Seed = salt
	}
	gn, err := newGen(o.Seed, o.Days, o.Today)
	if err != nil {
		return logins, Stats{}, err
	}
	gn.idSeed = salt
	emails, err := freeEmails(ctx, g, o.Names)
	if err != nil {
		return logins, Stats{}, err
	}
	h := auth.NewHasher(auth.DefaultParams, 1)
	sp := spec{names: o.Names, emails: emails, zones: [2]string{o.Zone, o.Zone}, space: o.Names[0] + " & " + o.Names[1]}
	for i := range sp.hashes {
		if sp.hashes[i], err = h.Hash(ctx, o.Passwords[i]); err != nil {
			return logins, Stats{}, err
		}
		logins[i] = Login{Name: o.Names[i], Email: emails[i], Password: o.Passwords[i]}
	}
	specs := make(chan spec, 1)
	specs <- sp
	close(specs)
	st, err := gn.write(ctx, g, specs, 1, nil)
	if err == nil {
		err = store.New(g, nil).RebuildAggregates(ctx) // the totals of what was written in bulk
	}
	st.Elapsed = time.Since(begin)
	return logins, st, err
}

// freeEmails are the first pair of demo emails for names that no account uses.
func freeEmails(ctx context.Context, g *gorm.DB, names [2]string) ([2]string, error) {
	var taken []string
	if err := g.WithContext(ctx).Raw("SELECT email FROM users WHERE email LIKE ?", "%@"+demoDomain).Scan(&taken).Error; err != nil {
		return [2]string{}, err
	}
	used := map[string]bool{}
	for _, e := range taken {
		used[e] = true
	}
	locals := [2]string{emailLocal(names[0]), emailLocal(names[1])}
	if locals[0] == locals[1] {
		locals[1] += "-b"
	}
	for n := 1; ; n++ {
		var out [2]string
		for i, local := range locals {
			if n > 1 {
				local += fmt.Sprint(n)
			}
			out[i] = local + "@" + demoDomain
		}
		if !used[out[0]] && !used[out[1]] {
			return out, nil
		}
	}
}

// emailLocal is name in lower-case ASCII letters and digits, for an email
// address ("person" when nothing is left).
func emailLocal(name string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			sb.WriteRune(r)
		}
	}
	if sb.Len() == 0 {
		return "person"
	}
	return sb.String()
}

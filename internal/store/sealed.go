package store

import (
	"context"
	"encoding/binary"
	"strings"

	"gorm.io/gorm"

	"mend/internal/seal"
)

// Private text at rest: while an item is private to its author, its text
// fields are sealed together with the author's data key into its sealed
// column, and the fields themselves are stored empty. The key comes with
// the request's context (WithDataKey), put there by web from the login
// session; nothing else holds it. A write without the author's key (the
// operator's seed command) stores the text readable, to be sealed at the
// author's next login (SealPlainRows); CountPlainRows counts what waits.

// LockedText stands in for the text of an item its author can no longer
// open (the data key it was sealed with was replaced by a reset without the
// recovery code): it is kept, listed (LockedItems), and may be deleted.
const LockedText = "(This text cannot be read: it was sealed with a key that a password reset without the recovery code replaced. It is kept in case the code turns up; you may delete it.)"

type keyringKey struct{}

// keyring is the data key of the member a request acts for (and, in
// tests that write as several members, of the ones added before).
type keyring struct {
	userID string
	key    seal.Key
	next   *keyring
}

// WithDataKey lets the store seal and open the private text of the member
// with userID in ctx. A request carries one member's key: the one logged in.
func WithDataKey(ctx context.Context, userID string, k seal.Key) context.Context {
	next, _ := ctx.Value(keyringKey{}).(*keyring)
	return context.WithValue(ctx, keyringKey{}, &keyring{userID: userID, key: k, next: next})
}

// dataKeyOf is the data key of the member with userID in ctx, if it has it.
func dataKeyOf(ctx context.Context, userID string) (seal.Key, bool) {
	kr, _ := ctx.Value(keyringKey{}).(*keyring)
	for ; kr != nil && userID != ""; kr = kr.next {
		if kr.userID == userID {
			return kr.key, true
		}
	}
	return seal.Key{}, false
}

// keysFor are the keys of ctx that may open a row of author: theirs, or
// every key of ctx for a row that does not name its author.
func keysFor(ctx context.Context, author string) []seal.Key {
	if author != "" {
		if k, ok := dataKeyOf(ctx, author); ok {
			return []seal.Key{k}
		}
		return nil
	}
	var out []seal.Key
	for kr, _ := ctx.Value(keyringKey{}).(*keyring); kr != nil; kr = kr.next {
		out = append(out, kr.key)
	}
	return out
}

// sealable is a row with private text: its kind and the id its text is
// bound to, its author, its sealed column and its text fields.
type sealable interface {
	sealRef() (kind, id, author string, sealed *string, fields []*string)
}

// sealRow seals the fields of r with its author's key in ctx, and empties
// them; without the key it leaves them readable, for a later SealPlainRows.
// It reports whether it sealed.
func sealRow(ctx context.Context, r sealable) bool {
	kind, id, author, sealed, fields := r.sealRef()
	k, ok := dataKeyOf(ctx, author)
	if !ok {
		*sealed = ""
		return false
	}
	var b []byte
	for _, f := range fields {
		b = binary.AppendUvarint(b, uint64(len(*f)))
		b = append(b, *f...)
		*f = ""
	}
	*sealed = seal.Seal(k, kind, id, b)
	return true
}

// openRow opens the sealed text of r into its fields, when its author's key
// is in ctx; otherwise, or when it cannot be opened, the first field says
// so (LockedText) and openRow returns false. A row not sealed is left as it is.
func openRow(ctx context.Context, r sealable) bool {
	kind, id, author, sealed, fields := r.sealRef()
	if *sealed == "" {
		return true
	}
	var texts []string
	ok := false
	for _, k := range keysFor(ctx, author) {
		b, err := seal.Open(k, kind, id, *sealed)
		if err == nil {
			if texts, ok = unpackTexts(b, len(fields)); ok {
				break
			}
		}
	}
	if !ok {
		for _, f := range fields {
			*f = ""
		}
		*fields[0] = LockedText
		return false
	}
	for i, f := range fields {
		*f = texts[i]
	}
	*sealed = ""
	return true
}

// unpackTexts splits what sealRow packed (each field's length, then its
// bytes) into n texts; false when it does not hold exactly n.
func unpackTexts(b []byte, n int) ([]string, bool) {
	out := make([]string, 0, n)
	for len(b) > 0 && len(out) < n {
		l, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < l {
			return nil, false
		}
		out = append(out, string(b[w:w+int(l)]))
		b = b[w+int(l):]
	}
	return out, len(out) == n && len(b) == 0
}

// sealedColumns are the columns to write for r, sealed by sealRow or
// readable: the sealed column and each field, by column name.
func sealedColumns(r sealable, names ...string) map[string]any {
	_, _, _, sealed, fields := r.sealRef()
	m := map[string]any{"sealed": *sealed}
	for i, n := range names {
		m[n] = *fields[i]
	}
	return m
}

// The sealable rows. A bookmark's text is bound to its space, member and
// practice, which name it uniquely, rather than to its id: saving again
// replaces the note of the row that exists, whose id the writer may not know.

func (e *JournalEntry) sealRef() (string, string, string, *string, []*string) {
	return "journal", e.ID, e.AuthorID, &e.Sealed, []*string{&e.Title, &e.Body}
}

func (c *Checkin) sealRef() (string, string, string, *string, []*string) {
	return "checkin", c.ID, c.AuthorID, &c.Sealed, []*string{&c.Note}
}

func (r *Reflection) sealRef() (string, string, string, *string, []*string) {
	return "reflection", r.ID, r.AuthorID, &r.Sealed, []*string{&r.Helped, &r.Hard, &r.Need, &r.NextStep}
}

func (b *Bookmark) sealRef() (string, string, string, *string, []*string) {
	return "bookmark", b.SpaceID + "/" + b.UserID + "/" + b.Slug, b.UserID, &b.Sealed, []*string{&b.Note}
}

func (t *Trigger) sealRef() (string, string, string, *string, []*string) {
	return "trigger", t.ID, t.AuthorID, &t.Sealed, []*string{&t.Cause, &t.Helped}
}

func (q *Question) sealRef() (string, string, string, *string, []*string) {
	return "question", q.ID, q.AuthorID, &q.Sealed, []*string{&q.Body}
}

// A version of a private intention's terms. Read, it does not name its
// author: only its author reads it (promiseKind), with their key alone in
// the request, so the keys of ctx are tried.
func (v *PromiseVersion) sealRef() (string, string, string, *string, []*string) {
	return "intention", v.ID, v.authorID, &v.Sealed, []*string{&v.Title, &v.Details, &v.Note}
}

// sealIntention seals the terms v of p while p is a private intention:
// the one place an intention's words are sealed. Making an intention shared
// stores its versions' words readable again (Find them with the author's
// key, then write title, details, note and sealed = ”).
func sealIntention(ctx context.Context, p *Promise, v *PromiseVersion) {
	if p.Private {
		v.authorID = p.AuthorID
		sealRow(ctx, v)
	}
}

// AfterFind opens an intention's terms for its author.
func (v *PromiseVersion) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, v); return nil }

// AfterFind opens the entry's text for its author.
func (e *JournalEntry) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, e); return nil }

// AfterFind opens the check-in's note for its author.
func (c *Checkin) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, c); return nil }

// AfterFind opens the reflection's answers for its author.
func (r *Reflection) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, r); return nil }

// AfterFind opens the bookmark's note for its author.
func (b *Bookmark) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, b); return nil }

// AfterFind opens the trigger's text for its author.
func (t *Trigger) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, t); return nil }

// AfterFind opens the draft's text for its author.
func (q *Question) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, q); return nil }

// sealedTables are the tables with private text, the kind of entry of
// each, and how a row of it is read to be sealed.
var sealedTables = []struct {
	table string
	kind  *entryKind
	rows  func() any // a pointer to an empty slice of the table's model
	each  func(rows any, f func(r sealable))
	cols  []string
}{
	{"journal_entries", journalKind, func() any { return &[]JournalEntry{} }, eachOf[JournalEntry], []string{"title", "body"}},
	{"checkins", checkinKind, func() any { return &[]Checkin{} }, eachOf[Checkin], []string{"note"}},
	{"reflections", reflectionKind, func() any { return &[]Reflection{} }, eachOf[Reflection], []string{"helped", "hard", "need", "next_step"}},
	{"bookmarks", bookmarkKind, func() any { return &[]Bookmark{} }, eachOf[Bookmark], []string{"note"}},
	{"triggers", triggerKind, func() any { return &[]Trigger{} }, eachOf[Trigger], []string{"cause", "helped"}},
	{"questions", questionKind, func() any { return &[]Question{} }, eachOf[Question], []string{"body"}},
}

// eachOf calls f on each row of *[]T.
func eachOf[T any, P interface {
	*T
	sealable
}](rows any, f func(r sealable)) {
	list := *rows.(*[]T)
	for i := range list {
		f(P(&list[i]))
	}
}

// plainPrivate limits table, of entries of kind k, to the private ones of
// the member with userID still stored readable.
func plainPrivate(db *gorm.DB, table string, k *entryKind, userID string) *gorm.DB {
	return db.Table(table).Where(table+"."+k.author+" = ? AND "+table+".sealed = '' AND "+privateOnlyCond(k, table), userID)
}

// privateIntentions selects the ids of the private intentions.
func privateIntentions(db *gorm.DB) *gorm.DB {
	return db.Table("promises").Select("promises.id").Where(privateOnlyCond(promiseKind, "promises"))
}

// SealPlainRows seals, with the acting user's key in ctx, every private item
// of theirs still stored readable, in one transaction, and returns how many
// it sealed. It runs at each login; it finds nothing to do once all is sealed.
func (s *Store) SealPlainRows(ctx context.Context, sc Scope) (int, error) {
	if _, ok := dataKeyOf(ctx, sc.UserID); !ok {
		return 0, nil
	}
	n := 0
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		for _, t := range sealedTables {
			rows := t.rows()
			if err := plainPrivate(tx, t.table, t.kind, sc.UserID).Find(rows).Error; err != nil {
				return err
			}
			var err error
			t.each(rows, func(r sealable) {
				if err != nil || !sealRow(ctx, r) {
					return
				}
				// By the row's primary key, if still readable.
				err = tx.Model(r).Where("sealed = ''").UpdateColumns(sealedColumns(r, t.cols...)).Error
				n++
			})
			if err != nil {
				return err
			}
		}
		// A private intention's terms and notes: private as their promise is.
		err := eachIntentionRow(tx, privateIntentions(tx).Where("promises.author_id = ?", sc.UserID), true, sc.UserID,
			func(part intentionPart, r sealable) error {
				if !sealRow(ctx, r) {
					return nil
				}
				n++
				return tx.Model(r).Where("sealed = ''").UpdateColumns(sealedColumns(r, part.cols...)).Error
			})
		if err != nil {
			return err
		}
		// No plain search copy of a private entry.
		const t = "journal_entries"
		return tx.Table(t).Where(t+".author_id = ? AND search_text <> '' AND "+privateOnlyCond(journalKind, t), sc.UserID).
			UpdateColumn("search_text", "").Error
	})
	if err != nil {
		return 0, err
	}
	if n > 0 {
		s.ckpt.Request() // the readable copies leave the WAL
	}
	return n, nil
}

// CountPlainRows counts, for the operator, the private items of every
// member still stored readable, by table: what their authors' next logins
// will seal. It reads no text.
func (s *Store) CountPlainRows(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range sealedTables {
		var n int64
		if err := s.db.WithContext(ctx).Table(t.table).Where(t.table + ".sealed = '' AND " + privateOnlyCond(t.kind, t.table)).
			Count(&n).Error; err != nil {
			return nil, err
		}
		out[t.table] = n
	}
	db := s.db.WithContext(ctx)
	for _, part := range intentionParts {
		var n int64
		if err := db.Table(part.table).Where(part.plain()).Where(part.of, privateIntentions(db)).Count(&n).Error; err != nil {
			return nil, err
		}
		out[part.table] += n
	}
	return out, nil
}

// intentionPart is one table of a private intention's sealed words: its
// columns sealed, how its rows are read, and the condition that a row is
// of the intentions of a subquery (its "?").
type intentionPart struct {
	table string
	cols  []string
	rows  func() any
	each  func(rows any, f func(r sealable))
	of    string
}

// intentionParts are the terms of a private intention and its notes: a
// day's, one a correction replaced, a pause's, the closing one.
var intentionParts = []intentionPart{
	{"promise_versions", []string{"title", "details", "note"}, func() any { return &[]PromiseVersion{} }, eachOf[PromiseVersion], "promise_id IN (?)"},
	{"ledger_entries", []string{"note"}, func() any { return &[]LedgerEntry{} }, eachOf[LedgerEntry], "promise_id IN (?)"},
	{"ledger_corrections", []string{"note"}, func() any { return &[]LedgerCorrection{} }, eachOf[LedgerCorrection],
		"entry_id IN (SELECT e.id FROM ledger_entries e WHERE e.promise_id IN (?))"},
	{"promise_pauses", []string{"note"}, func() any { return &[]PromisePause{} }, eachOf[PromisePause], "promise_id IN (?)"},
	{"promises", []string{"close_note"}, func() any { return &[]Promise{} }, eachOf[Promise], "id IN (?)"},
}

// plain is the condition that a row of the part holds words stored readable.
func (part intentionPart) plain() string {
	return "sealed = '' AND (" + strings.Join(part.cols, " <> '' OR ") + " <> '')"
}

// eachIntentionRow calls f on each row of every part of the intentions ids
// (a subquery) that is stored readable (plain) or sealed (!plain), read
// with the keys of tx's context (AfterFind opens what they open), with
// authorID as the author to seal with.
func eachIntentionRow(tx *gorm.DB, ids *gorm.DB, plain bool, authorID string, f func(part intentionPart, r sealable) error) error {
	for _, part := range intentionParts {
		cond := "sealed <> ''"
		if plain {
			cond = part.plain()
		}
		rows := part.rows()
		if err := tx.Where(cond).Where(part.of, ids).Find(rows).Error; err != nil {
			return err
		}
		var err error
		part.each(rows, func(r sealable) {
			if err != nil {
				return
			}
			switch r := r.(type) { // rows that do not name their author
			case *PromiseVersion:
				r.authorID = authorID
			case *PromisePause:
				r.authorID = authorID
			}
			err = f(part, r)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// The notes of a private intention, sealed as its terms are: a day's record,
// a record replaced, a pause, the closing. A pause read does not name its
// author (the keys of ctx are tried, as for the terms).

func (e *LedgerEntry) sealRef() (string, string, string, *string, []*string) {
	return "ledger", e.ID, e.AuthorID, &e.Sealed, []*string{&e.Note}
}

func (c *LedgerCorrection) sealRef() (string, string, string, *string, []*string) {
	return "correction", c.ID, c.WriterID, &c.Sealed, []*string{&c.Note}
}

func (p *PromisePause) sealRef() (string, string, string, *string, []*string) {
	return "pause", p.ID, p.authorID, &p.Sealed, []*string{&p.Note}
}

func (p *Promise) sealRef() (string, string, string, *string, []*string) {
	return "promise", p.ID, p.AuthorID, &p.Sealed, []*string{&p.CloseNote}
}

// sealIfPrivate seals r's note when it belongs to a private intention.
func sealIfPrivate(ctx context.Context, private bool, r sealable) {
	if private {
		sealRow(ctx, r)
	}
}

// AfterFind opens a private intention's record note for its author.
func (e *LedgerEntry) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, e); return nil }

// AfterFind opens a private intention's replaced note for its author.
func (c *LedgerCorrection) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, c); return nil }

// AfterFind opens a private intention's pause note for its author.
func (p *PromisePause) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, p); return nil }

// AfterFind opens a private intention's closing note for its author.
func (p *Promise) AfterFind(tx *gorm.DB) error { openRow(tx.Statement.Context, p); return nil }

package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// JournalEntry is a Markdown entry, private to its author unless shared.
type JournalEntry struct {
	ID         string `gorm:"primaryKey"`
	SpaceID    string
	AuthorID   string
	Title      string
	Body       string
	Practice   string // slug of the practice it puts into practice, or ""
	Prompt     string // the practice's question it answers, or ""
	Shared     bool
	SharedAt   *time.Time
	SearchText string // lower-case title and body, for search; '' while private
	Sealed     string // title and body while private (sealed.go)
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// JournalReply is the partner's one reply to a shared entry.
type JournalReply struct {
	ID        string `gorm:"primaryKey"`
	SpaceID   string
	EntryID   string
	AuthorID  string
	Body      string
	CreatedAt time.Time
}

// JournalInput is what the author writes.
type JournalInput struct {
	Title    string
	Body     string
	Practice string
	Prompt   string
}

// JournalEntryWithReply is an entry as its reader may see it: the reply is
// set only while the entry is shared, and only for the entry's author and the
// reply's author.
type JournalEntryWithReply struct {
	JournalEntry
	Reply *JournalReply
	// ReplyKept is true when the author views an unshared entry that has a
	// reply: it is kept, hidden until the entry is shared again.
	ReplyKept bool
	// Replied is true when the entry has its one reply, seen or not.
	Replied bool
}

// JournalListItem is one line of the journal list.
type JournalListItem struct {
	ID            string
	AuthorID      string
	Title         string
	Excerpt       string // the start of the body
	Practice      string
	Shared        bool
	SharedAt      *time.Time
	CreatedAt     time.Time
	ReplyAuthorID *string // author of the reply, if there is one
	Sealed        string  // title and body of a private entry, opened for its author into Title and Excerpt
}

// JournalPage is one page of the journal list and how many entries match.
type JournalPage struct {
	Items []JournalListItem
	Total int64
}

// SearchText is what search looks in: title and body, in lower case.
func (in JournalInput) SearchText() string {
	return strings.ToLower(in.Title) + "\n" + strings.ToLower(in.Body)
}

// visibleJournal limits journal_entries to what the acting user may read (journalKind).
func visibleJournal(tx *gorm.DB, sc Scope) *gorm.DB {
	return tx.Scopes(sc.viewer().sees(journalKind, "journal_entries"))
}

// ownJournal limits journal_entries to the acting user's own entries.
func ownJournal(tx *gorm.DB, sc Scope) *gorm.DB {
	return tx.Model(&JournalEntry{}).Scopes(sc.viewer().own(journalKind, "journal_entries"))
}

// escapeLike escapes the wildcards of a LIKE pattern; the escape character is '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// CreateJournalEntry saves a new private entry of the acting user, sealed
// with their key (sealed.go).
func (s *Store) CreateJournalEntry(ctx context.Context, sc Scope, in JournalInput) (*JournalEntry, error) {
	now := s.Now()
	e := &JournalEntry{ID: NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, Title: in.Title, Body: in.Body,
		Practice: in.Practice, Prompt: in.Prompt, CreatedAt: now, UpdatedAt: now}
	row := *e
	sealRow(ctx, &row)
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return nil, err
	}
	return e, nil
}

// journalText are the columns of e's text as stored: readable, with its
// search copy, while shared; sealed, without one, while private.
func journalText(ctx context.Context, e *JournalEntry) map[string]any {
	e.SearchText = ""
	if e.Shared {
		e.Sealed = ""
		e.SearchText = JournalInput{Title: e.Title, Body: e.Body}.SearchText()
	} else {
		sealRow(ctx, e)
	}
	m := sealedColumns(e, "title", "body")
	m["search_text"] = e.SearchText
	return m
}

// errJournalLocked refuses to share an entry its author can no longer open.
var errJournalLocked = Conflict("This entry cannot be read any more (see Settings, Private text), so it cannot be shared.")

// JournalEntry returns an entry the acting user may read, with its reply when
// they may see it.
func (s *Store) JournalEntry(ctx context.Context, sc Scope, id string) (*JournalEntryWithReply, error) {
	var out JournalEntryWithReply
	db := s.db.WithContext(ctx)
	if err := visibleJournal(db.Model(&JournalEntry{}), sc).Where("journal_entries.id = ?", id).Take(&out.JournalEntry).Error; err != nil {
		return nil, notFound(err)
	}
	var r JournalReply
	err := db.Where("space_id = ? AND entry_id = ?", sc.SpaceID, id).Take(&r).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
	case err != nil:
		return nil, err
	default:
		out.Replied = true
		shown, kept := sc.viewer().journalReply(&out.JournalEntry, &r)
		if shown {
			out.Reply = &r
		}
		out.ReplyKept = kept
	}
	return &out, nil
}

// OwnJournalEntry returns one of the acting user's own entries.
func (s *Store) OwnJournalEntry(ctx context.Context, sc Scope, id string) (*JournalEntry, error) {
	var e JournalEntry
	if err := ownJournal(s.db.WithContext(ctx), sc).Where("id = ?", id).Take(&e).Error; err != nil {
		return nil, notFound(err)
	}
	return &e, nil
}

// UpdateJournalEntry replaces the text of one of the acting user's entries:
// sealed while it is private, readable while shared.
func (s *Store) UpdateJournalEntry(ctx context.Context, sc Scope, id string, in JournalInput) error {
	return s.removedPrivateText(s.transaction(ctx, func(tx *gorm.DB) error {
		var shared []bool
		if err := ownJournal(tx, sc).Where("id = ?", id).Pluck("shared", &shared).Error; err != nil {
			return err
		}
		if len(shared) == 0 {
			return ErrNotFound
		}
		e := &JournalEntry{ID: id, AuthorID: sc.UserID, Title: in.Title, Body: in.Body, Shared: shared[0]}
		fields := journalText(ctx, e)
		fields["practice"], fields["prompt"], fields["updated_at"] = in.Practice, in.Prompt, s.Now()
		return ownJournal(tx, sc).Where("id = ?", id).UpdateColumns(fields).Error
	}))
}

// ShareJournalEntry shares one of the acting user's entries with their
// partner, stored readable for them, or makes it private again, sealed
// again. Its reply is kept either way.
func (s *Store) ShareJournalEntry(ctx context.Context, sc Scope, id string, shared bool) error {
	return s.removedPrivateText(s.transaction(ctx, func(tx *gorm.DB) error {
		var e JournalEntry
		if err := ownJournal(tx, sc).Where("id = ?", id).Take(&e).Error; err != nil {
			return notFound(err)
		}
		if e.Sealed != "" { // it did not open (openRow)
			if !shared {
				return nil // already private, and sealed
			}
			return errJournalLocked
		}
		if shared {
			partner, err := currentPartner(tx, sc)
			if err != nil {
				return err
			}
			if partner == "" {
				return Conflict("There is nobody to share this entry with yet: nobody else is in your space now. It stays private.")
			}
		}
		e.Shared = shared
		fields := journalText(ctx, &e)
		fields["shared"], fields["shared_at"] = false, nil
		if shared {
			fields["shared"], fields["shared_at"] = true, s.Now()
		}
		return tx.Model(&JournalEntry{}).Where("id = ? AND space_id = ?", id, sc.SpaceID).UpdateColumns(fields).Error
	}))
}

// DeleteJournalEntry deletes one of the acting user's entries and its reply.
func (s *Store) DeleteJournalEntry(ctx context.Context, sc Scope, id string) error {
	return s.removedPrivateText(s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("space_id = ? AND entry_id = ?", sc.SpaceID, id).Delete(&JournalReply{}).Error; err != nil {
			return err
		}
		res := ownJournal(tx, sc).Where("id = ?", id).Delete(&JournalEntry{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound // rolls back the reply's deletion too
		}
		return nil
	}))
}

// ReplyToJournalEntry saves the acting user's one reply to an entry their
// partner shared with them.
func (s *Store) ReplyToJournalEntry(ctx context.Context, sc Scope, id, body string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var e JournalEntry
		if err := visibleJournal(tx.Model(&JournalEntry{}), sc).Where("journal_entries.id = ?", id).Take(&e).Error; err != nil {
			return notFound(err)
		}
		if e.AuthorID == sc.UserID || !e.Shared {
			return ErrNotFound // nobody replies to their own entry
		}
		var current int64
		if err := tx.Model(&Membership{}).Where("space_id = ? AND user_id = ? AND left_at IS NULL", sc.SpaceID, e.AuthorID).
			Count(&current).Error; err != nil {
			return err
		}
		if current == 0 {
			return Conflict("The author of this entry has left the space, so they can't read a reply.")
		}
		var n int64
		if err := tx.Model(&JournalReply{}).Where("space_id = ? AND entry_id = ?", sc.SpaceID, id).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return errReplied
		}
		err := tx.Create(&JournalReply{ID: NewID(), SpaceID: sc.SpaceID, EntryID: id, AuthorID: sc.UserID, Body: body, CreatedAt: s.Now()}).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errReplied
		}
		return err
	})
}

var errReplied = Conflict("This entry already has a reply: each shared entry takes one.")

// JournalEntries lists, newest first, the acting user's entries and those
// shared with them whose title or body contains query (all of them when
// query is ""), one page of limit entries from offset.
//
// A private entry has no search copy: a search reads the acting user's
// private entries, opens them in memory and looks there (searchPrivate);
// shared ones are searched in their search copy.
func (s *Store) JournalEntries(ctx context.Context, sc Scope, query string, offset, limit int) (*JournalPage, error) {
	if query != "" {
		return s.searchJournal(ctx, sc, query, offset, limit)
	}
	base := func() *gorm.DB { return visibleJournal(s.db.WithContext(ctx).Model(&JournalEntry{}), sc) }
	var page JournalPage
	if err := base().Count(&page.Total).Error; err != nil {
		return nil, err
	}
	if page.Total == 0 || int64(offset) >= page.Total {
		return &page, nil
	}
	err := base().Select(journalListColumns).
		Order("journal_entries.created_at DESC, journal_entries.id DESC").
		Offset(offset).Limit(limit).
		Scan(&page.Items).Error
	if err != nil {
		return nil, err
	}
	openListItems(ctx, page.Items)
	return &page, nil
}

// journalListColumns are what a line of the journal list reads.
const journalListColumns = "journal_entries.id, journal_entries.author_id, journal_entries.title, SUBSTR(journal_entries.body, 1, 400) AS excerpt, " +
	"journal_entries.practice, journal_entries.shared, journal_entries.shared_at, journal_entries.created_at, journal_entries.sealed, " +
	"(SELECT r.author_id FROM journal_replies r WHERE r.entry_id = journal_entries.id) AS reply_author_id"

// journalExcerptLen is how many characters of the body a line of the list shows.
const journalExcerptLen = 400

// openListItems opens the title and excerpt of the sealed items, for their author.
func openListItems(ctx context.Context, items []JournalListItem) {
	for i := range items {
		it := &items[i]
		if it.Sealed == "" {
			continue
		}
		e := JournalEntry{ID: it.ID, AuthorID: it.AuthorID, Sealed: it.Sealed}
		openRow(ctx, &e)
		it.Title, it.Excerpt, it.Sealed = e.Title, firstRunes(e.Body, journalExcerptLen), ""
	}
}

// firstRunes is the first n characters of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// journalHit is an entry a search found, with where it goes in the list.
type journalHit struct {
	ID        string
	CreatedAt time.Time
}

// searchJournal is JournalEntries with a query: the shared entries the
// acting user sees whose search copy matches, and their own private ones
// whose opened title or body matches, newest first.
func (s *Store) searchJournal(ctx context.Context, sc Scope, query string, offset, limit int) (*JournalPage, error) {
	db := s.db.WithContext(ctx)
	needle := strings.ToLower(query)
	var hits []journalHit
	if err := visibleJournal(db.Model(&JournalEntry{}), sc).Select("journal_entries.id, journal_entries.created_at").
		Where(sharedOnlyCond(journalKind, "journal_entries")).
		Where(`journal_entries.search_text LIKE ? ESCAPE '\'`, "%"+escapeLike(needle)+"%").
		Scan(&hits).Error; err != nil {
		return nil, err
	}
	var private []JournalEntry
	if err := ownJournal(db, sc).Select("id, author_id, title, body, sealed, created_at").
		Where(privateOnlyCond(journalKind, "journal_entries")).Find(&private).Error; err != nil {
		return nil, err
	}
	for _, e := range private { // opened by AfterFind
		if e.Sealed == "" && (JournalInput{Title: e.Title, Body: e.Body}).matches(needle) {
			hits = append(hits, journalHit{ID: e.ID, CreatedAt: e.CreatedAt})
		}
	}
	slices.SortFunc(hits, func(a, b journalHit) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	page := &JournalPage{Total: int64(len(hits))}
	if offset >= len(hits) {
		return page, nil
	}
	hits = hits[offset:min(offset+limit, len(hits))]
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	if err := visibleJournal(db.Model(&JournalEntry{}), sc).Select(journalListColumns).Where("journal_entries.id IN ?", ids).
		Order("journal_entries.created_at DESC, journal_entries.id DESC").Scan(&page.Items).Error; err != nil {
		return nil, err
	}
	openListItems(ctx, page.Items)
	return page, nil
}

// matches reports whether the title or body, in lower case, holds needle
// (already in lower case): what the search copy of a shared entry answers.
func (in JournalInput) matches(needle string) bool {
	return strings.Contains(strings.ToLower(in.Title), needle) || strings.Contains(strings.ToLower(in.Body), needle)
}

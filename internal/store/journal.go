package store

import (
	"context"
	"errors"
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

// CreateJournalEntry saves a new private entry of the acting user.
func (s *Store) CreateJournalEntry(ctx context.Context, sc Scope, in JournalInput) (*JournalEntry, error) {
	now := s.Now()
	e := &JournalEntry{ID: NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, Title: in.Title, Body: in.Body,
		Practice: in.Practice, Prompt: in.Prompt, SearchText: in.SearchText(), CreatedAt: now, UpdatedAt: now}
	if err := s.db.WithContext(ctx).Create(e).Error; err != nil {
		return nil, err
	}
	return e, nil
}

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

// updateOwn changes one of the acting user's own entries.
func (s *Store) updateOwn(ctx context.Context, sc Scope, id string, fields map[string]any) error {
	res := ownJournal(s.db.WithContext(ctx), sc).Where("id = ?", id).UpdateColumns(fields)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// UpdateJournalEntry replaces the text of one of the acting user's entries.
func (s *Store) UpdateJournalEntry(ctx context.Context, sc Scope, id string, in JournalInput) error {
	return s.removedPrivateText(s.updateOwn(ctx, sc, id, map[string]any{"title": in.Title, "body": in.Body, "practice": in.Practice,
		"prompt": in.Prompt, "search_text": in.SearchText(), "updated_at": s.Now()}))
}

// ShareJournalEntry shares one of the acting user's entries with their
// partner, or makes it private again. Its reply is kept either way.
func (s *Store) ShareJournalEntry(ctx context.Context, sc Scope, id string, shared bool) error {
	if !shared {
		return s.updateOwn(ctx, sc, id, map[string]any{"shared": false, "shared_at": nil})
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var e JournalEntry
		if err := ownJournal(tx, sc).Where("id = ?", id).Take(&e).Error; err != nil {
			return notFound(err)
		}
		partner, err := currentPartner(tx, sc)
		if err != nil {
			return err
		}
		if partner == "" {
			return Conflict("There is nobody to share this entry with yet: nobody else is in your space now. It stays private.")
		}
		return tx.Model(&JournalEntry{}).Where("id = ? AND space_id = ?", id, sc.SpaceID).
			UpdateColumns(map[string]any{"shared": true, "shared_at": s.Now()}).Error
	})
}

// DeleteJournalEntry deletes one of the acting user's entries and its reply.
func (s *Store) DeleteJournalEntry(ctx context.Context, sc Scope, id string) error {
	return s.removedPrivateText(s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
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
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
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
func (s *Store) JournalEntries(ctx context.Context, sc Scope, query string, offset, limit int) (*JournalPage, error) {
	base := func() *gorm.DB {
		q := visibleJournal(s.db.WithContext(ctx).Model(&JournalEntry{}), sc)
		if query != "" {
			q = q.Where(`journal_entries.search_text LIKE ? ESCAPE '\'`, "%"+escapeLike(strings.ToLower(query))+"%")
		}
		return q
	}
	var page JournalPage
	if err := base().Count(&page.Total).Error; err != nil {
		return nil, err
	}
	if page.Total == 0 || int64(offset) >= page.Total {
		return &page, nil
	}
	err := base().
		Select("journal_entries.id, journal_entries.author_id, journal_entries.title, SUBSTR(journal_entries.body, 1, 400) AS excerpt, " +
			"journal_entries.practice, journal_entries.shared, journal_entries.shared_at, journal_entries.created_at, " +
			"(SELECT r.author_id FROM journal_replies r WHERE r.entry_id = journal_entries.id) AS reply_author_id").
		Order("journal_entries.created_at DESC, journal_entries.id DESC").
		Offset(offset).Limit(limit).
		Scan(&page.Items).Error
	if err != nil {
		return nil, err
	}
	return &page, nil
}

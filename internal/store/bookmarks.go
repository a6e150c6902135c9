package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Bookmark is a practice a member saved, with their note. A private bookmark
// (Shared false) is seen by its author alone.
type Bookmark struct {
	ID        string `gorm:"primaryKey"`
	SpaceID   string
	UserID    string // the author
	Slug      string // the practice
	Note      string
	Shared    bool
	Sealed    string // the note while private (sealed.go)
	CreatedAt time.Time
	UpdatedAt time.Time
}

// visibleBookmarks is the bookmarks the acting user may see (bookmarkKind).
func (s *Store) visibleBookmarks(ctx context.Context, sc Scope) *gorm.DB {
	return s.db.WithContext(ctx).Model(&Bookmark{}).Scopes(sc.viewer().sees(bookmarkKind, "bookmarks"))
}

// ownBookmarks is the acting user's own bookmarks.
func (s *Store) ownBookmarks(ctx context.Context, sc Scope) *gorm.DB {
	return s.db.WithContext(ctx).Model(&Bookmark{}).Scopes(sc.viewer().own(bookmarkKind, "bookmarks"))
}

// SaveBookmark bookmarks the practice slug for the acting user with note and
// visibility. A member has one bookmark per practice: saving again replaces
// its note and visibility rather than adding a second one.
func (s *Store) SaveBookmark(ctx context.Context, sc Scope, slug, note string, shared bool) error {
	if sc.SpaceID == "" || sc.UserID == "" {
		return ErrNotFound
	}
	now := s.Now()
	b := &Bookmark{ID: NewID(), SpaceID: sc.SpaceID, UserID: sc.UserID, Slug: slug, Note: note, Shared: shared, CreatedAt: now, UpdatedAt: now}
	if !shared {
		sealRow(ctx, b) // bound to the space, member and practice: whichever row the upsert keeps
	}
	// One statement (an upsert), so that two saves at once, as from a double
	// click, still leave one bookmark. It may replace a note.
	return s.removedPrivateText(s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "space_id"}, {Name: "user_id"}, {Name: "slug"}},
		DoUpdates: clause.AssignmentColumns([]string{"note", "shared", "sealed", "updated_at"}),
	}).Create(b).Error)
}

// Bookmarks lists the bookmarks the acting user may see in their space (their
// own, and those others shared), newest first.
func (s *Store) Bookmarks(ctx context.Context, sc Scope) ([]Bookmark, error) {
	var out []Bookmark
	err := s.visibleBookmarks(ctx, sc).Order("created_at DESC, id").Find(&out).Error
	return out, err
}

// BookmarksOn lists the bookmarks of the practice slug that the acting user
// may see: their own and those others shared.
func (s *Store) BookmarksOn(ctx context.Context, sc Scope, slug string) ([]Bookmark, error) {
	var out []Bookmark
	err := s.visibleBookmarks(ctx, sc).Where("slug = ?", slug).Order("created_at DESC, id").Find(&out).Error
	return out, err
}

// OwnBookmark returns the acting user's bookmark id; ErrNotFound for anyone
// else's, shared or not.
func (s *Store) OwnBookmark(ctx context.Context, sc Scope, id string) (*Bookmark, error) {
	var b Bookmark
	err := s.ownBookmarks(ctx, sc).Where("id = ?", id).Take(&b).Error
	return &b, notFound(err)
}

// UpdateBookmark changes the note and visibility of the acting user's
// bookmark id; ErrNotFound for anyone else's.
func (s *Store) UpdateBookmark(ctx context.Context, sc Scope, id, note string, shared bool) error {
	var slugs []string
	if err := s.ownBookmarks(ctx, sc).Where("id = ?", id).Pluck("slug", &slugs).Error; err != nil {
		return err
	}
	if len(slugs) == 0 {
		return ErrNotFound
	}
	text := &Bookmark{SpaceID: sc.SpaceID, UserID: sc.UserID, Slug: slugs[0], Note: note}
	if !shared {
		sealRow(ctx, text)
	}
	fields := sealedColumns(text, "note")
	fields["shared"], fields["updated_at"] = shared, s.Now()
	res := s.ownBookmarks(ctx, sc).Where("id = ?", id).Updates(fields)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return s.removedPrivateText(nil)
}

// DeleteBookmark removes the acting user's bookmark id; ErrNotFound for
// anyone else's.
func (s *Store) DeleteBookmark(ctx context.Context, sc Scope, id string) error {
	res := s.ownBookmarks(ctx, sc).Where("id = ?", id).Delete(&Bookmark{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return s.removedPrivateText(nil)
}

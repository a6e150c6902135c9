package store

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// LinkMaxLife is the longest a counsellor link may be agreed to work.
const LinkMaxLife = 90 * 24 * time.Hour

// CounsellorLink is a read-only view of what both partners shared, for a
// person they both chose: proposed by one member, in force once the other
// agrees, until it expires or either revokes it. Only a keyed hash of its
// token is kept; the link is shown once, to the member who proposed it.
type CounsellorLink struct {
	ID        string `gorm:"primaryKey"`
	SpaceID   string
	CreatedBy string
	AgreedBy  *string
	Label     string
	Shows     string // keys of LinkShows, comma-separated
	FromDate  string
	ToDate    string
	FromAt    time.Time
	UntilAt   time.Time
	TokenHash string
	CreatedAt time.Time
	ExpiresAt time.Time
	AgreedAt  *time.Time
	RevokedAt *time.Time
	RevokedBy *string
}

// ShowList is what the link shows, as keys of LinkShows.
func (l *CounsellorLink) ShowList() []string { return strings.Split(l.Shows, ",") }

// Active reports whether the link opens at now: agreed, not revoked, not expired.
func (l *CounsellorLink) Active(now time.Time) bool {
	return l.AgreedAt != nil && l.RevokedAt == nil && now.Before(l.ExpiresAt)
}

// CounsellorView is one opening of a link's pages: when and which page, never from where.
type CounsellorView struct {
	ID       string `gorm:"primaryKey"`
	LinkID   string
	SpaceID  string
	Page     string
	ViewedAt time.Time
}

// LinkInput is a proposed link as its form gives it. From and To are
// local days; FromAt and Until the range as instants in the proposer's zone.
type LinkInput struct {
	Label     string
	Shows     []string
	From, To  progress.Date
	FromAt    time.Time
	Until     time.Time
	ExpiresAt time.Time
}

// Refusals of counsellor links.
var (
	errLinkAlone = Conflict("A counsellor link needs both of you: invite your partner first.")
)

// ProposeLink records a link proposed by the acting member; it shows
// nothing until the other member agrees (AgreeLink).
func (s *Store) ProposeLink(ctx context.Context, sc Scope, in LinkInput, tokenHash string) (*CounsellorLink, error) {
	now := s.Now()
	label := strings.TrimSpace(in.Label)
	switch {
	case label == "":
		return nil, Invalid("Give the link a label, such as the counsellor's name.")
	case utf8.RuneCountInString(label) > 80:
		return nil, Invalid("Keep the label to 80 characters.")
	case len(in.Shows) == 0:
		return nil, Invalid("Choose at least one thing the link shows.")
	case in.From == progress.NoDate || in.To == progress.NoDate || in.To < in.From:
		return nil, Invalid("Choose the range: a first day, and a last day that is not before it.")
	case !in.ExpiresAt.After(now):
		return nil, Invalid("The link must expire in the future.")
	case in.ExpiresAt.After(now.Add(LinkMaxLife)):
		return nil, Invalid("A link can work for at most 90 days.")
	}
	var shows []string
	for _, k := range in.Shows {
		if !ValidShow(k) {
			return nil, Invalid("Choose what the link shows from the list.")
		}
		if !slices.Contains(shows, k) {
			shows = append(shows, k)
		}
	}
	l := &CounsellorLink{ID: NewID(), SpaceID: sc.SpaceID, CreatedBy: sc.UserID, Label: label, Shows: strings.Join(shows, ","),
		FromDate: in.From.String(), ToDate: in.To.String(), FromAt: in.FromAt.UTC(), UntilAt: in.Until.UTC(), TokenHash: tokenHash,
		CreatedAt: now, ExpiresAt: in.ExpiresAt.UTC()}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		n, err := countMembers(tx, sc.SpaceID)
		if err != nil {
			return err
		}
		if n < 2 {
			return errLinkAlone
		}
		return tx.Create(l).Error
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// AgreeLink is the other member's consent to a link proposed in their
// space: from then on it opens. The proposer cannot agree to their own.
func (s *Store) AgreeLink(ctx context.Context, sc Scope, id string) error {
	now := s.Now()
	res := s.db.WithContext(ctx).Model(&CounsellorLink{}).
		Where("id = ? AND space_id = ? AND created_by <> ? AND agreed_at IS NULL AND revoked_at IS NULL AND expires_at > ?", id, sc.SpaceID, sc.UserID, now).
		Updates(map[string]any{"agreed_at": now, "agreed_by": sc.UserID})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// RevokeLink stops one of the space's links from opening; either member may, alone.
func (s *Store) RevokeLink(ctx context.Context, sc Scope, id string) error {
	res := s.db.WithContext(ctx).Model(&CounsellorLink{}).
		Where("id = ? AND space_id = ? AND revoked_at IS NULL", id, sc.SpaceID).
		Updates(map[string]any{"revoked_at": s.Now(), "revoked_by": sc.UserID})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// CounsellorLinks lists the links of the acting member's space, newest first.
func (s *Store) CounsellorLinks(ctx context.Context, sc Scope) ([]CounsellorLink, error) {
	var out []CounsellorLink
	err := s.db.WithContext(ctx).Where("space_id = ?", sc.SpaceID).Order("created_at DESC, id").Limit(100).Find(&out).Error
	return out, err
}

// CounsellorViews lists the latest openings of the space's links, newest first.
func (s *Store) CounsellorViews(ctx context.Context, sc Scope, limit int) ([]CounsellorView, error) {
	var out []CounsellorView
	err := s.db.WithContext(ctx).Where("space_id = ?", sc.SpaceID).Order("viewed_at DESC, id").Limit(limit).Find(&out).Error
	return out, err
}

// GuestLink is an active link as its guest reads it: the link, the first
// names of the two members, and the scope its pages read with.
type GuestLink struct {
	Link  CounsellorLink
	Names [2]string // first names, in the order they joined
	IDs   [2]string
	Scope Scope
}

// GuestByToken finds the active link whose token hashes to tokenHash:
// agreed, not revoked, not expired, and its space still a couple.
// Anything else is ErrNotFound, with nothing said of why.
func (s *Store) GuestByToken(ctx context.Context, tokenHash string) (*GuestLink, error) {
	now := s.Now()
	var g GuestLink
	db := s.db.WithContext(ctx)
	err := db.Where("token_hash = ? AND agreed_at IS NOT NULL AND revoked_at IS NULL AND expires_at > ?", tokenHash, now).Take(&g.Link).Error
	if err != nil {
		return nil, notFound(err)
	}
	var members []Member
	if err := db.Table("memberships").Select("memberships.*, users.name AS name").
		Joins("JOIN users ON users.id = memberships.user_id").
		Where("memberships.space_id = ? AND memberships.left_at IS NULL", g.Link.SpaceID).
		Order("memberships.joined_at").Scan(&members).Error; err != nil {
		return nil, err
	}
	if len(members) != 2 {
		return nil, ErrNotFound
	}
	for i, m := range members {
		g.Names[i], _, _ = strings.Cut(strings.TrimSpace(m.Name), " ")
		g.IDs[i] = m.UserID
	}
	from, err1 := progress.ParseDate(g.Link.FromDate)
	to, err2 := progress.ParseDate(g.Link.ToDate)
	if err1 != nil || err2 != nil {
		return nil, ErrNotFound
	}
	// What the two shared with each other: since the second of them joined.
	g.Scope = Scope{SpaceID: g.Link.SpaceID, Since: members[1].JoinedAt, Viewer: ViewerGuest,
		Guest: &Guest{Shows: g.Link.ShowList(), From: from, To: to, FromAt: g.Link.FromAt, Until: g.Link.UntilAt}}
	return &g, nil
}

// RecordGuestView records that the link's page was opened now. It is the
// guest's one write; it sends nothing to anyone.
func (s *Store) RecordGuestView(ctx context.Context, g *GuestLink, page string) error {
	return s.db.WithContext(ctx).Create(&CounsellorView{ID: NewID(), LinkID: g.Link.ID, SpaceID: g.Link.SpaceID, Page: page, ViewedAt: s.Now()}).Error
}

// revokeLinksOf revokes every counsellor link of a space, when a member leaves.
func revokeLinksOf(tx *gorm.DB, spaceID, by string, now time.Time) error {
	return tx.Model(&CounsellorLink{}).Where("space_id = ? AND revoked_at IS NULL", spaceID).
		Updates(map[string]any{"revoked_at": now, "revoked_by": by}).Error
}

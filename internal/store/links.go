package store

import (
	"context"
	"sort"
	"time"
	"unicode/utf8"
)

// Kinds of items that can put a practice into practice.
const (
	LinkPromise    = "promise"
	LinkJournal    = "journal"
	LinkReflection = "reflection"
	LinkGratitude  = "gratitude"
)

// PracticeLink is an item of the acting user's space that points at a
// practice and that they may see.
type PracticeLink struct {
	Kind     string
	ID       string
	Title    string
	AuthorID string
	At       time.Time
}

// PracticeLinks lists, newest first, the items of the acting user's space
// linked to the practice slug that they may see — one query per kind, each
// with that kind's own visibility rule — at most limit of them.
func (s *Store) PracticeLinks(ctx context.Context, sc Scope, slug string, limit int) ([]PracticeLink, error) {
	db := s.db.WithContext(ctx)
	v := sc.viewer()
	var out []PracticeLink
	var promises []PracticeLink
	err := db.Table("promises p").
		Select(`p.id, p.author_id, p.created_at AS at, (SELECT v.title FROM promise_versions v
			WHERE v.promise_id = p.id ORDER BY v.seq DESC LIMIT 1) AS title`).
		Scopes(v.sees(promiseKind, "p")).Where("p.practice = ?", slug).
		Order("p.created_at DESC").Limit(limit).Scan(&promises).Error
	if err != nil {
		return nil, err
	}
	// The title of the viewer's own private intention is sealed: read from
	// its latest version, opened with their key.
	var sealed []string
	for _, l := range promises {
		if l.Title == "" {
			sealed = append(sealed, l.ID)
		}
	}
	titles := map[string]string{}
	if len(sealed) > 0 {
		var vs []PromiseVersion
		if err := db.Where("space_id = ? AND promise_id IN ?", sc.SpaceID, sealed).Order("seq").Find(&vs).Error; err != nil {
			return nil, err
		}
		for _, v := range vs {
			titles[v.PromiseID] = v.Title // the last one wins
		}
	}
	for _, l := range promises {
		l.Kind = LinkPromise
		if l.Title == "" {
			l.Title = titles[l.ID]
		}
		out = append(out, l)
	}
	var entries []JournalEntry
	if err := visibleJournal(db.Model(&JournalEntry{}), sc).Where("journal_entries.practice = ?", slug).
		Order("created_at DESC").Limit(limit).Find(&entries).Error; err != nil {
		return nil, err
	}
	for _, e := range entries {
		out = append(out, PracticeLink{Kind: LinkJournal, ID: e.ID, Title: e.Title, AuthorID: e.AuthorID, At: e.CreatedAt})
	}
	var reflections []ReflectionEntry
	if err := s.entries(ctx, sc).Where("r.practice = ?", slug).Order("r.week_start DESC").Limit(limit).
		Scan(&reflections).Error; err != nil {
		return nil, err
	}
	for _, r := range reflections {
		openRow(ctx, &r.Reflection)
		if r.Readable {
			out = append(out, PracticeLink{Kind: LinkReflection, ID: r.ID, Title: "Reflection for the week of " + r.WeekStart, AuthorID: r.AuthorID, At: r.CreatedAt})
		}
	}
	var notes []GratitudeNote
	if err := db.Model(&GratitudeNote{}).Scopes(v.sees(gratitudeKind, "gratitude_notes")).Where("practice = ?", slug).
		Order("created_at DESC").Limit(limit).Find(&notes).Error; err != nil {
		return nil, err
	}
	for _, n := range notes {
		out = append(out, PracticeLink{Kind: LinkGratitude, ID: n.ID, Title: excerpt(n.Body, 80), AuthorID: n.FromID, At: n.CreatedAt})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// excerpt is the first n characters of s, with an ellipsis when cut.
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Export is everything the acting user wrote in their current space, in a
// form meant to be kept: it holds their own words only, never the partner's.
type Export struct {
	ExportedAt time.Time       `json:"exported_at"`
	Name       string          `json:"name"`
	Email      string          `json:"email"`
	TimeZone   string          `json:"time_zone"`
	Space      string          `json:"space,omitempty"`
	Promises   []ExportPromise `json:"promises"`
	Reviews    []ExportReview  `json:"reviews_of_partner_records"`
	// What the user wrote in the ledger that a correction later replaced.
	Corrected   []ExportCorrected  `json:"ledger_words_corrected,omitempty"`
	Checkins    []ExportCheckin    `json:"checkins"`
	Reflections []ExportReflection `json:"reflections"`
	Journal     []ExportJournal    `json:"journal"`
	Replies     []ExportReply      `json:"journal_replies_written"`
	Gratitude   []ExportGratitude  `json:"gratitude_notes_sent"`
	Bookmarks   []ExportBookmark   `json:"bookmarks"`
	// Questions, triggers and agreements: the user's own, and what their
	// partner sent or shared with them, marked shared_with_you.
	Conversations *ExportConversations `json:"conversations,omitempty"`
}

// ExportPromise is a promise with its terms over time, pauses and ledger.
type ExportPromise struct {
	Practice  string          `json:"practice,omitempty"`
	CreatedAt time.Time       `json:"created_at"`
	ClosedOn  string          `json:"closed_on,omitempty"`
	CloseKind string          `json:"close_kind,omitempty"`
	CloseNote string          `json:"close_note,omitempty"`
	Private   bool            `json:"private_intention,omitempty"`
	Versions  []ExportVersion `json:"versions"`
	Pauses    []ExportPause   `json:"pauses,omitempty"`
	Ledger    []ExportRecord  `json:"ledger"`
}

// ExportVersion is one agreement on a promise's terms.
type ExportVersion struct {
	From     string `json:"from"`
	Title    string `json:"title"`
	Details  string `json:"details,omitempty"`
	Kind     string `json:"kind"`
	Due      string `json:"due,omitempty"`
	Weekdays int    `json:"weekdays,omitempty"`
	Start    string `json:"start"`
	End      string `json:"end,omitempty"`
	Note     string `json:"note,omitempty"`
}

// ExportPause is a span of days a promise was paused.
type ExportPause struct {
	From string `json:"from"`
	To   string `json:"to,omitempty"`
	Note string `json:"note,omitempty"`
}

// ExportRecord is one recorded occurrence, with the author's answer to a dispute.
type ExportRecord struct {
	Date    string `json:"date"`
	Outcome string `json:"outcome"`
	Note    string `json:"note,omitempty"`
	Reply   string `json:"reply_to_dispute,omitempty"`
}

// ExportReview is the user's confirmation or dispute of a partner's record.
type ExportReview struct {
	Date string `json:"date"`
	Kind string `json:"kind"`
	Note string `json:"note,omitempty"`
}

// ExportCorrected is a record, review or answer to a dispute of the user's
// that a correction replaced, as it was.
type ExportCorrected struct {
	Date       string    `json:"date"`
	What       string    `json:"what"` // "record", "review" or "reply_to_dispute"
	Value      string    `json:"value,omitempty"`
	Note       string    `json:"note,omitempty"`
	ReplacedAt time.Time `json:"replaced_at"`
}

// ExportCheckin is one check-in.
type ExportCheckin struct {
	Date      string `json:"date"`
	Safe      int    `json:"safe"`
	Trust     int    `json:"trust"`
	Connected int    `json:"connected"`
	Mood      string `json:"mood"`
	Note      string `json:"note,omitempty"`
	Private   bool   `json:"private"`
}

// ExportReflection is one weekly reflection.
type ExportReflection struct {
	WeekStart  string `json:"week_start"`
	Helped     string `json:"helped,omitempty"`
	Hard       string `json:"hard,omitempty"`
	Need       string `json:"need,omitempty"`
	NextStep   string `json:"next_step,omitempty"`
	Practice   string `json:"practice,omitempty"`
	Visibility string `json:"visibility"`
}

// ExportJournal is one journal entry.
type ExportJournal struct {
	CreatedAt time.Time `json:"created_at"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Practice  string    `json:"practice,omitempty"`
	Prompt    string    `json:"prompt,omitempty"`
	Shared    bool      `json:"shared"`
}

// ExportReply is a reply the user wrote to the partner's shared entry.
type ExportReply struct {
	CreatedAt time.Time `json:"created_at"`
	Body      string    `json:"body"`
}

// ExportGratitude is a note the user sent, and the reply it got.
type ExportGratitude struct {
	CreatedAt time.Time `json:"created_at"`
	Body      string    `json:"body"`
	Practice  string    `json:"practice,omitempty"`
}

// ExportBookmark is a saved practice with the user's note.
type ExportBookmark struct {
	Practice string `json:"practice"`
	Note     string `json:"note,omitempty"`
	Shared   bool   `json:"shared"`
}

// ExportOf gathers what the acting user wrote in their current space: one
// query per kind, each filtered to their own authorship.
func (s *Store) ExportOf(ctx context.Context, sc Scope) (*Export, error) {
	db := s.db.WithContext(ctx)
	u, err := s.UserByID(ctx, sc.UserID)
	if err != nil {
		return nil, err
	}
	out := &Export{ExportedAt: s.Now(), Name: u.Name, Email: u.Email, TimeZone: u.TimeZone}
	if sc.SpaceID == "" {
		return out, nil
	}
	sp, err := s.SpaceOf(ctx, sc)
	if err != nil {
		return nil, err
	}
	out.Space = sp.Name
	v := sc.viewer()
	// mine is the acting user's own entries of kind k, in table.
	mine := func(table string, k *entryKind) *gorm.DB { return db.Table(table).Scopes(v.own(k, table)) }

	var promises []Promise
	if err := mine("promises", promiseKind).Order("created_at").Find(&promises).Error; err != nil {
		return nil, err
	}
	ids := make([]string, len(promises))
	for i, p := range promises {
		ids[i] = p.ID
	}
	var versions []PromiseVersion
	var pauses []PromisePause
	var entries []LedgerEntry
	if len(ids) > 0 {
		if err := db.Where("promise_id IN ?", ids).Order("seq").Find(&versions).Error; err != nil {
			return nil, err
		}
		if err := db.Where("promise_id IN ?", ids).Order("from_date").Find(&pauses).Error; err != nil {
			return nil, err
		}
		if err := db.Where("promise_id IN ?", ids).Order("date").Find(&entries).Error; err != nil {
			return nil, err
		}
	}
	// The user's reviews of the partner's records, and the user's answers
	// to disputes of their own records.
	if err := db.Table("ledger_reviews r").Select("le.date, r.kind, r.note").
		Joins("JOIN ledger_entries le ON le.id = r.entry_id").
		Scopes(v.own(reviewKind, "r")).Order("le.date").
		Scan(&out.Reviews).Error; err != nil {
		return nil, err
	}
	// What corrections replaced of the user's words: their records and
	// reviews, and their answers kept with a partner's corrected review.
	var corrected []struct {
		Date, Part, WriterID, Value, Note, Reply string
		CreatedAt                                time.Time
	}
	if err := v.where(db.Table("ledger_corrections c").
		Select("le.date, c.part, c.writer_id, c.value, c.note, c.reply, c.created_at").
		Joins("JOIN ledger_entries le ON le.id = c.entry_id"),
		"("+v.ownCond(correctionKind, "c")+") OR ("+v.ownCond(ledgerKind, "le")+" AND c.reply <> '')").
		Order("le.date, c.created_at, c.part").Scan(&corrected).Error; err != nil {
		return nil, err
	}
	for _, c := range corrected {
		if c.WriterID == sc.UserID {
			out.Corrected = append(out.Corrected, ExportCorrected{Date: c.Date, What: c.Part, Value: c.Value, Note: c.Note, ReplacedAt: c.CreatedAt})
		} else {
			out.Corrected = append(out.Corrected, ExportCorrected{Date: c.Date, What: "reply_to_dispute", Note: c.Reply, ReplacedAt: c.CreatedAt})
		}
	}
	var reviews []LedgerReview
	if err := db.Where("space_id = ? AND reply <> '' AND entry_id IN (?)", sc.SpaceID,
		mine("ledger_entries", ledgerKind).Select("id")).
		Find(&reviews).Error; err != nil {
		return nil, err
	}
	replyTo := map[string]string{}
	for _, r := range reviews {
		replyTo[r.EntryID] = r.Reply
	}
	// Pointers into out.Promises are taken once it is complete: an append
	// may move it.
	if len(promises) > 0 {
		out.Promises = make([]ExportPromise, len(promises))
	}
	byPromise := map[string]*ExportPromise{}
	for i, p := range promises {
		ep := ExportPromise{Practice: p.Practice, CreatedAt: p.CreatedAt, CloseKind: p.CloseKind, CloseNote: p.CloseNote, Private: p.Private}
		if p.ClosedOn != nil {
			ep.ClosedOn = *p.ClosedOn
		}
		out.Promises[i] = ep
		byPromise[p.ID] = &out.Promises[i]
	}
	for _, v := range versions {
		byPromise[v.PromiseID].Versions = append(byPromise[v.PromiseID].Versions, ExportVersion{From: v.FromDate, Title: v.Title,
			Details: v.Details, Kind: v.Kind, Due: deref(v.Due), Weekdays: v.Weekdays, Start: v.StartDate, End: deref(v.EndDate), Note: v.Note})
	}
	for _, p := range pauses {
		byPromise[p.PromiseID].Pauses = append(byPromise[p.PromiseID].Pauses, ExportPause{From: p.FromDate, To: deref(p.ToDate), Note: p.Note})
	}
	for _, e := range entries {
		byPromise[e.PromiseID].Ledger = append(byPromise[e.PromiseID].Ledger, ExportRecord{Date: e.Date, Outcome: e.Outcome, Note: e.Note, Reply: replyTo[e.ID]})
	}

	var checkins []Checkin
	if err := mine("checkins", checkinKind).Order("date").Find(&checkins).Error; err != nil {
		return nil, err
	}
	for _, c := range checkins {
		out.Checkins = append(out.Checkins, ExportCheckin{Date: c.Date, Safe: c.Safe, Trust: c.Trust, Connected: c.Connected, Mood: c.Mood, Note: c.Note, Private: c.Private})
	}
	var reflections []Reflection
	if err := mine("reflections", reflectionKind).Order("week_start").Find(&reflections).Error; err != nil {
		return nil, err
	}
	for _, r := range reflections {
		out.Reflections = append(out.Reflections, ExportReflection{WeekStart: r.WeekStart, Helped: r.Helped, Hard: r.Hard, Need: r.Need,
			NextStep: r.NextStep, Practice: r.Practice, Visibility: r.Visibility})
	}
	var journal []JournalEntry
	if err := mine("journal_entries", journalKind).Order("created_at").Find(&journal).Error; err != nil {
		return nil, err
	}
	for _, j := range journal {
		out.Journal = append(out.Journal, ExportJournal{CreatedAt: j.CreatedAt, Title: j.Title, Body: j.Body, Practice: j.Practice, Prompt: j.Prompt, Shared: j.Shared})
	}
	var replies []JournalReply
	if err := mine("journal_replies", journalReplyKind).Order("created_at").Find(&replies).Error; err != nil {
		return nil, err
	}
	for _, r := range replies {
		out.Replies = append(out.Replies, ExportReply{CreatedAt: r.CreatedAt, Body: r.Body})
	}
	var notes []GratitudeNote
	if err := mine("gratitude_notes", gratitudeKind).Order("created_at").Find(&notes).Error; err != nil {
		return nil, err
	}
	for _, n := range notes {
		out.Gratitude = append(out.Gratitude, ExportGratitude{CreatedAt: n.CreatedAt, Body: n.Body, Practice: n.Practice})
	}
	var bookmarks []Bookmark
	if err := mine("bookmarks", bookmarkKind).Order("created_at").Find(&bookmarks).Error; err != nil {
		return nil, err
	}
	for _, b := range bookmarks {
		out.Bookmarks = append(out.Bookmarks, ExportBookmark{Practice: b.Slug, Note: b.Note, Shared: b.Shared})
	}
	if out.Conversations, err = s.conversationsExport(ctx, sc); err != nil {
		return nil, err
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

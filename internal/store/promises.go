package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"mend/internal/progress"
)

// How a promise was closed.
const (
	CloseDone    = "done"
	CloseGivenUp = "given-up"
)

// RecordWindow is how many days, today included, an author may still record.
const RecordWindow = 14

// Promise is a commitment one partner makes; shared with the partner by nature.
// Its words and schedule live in its versions.
type Promise struct {
	ID        string `gorm:"primaryKey"`
	SpaceID   string
	AuthorID  string
	Practice  string // slug of the practice it puts into practice, or ""
	CreatedAt time.Time
	ClosedOn  *string // first local date no longer due; nil while open
	CloseKind string
	CloseNote string
	ClosedAt  *time.Time
	// DueDays is how many days the promise was due from its start to its
	// closing, set when it is closed (nil while open): what its rate since
	// the start counts, once its plan no longer changes (see RecentPromises).
	DueDays *int
	Private bool // a private intention: its author alone sees it (see promiseKind in visibility.go)
	// SharedAt is when a private intention was shared; nil for a promise
	// shared from the start (shared when made) and for one still private.
	SharedAt *time.Time
	Sealed   string // the closing note, sealed, while a private intention
}

// PromiseVersion is one agreement on a promise's terms: the first, or a renegotiation with its reason.
type PromiseVersion struct {
	ID        string `gorm:"primaryKey"`
	PromiseID string
	SpaceID   string
	FromDate  string // in force from this local date
	Title     string
	Details   string
	Kind      string
	Due       *string
	Weekdays  int
	StartDate string
	EndDate   *string
	Note      string
	Seq       int // 1 for the first terms, then one more per renegotiation
	CreatedAt time.Time
	Sealed    string // title, details and note of a private intention's terms (sealIntention)
	authorID  string // the promise's author, while the version is written
}

// PromisePause is a span of days on which the promise is not due.
type PromisePause struct {
	ID        string `gorm:"primaryKey"`
	PromiseID string
	SpaceID   string
	FromDate  string  // first paused date
	ToDate    *string // first date due again; nil while paused
	Note      string
	CreatedAt time.Time
	EndedAt   *time.Time
	Sealed    string // the note, sealed, while the promise is a private intention
	authorID  string // the promise's author, to seal with (see sealRef)
}

// Terms are what one version of a promise says.
type Terms struct {
	Title    string
	Details  string
	Schedule progress.Schedule
}

// Schedule is the version's schedule.
func (v *PromiseVersion) Schedule() progress.Schedule {
	s := progress.Schedule{Kind: progress.Kind(v.Kind), Due: progress.NoDate, Weekdays: progress.Weekdays(v.Weekdays),
		Start: parseDate(v.StartDate), End: parseOptDate(v.EndDate)}
	if v.Due != nil {
		s.Due = parseDate(*v.Due)
	}
	return s
}

// From is the date the version takes effect.
func (v *PromiseVersion) From() progress.Date { return parseDate(v.FromDate) }

// titleInForce is the SQL expression of the title of the promise in the
// column promise on the date in the column day: its latest terms in force
// then, or its first for a day before any (as progress.InForce chooses).
func titleInForce(promise, day string) string {
	return "COALESCE((SELECT v.title FROM promise_versions v WHERE v.promise_id = " + promise + " AND v.from_date <= " + day +
		" ORDER BY v.seq DESC LIMIT 1), (SELECT v.title FROM promise_versions v WHERE v.promise_id = " + promise + " ORDER BY v.seq LIMIT 1))"
}

// Tracked is a promise with everything that decides when it is due, and its
// effective records in the range it was loaded for.
type Tracked struct {
	Promise
	AuthorZone string     // the author's time zone: the promise's dates are theirs
	AuthorLeft *time.Time // when the author left the space; nil while a member
	Agreed     []PromiseVersion
	Replaced   []bool // Replaced[i]: Agreed[i] was replaced by a later agreement before it judged a day
	Pauses     []PromisePause
	Plan       progress.Plan     // versions in force, pauses, closing
	Records    []progress.Record // effective records in the loaded range, by date
	// Set by PromisesSince (NoDate otherwise): Records hold every record
	// dated RecordsFrom or later, and Totals what all of the promise's
	// records add up to.
	RecordsFrom progress.Date
	Totals      progress.Counts
	// Set by RatesOf (NoDate otherwise) for a promise whose run of kept
	// days reaches back to RecordsFrom: where that run began, from the
	// record of the due date before RecordsFrom (RecordsFrom itself when
	// that day broke the run).
	RunFrom progress.Date
	inForce []int // indexes into Agreed of Plan.Versions
}

// Location is the author's time zone.
func (t *Tracked) Location() *time.Location { return progress.Zone(t.AuthorZone) }

// Today is the author's date at now: every date of the promise is the author's.
func (t *Tracked) Today(now time.Time) progress.Date { return progress.Today(now, t.Location()) }

// Closed reports whether the author closed the promise.
func (t *Tracked) Closed() bool { return t.ClosedOn != nil }

// AuthorGone reports whether the author has left the space: the promise takes no more records.
func (t *Tracked) AuthorGone() bool { return t.AuthorLeft != nil }

// Ended reports whether the promise takes no more records or changes.
func (t *Tracked) Ended() bool { return t.Closed() || t.AuthorGone() }

// Start is the first date the promise could be due.
func (t *Tracked) Start() progress.Date {
	if len(t.Plan.Versions) == 0 {
		return progress.NoDate
	}
	v := t.Plan.Versions[0]
	return max(v.From, v.Schedule.Start)
}

// VersionOn is the version in force on d (the first one before they all start).
func (t *Tracked) VersionOn(d progress.Date) *PromiseVersion {
	i := progress.VersionOn(t.Plan.Versions, d)
	if i < 0 {
		return nil
	}
	return &t.Agreed[t.inForce[i]]
}

// OpenPause is the pause still running (or about to start), nil when there is none.
func (t *Tracked) OpenPause() *PromisePause {
	for i := range t.Pauses {
		if t.Pauses[i].ToDate == nil {
			return &t.Pauses[i]
		}
	}
	return nil
}

// Occurrences are the promise's due dates from its start (or from
// RecordsFrom, when only the records since then are loaded) to to, each
// with its effective record; when RunFrom is known, preceded by the days of
// the run before RecordsFrom, kept, and the due date that broke it.
func (t *Tracked) Occurrences(to progress.Date) []progress.Occurrence {
	if len(t.Plan.Versions) == 0 {
		return nil
	}
	from := t.Plan.Versions[0].From
	if t.RecordsFrom != progress.NoDate {
		from = max(from, t.RecordsFrom)
	}
	occ := progress.Join(t.Plan.Occurrences(from, to), t.Records)
	if t.RunFrom == progress.NoDate || from <= t.Plan.Versions[0].From {
		return occ
	}
	// The run known to reach back before the records loaded: its days,
	// kept, after the day that broke it, which is all that the rates of
	// those days need (see progress.RunAcross).
	var earlier []progress.Occurrence
	if broke := t.Plan.DueBefore(t.RunFrom); broke != progress.NoDate {
		earlier = append(earlier, progress.Occurrence{Date: broke, Outcome: progress.NotRecorded})
	}
	for _, d := range t.Plan.Occurrences(t.RunFrom, from-1) {
		earlier = append(earlier, progress.Occurrence{Date: d, Outcome: progress.Kept})
	}
	return append(earlier, occ...)
}

// Rates are the promise's rates as of today, from the records loaded and,
// for the days before them, its tally; complete is false when its run
// reaches back past the records loaded (see ExtendRecords).
func (t *Tracked) Rates(today progress.Date) (r progress.Rates, complete bool) {
	if t.RecordsFrom == progress.NoDate {
		return progress.Summarize(t.Plan, t.Records, today), true
	}
	return progress.SummarizeFrom(t.Plan, t.Totals.Minus(progress.CountOf(t.Records)), t.Records, t.RecordsFrom, today, t.RunFrom)
}

// build fills Plan from the rows.
func (t *Tracked) build() {
	vs := make([]progress.Version, len(t.Agreed))
	for i := range t.Agreed {
		vs[i] = progress.Version{From: t.Agreed[i].From(), Schedule: t.Agreed[i].Schedule()}
	}
	inForce, replaced := progress.InForce(vs)
	t.Replaced = replaced
	t.inForce = t.inForce[:0]
	for i, r := range replaced {
		if !r {
			t.inForce = append(t.inForce, i)
		}
	}
	t.Plan = progress.Plan{Versions: inForce, Closed: parseOptDate(t.ClosedOn)}
	for _, p := range t.Pauses {
		span := progress.Span{From: parseDate(p.FromDate), To: parseOptDate(p.ToDate)}
		if span.To != progress.NoDate && span.To <= span.From {
			continue // resumed before it began: no day was paused
		}
		t.Plan.Pauses = append(t.Plan.Pauses, span)
	}
	if t.AuthorLeft != nil {
		// The day the author left is still theirs; nothing is due after it.
		left := progress.Today(*t.AuthorLeft, t.Location()).AddDays(1)
		if t.Plan.Closed == progress.NoDate || left < t.Plan.Closed {
			t.Plan.Closed = left
		}
	}
}

// trackedRow is a promise with its author's time zone and when they left
// the space (nil while a member), as one query returns it.
type trackedRow struct {
	Promise
	AuthorZone string
	AuthorLeft *time.Time
}

// scanTracked reads the rows of q: promiseColumns, the author's time zone
// and authorLeftColumn.
func scanTracked(q *gorm.DB) ([]trackedRow, error) {
	return scanRows(q, func(rows *sql.Rows, r *trackedRow) error {
		var left optTime
		err := scanPromise(rows, &r.Promise, &r.AuthorZone, &left)
		r.AuthorLeft = left.t
		return err
	})
}

// authorLeftJoin joins to a promise (aliased promises) its author's
// memberships of the space (ml), one row per member: when they last left
// it, and whether they have left every time they joined (gone = 1). Its
// argument is the space. The promises' query reads them with the promises
// rather than the space's memberships in a statement of their own.
const authorLeftJoin = "LEFT JOIN (SELECT user_id, MAX(left_at) AS left_at, MIN(CASE WHEN left_at IS NULL THEN 0 ELSE 1 END) AS gone " +
	"FROM memberships WHERE space_id = ? GROUP BY user_id) ml ON ml.user_id = promises.author_id"

// authorLeftColumn is when the author of a promise left the space for the
// last time, or NULL while they are a member (authorLeftJoin).
const authorLeftColumn = "CASE WHEN ml.gone = 1 THEN ml.left_at END"

// loadTracked loads the promises of the acting user's space that they may
// see (one of them when promiseID is set) with their versions and pauses, in
// four queries, without records. A promise another member made before the
// user joined was made to the partner of that time (Scope.Since).
func loadTracked(tx *gorm.DB, sc Scope, promiseID string) ([]*Tracked, error) {
	return loadActive(tx, sc, promiseID, progress.NoDate, 0)
}

// loadActive is loadTracked leaving out, when active is set, the promises
// closed before active, with their versions and pauses, but for the older
// most recently closed of them.
func loadActive(tx *gorm.DB, sc Scope, promiseID string, active progress.Date, older int) ([]*Tracked, error) {
	spaceID := sc.SpaceID
	q := tx.Table("promises").Select(promiseColumns+", users.time_zone, "+authorLeftColumn).
		Joins("JOIN users ON users.id = promises.author_id").Joins(authorLeftJoin, spaceID).
		Scopes(sc.viewer().sees(promiseKind, "promises"))
	if promiseID != "" {
		q = q.Where("promises.id = ?", promiseID)
	}
	if active != progress.NoDate && older == 0 {
		q = q.Where("promises.closed_on IS NULL OR promises.closed_on >= ?", active.String())
	}
	rows, err := scanTracked(q.Order("promises.created_at, promises.id"))
	if err != nil {
		return nil, err
	}
	dropped := false
	if active != progress.NoDate && older > 0 {
		rows, dropped = recentRows(rows, active, older)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	vq := tx.Where("space_id = ?", spaceID)
	pq := tx.Where("space_id = ?", spaceID)
	if promiseID != "" {
		vq, pq = vq.Where("promise_id = ?", promiseID), pq.Where("promise_id = ?", promiseID)
	} else if active != progress.NoDate && (older == 0 || dropped) {
		ids := make([]string, len(rows))
		for i := range rows {
			ids[i] = rows[i].ID
		}
		vq, pq = vq.Where("promise_id IN ?", ids), pq.Where("promise_id IN ?", ids)
	}
	ctx := tx.Statement.Context
	versions, err := findVersions(ctx, vq.Order("promise_id, seq"))
	if err != nil {
		return nil, err
	}
	pauses, err := findPauses(ctx, pq.Order("from_date, created_at"))
	if err != nil {
		return nil, err
	}
	out := make([]*Tracked, len(rows))
	byID := make(map[string]*Tracked, len(rows))
	for i := range rows {
		openRow(ctx, &rows[i].Promise) // scanned, not found: no AfterFind
		t := &Tracked{Promise: rows[i].Promise, AuthorZone: rows[i].AuthorZone, AuthorLeft: rows[i].AuthorLeft, RecordsFrom: progress.NoDate, RunFrom: progress.NoDate}
		out[i], byID[t.ID] = t, t
	}
	for _, v := range versions {
		if t := byID[v.PromiseID]; t != nil {
			t.Agreed = append(t.Agreed, v)
		}
	}
	for _, p := range pauses {
		if t := byID[p.PromiseID]; t != nil {
			t.Pauses = append(t.Pauses, p)
		}
	}
	for _, t := range out {
		t.build()
	}
	return out, nil
}

// recentRows keeps, of rows, those open or closed on active or later, and
// the older most recently closed before active, in their order; dropped is
// whether it left any out. Each row is a promise's own row, a few columns:
// what grows with the promises closed long ago is their versions, pauses,
// records and rendering, which the rows left out spare.
func recentRows(rows []trackedRow, active progress.Date, older int) (kept []trackedRow, dropped bool) {
	a := active.String()
	var before []int
	for i, r := range rows {
		if r.ClosedOn != nil && *r.ClosedOn < a {
			before = append(before, i)
		}
	}
	if len(before) <= older {
		return rows, false
	}
	slices.SortFunc(before, func(i, j int) int {
		if c := cmp.Compare(*rows[j].ClosedOn, *rows[i].ClosedOn); c != 0 {
			return c
		}
		return cmp.Compare(rows[j].ID, rows[i].ID)
	})
	drop := map[int]bool{}
	for _, i := range before[older:] {
		drop[i] = true
	}
	kept = make([]trackedRow, 0, len(rows)-len(drop))
	for i, r := range rows {
		if !drop[i] {
			kept = append(kept, r)
		}
	}
	return kept, true
}

// recordRow is one effective record as the records query returns it.
type recordRow struct {
	PromiseID string
	Date      string
	Outcome   string
	Review    *string
}

// record converts a stored outcome and review kind into a progress.Record.
func record(date, outcome string, review *string) progress.Record {
	r := progress.Record{Date: parseDate(date)}
	switch outcome {
	case OutcomeKept:
		r.Outcome = progress.Kept
	case OutcomeMissed:
		r.Outcome = progress.Missed
	}
	if review != nil {
		switch *review {
		case ReviewConfirm:
			r.Review = progress.Confirmed
		case ReviewDispute:
			r.Review = progress.Disputed
		}
	}
	return r
}

// SpacePromises returns every promise of the acting user's space with its plan
// and its effective records dated from..to (either may be NoDate: no bound),
// in six queries whatever the amount of data. Pages and the dashboard compute
// due dates, rates and weekly series from it with package progress.
func (s *Store) SpacePromises(ctx context.Context, sc Scope, from, to progress.Date) ([]*Tracked, error) {
	return s.ActivePromises(ctx, sc, progress.NoDate, from, to)
}

// ActivePromises is SpacePromises without the promises closed before
// active (NoDate: none left out): what a page of the weeks since active
// needs, whatever the number of promises closed long ago.
func (s *Store) ActivePromises(ctx context.Context, sc Scope, active, from, to progress.Date) ([]*Tracked, error) {
	return s.activePromises(ctx, sc, active, 0, from, to)
}

// activePromises is ActivePromises keeping, of the promises closed before
// active, the older most recently closed.
func (s *Store) activePromises(ctx context.Context, sc Scope, active progress.Date, older int, from, to progress.Date) ([]*Tracked, error) {
	if g := sc.viewer().guest; g != nil {
		// A guest's ledger is the days of its range.
		from, to = max(from, g.From), min(to, g.To)
		if to == progress.NoDate {
			to = g.To
		}
	}
	tx := s.db.WithContext(ctx)
	list, err := loadActive(tx, sc, "", active, older)
	if err != nil || len(list) == 0 {
		return list, err
	}
	q := tx.Table("ledger_entries").
		Select("promise_id, date, outcome, review_kind").
		Where("space_id = ?", sc.SpaceID)
	if from != progress.NoDate {
		q = q.Where("date >= ?", from.String())
	}
	if to != progress.NoDate {
		q = q.Where("date <= ?", to.String())
	}
	// In date order, as the index of a space's records by date gives them,
	// so each promise's records come out sorted; the index holds every
	// column read (with the kind of the record's review, review_kind), so
	// no record is looked up in its table. Scanned by hand: this is the
	// one query whose rows grow with the months.
	rows, err := q.Order("date").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[string]*Tracked, len(list))
	for _, t := range list {
		byID[t.ID] = t
	}
	var r recordRow
	var last *Tracked
	for rows.Next() {
		if err := rows.Scan(&r.PromiseID, &r.Date, &r.Outcome, &r.Review); err != nil {
			return nil, err
		}
		if last == nil || last.ID != r.PromiseID {
			last = byID[r.PromiseID]
		}
		if last != nil {
			last.Records = append(last.Records, record(r.Date, r.Outcome, r.Review))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return list, nil
}

// OpenPromiseCount is how many promises the acting user has that are not closed.
func (s *Store) OpenPromiseCount(ctx context.Context, sc Scope) (int, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&Promise{}).Scopes(sc.viewer().own(promiseKind, "promises")).
		Where("closed_on IS NULL").Count(&n).Error
	return int(n), err
}

// CreatePromise makes a promise of the acting user, in force from their
// today; a private one is a private intention (see promiseKind in visibility.go).
func (s *Store) CreatePromise(ctx context.Context, sc Scope, practice string, private bool, terms Terms) (*Promise, error) {
	p := &Promise{ID: NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, Practice: practice, CreatedAt: s.Now(), Private: private}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		today, err := s.userToday(tx, sc.UserID)
		if err != nil {
			return err
		}
		if err := checkTerms(terms); err != nil {
			return err
		}
		if terms.Schedule.Start < today {
			return Invalid("A promise starts today or later: its start date can't be in the past.")
		}
		if err := tx.Create(p).Error; err != nil {
			return err
		}
		v := newVersion(p, today, terms, "", s.Now())
		v.Seq = 1
		sealIntention(ctx, p, v)
		return tx.Create(v).Error
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// errNobodyToShareIntention refuses to share an intention with nobody.
var errNobodyToShareIntention = Conflict("There is nobody to share this with yet: nobody else is in your space now. It stays private.")

// SharePromise shares one of the acting user's private intentions with
// their partner: from now on it is a promise like any other, with its
// record so far, which the partner may confirm. There is no way back: what
// the partner has seen, and what they wrote on it, stays shared (a promise
// can be closed instead).
func (s *Store) SharePromise(ctx context.Context, sc Scope, id string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var p Promise
		if err := tx.Model(&Promise{}).Scopes(sc.viewer().own(promiseKind, "promises")).Where("id = ?", id).Take(&p).Error; err != nil {
			return notFound(err)
		}
		if !p.Private {
			return Conflict("This promise is already shared with your partner.")
		}
		partner, err := currentPartner(tx, sc)
		if err != nil {
			return err
		}
		if partner == "" {
			return errNobodyToShareIntention
		}
		res := tx.Model(&Promise{}).Where("id = ? AND space_id = ?", id, sc.SpaceID).Where(privateOnlyCond(promiseKind, "promises")).
			UpdateColumns(map[string]any{"private": false, "shared_at": s.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return Conflict("This promise is already shared with your partner.")
		}
		// Its terms and notes were sealed with the author's key: shared,
		// they are stored readable for the partner.
		return eachIntentionRow(tx, tx.Model(&Promise{}).Select("id").Where("id = ?", id), false, sc.UserID,
			func(part intentionPart, r sealable) error {
				if _, _, _, sealed, _ := r.sealRef(); *sealed != "" { // it did not open: the key is lost
					return errIntentionLocked
				}
				return tx.Model(r).UpdateColumns(sealedColumns(r, part.cols...)).Error
			})
	})
}

var errIntentionLocked = Conflict("This intention's words cannot be read any more (see Settings, Private text), so it cannot be shared.")

// Renegotiate agrees new terms for the acting user's promise, in force from
// from (today or later, after every recorded date); earlier days stay judged
// by the terms in force then. note says why, and is required.
func (s *Store) Renegotiate(ctx context.Context, sc Scope, id string, from progress.Date, terms Terms, note string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		// Renegotiations of one promise happen one after another, each
		// numbering its version after the last (PostgreSQL locks the row;
		// SQLite runs one writing transaction at a time).
		var locked []string
		if err := tx.Model(&Promise{}).Clauses(clause.Locking{Strength: "UPDATE"}).
			Where("id = ? AND space_id = ?", id, sc.SpaceID).Pluck("id", &locked).Error; err != nil {
			return err
		}
		t, today, err := s.authorsPromise(tx, sc, id, "renegotiate")
		if err != nil {
			return err
		}
		if strings.TrimSpace(note) == "" {
			return Invalid("Please say why the promise changes: the note is kept with the new terms.")
		}
		if from < today {
			return Invalid("New terms can't start in the past: past days are judged by what was agreed then.")
		}
		last, err := lastRecorded(tx, t.ID)
		if err != nil {
			return err
		}
		if last != progress.NoDate && last >= from {
			return Invalid(fmt.Sprintf("%s is already recorded under the current terms, so the new terms can start on %s at the earliest.",
				DayWords(last), DayWords(last.AddDays(1))))
		}
		if err := checkTerms(terms); err != nil {
			return err
		}
		sch := terms.Schedule
		switch {
		case sch.Kind == progress.KindOnce && sch.Due < from:
			return Invalid("The due date comes before the new terms start. Choose a due date on or after " + DayWords(from) + ".")
		case sch.End != progress.NoDate && sch.End < from:
			return Invalid("The end date comes before the new terms start. To stop the promise, close it instead.")
		}
		var n int64
		if err := tx.Model(&PromiseVersion{}).Where("promise_id = ?", t.ID).Count(&n).Error; err != nil {
			return err
		}
		v := newVersion(&t.Promise, from, terms, note, s.Now())
		v.Seq = int(n) + 1
		sealIntention(ctx, &t.Promise, v)
		if err := tx.Create(v).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
			return errChangedMeanwhile
		} else if err != nil {
			return err
		}
		return nil
	})
}

// PausePromise pauses the acting user's promise from today (from tomorrow
// when today is already recorded): paused days are not due.
func (s *Store) PausePromise(ctx context.Context, sc Scope, id, note string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		t, today, err := s.authorsPromise(tx, sc, id, "pause")
		if err != nil {
			return err
		}
		if t.OpenPause() != nil {
			return Conflict("This promise is already paused.")
		}
		from, err := firstOpenDay(tx, t.ID, today)
		if err != nil {
			return err
		}
		pause := &PromisePause{ID: NewID(), PromiseID: t.ID, SpaceID: t.SpaceID, FromDate: from.String(), Note: note, CreatedAt: s.Now(), authorID: t.AuthorID}
		sealIfPrivate(ctx, t.Private, pause)
		err = tx.Create(pause).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return Conflict("This promise is already paused.")
		}
		return err
	})
}

// ResumePromise ends the pause of the acting user's promise: it is due again from today.
func (s *Store) ResumePromise(ctx context.Context, sc Scope, id string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		t, today, err := s.authorsPromise(tx, sc, id, "resume")
		if err != nil {
			return err
		}
		p := t.OpenPause()
		if p == nil {
			return Conflict("This promise isn't paused.")
		}
		to := max(today, parseDate(p.FromDate))
		res := tx.Model(&PromisePause{}).Where("id = ? AND space_id = ? AND to_date IS NULL", p.ID, sc.SpaceID).
			Updates(map[string]any{"to_date": to.String(), "ended_at": s.Now()})
		if res.Error == nil && res.RowsAffected == 0 {
			return Conflict("This promise isn't paused.")
		}
		return res.Error
	})
}

// ClosePromise closes the acting user's promise as done or given up, with a
// note: nothing is due from today (from tomorrow when today is recorded).
func (s *Store) ClosePromise(ctx context.Context, sc Scope, id, kind, note string) error {
	if kind != CloseDone && kind != CloseGivenUp {
		return Invalid("Please say whether the promise is done or you are giving it up.")
	}
	if strings.TrimSpace(note) == "" {
		return Invalid("Please add a note about closing the promise.")
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		t, today, err := s.authorsPromise(tx, sc, id, "close")
		if err != nil {
			return err
		}
		on, err := firstOpenDay(tx, t.ID, today)
		if err != nil {
			return err
		}
		closing := Promise{ID: t.ID, AuthorID: t.AuthorID, CloseNote: note}
		sealIfPrivate(ctx, t.Private, &closing)
		res := tx.Model(&Promise{}).Where("id = ? AND space_id = ? AND closed_on IS NULL", t.ID, sc.SpaceID).
			Updates(map[string]any{"closed_on": on.String(), "close_kind": kind, "close_note": closing.CloseNote,
				"sealed": closing.Sealed, "closed_at": s.Now(), "due_days": dueDays(t.Plan, on)})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrPromiseClosed
		}
		// A pause still running ends with the promise.
		if p := t.OpenPause(); p != nil {
			to := max(on, parseDate(p.FromDate))
			return tx.Model(&PromisePause{}).Where("id = ? AND to_date IS NULL", p.ID).
				Updates(map[string]any{"to_date": to.String(), "ended_at": s.Now()}).Error
		}
		return nil
	})
}

// Refusals shared by the promise rules.
var (
	ErrPromiseClosed    = Gone("This promise is closed: it takes no more records or changes.")
	errAuthorGone       = Conflict("The one who made this promise has left the space: it is kept as it was and takes no more records.")
	errChangedMeanwhile = Conflict("The promise was changed at the same moment. Open it again to see its terms now, then try again.")
)

// NotAuthor refuses a change (what names it) that only the author of a
// promise may make. The partner sees the promise, so this is no secret.
func NotAuthor(what string) error {
	return Conflict("Only the one who made a promise can " + what + " it. You can confirm what they record, or say you saw it differently.")
}

// authorsPromise loads promise id for a change only its author may make
// (what names it, for the message), and the author's today.
func (s *Store) authorsPromise(tx *gorm.DB, sc Scope, id, what string) (*Tracked, progress.Date, error) {
	list, err := loadTracked(tx, sc, id)
	if err != nil {
		return nil, 0, err
	}
	if len(list) == 0 {
		return nil, 0, ErrNotFound
	}
	t := list[0]
	switch {
	case t.AuthorID != sc.UserID:
		return nil, 0, NotAuthor(what)
	case t.Closed():
		return nil, 0, ErrPromiseClosed
	}
	return t, t.Today(s.Now()), nil
}

// userToday is the user's local date now.
func (s *Store) userToday(tx *gorm.DB, userID string) (progress.Date, error) {
	var u User
	if err := tx.Select("id", "time_zone").Where("id = ?", userID).Take(&u).Error; err != nil {
		return 0, notFound(err)
	}
	return progress.Today(s.Now(), u.Location()), nil
}

// checkTerms refuses terms a form should have caught: no title, a schedule that does not hold.
func checkTerms(terms Terms) error {
	if strings.TrimSpace(terms.Title) == "" {
		return Invalid("A promise needs a title: what, concretely, you will do.")
	}
	if err := terms.Schedule.Validate(); err != nil {
		msg := err.Error()
		return Invalid(strings.ToUpper(msg[:1]) + msg[1:] + ".")
	}
	return nil
}

// newVersion is a version of p with terms, in force from from.
func newVersion(p *Promise, from progress.Date, terms Terms, note string, now time.Time) *PromiseVersion {
	s := terms.Schedule
	v := &PromiseVersion{ID: NewID(), PromiseID: p.ID, SpaceID: p.SpaceID, FromDate: from.String(), Title: terms.Title,
		Details: terms.Details, Kind: string(s.Kind), StartDate: s.Start.String(), EndDate: optDate(s.End), Note: note, CreatedAt: now}
	if s.Kind == progress.KindOnce {
		v.Due = optDate(s.Due)
	}
	if s.Kind == progress.KindWeekdays {
		v.Weekdays = int(s.Weekdays)
	}
	return v
}

// lastRecorded is the latest date recorded for the promise, NoDate when none.
func lastRecorded(tx *gorm.DB, promiseID string) (progress.Date, error) {
	var last *string
	if err := tx.Model(&LedgerEntry{}).Select("MAX(date)").Where("promise_id = ?", promiseID).Scan(&last).Error; err != nil {
		return 0, err
	}
	return parseOptDate(last), nil
}

// firstOpenDay is today, or tomorrow when today is already recorded: a pause
// or a closing never takes back a day the author has recorded.
func firstOpenDay(tx *gorm.DB, promiseID string, today progress.Date) (progress.Date, error) {
	last, err := lastRecorded(tx, promiseID)
	if err != nil {
		return 0, err
	}
	if last != progress.NoDate && last >= today {
		return last.AddDays(1), nil
	}
	return today, nil
}

// DayWords writes a date as people read it: "Tue 10 March 2026".
func DayWords(d progress.Date) string {
	if d == progress.NoDate {
		return ""
	}
	return d.Time(time.UTC).Format("Mon 2 January 2006")
}

// parseDate reads a stored date; a malformed one (never written by this code) reads as NoDate.
func parseDate(s string) progress.Date {
	d, err := progress.ParseDate(s)
	if err != nil {
		return progress.NoDate
	}
	return d
}

func parseOptDate(s *string) progress.Date {
	if s == nil {
		return progress.NoDate
	}
	return parseDate(*s)
}

func optDate(d progress.Date) *string {
	if d == progress.NoDate {
		return nil
	}
	s := d.String()
	return &s
}

// PromiseByID loads one promise of the acting user's space with its plan, without records.
func (s *Store) PromiseByID(ctx context.Context, sc Scope, id string) (*Tracked, error) {
	list, err := loadTracked(s.db.WithContext(ctx), sc, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, ErrNotFound
	}
	return list[0], nil
}

package seed

// table is one table the generator fills. The order is the order of
// insertion: every table comes after the tables its rows refer to, so that
// foreign keys hold at every statement.
type table int

const (
	tUsers table = iota
	tSpaces
	tMemberships
	tInvitations
	tPromises
	tVersions
	tPauses
	tEntries
	tReviews
	tCheckins
	tReflections
	tJournal
	tReplies
	tGratitude
	tBookmarks
	tAgreements
	tAgreementEvents
	tQuestions
	tRounds
	tAnswers
	tTriggers
	tResponses
	nTables
)

// tableSpec is a table's name and the columns the generator writes, in the
// order its rows list their values.
type tableSpec struct {
	name string
	cols []string
}

var tables = [nTables]tableSpec{
	tUsers:       {"users", []string{"id", "email", "name", "password_hash", "time_zone", "created_at", "updated_at"}},
	tSpaces:      {"spaces", []string{"id", "name", "created_at"}},
	tMemberships: {"memberships", []string{"id", "space_id", "user_id", "role", "role_shared", "joined_at", "left_at", "seat"}},
	tInvitations: {"invitations", []string{"id", "space_id", "created_by", "token_hash", "created_at", "expires_at", "used_at", "used_by", "revoked_at"}},
	tPromises:    {"promises", []string{"id", "space_id", "author_id", "practice", "created_at", "closed_on", "close_kind", "close_note", "closed_at"}},
	tVersions: {"promise_versions", []string{"id", "promise_id", "space_id", "from_date", "title", "details", "kind", "due", "weekdays",
		"start_date", "end_date", "note", "created_at", "seq"}},
	tPauses:      {"promise_pauses", []string{"id", "promise_id", "space_id", "from_date", "to_date", "note", "created_at", "ended_at"}},
	tEntries:     {"ledger_entries", []string{"id", "space_id", "promise_id", "author_id", "date", "outcome", "note", "created_at", "run_from"}},
	tReviews:     {"ledger_reviews", []string{"id", "space_id", "entry_id", "reviewer_id", "kind", "note", "reply", "replied_at", "created_at"}},
	tCheckins:    {"checkins", []string{"id", "space_id", "author_id", "date", "safe", "trust", "connected", "mood", "note", "private", "created_at", "updated_at"}},
	tReflections: {"reflections", []string{"id", "space_id", "author_id", "week_start", "helped", "hard", "need", "next_step", "practice", "visibility", "created_at"}},
	tJournal: {"journal_entries", []string{"id", "space_id", "author_id", "title", "body", "practice", "prompt", "shared", "shared_at",
		"search_text", "created_at", "updated_at"}},
	tReplies:   {"journal_replies", []string{"id", "space_id", "entry_id", "author_id", "body", "created_at"}},
	tGratitude: {"gratitude_notes", []string{"id", "space_id", "from_id", "to_id", "body", "practice", "received_at", "heart", "reply", "replied_at", "created_at"}},
	tBookmarks: {"bookmarks", []string{"id", "space_id", "user_id", "slug", "note", "shared", "created_at", "updated_at"}},
	tAgreements: {"agreements", []string{"id", "space_id", "author_id", "body", "review_on", "state", "note", "accepted_at", "ended_at",
		"ended_by", "end_note", "created_at", "updated_at"}},
	tAgreementEvents: {"agreement_events", []string{"id", "agreement_id", "space_id", "author_id", "what", "body", "note", "review_on", "seq", "created_at"}},
	tQuestions:       {"questions", []string{"id", "space_id", "author_id", "body", "practice", "sent_at", "state", "created_at", "updated_at"}},
	tRounds: {"question_rounds", []string{"id", "question_id", "space_id", "seq", "body", "defer_kind", "defer_note", "deferred_at",
		"created_at"}},
	tAnswers:   {"question_answers", []string{"id", "question_id", "round_id", "space_id", "author_id", "body", "practice", "created_at"}},
	tTriggers:  {"triggers", []string{"id", "space_id", "author_id", "occurred_at", "strength", "cause", "helped", "shared", "shared_at", "created_at"}},
	tResponses: {"trigger_responses", []string{"id", "trigger_id", "space_id", "author_id", "kind", "note", "created_at"}},
}

// TableNames lists the tables a seed run fills, in the order it fills them.
func TableNames() []string {
	out := make([]string, nTables)
	for i, t := range tables {
		out[i] = t.name
	}
	return out
}

// batch holds the rows of one couple, table by table, as flat lists of
// column values.
type batch struct {
	vals [nTables][]any
}

// add appends one row to t; the values follow tables[t].cols.
func (b *batch) add(t table, v ...any) {
	b.vals[t] = append(b.vals[t], v...)
}

// rows is how many rows t holds.
func (b *batch) rows(t table) int { return len(b.vals[t]) / len(tables[t].cols) }

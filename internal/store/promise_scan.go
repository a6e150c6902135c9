package store

import (
	"context"
	"database/sql"
	"time"

	"gorm.io/gorm"
)

// The rows loadActive reads for every dashboard and promises page (the
// promises, their versions and pauses) are scanned column by column: through
// GORM's reflection, scanning them cost more than SQLite's reading them.
// Each select names its columns in the order they are scanned;
// TestPromiseScansMatchFind compares what they read with GORM's Find.

// promiseColumns are the columns of promises (aliased promises) that
// scanPromise reads.
const promiseColumns = "promises.id, promises.space_id, promises.author_id, promises.practice, promises.created_at, promises.closed_on, " +
	"promises.close_kind, promises.close_note, promises.closed_at, promises.due_days, promises.private, promises.shared_at, promises.sealed"

// scanPromise reads promiseColumns and then the rest of dest.
func scanPromise(rows interface{ Scan(...any) error }, p *Promise, rest ...any) error {
	var created anyTime
	var closedAt, sharedAt optTime
	dest := append([]any{&p.ID, &p.SpaceID, &p.AuthorID, &p.Practice, &created, &p.ClosedOn,
		&p.CloseKind, &p.CloseNote, &closedAt, &p.DueDays, &p.Private, &sharedAt, &p.Sealed}, rest...)
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	p.CreatedAt, p.ClosedAt, p.SharedAt = created.Time, closedAt.t, sharedAt.t
	return nil
}

// versionColumns are the columns of promise_versions that findVersions reads.
const versionColumns = "id, promise_id, space_id, from_date, title, details, kind, due, weekdays, start_date, end_date, note, seq, created_at, sealed"

// findVersions reads the versions q selects, opened as AfterFind would.
func findVersions(ctx context.Context, q *gorm.DB) ([]PromiseVersion, error) {
	return scanRows(q.Table("promise_versions").Select(versionColumns), func(rows *sql.Rows, v *PromiseVersion) error {
		var created anyTime
		if err := rows.Scan(&v.ID, &v.PromiseID, &v.SpaceID, &v.FromDate, &v.Title, &v.Details, &v.Kind, &v.Due, &v.Weekdays,
			&v.StartDate, &v.EndDate, &v.Note, &v.Seq, &created, &v.Sealed); err != nil {
			return err
		}
		v.CreatedAt = created.Time
		openRow(ctx, v)
		return nil
	})
}

// pauseColumns are the columns of promise_pauses that findPauses reads.
const pauseColumns = "id, promise_id, space_id, from_date, to_date, note, created_at, ended_at, sealed"

// findPauses reads the pauses q selects, opened as AfterFind would.
func findPauses(ctx context.Context, q *gorm.DB) ([]PromisePause, error) {
	return scanRows(q.Table("promise_pauses").Select(pauseColumns), func(rows *sql.Rows, p *PromisePause) error {
		var created anyTime
		var ended optTime
		if err := rows.Scan(&p.ID, &p.PromiseID, &p.SpaceID, &p.FromDate, &p.ToDate, &p.Note, &created, &ended, &p.Sealed); err != nil {
			return err
		}
		p.CreatedAt, p.EndedAt = created.Time, ended.t
		openRow(ctx, p)
		return nil
	})
}

// scanRows runs q and reads each of its rows with scan.
func scanRows[T any](q *gorm.DB, scan func(*sql.Rows, *T) error) ([]T, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// optTime scans a timestamp that may be NULL.
type optTime struct{ t *time.Time }

// Scan implements sql.Scanner.
func (o *optTime) Scan(v any) error {
	if v == nil {
		o.t = nil
		return nil
	}
	var a anyTime
	if err := a.Scan(v); err != nil {
		return err
	}
	o.t = &a.Time
	return nil
}

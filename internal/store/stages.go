package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// What became of a proposal to change the couple's stage of the path.
const (
	StageOpen      = ""          // waiting for the partner
	StageAgreed    = "agreed"    // the partner agreed; the space moved
	StageDeclined  = "declined"  // the partner did not agree
	StageWithdrawn = "withdrawn" // the proposer took it back
	StageSet       = "set"       // made while alone in the space, so applied at once
)

// StageChange is one proposal to move the space to another stage of the
// path, and what became of it. The rows are the couple's history of the path.
type StageChange struct {
	ID         string `gorm:"primaryKey"`
	SpaceID    string
	FromStage  int
	ToStage    int
	ProposedBy *string // nil once the account is deleted
	ProposedAt time.Time
	Outcome    string
	DecidedBy  *string
	DecidedAt  *time.Time
}

// Proposer is the id of who proposed c ("" once the account is gone).
func (c StageChange) Proposer() string {
	if c.ProposedBy == nil {
		return ""
	}
	return *c.ProposedBy
}

// PathState is where the couple is on the path: the stage they agreed on and
// the proposal waiting for an answer, if any.
type PathState struct {
	Stage int
	Open  *StageChange
}

// Stage returns the stage of the acting user's space.
func (s *Store) Stage(ctx context.Context, sc Scope) (int, error) {
	var stage int
	err := s.db.WithContext(ctx).Raw("SELECT stage FROM spaces WHERE id = ?", sc.SpaceID).Scan(&stage).Error
	return stage, err
}

// Path returns the acting user's space's stage and its open proposal.
func (s *Store) Path(ctx context.Context, sc Scope) (PathState, error) {
	tx := s.db.WithContext(ctx)
	var st PathState
	if err := tx.Raw("SELECT stage FROM spaces WHERE id = ?", sc.SpaceID).Scan(&st.Stage).Error; err != nil {
		return st, err
	}
	var open []StageChange
	if err := tx.Where("space_id = ? AND outcome = ?", sc.SpaceID, StageOpen).Limit(1).Find(&open).Error; err != nil {
		return st, err
	}
	if len(open) == 1 {
		st.Open = &open[0]
	}
	return st, nil
}

// ProposeStage proposes moving the acting user's space to stage to (which
// the caller has checked is a stage). With a partner in the space the change
// waits for their agreement; alone, it applies at once. It reports whether
// the stage changed. Only one proposal of a space is open at a time.
func (s *Store) ProposeStage(ctx context.Context, sc Scope, to int) (applied bool, err error) {
	if to < 0 {
		return false, Invalid("Please choose one of the stages.")
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		var from int
		if err := tx.Raw("SELECT stage FROM spaces WHERE id = ?", sc.SpaceID).Scan(&from).Error; err != nil {
			return err
		}
		if from == to {
			return Conflict("That is already the stage you are in.")
		}
		n, err := countMembers(tx, sc.SpaceID)
		if err != nil {
			return err
		}
		now := s.Now()
		c := &StageChange{ID: NewID(), SpaceID: sc.SpaceID, FromStage: from, ToStage: to,
			ProposedBy: &sc.UserID, ProposedAt: now, Outcome: StageOpen}
		if n < 2 {
			c.Outcome, c.DecidedBy, c.DecidedAt = StageSet, &sc.UserID, &now
			applied = true
		}
		if err := tx.Create(c).Error; err != nil {
			if conflict(err) == ErrConflict {
				return Conflict("A change of stage is already waiting for an answer. Answer or withdraw it first.")
			}
			return err
		}
		if applied {
			return moveStage(tx, sc.SpaceID, from, to)
		}
		return nil
	})
	return applied, err
}

// AnswerStage settles the open proposal id of the acting user's space: the
// partner of the proposer agrees (the space moves to its stage) or declines;
// the proposer may withdraw it. Anything else is ErrNotFound or a refusal.
func (s *Store) AnswerStage(ctx context.Context, sc Scope, id, outcome string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var c StageChange
		if err := tx.Where("id = ? AND space_id = ? AND proposed_at >= ?", id, sc.SpaceID, sc.Since).Take(&c).Error; err != nil {
			return notFound(err)
		}
		if c.Outcome != StageOpen {
			return Conflict("This proposal has already been answered.")
		}
		mine := c.Proposer() == sc.UserID
		switch {
		case outcome == StageWithdrawn && !mine:
			return Conflict("Only the partner who proposed it can withdraw it.")
		case (outcome == StageAgreed || outcome == StageDeclined) && mine:
			return Conflict("Your partner answers your proposal; you can withdraw it.")
		case outcome != StageWithdrawn && outcome != StageAgreed && outcome != StageDeclined:
			return Invalid("Please choose an answer.")
		}
		now := s.Now()
		res := tx.Model(&StageChange{}).Where("id = ? AND outcome = ?", c.ID, StageOpen).
			Updates(map[string]any{"outcome": outcome, "decided_by": sc.UserID, "decided_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return Conflict("This proposal has already been answered.")
		}
		if outcome == StageAgreed {
			return moveStage(tx, sc.SpaceID, c.FromStage, c.ToStage)
		}
		return nil
	})
}

// moveStage moves the space from stage from to stage to, refusing when it
// has moved meanwhile.
func moveStage(tx *gorm.DB, spaceID string, from, to int) error {
	res := tx.Exec("UPDATE spaces SET stage = ? WHERE id = ? AND stage = ?", to, spaceID, from)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return Conflict("Your stage changed meanwhile. Please look again.")
	}
	return nil
}

// StageHistory returns up to limit proposals of the acting user's space made
// since they joined (the couple's history of the path), newest first.
func (s *Store) StageHistory(ctx context.Context, sc Scope, limit int) ([]StageChange, error) {
	var out []StageChange
	err := s.db.WithContext(ctx).Where("space_id = ? AND proposed_at >= ?", sc.SpaceID, sc.Since).
		Order("proposed_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// KindStages is the timeline's kind of the couple's path: stages proposed,
// agreed, declined, withdrawn, or set while alone.
const KindStages = "stages"

// stageEvents are the timeline's events of the path, for proposals made
// since the acting user joined: the proposal (or a stage set alone), and
// its answer. Detail is the stage proposed; OwnerID the proposer.
var stageEvents = []branch{
	{"c.proposed_at", `SELECT 'stages' AS kind, CASE WHEN c.outcome = 'set' THEN 'set' ELSE 'proposed' END AS what, c.id AS id,
	'' AS parent_id, COALESCE(c.proposed_by, '') AS author_id, '' AS owner_id, c.proposed_at AS happened_at, '' AS title,
	'' AS excerpt, CAST(c.to_stage AS TEXT) AS detail, '' AS day, 0 AS safe, 0 AS trust, 0 AS connected, FALSE AS heart
	FROM stage_changes c WHERE c.space_id = @space AND c.proposed_at >= @since AND %s`},
	{"c.decided_at", `SELECT 'stages', c.outcome, c.id AS id, '', COALESCE(c.decided_by, '') AS author_id, COALESCE(c.proposed_by, '') AS owner_id, c.decided_at AS happened_at, '',
	'', CAST(c.to_stage AS TEXT), '', 0, 0, 0, FALSE
	FROM stage_changes c WHERE c.space_id = @space AND c.proposed_at >= @since AND c.outcome IN ('agreed', 'declined', 'withdrawn') AND %s`},
}

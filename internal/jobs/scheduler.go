package jobs

import (
	"context"
	"log/slog"
	"time"

	"mend/internal/mail"
	"mend/internal/metrics"
	"mend/internal/progress"
	"mend/internal/store"
)

// Defaults of a Scheduler.
const (
	DefaultInterval    = time.Minute
	DefaultGrace       = 2 * time.Hour // a reminder missed by longer is skipped
	DefaultMaxAttempts = 5
	retryBase          = time.Minute // back-off after a failed send: 1, 2, 4, 8... minutes
	retryMax           = 30 * time.Minute
	pruneEvery         = time.Hour
	keepRecords        = 30 * 24 * time.Hour // records of reminders and used or expired mailed tokens
)

// Scheduler sends the reminders by mail. Several may run on one database:
// the database decides which one sends each reminder (store.ClaimReminder).
type Scheduler struct {
	Store       *store.Store
	Mailer      mail.Sender
	BaseURL     string
	ID          string           // names this server in the claims; any unique string
	Now         func() time.Time // time.Now when nil
	Log         *slog.Logger     // discarded when nil
	Interval    time.Duration    // between passes; DefaultInterval when 0
	Grace       time.Duration    // DefaultGrace when 0
	MaxAttempts int              // DefaultMaxAttempts when 0
	Metrics     *metrics.Metrics // counts sends and failures; nil counts nothing
}

func (s *Scheduler) defaults() {
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
	if s.Interval <= 0 {
		s.Interval = DefaultInterval
	}
	if s.Grace <= 0 {
		s.Grace = DefaultGrace
	}
	if s.MaxAttempts <= 0 {
		s.MaxAttempts = DefaultMaxAttempts
	}
	if s.ID == "" {
		s.ID = store.NewID()
	}
}

// Run makes a pass every Interval until ctx ends, then returns.
func (s *Scheduler) Run(ctx context.Context) {
	s.defaults()
	t := time.NewTicker(s.Interval)
	defer t.Stop()
	var pruned time.Time
	for {
		if now := s.Now(); now.Sub(pruned) >= pruneEvery {
			pruned = now
			if n, err := s.Store.PruneReminders(ctx, now.Add(-keepRecords)); err != nil && ctx.Err() == nil {
				s.Log.Warn("prune reminders", "err", err)
			} else if n > 0 {
				s.Log.Info("pruned reminders", "count", n)
			}
		}
		if n, err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.Log.Warn("reminders", "err", err)
		} else if n > 0 {
			s.Log.Info("reminders sent", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tick makes one pass: it reads the members with mail reminders on, and for
// each reminder due now claims it and sends it. It returns how many mails
// it sent.
func (s *Scheduler) Tick(ctx context.Context) (int, error) {
	s.defaults()
	members, err := s.Store.ReminderMembers(ctx)
	if err != nil {
		return 0, err
	}
	now := s.Now()
	sent := 0
	for i := range members {
		m := &members[i]
		loc := progress.Zone(m.TimeZone)
		for _, d := range DueAt(&m.ReminderSettings, loc, now, s.Grace) {
			if ctx.Err() != nil {
				return sent, ctx.Err()
			}
			ok, err := s.deliver(ctx, m, d)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
	}
	return sent, nil
}

// deliver claims d and sends it. Only a send that failed is tried again,
// after a back-off: a server stopped in the middle of a send leaves the claim
// as it is, so that no reminder can go out twice.
func (s *Scheduler) deliver(ctx context.Context, m *store.ReminderMember, d Due) (bool, error) {
	date := d.Date.String()
	attempt, err := s.Store.ClaimReminder(ctx, m.UserID, d.Kind, date, s.ID, s.MaxAttempts)
	if err != nil || attempt == 0 {
		return false, err
	}
	msg, ok, err := s.message(ctx, m, d)
	if err != nil {
		return false, err
	}
	if !ok { // nothing to say today: recorded, not sent
		return false, s.Store.ReminderSent(ctx, m.UserID, d.Kind, date)
	}
	if err := s.Mailer.Send(ctx, msg); err != nil {
		wait := min(retryBase<<(attempt-1), retryMax)
		s.Log.Warn("reminder not sent", "user", m.UserID, "kind", d.Kind, "attempt", attempt, "retry_in", wait.String(), "err", err)
		s.Metrics.ReminderFailed()
		return false, s.Store.ReminderFailed(ctx, m.UserID, d.Kind, date, s.Now().Add(wait))
	}
	s.Metrics.ReminderSent()
	return true, s.Store.ReminderSent(ctx, m.UserID, d.Kind, date)
}

// message builds the mail for d from counts alone; ok is false when a
// summary would have nothing to say.
func (s *Scheduler) message(ctx context.Context, m *store.ReminderMember, d Due) (mail.Message, bool, error) {
	if d.Kind == KindCheckin {
		return mail.CheckinReminder(m.Email, s.BaseURL), true, nil
	}
	sc, err := s.Store.ScopeOf(ctx, m.UserID)
	if err != nil {
		return mail.Message{}, false, err
	}
	own, err := s.Store.OwnPromises(ctx, sc)
	if err != nil {
		return mail.Message{}, false, err
	}
	sum := mail.Summary{Reflection: m.ReflectionDay >= 0 && d.Date.Weekday() == time.Weekday(m.ReflectionDay)}
	for _, t := range own {
		if !t.Ended() && t.Plan.IsDue(d.Date) {
			sum.Due++
		}
	}
	waiting, err := s.Store.WaitingCount(ctx, sc, d.Date, d.Date.WeekStart(time.Monday))
	if err != nil {
		return mail.Message{}, false, err
	}
	sum.Waiting = int(waiting)
	if sum.Empty() {
		return mail.Message{}, false, nil
	}
	return mail.SummaryMail(m.Email, s.BaseURL, sum), true, nil
}

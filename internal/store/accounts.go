package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// The methods in this file serve the operator's command line (mend user ...).
// They act on accounts as a whole and read nothing anyone wrote.

// Account is what the operator sees of an account: never entry content.
type Account struct {
	ID        string
	Email     string
	Name      string
	CreatedAt time.Time
	LastSeen  *time.Time // the latest request of any of its login sessions still kept
	InSpace   bool
	Disabled  bool
	TwoStep   bool
}

// Accounts lists every account of the installation, oldest first.
func (s *Store) Accounts(ctx context.Context) ([]Account, error) {
	db := s.db.WithContext(ctx)
	var users []User
	if err := db.Scopes(realAccounts).Order("created_at, id").Find(&users).Error; err != nil {
		return nil, err
	}
	var members []string
	if err := db.Model(&Membership{}).Where("left_at IS NULL").Pluck("user_id", &members).Error; err != nil {
		return nil, err
	}
	var seen []LoginSession
	if err := db.Select("user_id", "last_seen_at").Where("user_id IS NOT NULL").Find(&seen).Error; err != nil {
		return nil, err
	}
	inSpace := map[string]bool{}
	for _, id := range members {
		inSpace[id] = true
	}
	last := map[string]time.Time{}
	for _, ls := range seen {
		if t, ok := last[*ls.UserID]; !ok || ls.LastSeenAt.After(t) {
			last[*ls.UserID] = ls.LastSeenAt
		}
	}
	out := make([]Account, len(users))
	for i, u := range users {
		out[i] = Account{ID: u.ID, Email: u.Email, Name: u.Name, CreatedAt: u.CreatedAt, InSpace: inSpace[u.ID],
			Disabled: u.DisabledAt != nil, TwoStep: u.TOTPSecret != ""}
		if t, ok := last[u.ID]; ok {
			out[i].LastSeen = &t
		}
	}
	return out, nil
}

// AccountByEmail finds the account with email, disabled or not.
func (s *Store) AccountByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.db.WithContext(ctx).Scopes(realAccounts).Where("email = ?", NormalizeEmail(email)).Take(&u).Error
	return &u, notFound(err)
}

// SetDisabled disables (true) or enables the account with id. Disabling
// ends its login sessions in the same transaction.
func (s *Store) SetDisabled(ctx context.Context, id string, disabled bool) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var at *time.Time
		if disabled {
			now := s.Now()
			at = &now
		}
		res := tx.Model(&User{}).Scopes(realAccounts).Where("id = ?", id).Updates(map[string]any{"disabled_at": at, "updated_at": s.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if !disabled {
			return nil
		}
		return tx.Where("user_id = ?", id).Delete(&LoginSession{}).Error
	})
}

// EndAllLoginSessions ends every session of the installation, visitors'
// included, and returns how many logins (sessions of an account) it ended.
func (s *Store) EndAllLoginSessions(ctx context.Context) (int64, error) {
	var n int64
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&LoginSession{}).Where("user_id IS NOT NULL").Count(&n).Error; err != nil {
			return err
		}
		return tx.Where("1 = 1").Delete(&LoginSession{}).Error
	})
	return n, err
}

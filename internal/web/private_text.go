package web

import (
	"slices"

	"github.com/labstack/echo/v4"

	"mend/internal/auth"
	"mend/internal/seal"
	"mend/internal/store"
	"mend/views"
)

// lockedWhat names a kind of locked item, and where the item is shown.
var lockedWhat = map[string]struct{ what, href string }{
	"journal":    {"Journal entry", "/journal/"},
	"checkin":    {"Check-in note", ""},
	"reflection": {"Reflection", "/reflections/"},
	"bookmark":   {"Bookmark note", ""},
	"trigger":    {"Trigger", "/triggers/"},
	"question":   {"Draft question", "/questions/"},
	"intention":  {"Private intention", "/promises/"},
}

// privateTextView is the private text page of the acting user.
func (s *Server) privateTextView(c echo.Context, code, recover *views.Form) (views.PrivateTextView, error) {
	u := actorOf(c).user
	v := views.PrivateTextView{HasRecoveryCode: u.KeyByRecovery != "", Code: code, Recover: recover}
	if u.KeyLostAt == nil {
		return v, nil
	}
	loc := u.Location()
	v.LostSince = views.DayTime(u.KeyLostAt.In(loc))
	items, err := s.store.LockedItems(c.Request().Context(), scope(c))
	if err != nil {
		return v, err
	}
	for _, it := range items {
		w := lockedWhat[it.Kind]
		lv := views.LockedItemView{What: w.what, Written: views.DayTime(it.CreatedAt.In(loc))}
		if w.href != "" {
			lv.Href = w.href + it.ID
		}
		v.Locked = append(v.Locked, lv)
	}
	return v, nil
}

func (s *Server) privateText(c echo.Context) error {
	v, err := s.privateTextView(c, views.NewForm(), views.NewForm())
	if err != nil {
		return err
	}
	return s.page(c, "Private text", views.PrivateTextPage(v))
}

// newRecoveryCode makes a recovery code for the acting user's data key,
// after their password, and shows it once: the response to the post,
// never a page that could be opened again.
func (s *Server) newRecoveryCode(c echo.Context) error {
	a := actorOf(c)
	f := readForm(c, "password")
	if wait, err := s.checkCurrentPassword(c, f, "password", "to make a recovery code"); err != nil {
		return err
	} else if wait > 0 {
		return &tooMany{wait: wait}
	}
	if !f.Valid() {
		delete(f.Values, "password")
		v, err := s.privateTextView(c, f, views.NewForm())
		if err != nil {
			return err
		}
		return invalid("Private text", views.PrivateTextPage(v))
	}
	dk, _ := auth.DataKey(a.sess) // a logged-in actor has it (loadActor)
	code := seal.NewRecoveryCode()
	kek, _ := seal.RecoveryKEK(code, a.user.ID)
	if err := s.store.SetRecoveryKey(c.Request().Context(), scope(c), seal.Wrap(kek, dk, seal.ByRecovery, a.user.ID)); err != nil {
		return err
	}
	s.log.Info("recovery code made", "user", a.user.ID)
	return s.page(c, "Your recovery code", views.RecoveryCodePage(code))
}

// recoverPrivateText opens, with a recovery code, the data keys a reset
// replaced, and seals what they open with the current key.
func (s *Server) recoverPrivateText(c echo.Context) error {
	u := actorOf(c).user
	f := readForm(c, "code")
	again := func(msg string) error {
		f.Fail("code", msg)
		v, err := s.privateTextView(c, views.NewForm(), f)
		if err != nil {
			return err
		}
		return invalid("Private text", views.PrivateTextPage(v))
	}
	if u.KeyLostAt == nil {
		return s.redirect(c, "/settings/private-text", "Nothing of yours is locked: there is nothing to open.")
	}
	lost := store.LostKeys(u)
	if len(lost) == 0 {
		return again("No recovery code had been made before the reset, so no code can open these items. You may delete them.")
	}
	kek, ok := seal.RecoveryKEK(f.Get("code"), u.ID)
	if !ok {
		return again("A recovery code is eight groups of four letters and digits.")
	}
	ctx := c.Request().Context()
	restored, opened := 0, false
	for _, w := range slices.Clone(lost) {
		old, err := seal.Unwrap(kek, seal.ByRecovery, u.ID, w)
		if err != nil {
			continue
		}
		n, err := s.store.RestoreSealed(ctx, scope(c), old)
		if err != nil {
			return err
		}
		restored += n
		opened = true
		lost = slices.DeleteFunc(lost, func(x string) bool { return x == w })
	}
	if !opened {
		return again("This code does not open the items that cannot be read. Check it and try again.")
	}
	if err := s.store.SetLostKeys(ctx, scope(c), lost); err != nil {
		return err
	}
	s.log.Info("private text recovered", "user", u.ID, "items", restored)
	return s.redirect(c, "/settings/private-text", "Your private items can be read again ("+itoa(restored)+").")
}

// deleteLockedItems deletes what cannot be read, at the member's request.
func (s *Server) deleteLockedItems(c echo.Context) error {
	n, err := s.store.DeleteLockedItems(c.Request().Context(), scope(c))
	if err != nil {
		return err
	}
	s.log.Info("locked items deleted", "user", actorOf(c).user.ID, "items", n)
	return s.redirect(c, "/settings/private-text", "The items that could not be read are deleted ("+itoa(n)+").")
}

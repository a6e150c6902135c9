package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/store"
	"mend/views"
)

// maxNote is the length of a bookmark's note, in characters.
const maxNote = 2000

// readBookmark reads and checks the bookmark form: a note, and who may see it.
func readBookmark(c echo.Context) *views.Form {
	f := readForm(c, textarea("note"), "shared")
	checkText(f, "note", "Your note", false, maxNote)
	switch f.Get("shared") {
	case "", "0", "1":
	default:
		f.Fail("shared", "Please choose who can see it.")
	}
	return f
}

// bookmarkForm is the edit form of b, filled in.
func bookmarkForm(b store.Bookmark) *views.Form {
	f := views.NewForm()
	f.Values["note"] = b.Note
	if b.Shared {
		f.Values["shared"] = "1"
	}
	return f
}

// bookmarkView is b as the reader sees it.
func (s *Server) bookmarkView(b store.Bookmark, ppl *people, loc *time.Location) views.BookmarkView {
	v := views.BookmarkView{ID: b.ID, Slug: b.Slug, Title: b.Slug, Note: b.Note, Shared: b.Shared,
		Saved: views.Day(b.CreatedAt.In(loc)), Author: ppl.Name(b.UserID)}
	if p, ok := s.lib.Practice(b.Slug); ok {
		v.Title, v.Found = p.Title, true
	}
	return v
}

// sharingFlash tells the author who can see what they saved.
func sharingFlash(shared bool) string {
	if shared {
		return " It is shared with your partner."
	}
	return " Only you can see it."
}

func (s *Server) createBookmark(c echo.Context) error {
	p, err := s.practiceOf(c)
	if err != nil {
		return err
	}
	f := readBookmark(c)
	if !f.Valid() {
		v, err := s.practiceView(c, p, f)
		if err != nil {
			return err
		}
		return invalid(p.Title, views.PracticePage(v))
	}
	shared := f.Get("shared") == "1"
	if err := s.store.SaveBookmark(c.Request().Context(), scope(c), p.Slug, f.Get("note"), shared); err != nil {
		return err
	}
	return s.redirect(c, "/guidance/"+p.Slug, "Saved to your bookmarks."+sharingFlash(shared))
}

func (s *Server) bookmarks(c echo.Context) error {
	v, err := s.bookmarksView(c, "", nil)
	if err != nil {
		return err
	}
	return s.page(c, "Bookmarks", views.BookmarksPage(v))
}

// bookmarksView builds the bookmarks page; the reader's bookmark editID gets
// the form f, to show again with its messages.
func (s *Server) bookmarksView(c echo.Context, editID string, f *views.Form) (views.BookmarksView, error) {
	var v views.BookmarksView
	ppl, err := s.people(c)
	if err != nil {
		return v, err
	}
	v.Partner = ppl.PartnerName()
	list, err := s.store.Bookmarks(c.Request().Context(), scope(c))
	if err != nil {
		return v, err
	}
	me := actorOf(c).user
	loc := me.Location()
	for _, b := range list {
		bv := s.bookmarkView(b, ppl, loc)
		if b.UserID != me.ID {
			v.Theirs = append(v.Theirs, bv)
			continue
		}
		bv.Form = bookmarkForm(b)
		if b.ID == editID && f != nil {
			bv.Form = f
		}
		v.Mine = append(v.Mine, bv)
	}
	return v, nil
}

// afterBookmark is where to go once a bookmark is changed: back to the
// page it was changed on, or the bookmarks page.
func afterBookmark(c echo.Context) string {
	if next := safeNext(c.FormValue("next")); next != "" {
		return next
	}
	return "/bookmarks"
}

func (s *Server) updateBookmark(c echo.Context) error {
	id := c.Param("id")
	f := readBookmark(c)
	if !f.Valid() {
		return s.bookmarkFormAgain(c, id, f)
	}
	shared := f.Get("shared") == "1"
	if err := s.store.UpdateBookmark(c.Request().Context(), scope(c), id, f.Get("note"), shared); err != nil {
		return err
	}
	return s.redirect(c, afterBookmark(c), "Your bookmark is saved."+sharingFlash(shared))
}

// bookmarkFormAgain shows the edit form of the reader's bookmark id again,
// with f's messages, on the page where it was filled in.
func (s *Server) bookmarkFormAgain(c echo.Context, id string, f *views.Form) error {
	b, err := s.store.OwnBookmark(c.Request().Context(), scope(c), id)
	if err != nil {
		return err
	}
	if p, ok := s.lib.Practice(b.Slug); ok && afterBookmark(c) == "/guidance/"+b.Slug {
		v, err := s.practiceView(c, p, f)
		if err != nil {
			return err
		}
		return invalid(p.Title, views.PracticePage(v))
	}
	v, err := s.bookmarksView(c, b.ID, f)
	if err != nil {
		return err
	}
	return invalid("Bookmarks", views.BookmarksPage(v))
}

func (s *Server) deleteBookmark(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.DeleteBookmark(c.Request().Context(), scope(c), id); err != nil {
		return err
	}
	return s.redirect(c, afterBookmark(c), "The bookmark is removed.")
}

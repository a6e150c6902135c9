package web

import (
	"bytes"
	"net/http"
	"sync"

	"github.com/a-h/templ"
	"github.com/gorilla/securecookie"
	"github.com/labstack/echo/v4"

	"mend/internal/auth"
	"mend/internal/store"
	"mend/views"
)

// render writes body inside the layout. It renders into a buffer first, so
// that an error half-way still gives a clean error page, and saves the
// session (setting its cookie) before the first byte is written.
func (s *Server) render(c echo.Context, status int, title string, body templ.Component) error {
	a := actorOf(c)
	nonce, _ := c.Get(nonceKey).(string)
	p := &views.Page{Title: title, Path: c.Request().URL.Path, Nonce: nonce, Flashes: s.takeFlashes(c)}
	if a.user != nil {
		p.Viewer = &views.Viewer{Name: a.user.Name, HasSpace: a.member != nil}
		if a.member != nil {
			p.Viewer.Waiting = s.waitingCount(c)
		}
	}
	newToken := false
	if a.sess != nil {
		p.CSRF = func() string {
			tok, _ := a.sess.Values[auth.KeyCSRF].(string)
			if tok == "" {
				tok = auth.RandomToken()
				a.sess.Values[auth.KeyCSRF] = tok
				newToken = true
			}
			return tok
		}
	}
	ctx := views.WithPage(templ.WithNonce(c.Request().Context(), nonce), p)
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := views.Layout().Render(templ.WithChildren(ctx, body), buf); err != nil {
		return err
	}
	if newToken {
		if err := a.sess.Save(c.Request(), c.Response()); err != nil {
			return err
		}
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// pageBuffers hold pages being rendered. A page is written to the
// connection's own buffer before render returns, so its buffer can serve
// the next page: a dashboard is about 40 KB, and a fresh buffer growing to
// that size cost a tenth of what rendering it allocates.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledPage is the largest buffer kept for another page; a rare long
// page (a year of the timeline, an export) does not pin its memory.
const maxPooledPage = 256 << 10

func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooledPage {
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

// page renders body with status 200.
func (s *Server) page(c echo.Context, title string, body templ.Component) error {
	return s.render(c, http.StatusOK, title, body)
}

// formError is a form that failed validation: the error handler shows the
// form again, filled in, with status 422.
type formError struct {
	title string
	body  templ.Component
}

func (e *formError) Error() string { return "invalid form: " + e.title }

// invalid returns the error that shows body (a form with its messages) again.
func invalid(title string, body templ.Component) error { return &formError{title: title, body: body} }

// formAgain handles what the store said of a form's input: when it refused
// it as invalid (store.Invalid), the refusal's message goes on the form f
// and again shows it once more (with invalid, so 422); any other error,
// or nil, is returned as it is.
func formAgain(err error, f *views.Form, again func() error) error {
	msg, ok := store.InvalidMessage(err)
	if !ok {
		return err
	}
	f.Message = msg
	return again()
}

const flashCookie = "mend_flash"

func (s *Server) flashCodec() *securecookie.SecureCookie {
	return securecookie.New(s.flashKey, nil).MaxAge(300)
}

// redirect sends the browser to path with a message for the next page.
// Flash messages travel in a short-lived signed cookie so that a form post
// costs no extra database write.
func (s *Server) redirect(c echo.Context, path, flash string) error {
	if flash != "" {
		if v, err := s.flashCodec().Encode(flashCookie, flash); err == nil {
			s.setCookie(c, flashCookie, v, 300)
		}
	}
	return c.Redirect(http.StatusSeeOther, path)
}

// takeFlashes reads and clears the flash cookie.
func (s *Server) takeFlashes(c echo.Context) []string {
	v := s.cookie(c, flashCookie)
	if v == "" {
		return nil
	}
	s.clearCookie(c, flashCookie)
	var msg string
	if err := s.flashCodec().Decode(flashCookie, v, &msg); err != nil {
		return nil
	}
	return []string{msg}
}

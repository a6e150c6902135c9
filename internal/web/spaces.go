package web

import (
	"errors"
	"net/http"

	"github.com/gorilla/securecookie"
	"github.com/labstack/echo/v4"

	"mend/internal/auth"
	"mend/internal/store"
	"mend/views"
)

var roleOptions = []views.Option{
	{Value: store.RoleBroke, Label: "I broke the trust"},
	{Value: store.RoleHurt, Label: "My trust was broken"},
	{Value: store.RoleBoth, Label: "It's been on both sides"},
	{Value: "", Label: "I'd rather not say"},
}

func roleLabel(role string) string {
	for _, o := range roleOptions {
		if o.Value == role && role != "" {
			return o.Label
		}
	}
	return ""
}

func (s *Server) onboarding(c echo.Context) error {
	a := actorOf(c)
	if a.member != nil {
		return s.redirect(c, "/space", "")
	}
	return s.page(c, "Welcome", views.Onboarding(a.user.Name, views.NewForm()))
}

// checkSpaceName checks the name of a new space.
func checkSpaceName(f *views.Form) { checkText(f, "name", "The name of your space", true, 60) }

func (s *Server) createSpace(c echo.Context) error {
	a := actorOf(c)
	f := readForm(c, "name")
	checkSpaceName(f)
	if a.member != nil {
		return store.ErrInSpace
	}
	if !f.Valid() {
		return invalid("Welcome", views.Onboarding(a.user.Name, f))
	}
	if _, err := s.store.CreateSpace(c.Request().Context(), scope(c), f.Get("name")); err != nil {
		return err
	}
	return s.redirect(c, "/space", "Your space is ready. Invite your partner when you're both ready.")
}

const inviteCookie = "mend_invite"

// inviteCodec signs and encrypts the cookie that carries a new invitation
// link to the one page view that shows it.
func (s *Server) inviteCodec() *securecookie.SecureCookie {
	return securecookie.New(derive(s.flashKey, "invite-hash"), derive(s.flashKey, "invite-block")).MaxAge(300)
}

func (s *Server) space(c echo.Context) error {
	a := actorOf(c)
	ctx := c.Request().Context()
	sc := scope(c)
	sp, err := s.store.SpaceOf(ctx, sc)
	if err != nil {
		return err
	}
	members, err := s.store.Members(ctx, sc)
	if err != nil {
		return err
	}
	loc := a.user.Location()
	v := views.SpaceView{Name: sp.Name, Role: views.NewForm(), Roles: roleOptions}
	current := 0
	for _, m := range members {
		mv := views.MemberView{Name: m.Name, Since: views.Day(m.JoinedAt.In(loc)), IsMe: m.UserID == a.user.ID}
		if m.LeftAt != nil {
			mv.Left = views.Day(m.LeftAt.In(loc))
		} else {
			current++
		}
		if mv.IsMe || m.RoleShared {
			mv.RoleLabel = roleLabel(m.Role)
		}
		v.Members = append(v.Members, mv)
	}
	v.Full = current >= 2
	v.Role.Values["role"] = a.member.Role
	if a.member.RoleShared {
		v.Role.Values["shared"] = "1"
	}
	inv, err := s.store.OpenInvitation(ctx, sc)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return err
	default:
		v.Invitation = &views.InvitationView{ID: inv.ID, Expires: views.DayTime(inv.ExpiresAt.In(loc))}
		if ck := s.cookie(c, inviteCookie); ck != "" {
			var link struct{ ID, URL string }
			if s.inviteCodec().Decode(inviteCookie, ck, &link) == nil && link.ID == inv.ID {
				v.Invitation.Link = link.URL
			}
			s.clearCookie(c, inviteCookie)
		}
	}
	return s.page(c, sp.Name, views.SpacePage(v))
}

func (s *Server) createInvitation(c echo.Context) error {
	token := auth.RandomToken()
	inv, err := s.store.CreateInvitation(c.Request().Context(), scope(c), s.sessions.HashToken(token))
	if err != nil {
		return err
	}
	link := struct{ ID, URL string }{inv.ID, s.cfg.BaseURL + "/join/" + token}
	v, err := s.inviteCodec().Encode(inviteCookie, link)
	if err != nil {
		return err
	}
	s.setCookie(c, inviteCookie, v, 300)
	return s.redirect(c, "/space", "Your invitation link is ready. Copy it now: it is shown only once.")
}

func (s *Server) revokeInvitation(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.RevokeInvitation(c.Request().Context(), scope(c), id); err != nil {
		return err
	}
	return s.redirect(c, "/space", "The invitation was withdrawn; its link no longer works.")
}

// invitation loads the invitation named by the URL's token.
func (s *Server) invitation(c echo.Context) (string, *store.InvitationInfo, error) {
	token := c.Param("token")
	if len(token) < 40 || len(token) > 64 {
		return "", nil, echo.NewHTTPError(http.StatusNotFound, "")
	}
	info, err := s.store.InvitationByToken(c.Request().Context(), s.sessions.HashToken(token))
	if err != nil {
		return "", nil, err
	}
	return token, info, nil
}

func (s *Server) joinForm(c echo.Context) error {
	a := actorOf(c)
	if a.user == nil {
		return s.redirect(c, "/signup?next="+c.Request().URL.Path, "To accept the invitation, create your account, or log in if you have one.")
	}
	token, info, err := s.invitation(c)
	if errors.Is(err, store.ErrNotFound) {
		return s.render(c, http.StatusNotFound, "Invitation", views.ErrorPage(404, "This invitation link doesn't work",
			"Check that you copied the whole link. If it still doesn't work, ask your partner for a new one."))
	} else if err != nil {
		return err
	}
	if msg := store.InvitationProblem(&info.Invitation, s.now()); msg != "" {
		return s.render(c, http.StatusGone, "Invitation", views.ErrorPage(http.StatusGone, "This invitation can't be used", msg))
	}
	if a.member != nil {
		msg := "You already belong to a space. To join this one, leave yours first."
		if a.member.SpaceID == info.SpaceID {
			msg = "You are already a member of " + info.SpaceName + "."
		}
		return s.render(c, http.StatusConflict, "Invitation", views.ErrorPage(http.StatusConflict, "You're already in a space", msg))
	}
	return s.page(c, "Join "+info.SpaceName, views.JoinPage(info.InviterName, info.SpaceName, token))
}

func (s *Server) join(c echo.Context) error {
	token, _, err := s.invitation(c)
	if err != nil {
		return err
	}
	sp, err := s.store.JoinSpace(c.Request().Context(), scope(c), s.sessions.HashToken(token))
	if err != nil {
		return err
	}
	// JoinSpace moved the space's version on: cached pages show the new member.
	s.log.Info("joined space", "user", actorOf(c).user.ID)
	return s.redirect(c, "/space", "Welcome to "+sp.Name+".")
}

func (s *Server) setRole(c echo.Context) error {
	role := c.FormValue("role")
	if roleLabel(role) == "" && role != "" {
		return store.ErrUnknownRole
	}
	if err := s.store.SetRole(c.Request().Context(), scope(c), role, c.FormValue("shared") == "1"); err != nil {
		return err
	}
	return s.redirect(c, "/space", "Saved.")
}

func (s *Server) leaveForm(c echo.Context) error {
	sp, err := s.store.SpaceOf(c.Request().Context(), scope(c))
	if err != nil {
		return err
	}
	return s.page(c, "Leave "+sp.Name, views.LeavePage(sp.Name, views.NewForm()))
}

func (s *Server) leave(c echo.Context) error {
	a := actorOf(c)
	ctx := c.Request().Context()
	f := readForm(c, "password")
	key := reentryKey(c)
	if wait, err := s.throttle.Wait(ctx, key); err != nil {
		return err
	} else if wait > 0 {
		return waitFor(wait, "too many wrong passwords")
	}
	ok, err := s.hasher.Verify(ctx, a.user.PasswordHash, f.Get("password"))
	if err != nil {
		return err
	}
	if !ok {
		if _, err := s.throttle.Fail(ctx, key); err != nil {
			return err
		}
		f.Fail("password", "This is not your password.")
		sp, err := s.store.SpaceOf(ctx, scope(c))
		if err != nil {
			return err
		}
		return invalid("Leave "+sp.Name, views.LeavePage(sp.Name, f))
	}
	if err := s.store.LeaveSpace(ctx, scope(c)); err != nil {
		return err
	}
	s.log.Info("left space", "user", a.user.ID)
	return s.redirect(c, "/onboarding", "You have left the space. You can start or join another whenever you wish.")
}

package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"mend/internal/store"
)

// access is who may use a route; checked by one middleware, requireAccess.
type access uint8

const (
	anyone access = iota // visitors too
	user                 // logged in
	member               // logged in and in a space
)

// route is one line of the route table.
type route struct {
	method  string
	path    string
	access  access
	handler echo.HandlerFunc
}

// routeTable is every route of the app, in one place.
func (s *Server) routeTable() []route {
	const get, post = http.MethodGet, http.MethodPost
	return []route{
		{get, "/", anyone, s.home},
		{get, "/healthz", anyone, s.healthz},
		{get, "/readyz", anyone, s.readyz},
		{get, "/static/*", anyone, s.static},
		{get, "/safety", anyone, s.safety},

		// Accounts and login sessions.
		{get, "/signup", anyone, s.signupForm},
		{post, "/signup", anyone, s.signup},
		{get, "/login", anyone, s.loginForm},
		{post, "/login", anyone, s.login},
		{get, "/login/code", anyone, s.loginCodeForm},
		{post, "/login/code", anyone, s.loginCode},
		{post, "/logout", user, s.logout},
		{get, "/settings", user, s.settings},
		{post, "/settings", user, s.updateProfile},
		{post, "/settings/password", user, s.changePassword},
		{get, "/settings/delete", user, s.deleteAccountForm},
		{post, "/settings/delete", user, s.deleteAccount},
		{get, "/settings/sessions", user, s.loginSessions},
		{get, "/settings/private-text", user, s.privateText},
		{post, "/settings/private-text/code", user, s.newRecoveryCode},
		{post, "/settings/private-text/recover", user, s.recoverPrivateText},
		{post, "/settings/private-text/delete-locked", user, s.deleteLockedItems},
		{get, "/settings/two-step", user, s.twoStep},
		{post, "/settings/two-step", user, s.enableTwoStep},
		{post, "/settings/two-step/off", user, s.disableTwoStep},
		{post, "/settings/sessions", user, s.endLoginSessions},
		{get, "/export", user, s.export},
		// Reminders, the calendar feed, and mail (reminders.go, calendar.go, email.go).
		{get, "/settings/reminders", user, s.reminders},
		{post, "/settings/reminders", user, s.saveReminders},
		{post, "/settings/calendar", user, s.newFeed},
		{post, "/settings/calendar/revoke", user, s.revokeFeed},
		{get, "/calendar/:file", anyone, s.calendarFeed},
		{post, "/settings/email/verify", user, s.requestVerification},
		{get, "/email/verify/:token", anyone, s.verifyForm},
		{post, "/email/verify/:token", anyone, s.verifyEmail},
		{get, "/password/forgot", anyone, s.forgotForm},
		{post, "/password/forgot", anyone, s.forgot},
		{get, "/password/reset/:token", anyone, s.resetForm},
		{post, "/password/reset/:token", anyone, s.resetPassword},

		// The couple's space.
		{get, "/onboarding", user, s.onboarding},
		{post, "/space", user, s.createSpace},
		{get, "/space", member, s.space},
		{post, "/space/invitations", member, s.createInvitation},
		{post, "/space/invitations/:id/revoke", member, s.revokeInvitation},
		{get, "/join/:token", anyone, s.joinForm},
		{post, "/join/:token", user, s.join},
		{post, "/space/role", member, s.setRole},
		{get, "/space/leave", member, s.leaveForm},
		{post, "/space/leave", member, s.leave},

		// Journal and gratitude.
		{get, "/gratitude", member, s.gratitude},
		{post, "/gratitude", member, s.sendGratitude},
		{post, "/gratitude/:id/receive", member, s.receiveGratitude},
		{post, "/gratitude/:id/reply", member, s.replyToGratitude},
		{get, "/journal", member, s.journal},
		{get, "/journal/new", member, s.newJournalEntry},
		{post, "/journal", member, s.createJournalEntry},
		{get, "/journal/:id", member, s.journalEntry},
		{get, "/journal/:id/edit", member, s.editJournalForm},
		{post, "/journal/:id/edit", member, s.updateJournalEntry},
		{post, "/journal/:id/share", member, s.shareJournalEntry},
		{post, "/journal/:id/unshare", member, s.unshareJournalEntry},
		{post, "/journal/:id/delete", member, s.deleteJournalEntry},
		{post, "/journal/:id/reply", member, s.replyToJournalEntry},
		// Guidance, its pages, and bookmarks.
		{get, "/guidance", anyone, s.guidanceIndex},
		{get, "/guidance/:slug", anyone, s.practice},
		{post, "/guidance/:slug/bookmark", member, s.createBookmark},
		{get, "/bookmarks", member, s.bookmarks},
		{post, "/bookmarks/:id", member, s.updateBookmark},
		{post, "/bookmarks/:id/delete", member, s.deleteBookmark},
		{get, "/help/:page", anyone, s.helpPage},
		// Check-ins and reflections.
		{get, "/checkins", member, s.checkins},
		{post, "/checkins", member, s.createCheckin},
		{get, "/checkins/:id/edit", member, s.editCheckinForm},
		{post, "/checkins/:id/edit", member, s.editCheckin},
		{get, "/reflections", member, s.reflections},
		{get, "/reflections/new", member, s.newReflection},
		{post, "/reflections", member, s.createReflection},
		{get, "/reflections/:id", member, s.reflection},
		// Questions, triggers and openness agreements.
		{get, "/questions", member, s.questions},
		{get, "/questions/new", member, s.newQuestion},
		{post, "/questions", member, s.createQuestion},
		{get, "/questions/:id", member, s.question},
		{post, "/questions/:id/edit", member, s.editQuestion},
		{post, "/questions/:id/send", member, s.sendQuestion},
		{post, "/questions/:id/answer", member, s.answerQuestion},
		{post, "/questions/:id/defer", member, s.deferQuestion},
		{post, "/questions/:id/enough", member, s.enoughQuestion},
		{post, "/questions/:id/again", member, s.askAgain},
		{get, "/triggers", member, s.triggers},
		{post, "/triggers", member, s.createTrigger},
		{get, "/triggers/:id", member, s.trigger},
		{post, "/triggers/:id/share", member, s.shareTrigger},
		{post, "/triggers/:id/unshare", member, s.unshareTrigger},
		{post, "/triggers/:id/respond", member, s.respondToTrigger},
		{get, "/agreements", member, s.agreements},
		{get, "/agreements/new", member, s.newAgreement},
		{post, "/agreements", member, s.offerAgreement},
		{get, "/agreements/:id", member, s.agreement},
		{post, "/agreements/:id/accept", member, s.acceptAgreement},
		{post, "/agreements/:id/change", member, s.askAgreementChange},
		{post, "/agreements/:id/decline", member, s.declineAgreement},
		{post, "/agreements/:id/revise", member, s.reviseAgreement},
		{post, "/agreements/:id/renew", member, s.renewAgreement},
		{post, "/agreements/:id/end", member, s.endAgreement},
		// Promises and the ledger.
		{get, "/promises", member, s.promises},
		{get, "/promises/new", member, s.newPromise},
		{get, "/promises/ended", member, s.endedPromises},
		{post, "/promises", member, s.createPromise},
		{get, "/promises/:id", member, s.promise},
		{get, "/promises/:id/edit", member, s.editPromise},
		{post, "/promises/:id/edit", member, s.renegotiate},
		{post, "/promises/:id/pause", member, s.pausePromise},
		{post, "/promises/:id/share", member, s.sharePromise},
		{post, "/promises/:id/resume", member, s.resumePromise},
		{post, "/promises/:id/close", member, s.closePromise},
		{post, "/promises/:id/record", member, s.recordOccurrence},
		{post, "/ledger/:id/confirm", member, s.confirmEntry},
		{post, "/ledger/:id/dispute", member, s.disputeEntry},
		{post, "/ledger/:id/reply", member, s.replyToDispute},
		{post, "/ledger/:id/change", member, s.changeRecord},
		{post, "/ledger/:id/change-review", member, s.changeReview},
		// The dashboard (GET / above, for members) and the timeline.
		{get, "/timeline", member, s.timeline},
		{post, "/waiting/confirm", member, s.confirmWaiting},
		// The path of recovery: the couple's stage and its practices.
		{get, "/path", member, s.path},
		{post, "/path/stage", member, s.proposeStage},
		{post, "/path/stage/:id", member, s.answerStage},
		// Counsellor links (counsellor.go) and their read-only pages (guest.go).
		{get, "/space/counsellor", member, s.counsellor},
		{post, "/space/counsellor", member, s.proposeLink},
		{post, "/space/counsellor/:id/agree", member, s.agreeLink},
		{post, "/space/counsellor/:id/revoke", member, s.revokeLink},
		{get, "/summary", member, s.summary},
		{get, "/c/:token", anyone, s.guest("", s.guestOverview)},
		{get, "/c/:token/summary", anyone, s.guest("", s.guestSummary)},
		{get, "/c/:token/promises", anyone, s.guest("promises", s.guestPromises)},
		{get, "/c/:token/checkins", anyone, s.guest("checkins", s.guestCheckins)},
		{get, "/c/:token/thanks", anyone, s.guest("thanks", s.guestThanks)},
		{get, "/c/:token/journal", anyone, s.guest("journal", s.guestJournal)},
		{get, "/c/:token/questions", anyone, s.guest("questions", s.guestQuestions)},
		{get, "/c/:token/triggers", anyone, s.guest("triggers", s.guestTriggers)},
		{get, "/c/:token/agreements", anyone, s.guest("agreements", s.guestAgreements)},
	}
}

// routes registers the route table on e. An :id in a path is checked here,
// once for every route: anything that is not an id NewID could have made
// is not found, without a query.
func (s *Server) routes(e *echo.Echo) {
	for _, r := range s.routeTable() {
		mw := []echo.MiddlewareFunc{s.requireAccess(r.access)}
		if strings.Contains(r.path, ":id") {
			mw = append(mw, validID)
		}
		e.Add(r.method, r.path, r.handler, mw...)
	}
}

// validID answers 404 for a malformed :id.
func validID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !store.ValidID(c.Param("id")) {
			return store.ErrNotFound
		}
		return next(c)
	}
}

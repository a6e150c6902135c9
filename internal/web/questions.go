package web

import (
	"github.com/labstack/echo/v4"

	"mend/internal/store"
	"mend/views"
)

// Limits of what questions keep.
const (
	questionMax     = 2000
	answerMax       = 10000
	questionNoteMax = 500
)

// checkPractice requires field practice, when set, to name a practice of the library.
func (s *Server) checkPractice(f *views.Form) {
	if slug := f.Get("practice"); slug != "" {
		if _, ok := s.lib.Practice(slug); !ok {
			f.Fail("practice", "Please choose a practice from the list.")
		}
	}
}

// practiceTitle is the slug's practice title, "" when unknown.
func (s *Server) practiceTitle(slug string) string {
	if p, ok := s.lib.Practice(slug); ok {
		return p.Title
	}
	return ""
}

func (s *Server) questions(c echo.Context) error {
	qs, err := s.store.Questions(c.Request().Context(), scope(c))
	if err != nil {
		return err
	}
	p, err := s.people(c)
	if err != nil {
		return err
	}
	loc := actorOf(c).user.Location()
	v := views.QuestionsView{Partner: p.PartnerName()}
	for _, q := range qs {
		it := views.QuestionItemView{ID: q.ID, Body: journalExcerpt(q.Body), Asker: p.Name(q.AuthorID), Draft: q.SentAt == nil,
			Rounds: len(q.Rounds), Date: views.Day(q.CreatedAt.In(loc))}
		if q.SentAt != nil {
			it.Date = views.Day(q.SentAt.In(loc))
		}
		it.Status = questionStatus(&q)
		v.Items = append(v.Items, it)
	}
	return s.page(c, "Questions", views.QuestionsPage(v))
}

// questionStatus says where a question stands, without any clock.
func questionStatus(q *store.QuestionThread) string {
	last := q.Last()
	switch {
	case q.SentAt == nil:
		return "draft"
	case q.State == store.QuestionEnough:
		return "enough for now"
	case last != nil && last.Answer != nil:
		return "answered"
	case last != nil && last.DeferKind == store.DeferInPerson:
		return "to answer in person"
	case last != nil && last.DeferKind == store.DeferCounsellor:
		return "to answer with the counsellor"
	}
	return "open"
}

func (s *Server) newQuestion(c echo.Context) error {
	f := views.NewForm()
	if p, ok := s.lib.Practice(c.QueryParam("practice")); ok {
		f.Values["practice"] = p.Slug
	}
	return s.page(c, "Ask a question", views.QuestionFormPage(views.QuestionFormView{Form: f, Practices: s.journalPracticeOptions()}))
}

// readQuestionForm reads and checks the question form.
func (s *Server) readQuestionForm(c echo.Context) *views.Form {
	f := readForm(c, "body", "practice")
	journalNewlines(f, "body")
	checkText(f, "body", "Your question", true, questionMax)
	s.checkPractice(f)
	return f
}

func (s *Server) createQuestion(c echo.Context) error {
	f := s.readQuestionForm(c)
	if !f.Valid() {
		return invalid("Ask a question", views.QuestionFormPage(views.QuestionFormView{Form: f, Practices: s.journalPracticeOptions()}))
	}
	q, err := s.store.CreateQuestion(c.Request().Context(), scope(c), f.Get("body"), f.Get("practice"))
	if err != nil {
		return err
	}
	return s.redirect(c, "/questions/"+q.ID, "Saved as a draft. Only you can read it until you send it.")
}

// questionView builds the page of question id as the acting user sees it.
func (s *Server) questionView(c echo.Context, id string) (views.QuestionView, error) {
	a := actorOf(c)
	q, err := s.store.Question(c.Request().Context(), scope(c), id)
	if err != nil {
		return views.QuestionView{}, err
	}
	p, err := s.people(c)
	if err != nil {
		return views.QuestionView{}, err
	}
	loc := a.user.Location()
	mine := q.AuthorID == a.user.ID
	v := views.QuestionView{ID: q.ID, Body: q.Body, Asker: p.Name(q.AuthorID), Mine: mine, Draft: q.SentAt == nil,
		PracticeSlug: q.Practice, PracticeTitle: s.practiceTitle(q.Practice), Enough: q.State == store.QuestionEnough,
		Partner: p.PartnerName(), Practices: s.journalPracticeOptions(),
		EditForm: views.NewForm(), AnswerForm: views.NewForm(), DeferForm: views.NewForm(), AgainForm: views.NewForm()}
	if q.SentAt != nil {
		v.Sent = views.DayTime(q.SentAt.In(loc))
	}
	v.EditForm.Values["body"], v.EditForm.Values["practice"] = q.Body, q.Practice
	for i := len(q.Rounds) - 1; i >= 0; i-- {
		r := q.Rounds[i]
		rv := views.RoundView{Seq: r.Seq, Label: "Asked", Body: r.Body, Date: views.DayTime(r.CreatedAt.In(loc)), DeferNote: r.DeferNote}
		if r.Seq > 1 {
			rv.Label = "Asked again"
		}
		answerer := "You"
		if mine {
			answerer = partnerOr(p.PartnerName())
		}
		switch r.DeferKind {
		case store.DeferInPerson:
			rv.Deferred = answerer + " would like to answer this in person."
		case store.DeferCounsellor:
			rv.Deferred = answerer + " would like to answer this with your counsellor."
		}
		if r.Answer != nil {
			rv.Answer = &views.AnswerView{Who: p.Name(r.Answer.AuthorID), Date: views.DayTime(r.Answer.CreatedAt.In(loc)), Body: r.Answer.Body,
				PracticeSlug: r.Answer.Practice, PracticeTitle: s.practiceTitle(r.Answer.Practice)}
		}
		v.Rounds = append(v.Rounds, rv)
	}
	last := q.Last()
	switch {
	case last == nil:
	case mine:
		present := p.PartnerName() != ""
		v.CanEnough = present && q.State == store.QuestionOpen && last.Answer != nil
		v.CanAskAgain = present && (last.Answer != nil || last.DeferKind != "")
	case p.Former(q.AuthorID):
		v.Closed = p.Name(q.AuthorID) + " has left the space, so this question can no longer be answered."
	case last.Answer == nil && q.State == store.QuestionOpen:
		v.CanAnswer = true
	}
	return v, nil
}

func partnerOr(name string) string {
	if name == "" {
		return "your partner"
	}
	return name
}

func (s *Server) question(c echo.Context) error {
	v, err := s.questionView(c, c.Param("id"))
	if err != nil {
		return err
	}
	return s.page(c, "Question", views.QuestionPage(v))
}

func (s *Server) editQuestion(c echo.Context) error {
	id := c.Param("id")
	f := s.readQuestionForm(c)
	if !f.Valid() {
		v, err := s.questionView(c, id)
		if err != nil {
			return err
		}
		if !v.Draft || !v.Mine {
			return store.ErrNotFound
		}
		v.EditForm = f
		return invalid("Question", views.QuestionPage(v))
	}
	if err := s.store.UpdateQuestionDraft(c.Request().Context(), scope(c), id, f.Get("body"), f.Get("practice")); err != nil {
		return err
	}
	return s.redirect(c, "/questions/"+id, "Your draft is saved.")
}

func (s *Server) sendQuestion(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.SendQuestion(c.Request().Context(), scope(c), id); err != nil {
		return err
	}
	p, err := s.people(c)
	if err != nil {
		return err
	}
	return s.redirect(c, "/questions/"+id, "Sent. "+p.PartnerName()+" can read it and answer when ready.")
}

// questionAgain shows question id again with f, a form of it, failed.
func (s *Server) questionAgain(c echo.Context, id string, set func(*views.QuestionView) bool) error {
	v, err := s.questionView(c, id)
	if err != nil {
		return err
	}
	if !set(&v) {
		return store.ErrNotFound
	}
	return invalid("Question", views.QuestionPage(v))
}

func (s *Server) answerQuestion(c echo.Context) error {
	id := c.Param("id")
	f := readForm(c, "answer", "practice")
	journalNewlines(f, "answer")
	checkText(f, "answer", "Your answer", true, answerMax)
	s.checkPractice(f)
	if !f.Valid() {
		return s.questionAgain(c, id, func(v *views.QuestionView) bool { v.AnswerForm = f; return v.CanAnswer })
	}
	if err := s.store.AnswerQuestion(c.Request().Context(), scope(c), id, f.Get("answer"), f.Get("practice")); err != nil {
		return err
	}
	return s.redirect(c, "/questions/"+id, "Your answer is sent. Thank you for answering honestly.")
}

func (s *Server) deferQuestion(c echo.Context) error {
	id := c.Param("id")
	f := readForm(c, "how", "note")
	checkText(f, "note", "The note", false, questionNoteMax)
	if h := f.Get("how"); h != store.DeferInPerson && h != store.DeferCounsellor {
		f.Fail("how", "Please choose how you would like to answer.")
	}
	if !f.Valid() {
		return s.questionAgain(c, id, func(v *views.QuestionView) bool { v.DeferForm = f; return v.CanAnswer })
	}
	if err := s.store.DeferQuestion(c.Request().Context(), scope(c), id, f.Get("how"), f.Get("note")); err != nil {
		return err
	}
	return s.redirect(c, "/questions/"+id, "Noted. The question stays open with your note.")
}

func (s *Server) enoughQuestion(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.MarkQuestionEnough(c.Request().Context(), scope(c), id); err != nil {
		return err
	}
	return s.redirect(c, "/questions/"+id, "Marked as enough for now. You can ask again any time.")
}

func (s *Server) askAgain(c echo.Context) error {
	id := c.Param("id")
	f := readForm(c, "body")
	journalNewlines(f, "body")
	checkText(f, "body", "What you'd like to know now", false, questionMax)
	if !f.Valid() {
		return s.questionAgain(c, id, func(v *views.QuestionView) bool { v.AgainForm = f; return v.CanAskAgain })
	}
	if err := s.store.AskQuestionAgain(c.Request().Context(), scope(c), id, f.Get("body")); err != nil {
		return err
	}
	return s.redirect(c, "/questions/"+id, "Asked again. The earlier answers stay below.")
}

package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"mend/internal/guidance"
	"mend/internal/store"
	"mend/views"
)

// stageHistoryLimit bounds the history the path page lists.
const stageHistoryLimit = 20

func (s *Server) path(c echo.Context) error {
	v, err := s.pathPage(c, views.NewForm())
	if err != nil {
		return err
	}
	return s.page(c, "Your path", views.PathPage(v))
}

// pathPage loads the path page with f as the proposal form.
func (s *Server) pathPage(c echo.Context, f *views.Form) (views.PathView, error) {
	ctx := c.Request().Context()
	sc := scope(c)
	st, err := s.store.Path(ctx, sc)
	if err != nil {
		return views.PathView{}, err
	}
	history, err := s.store.StageHistory(ctx, sc, stageHistoryLimit)
	if err != nil {
		return views.PathView{}, err
	}
	ppl, err := s.people(c)
	if err != nil {
		return views.PathView{}, err
	}
	a := actorOf(c)
	v := pathView(s.lib, st, a.member.Role, ppl, sc.UserID)
	v.Form = f
	loc := a.user.Location()
	for _, h := range history {
		v.History = append(v.History, views.StageHistoryView{When: views.Day(h.ProposedAt.In(loc)), Text: stageChangeText(h, ppl)})
	}
	return v, nil
}

// pathView builds the path page from the couple's stage: the stages, the
// proposal form or the open proposal, and the current stage's practices,
// those of one partner beside those of the other that they pair with.
func pathView(lib *guidance.Library, st store.PathState, role string, ppl *people, me string) views.PathView {
	cur, ok := guidance.LookupStage(st.Stage)
	if !ok { // a stage the content no longer has: show the first
		cur, _ = guidance.LookupStage(0)
	}
	v := views.PathView{Partner: ppl.PartnerName()}
	for _, g := range guidance.Stages() {
		sv := views.StageView{Number: g.Number, Title: g.Title, About: g.About, Current: g.Number == cur.Number}
		v.Stages = append(v.Stages, sv)
		if sv.Current {
			v.Current = sv
		} else {
			v.Choices = append(v.Choices, views.Option{Value: strconv.Itoa(g.Number), Label: strconv.Itoa(g.Number) + ". " + g.Title})
		}
	}
	switch role {
	case store.RoleBroke, store.RoleHurt:
		v.MyRole = role
		v.Role = "You said you come to this as " + map[string]string{store.RoleBroke: "the partner who broke trust.",
			store.RoleHurt: "the partner who was hurt."}[role]
	case store.RoleBoth:
		v.Role = "You said it has been on both sides, so both columns are yours."
	}
	if o := st.Open; o != nil {
		to, _ := guidance.LookupStage(o.ToStage)
		ov := &views.OpenStageView{ID: o.ID, Mine: o.Proposer() == me, ToTitle: to.Title}
		if ov.Mine {
			ov.Text = "You proposed moving to “" + to.Title + "”. It changes once " + ppl.PartnerName() + " agrees."
			if ppl.PartnerName() == "" {
				ov.Text = "You proposed moving to “" + to.Title + "”."
			}
		} else {
			ov.Text = ppl.Name(o.Proposer()) + " proposes moving to “" + to.Title + "”. Do you feel that is where you are?"
		}
		v.Open = ov
	}
	item := func(p *guidance.Practice) views.PathPractice {
		pp := views.PathPractice{Slug: p.Slug, Title: p.Title}
		if p.Stage != cur.Number {
			pp.Stage = "stage " + strconv.Itoa(p.Stage)
		}
		return pp
	}
	// Each practice of one partner in this stage gets a row with what
	// answers it for the other; a practice already shown beside another
	// gets no row of its own.
	used := map[string]bool{}
	for _, side := range []string{guidance.Broke, guidance.Hurt} {
		for _, p := range lib.InStage(cur.Number) {
			if p.Audience != side || used[p.Slug] {
				continue
			}
			used[p.Slug] = true
			var row views.PathRow
			mine, theirs := &row.Broke, &row.Hurt
			if side == guidance.Hurt {
				mine, theirs = &row.Hurt, &row.Broke
			}
			*mine = append(*mine, item(p))
			for _, q := range lib.PairsOf(p) {
				if q.Audience != side && q.Audience != guidance.Both && !used[q.Slug] {
					if q.Stage == cur.Number {
						used[q.Slug] = true
					}
					*theirs = append(*theirs, item(q))
				}
			}
			v.Rows = append(v.Rows, row)
		}
	}
	for _, p := range lib.InStage(cur.Number) {
		if p.Audience != guidance.Both {
			continue
		}
		b := views.PathBoth{PathPractice: item(p)}
		for _, q := range lib.PairsOf(p) {
			b.With = append(b.With, item(q))
		}
		v.Both = append(v.Both, b)
	}
	return v
}

// stageChangeText says what became of a proposal, naming who did what.
func stageChangeText(h store.StageChange, ppl *people) string {
	to, _ := guidance.LookupStage(h.ToStage)
	who := ppl.Name(h.Proposer())
	text := who + " proposed moving to “" + to.Title + "”"
	if h.Outcome == store.StageSet {
		return who + " set the stage to “" + to.Title + "”."
	}
	by := "someone"
	if h.DecidedBy != nil {
		if by = ppl.Name(*h.DecidedBy); by == "You" {
			by = "you" // mid-sentence
		}
	}
	switch h.Outcome {
	case store.StageAgreed:
		text += "; " + by + " agreed"
	case store.StageDeclined:
		text += "; " + by + " said not yet"
	case store.StageWithdrawn:
		text += ", then withdrew it"
	default:
		text += "; waiting for an answer"
	}
	return text + "."
}

func (s *Server) proposeStage(c echo.Context) error {
	f := readForm(c, "stage")
	n, err := strconv.Atoi(f.Get("stage"))
	if _, ok := guidance.LookupStage(n); err != nil || !ok {
		f.Errors["stage"] = "Please choose one of the stages."
		v, err := s.pathPage(c, f)
		if err != nil {
			return err
		}
		return invalid("Your path", views.PathPage(v))
	}
	applied, err := s.store.ProposeStage(c.Request().Context(), scope(c), n)
	if err != nil {
		return err
	}
	st, _ := guidance.LookupStage(n)
	if applied {
		return s.redirect(c, "/path", "You are now in “"+st.Title+"”.")
	}
	return s.redirect(c, "/path", "Proposed. It changes once your partner agrees.")
}

func (s *Server) answerStage(c echo.Context) error {
	answer := c.FormValue("answer")
	if err := s.store.AnswerStage(c.Request().Context(), scope(c), c.Param("id"), answer); err != nil {
		return err
	}
	msg := map[string]string{store.StageAgreed: "Agreed: your stage has changed.",
		store.StageDeclined: "Noted: your stage stays as it is.", store.StageWithdrawn: "Your proposal is withdrawn."}[answer]
	return s.redirect(c, "/path", msg)
}

// stageEventView says a timeline event of the path: who proposed, set,
// agreed to, declined or withdrew which stage.
func stageEventView(v views.EventView, ev store.Event) views.EventView {
	n, _ := strconv.Atoi(ev.Detail)
	st, _ := guidance.LookupStage(n)
	v.Link, v.Href = "“"+st.Title+"”", "/path"
	v.Did = map[string]string{"proposed": "proposed moving to", store.StageSet: "set the stage to",
		store.StageAgreed: "agreed to move to", store.StageDeclined: "said not yet to moving to",
		store.StageWithdrawn: "withdrew the proposal to move to"}[ev.What]
	return v
}

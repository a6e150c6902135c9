package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mend/content"
	"mend/internal/guidance"
)

// pathMatrix are the authorization matrix entries of the path. In the
// fixture Avery has proposed a stage that Blair has not answered yet, so a
// second proposal in their space is refused.
func pathMatrix() map[string]matrixRoute {
	return map[string]matrixRoute{
		"GET /path": {want: members(okPage)},
		"POST /path/stage": {mutates: true, form: values("stage", "2"),
			want: members(to("/path")).with(memberA, conflict).with(partnerB, conflict)},
		"POST /path/stage/:id": {mutates: true, form: values("answer", "agreed"),
			path: func(fx *fixture) string { return "/path/stage/" + fx.ids["stage:S1"] },
			// Only the partner of the proposer may agree.
			want: members(notFound).with(memberA, conflict).with(partnerB, to("/path"))},
	}
}

// pathUnsafeCases are the CSRF cases of the path: a proposal, and its answer
// by the partner.
func pathUnsafeCases() map[string]unsafeCase {
	return map[string]unsafeCase{
		"POST /path/stage": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, _ := e.couple("Csrf", "Partner")
			a.open("/path")
			return a.client, "/path/stage", form("stage", "2")
		},
		"POST /path/stage/:id": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, b := e.couple("Csrf", "Partner")
			a.post("/path/stage", form("stage", "2"))
			id := openStageID(t, b)
			return b.client, "/path/stage/" + id, form("answer", "agreed")
		},
	}
}

var stageFormRe = regexp.MustCompile(`action="/path/stage/([a-z0-9]+)"`)

func init() {
	fixtureItems = append(fixtureItems, func(t *testing.T, fx *fixture) {
		a := fx.users[memberA]
		a.post("/path/stage", form("stage", "1"))
		m := stageFormRe.FindStringSubmatch(a.open("/path").Body)
		if m == nil {
			t.Fatal("Avery's proposal of a stage is not on the path page")
		}
		fx.ids["stage:S1"] = m[1]
	})
}

// openStageID is the id of the proposal waiting on u's path page.
func openStageID(t *testing.T, u *user) string {
	t.Helper()
	m := stageFormRe.FindStringSubmatch(u.open("/path").Body)
	if m == nil {
		t.Fatalf("%s: no open proposal on the path page", u.Name)
	}
	return m[1]
}

// TestPathStages: one partner proposes a stage, the other agrees or not; the
// stage changes only on agreement, and the history says who did what.
func TestPathStages(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	r := a.open("/path")
	r.contains(t, "<h1>Your path</h1>", "Safety and deciding", `aria-current="step"`, "where you are",
		"It changes once Ben agrees.", "No stage has been proposed yet.")
	if !strings.Contains(a.open("/").Body, `href="/path"`) {
		t.Error("no link to the path from the menu")
	}

	a.post("/path/stage", form("stage", "1")).contains(t, "Proposed. It changes once your partner agrees.",
		"You proposed moving to “The first weeks after discovery”", "Withdraw my proposal")
	id := openStageID(t, a)
	b.open("/path").contains(t, "Ana proposes moving to “The first weeks after discovery”", "Agree: move to", "Not yet",
		"<h2 id=\"now-h\">Now: Safety and deciding</h2>")
	// The proposer cannot agree to their own proposal, nor propose a second one.
	a.refused(http.StatusConflict, "/path/stage/"+id, form("answer", "agreed"), "Your partner answers your proposal")
	a.refused(http.StatusConflict, "/path/stage", form("stage", "3"), "already waiting for an answer")
	b.refused(http.StatusConflict, "/path/stage/"+id, form("answer", "withdrawn"), "Only the partner who proposed it")

	b.post("/path/stage/"+id, form("answer", "agreed")).contains(t, "Agreed: your stage has changed.",
		"<h2 id=\"now-h\">Now: The first weeks after discovery</h2>")
	a.open("/path").contains(t, "<h2 id=\"now-h\">Now: The first weeks after discovery</h2>",
		"You proposed moving to “The first weeks after discovery”; Ben agreed.")
	b.refused(http.StatusConflict, "/path/stage/"+id, form("answer", "declined"), "already been answered")
	b.open("/timeline?kind=stages").contains(t, "proposed moving to", "agreed to move to", `href="/path"`,
		"“The first weeks after discovery”")

	// Ben proposes the next stage; Ana says not yet, and nothing moves.
	b.post("/path/stage", form("stage", "2"))
	a.post("/path/stage/"+openStageID(t, a), form("answer", "declined")).contains(t, "Noted: your stage stays as it is.",
		"Now: The first weeks after discovery", "Ben proposed moving to “Truth and atonement”; you said not yet.")
	// A withdrawn proposal is history too.
	a.post("/path/stage", form("stage", "0"))
	a.post("/path/stage/"+openStageID(t, a), form("answer", "withdrawn")).contains(t, "Your proposal is withdrawn.",
		"You proposed moving to “Safety and deciding”, then withdrew it.")

	// The stage they are in, and one that is not a stage, are refused.
	a.refused(http.StatusConflict, "/path/stage", form("stage", "1"), "already the stage you are in")
	r = a.post("/path/stage", form("stage", "9"))
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Please choose one of the stages.") {
		t.Errorf("stage 9: %d\n%s", r.Status, excerpt(r.Body))
	}
}

// TestPathAlone: a member without a partner yet sets the stage at once.
func TestPathAlone(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Solo")
	u.createSpace("Solo's space")
	u.open("/path").contains(t, "You are alone in the space for now, so a change applies at once.")
	u.post("/path/stage", form("stage", "3")).contains(t, "You are now in “Understanding why, and attunement”.",
		"Now: Understanding why, and attunement", "You set the stage to “Understanding why, and attunement”.")
}

// TestPathPairs: the current stage's practices are shown for each role, the
// work of one partner on the same line as the work of the other that answers it.
func TestPathPairs(t *testing.T) {
	lib, err := guidance.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.post("/space/role", form("role", "hurt"))
	a.post("/path/stage", form("stage", "1"))
	b.post("/path/stage/"+openStageID(t, b), form("answer", "agreed"))
	r := a.open("/path")
	r.contains(t, "For the partner who broke trust", "For the partner who was hurt", "You said you come to this as the partner who was hurt.")
	rows := regexp.MustCompile(`(?s)<tr>.*?</tr>`).FindAllString(r.Body, -1)
	sameRow := func(x, y string) bool {
		for _, row := range rows {
			if strings.Contains(row, `href="/guidance/`+x+`"`) && strings.Contains(row, `href="/guidance/`+y+`"`) {
				return true
			}
		}
		return false
	}
	for _, pair := range [][2]string{{"first-days-broke", "first-days-hurt"}, {"dont-ask-for-trust", "watch-what-is-done"},
		{"offer-openness", "checking-and-suspicion"}} {
		if !sameRow(pair[0], pair[1]) {
			t.Errorf("%s and %s are not on the same line of the path page", pair[0], pair[1])
		}
	}
	// Every practice of the stage is there, and none of a later stage
	// except beside a practice of this one.
	for _, p := range lib.InStage(1) {
		r.contains(t, `href="/guidance/`+p.Slug+`"`)
	}
	for _, p := range lib.InStage(4) {
		if strings.Contains(r.Body, `href="/guidance/`+p.Slug+`">`+p.Title+`</a>`) && len(p.Pairs) == 0 {
			t.Errorf("%s, of stage 4 and paired with nothing, is on the page of stage 1", p.Slug)
		}
	}
}

// TestSuggestionFollowsStage: the practice of the week comes from the
// couple's stage and the member's role; one of a later stage never comes first.
func TestSuggestionFollowsStage(t *testing.T) {
	lib, err := guidance.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	u := e.signup("Solo")
	u.createSpace("Solo's space")
	u.post("/space/role", form("role", "broke"))
	for stage := 0; stage <= 4; stage++ {
		if stage > 0 {
			u.post("/path/stage", form("stage", itoa(int64(stage))))
		}
		for n := 0; n < 3; n++ {
			slug, why := suggested(t, u, "/?suggestion="+itoa(int64(n)))
			p, ok := lib.Practice(slug)
			if !ok {
				t.Fatalf("suggested %q, not a practice", slug)
			}
			if p.Stage != stage {
				t.Errorf("stage %d, suggestion %d: %s is of stage %d", stage, n, slug, p.Stage)
			}
			if p.Audience != guidance.Broke && p.Audience != guidance.Both {
				t.Errorf("stage %d: %s is for %s", stage, slug, p.Audience)
			}
			if n == 0 && !strings.Contains(why, "for where you are") {
				t.Errorf("stage %d: the suggestion does not say it is for the stage: %s", stage, why)
			}
		}
	}
}

// TestDashboardStage: the start page names the couple's stage of the path,
// with a link to the path page, and follows it when it changes: not on a
// proposal, on the partner's agreement, for both of them.
func TestDashboardStage(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	stage := func(u *user) string {
		t.Helper()
		sec := section(t, u.open("/"), "stage-h")
		if !strings.Contains(sec, `href="/path"`) {
			t.Errorf("%s: the stage on the dashboard has no link to the path\n%s", u.Name, sec)
		}
		return sec
	}
	for _, u := range []*user{a, b} {
		if sec := stage(u); !strings.Contains(sec, "Stage 1 of 5: Safety and deciding.") {
			t.Errorf("%s: a new couple's dashboard does not show the first stage\n%s", u.Name, sec)
		}
	}
	a.post("/path/stage", form("stage", "2"))
	if sec := stage(a); !strings.Contains(sec, "Stage 1 of 5: Safety and deciding.") {
		t.Errorf("a proposal alone changed the stage on the dashboard\n%s", sec)
	}
	b.post("/path/stage/"+openStageID(t, b), form("answer", "agreed"))
	for _, u := range []*user{a, b} {
		sec := stage(u)
		if !strings.Contains(sec, "Stage 3 of 5: Truth and atonement.") || strings.Contains(sec, "Safety and deciding") {
			t.Errorf("%s: after the change the dashboard shows\n%s", u.Name, sec)
		}
	}
	// The link leads to the path page, which says the same stage.
	a.open("/path").contains(t, "<h2 id=\"now-h\">Now: Truth and atonement</h2>")
}

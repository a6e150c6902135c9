package guidance

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"mend/content"
)

// TestLoadContent runs the validation the server runs at start-up on the
// real, embedded content.
func TestLoadContent(t *testing.T) {
	lib, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	ps := lib.Practices()
	if len(ps) < 30 {
		t.Errorf("got %d practices, want at least 30", len(ps))
	}
	if got, want := len(lib.Themes()), len(AllThemes()); got != want {
		t.Errorf("%d of %d themes have practices: %v", got, want, lib.Themes())
	}
	for _, a := range Audiences() {
		if len(lib.Groups(a)) == 0 {
			t.Errorf("no practices for audience %q", a)
		}
	}
	for _, slug := range []string{SafetyPage, TherapyPage, UsingMendPage} {
		pg, ok := lib.Page(slug)
		if !ok || pg.Title == "" || !strings.Contains(pg.HTML, "<p>") {
			t.Errorf("page %q missing or empty: %+v", slug, pg)
		}
	}
	// Every thing to try is an action of the member alone, in the first
	// person, that the partner could see done: it says "I", and asks
	// nothing of the two of them together.
	for _, p := range ps {
		for _, try := range p.Try {
			words := strings.FieldsFunc(try, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
			lower := strings.ToLower(try)
			if !slices.Contains(words, "I") || strings.Contains(lower, "together") || strings.Contains(lower, "each other") {
				t.Errorf("%s: thing to try %q is not a first-person action of the member alone", p.Slug, try)
			}
		}
	}
	perStage := map[int]int{}
	perAudience := map[string]int{}
	for _, p := range ps {
		perStage[p.Stage]++
		perAudience[p.Audience]++
	}
	for _, st := range Stages() {
		if perStage[st.Number] == 0 {
			t.Errorf("stage %d (%s) has no practices", st.Number, st.Title)
		}
	}
	if perAudience[Hurt] < perAudience[Broke] {
		t.Errorf("%d practices for the hurt partner, fewer than the %d for the partner who broke trust", perAudience[Hurt], perAudience[Broke])
	}
	for _, p := range ps {
		if q, ok := lib.Practice(p.Slug); !ok || q != p {
			t.Errorf("Practice(%q) does not return it", p.Slug)
		}
		if !strings.Contains(p.HTML, "<p>") || strings.Contains(p.HTML, "raw HTML omitted") {
			t.Errorf("%s: unexpected rendered body %.80q", p.Slug, p.HTML)
		}
		if got := lib.Sources(p); len(got) != len(p.Sources) {
			t.Errorf("%s: %d of %d sources resolved", p.Slug, len(got), len(p.Sources))
		}
	}
}

// fixture returns the small library in testdata/content as a MapFS, which a
// test can break in one place.
func fixture(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := "testdata/content"
	err := fs.WalkDir(os.DirFS(root), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(root + "/" + name)
		m[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func loadFixture(t testing.TB) *Library {
	t.Helper()
	lib, err := Load(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// edit replaces old with new in one fixture file, failing if old is absent.
func edit(t *testing.T, m fstest.MapFS, name, old, new string) {
	t.Helper()
	f, ok := m[name]
	if !ok || !strings.Contains(string(f.Data), old) {
		t.Fatalf("fixture %s has no %q", name, old)
	}
	m[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
}

func TestLoadFixture(t *testing.T) {
	lib := loadFixture(t)
	p, ok := lib.Practice("tell-the-whole-truth")
	if !ok {
		t.Fatal("practice missing")
	}
	want := Practice{
		Slug: "tell-the-whole-truth", Title: "Tell the whole truth once", Theme: "honesty", Audience: Broke,
		Summary: "Answer every question fully, once, instead of letting the truth trickle out.",
		Try:     []string{"Write down what you have not yet said", "Offer to answer questions at a set time"},
		Reflect: []string{"What am I still holding back?", "What am I afraid will happen if I say it?"},
		Sources: []string{"alpha"},
	}
	if p.Slug != want.Slug || p.Title != want.Title || p.Theme != want.Theme || p.Audience != want.Audience ||
		p.Summary != want.Summary || strings.Join(p.Try, "|") != strings.Join(want.Try, "|") ||
		strings.Join(p.Reflect, "|") != strings.Join(want.Reflect, "|") || strings.Join(p.Sources, "|") != "alpha" {
		t.Errorf("got %+v\nwant %+v", p, want)
	}
	if !strings.HasPrefix(p.Body, "A partial confession") {
		t.Errorf("body starts %.40q", p.Body)
	}
	if !strings.Contains(p.HTML, "<strong>tell everything</strong>") || !strings.Contains(p.HTML, "<li>one</li>") {
		t.Errorf("body not rendered: %.200s", p.HTML)
	}
	if p.Stage != 1 || p.Private {
		t.Errorf("stage %d, private %v: want 1, false (written for the partner who broke trust)", p.Stage, p.Private)
	}
	if _, ok := lib.Practice("nope"); ok {
		t.Error("Practice(nope) found something")
	}
	if _, ok := lib.Page("nope"); ok {
		t.Error("Page(nope) found something")
	}
	pg, _ := lib.Page(SafetyPage)
	if pg.Title != "When it is not safe" || pg.Summary == "" || !strings.Contains(pg.HTML, "<em>Markdown</em>") {
		t.Errorf("safety page: %+v", pg)
	}
	if got := len(lib.AllSources()); got != 2 {
		t.Errorf("AllSources: got %d, want 2", got)
	}
}

func TestLoadAcceptsVariants(t *testing.T) {
	m := fixture(t)
	// Windows line endings, a byte-order mark and quoted YAML are all fine.
	f := m["practices/listen-first.md"]
	data := "\ufeff" + strings.ReplaceAll(string(f.Data), "\n", "\r\n")
	data = strings.Replace(data, "title: Listen before you answer", `title: "Listen before you answer"`, 1)
	m["practices/listen-first.md"] = &fstest.MapFile{Data: []byte(data)}
	// Files that are not Markdown are ignored.
	m["practices/notes.txt"] = &fstest.MapFile{Data: []byte("scratch")}
	lib, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := lib.Practice("listen-first"); p == nil || p.Title != "Listen before you answer" {
		t.Errorf("got %+v", p)
	}
}

func TestLoadRejects(t *testing.T) {
	const (
		truth  = "practices/tell-the-whole-truth.md"
		listen = "practices/listen-first.md"
	)
	tests := []struct {
		name    string
		breakIt func(t *testing.T, m fstest.MapFS)
		want    []string // each must appear in the error
	}{
		{"missing field", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "summary: Answer every question fully, once, instead of letting the truth trickle out.\n", "")
		}, []string{`content/practices/tell-the-whole-truth.md: field "summary": missing`}},
		{"empty field", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "title: Tell the whole truth once", "title:")
		}, []string{`content/practices/tell-the-whole-truth.md: field "title": empty`}},
		{"unknown theme", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "theme: honesty", "theme: honsty")
		}, []string{`content/practices/tell-the-whole-truth.md: field "theme": unknown theme "honsty" (want one of honesty, responsibility,`}},
		{"unknown audience", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "audience: broke", "audience: cheater")
		}, []string{`content/practices/tell-the-whole-truth.md: field "audience": unknown audience "cheater" (want one of broke, hurt, both)`}},
		{"missing stage", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "stage: 1\n", "")
		}, []string{`content/practices/tell-the-whole-truth.md: field "stage": missing`}},
		{"stage out of range", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "stage: 1", "stage: 5")
		}, []string{`content/practices/tell-the-whole-truth.md: field "stage": "5" is not a stage (want a number from 0 to 4)`}},
		{"stage not a number", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "stage: 1", "stage: first")
		}, []string{`content/practices/tell-the-whole-truth.md: field "stage": "first" is not a stage`}},
		{"pair unknown or itself", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "stage: 1\n", "stage: 1\npairs:\n  - listen-frist\n  - tell-the-whole-truth\n")
		}, []string{`content/practices/tell-the-whole-truth.md: field "pairs": unknown practice "listen-frist"`,
			`content/practices/tell-the-whole-truth.md: field "pairs": a practice cannot pair with itself`}},
		{"replaces a live practice", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "stage: 1\n", "stage: 1\nreplaces:\n  - listen-first\n")
		}, []string{`content/practices/tell-the-whole-truth.md: field "replaces": "listen-first" is still a practice`}},
		{"unknown intentions", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "stage: 1\n", "stage: 1\nintentions: secret\n")
		}, []string{`content/practices/tell-the-whole-truth.md: field "intentions": unknown value "secret" (want private or shared)`}},
		{"duplicate slug", func(t *testing.T, m fstest.MapFS) {
			m["practices/zz-copy.md"] = m[listen]
		}, []string{
			`content/practices/zz-copy.md: field "slug": duplicate slug "listen-first" (also in content/practices/listen-first.md)`,
			`content/practices/zz-copy.md: field "slug": "listen-first" does not match the file name (want "zz-copy")`,
		}},
		{"slug is not the file name", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "slug: listen-first", "slug: listen-frist")
		}, []string{`content/practices/listen-first.md: field "slug": "listen-frist" does not match the file name (want "listen-first")`}},
		{"slug with capitals", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "slug: listen-first", "slug: Listen-First")
		}, []string{`content/practices/listen-first.md: field "slug": "Listen-First" is not a slug`}},
		{"empty try item", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "  - Offer to answer questions at a set time\n", "  - \n  - Offer to answer questions at a set time\n")
		}, []string{`content/practices/tell-the-whole-truth.md: field "try": item 2 is empty`}},
		{"too few try items", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "  - Offer to answer questions at a set time\n", "")
		}, []string{`content/practices/tell-the-whole-truth.md: field "try": 1 item(s) (want at least 2)`}},
		{"try not a list", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "try:\n  - Write down what you have not yet said\n  - Offer to answer questions at a set time\n", "try: Write it down\n")
		}, []string{`content/practices/tell-the-whole-truth.md: field "try": want a list, got text`}},
		{"title is a list", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "title: Tell the whole truth once", "title: [Tell, the, truth]")
		}, []string{`content/practices/tell-the-whole-truth.md: field "title": want text, got a list`}},
		{"too many reflect items", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, truth, "reflect:\n", "reflect:\n  - One?\n  - Two?\n  - Three?\n")
		}, []string{`content/practices/tell-the-whole-truth.md: field "reflect": 5 items (want at most 4)`}},
		{"missing sources", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "sources:\n  - beta\n", "")
		}, []string{`content/practices/listen-first.md: field "sources": missing`}},
		{"unknown source key", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "  - beta\n", "  - gamma\n")
		}, []string{`content/practices/listen-first.md: field "sources": unknown source "gamma" (want one of alpha, beta)`}},
		{"unknown front-matter field", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "theme: communication", "thmee: communication")
		}, []string{
			`content/practices/listen-first.md: field "thmee": unknown field (want one of slug, title, theme,`,
			`content/practices/listen-first.md: field "theme": missing`,
		}},
		{"repeated field", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "theme: communication", "theme: communication\ntheme: honesty")
		}, []string{`content/practices/listen-first.md: field "theme": given twice`}},
		{"body too short", func(t *testing.T, m fstest.MapFS) {
			f := string(m[listen].Data)
			m[listen] = &fstest.MapFile{Data: []byte(f[:strings.Index(f, "Small steps")])}
		}, []string{`content/practices/listen-first.md: body: 24 words (want 150–400)`}},
		{"body too long", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "Listening is not", strings.Repeat("word ", 400)+"Listening is not")
		}, []string{`content/practices/listen-first.md: body: 603 words (want 150–400)`}},
		{"raw HTML in body", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "Listening is not", "<div>Listening</div>\n\nListening is not")
		}, []string{`content/practices/listen-first.md: body: contains raw HTML`}},
		{"bad YAML", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "title: Listen before you answer", "title: [Listen before")
		}, []string{`content/practices/listen-first.md: front matter: invalid YAML: yaml: line`}},
		{"front matter not a mapping", func(t *testing.T, m fstest.MapFS) {
			m[listen] = &fstest.MapFile{Data: []byte("---\n- a\n- b\n---\nbody\n")}
		}, []string{`content/practices/listen-first.md: front matter: want a YAML mapping of fields`}},
		{"no front matter", func(t *testing.T, m fstest.MapFS) {
			m[listen] = &fstest.MapFile{Data: []byte("# Listen\n\nJust a body.\n")}
		}, []string{`content/practices/listen-first.md: front matter: missing: the file must start with a "---" line`}},
		{"front matter not closed", func(t *testing.T, m fstest.MapFS) {
			m[listen] = &fstest.MapFile{Data: []byte("---\nslug: listen-first\n\nbody\n")}
		}, []string{`content/practices/listen-first.md: front matter: not closed`}},
		{"empty front matter", func(t *testing.T, m fstest.MapFS) {
			m[listen] = &fstest.MapFile{Data: []byte("---\n---\nbody\n")}
		}, []string{`content/practices/listen-first.md: field "slug": missing`, `content/practices/listen-first.md: field "try": missing`}},
		{"problems in two files are all reported", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "audience: both", "audience: all")
			edit(t, m, truth, "theme: honesty", "theme: truth")
		}, []string{`content/practices/listen-first.md: field "audience"`, `content/practices/tell-the-whole-truth.md: field "theme"`}},
		{"no practices", func(t *testing.T, m fstest.MapFS) {
			for name := range m {
				if strings.HasPrefix(name, "practices/") {
					delete(m, name)
				}
			}
		}, []string{`content/practices: cannot read directory`}},
		{"empty practices directory", func(t *testing.T, m fstest.MapFS) {
			for name := range m {
				if strings.HasPrefix(name, "practices/") {
					delete(m, name)
				}
			}
			m["practices"] = &fstest.MapFile{Mode: fs.ModeDir}
		}, []string{`content/practices: no practices found`}},
		{"page missing summary", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "pages/therapy.md", "summary: About finding a therapist.\n", "")
		}, []string{`content/pages/therapy.md: field "summary": missing`}},
		{"page with unknown field", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "pages/therapy.md", "summary:", "theme: help\nsummary:")
		}, []string{`content/pages/therapy.md: field "theme": unknown field (want one of slug, title, summary)`}},
		{"page with empty body", func(t *testing.T, m fstest.MapFS) {
			m["pages/therapy.md"] = &fstest.MapFile{Data: []byte("---\nslug: therapy\ntitle: T\nsummary: S\n---\n\n")}
		}, []string{`content/pages/therapy.md: body: empty`}},
		{"page with raw HTML", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "pages/therapy.md", "Some", "<script>alert(1)</script>\n\nSome")
		}, []string{`content/pages/therapy.md: body: contains raw HTML`}},
		{"page slug is not the file name", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "pages/therapy.md", "slug: therapy", "slug: therapist")
		}, []string{`content/pages/therapy.md: field "slug": "therapist" does not match the file name (want "therapy")`}},
		{"required page missing", func(t *testing.T, m fstest.MapFS) {
			delete(m, "pages/safety.md")
		}, []string{`content/pages/safety.md: missing: the app links to this page`}},
		{"sources file missing", func(t *testing.T, m fstest.MapFS) {
			delete(m, "sources.yaml")
		}, []string{`content/sources.yaml: cannot read: file does not exist`}},
		{"sources not a list", func(t *testing.T, m fstest.MapFS) {
			m["sources.yaml"] = &fstest.MapFile{Data: []byte("alpha: Article Alpha\n")}
		}, []string{`content/sources.yaml: want a YAML list of {key, title, about}`}},
		{"sources bad YAML", func(t *testing.T, m fstest.MapFS) {
			m["sources.yaml"] = &fstest.MapFile{Data: []byte("- key: [alpha\n")}
		}, []string{`content/sources.yaml: invalid YAML`}},
		{"sources empty list", func(t *testing.T, m fstest.MapFS) {
			m["sources.yaml"] = &fstest.MapFile{Data: []byte("[]\n")}
		}, []string{`content/sources.yaml: no sources listed`}},
		{"source missing about", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "sources.yaml", "  about: Listening and patience.\n", "")
		}, []string{`content/sources.yaml: entry 2: field "about": missing`}},
		{"source entry not a mapping", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "sources.yaml", "- key: beta", "- [beta]\n- key: beta")
		}, []string{`content/sources.yaml: entry 2: want a mapping of fields, got a list`}},
		{"duplicate source key", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, "sources.yaml", "key: beta", "key: alpha")
		}, []string{`content/sources.yaml: entry 2: field "key": duplicate source key "alpha"`}},
		{"list item not text", func(t *testing.T, m fstest.MapFS) {
			edit(t, m, listen, "  - Repeat back what you heard\n", "  - {a: b}\n  - Repeat back what you heard\n")
		}, []string{`content/practices/listen-first.md: field "try": item 1: want text, got a mapping`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t)
			tt.breakIt(t, m)
			lib, err := Load(m)
			if err == nil {
				t.Fatal("Load accepted broken content")
			}
			if lib != nil {
				t.Error("Load returned a library with its error")
			}
			var ce *ContentError
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("error %T is not a *ContentError with problems", err)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not contain\n  %s\ngot:\n%v", want, err)
				}
			}
		})
	}
}

// TestPairsAndReplaces: a pair written on one side is found from both, and a
// retired slug leads to the practice that replaced it.
func TestPairsAndReplaces(t *testing.T) {
	m := fixture(t)
	edit(t, m, "practices/tell-the-whole-truth.md", "stage: 1\n", "stage: 1\npairs:\n  - letting-go-slowly\nreplaces:\n  - old-truth\n")
	lib, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	truth, _ := lib.Practice("tell-the-whole-truth")
	slow, _ := lib.Practice("letting-go-slowly")
	if got := lib.PairsOf(slow); len(got) != 1 || got[0] != truth {
		t.Errorf("PairsOf(letting-go-slowly) = %v, want tell-the-whole-truth", got)
	}
	if got := lib.PairsOf(truth); len(got) != 1 || got[0] != slow {
		t.Errorf("PairsOf(tell-the-whole-truth) = %v", got)
	}
	if r, ok := lib.Replacement("old-truth"); !ok || r != "tell-the-whole-truth" {
		t.Errorf("Replacement(old-truth) = %q, %v", r, ok)
	}
	if _, ok := lib.Replacement("tell-the-whole-truth"); ok {
		t.Error("a live practice has a replacement")
	}
	if !slow.Private {
		t.Error("letting-go-slowly, for the hurt partner, does not make private intentions by default")
	}
}

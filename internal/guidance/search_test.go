package guidance

import (
	"strings"
	"testing"

	"mend/content"
)

func TestStem(t *testing.T) {
	// Each line holds words that must share a stem.
	for _, line := range []string{
		"apologize apologizing apologized apologizes apology apologies apologise",
		"promise promises promising promised",
		"listen listening listened listens",
		"forgive forgiving forgiveness forgiven forgives",
		"lie lies lying lied",
		"trust trusting trusted trusts",
		"therapy therapist therapists",
		"honest honesty honestly",
		"commit commitment commitments committed",
		"patient patience",
		"consistent consistency",
		"intimate intimacy",
		"responsible responsibility",
		"hurt hurtful hurts",
		"try tries tried trying",
		"stop stopped stopping stops",
		"trustworthy trustworthiness",
		"communicate communication communicating",
	} {
		words := strings.Fields(line)
		want := stem(words[0])
		for _, w := range words[1:] {
			if got := stem(w); got != want {
				t.Errorf("stem(%q) = %q, stem(%q) = %q; want equal", w, got, words[0], want)
			}
		}
	}
	// Words that must stay apart or whole.
	for w, want := range map[string]string{
		"thing": "thing", "sing": "sing", "need": "need", "moment": "moment", "partner": "partner",
		"listen": "listen", "crisis": "crisis", "café": "café", "go": "go",
	} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
	if stem("list") == stem("listen") {
		t.Error(`"list" and "listen" share a stem`)
	}
}

func TestTokenize(t *testing.T) {
	var got []string
	tokenize("Shouldn’t LIE to me: it's the 2nd time! Café, naïve—and_more.", func(tok string) { got = append(got, tok) })
	want := "shouldnt lie 2nd time café naïve more"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("tokenize = %q, want %q", s, want)
	}
	got = nil
	tokenize(strings.Repeat("x", 41)+" ok", func(tok string) { got = append(got, tok) })
	if strings.Join(got, " ") != "ok" {
		t.Errorf("overlong token kept: %v", got)
	}
}

func searchSlugs(lib *Library, q string, limit int) []string {
	var s []string
	for _, r := range lib.Search(q, limit) {
		s = append(s, r.Practice.Slug)
	}
	return s
}

func TestSearchFixture(t *testing.T) {
	lib := loadFixture(t)
	tests := []struct {
		query string
		limit int
		want  string // the whole result, in order
	}{
		{"lies", 0, "no-more-lies"},
		{"LIE!", 0, "no-more-lies"},
		// Both words must match: "listen" alone would also find listen-first.
		{"apologize listen", 0, "say-sorry-well"},
		// No practice has both words: rank by how many words match.
		{"forgiving xyzzy", 0, "letting-go-slowly"},
		// Prefix of a word, and of a stem.
		{"therap", 0, "find-a-therapist"},
		{"apologi", 0, "say-sorry-well"},
		// Every body ends in the same list with "two" once: ties go by title.
		{"two", 0, "say-sorry-well find-a-therapist letting-go-slowly listen-first no-more-lies tell-the-whole-truth"},
		{"two", 2, "say-sorry-well find-a-therapist"},
		{"xyzzy", 0, ""},
		{"xyzzy plugh", 0, ""},
		{"the and of", 0, ""},
		{"", 0, ""},
		{"th", 0, ""}, // too short to be a prefix
	}
	for _, tt := range tests {
		if got := strings.Join(searchSlugs(lib, tt.query, tt.limit), " "); got != tt.want {
			t.Errorf("Search(%q, %d) = %q, want %q", tt.query, tt.limit, got, tt.want)
		}
	}
	// A whole word counts more than a prefix of it.
	exact, prefix := lib.Search("apologize", 0), lib.Search("apologi", 0)
	if len(exact) != 1 || len(prefix) != 1 || exact[0].Score <= prefix[0].Score {
		t.Errorf("Search(apologize) = %v, Search(apologi) = %v; want the whole word to score higher", exact, prefix)
	}
}

// TestSearch checks, on the real content, that what a user would type finds
// what they are looking for. The expectations were written by reading the
// practices.
func TestSearch(t *testing.T) {
	lib, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		top   []string // the first results, in any order
	}{
		{"apology", []string{"genuine-apology"}},
		{"apologizing", []string{"genuine-apology"}}, // the text says "apologize" and "apology"
		{"promised", []string{"keep-your-word"}},
		{"lying", []string{"stop-lying"}},
		{"listened", []string{"active-listening"}},
		{"forgiveness", []string{"forgive-when-ready", "no-instant-forgiveness", "forgive-yourself"}},
		{"therap", []string{"couples-therapy"}}, // prefix
		{"questions", []string{"answer-questions"}},
		{"affair", []string{"end-the-affair"}},
		{"rituals", []string{"shared-rituals"}},
		{"small lies", []string{"stop-lying"}},      // two words, AND
		{"coffee walk", []string{"shared-rituals"}}, // two body words
		{"pride revenge", []string{"understand-the-barriers"}},
		{"reminder", []string{"when-you-are-triggered"}}, // in its title
		{"thank", []string{"notice-and-thank"}},
		{"forgive zzzqx", []string{"forgive-when-ready", "no-instant-forgiveness", "forgive-yourself"}}, // near miss
	}
	for _, tt := range tests {
		got := searchSlugs(lib, tt.query, 10)
		if len(got) < len(tt.top) {
			t.Errorf("Search(%q) = %v, want %v first", tt.query, got, tt.top)
			continue
		}
		first := map[string]bool{}
		for _, s := range got[:len(tt.top)] {
			first[s] = true
		}
		for _, w := range tt.top {
			if !first[w] {
				t.Errorf("Search(%q) = %v, want %v first", tt.query, got, tt.top)
				break
			}
		}
	}
	// A title word beats the same word in a body.
	rs := lib.Search("anger", 0)
	if len(rs) < 2 || rs[0].Score <= rs[1].Score {
		t.Errorf("Search(anger): title match does not lead: %v", rs)
	}
	for _, q := range []string{"zzzqx", "qwzx plgh", "the of and"} {
		if got := lib.Search(q, 10); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want nothing", q, searchSlugs(lib, q, 10))
		}
	}
	if got := lib.Search("trust", 3); len(got) != 3 {
		t.Errorf("Search(trust, 3) returned %d results", len(got))
	}
}

func BenchmarkSearch(b *testing.B) {
	lib, err := Load(content.FS)
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"forgive", "apologizing", "small lies", "therap", "keep promises", "zzzqx", "coffee walk", "trust"}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		lib.Search(queries[i%len(queries)], 10)
		i++
	}
}

// TestConcurrentUse lets the race detector check that a Library and
// RenderUser can serve many requests at once.
func TestConcurrentUse(t *testing.T) {
	lib := loadFixture(t)
	done := make(chan bool)
	for range 8 {
		go func() {
			for range 20 {
				lib.Search("forgiving lies", 5)
				lib.Related(lib.Practices()[0], 3)
				RenderUser("*hi* <script>x</script> https://example.com")
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
}

func TestPlainText(t *testing.T) {
	got := plainText("# Title\n\nSome *em* and `code span`,\nsoft break.\n\n[link text](https://example.com/urlword)\n\n- item")
	for _, want := range []string{"Title", "Some em and code span,", "soft break.", "link text", "item"} {
		if !strings.Contains(got, want) {
			t.Errorf("plainText lacks %q: %q", want, got)
		}
	}
	if strings.Contains(got, "urlword") || strings.Contains(got, "*") || strings.Contains(got, "#") {
		t.Errorf("plainText kept markup or a URL: %q", got)
	}
}

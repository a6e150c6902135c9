package guidance

import (
	"slices"
	"strings"
	"testing"
)

func slugs(ps []*Practice) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.Slug
	}
	return strings.Join(s, " ")
}

func groupsString(gs []ThemeGroup) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(g.Title + ": " + slugs(g.Practices) + "; ")
	}
	return b.String()
}

func TestPracticesOrder(t *testing.T) {
	lib := loadFixture(t)
	// Theme order, then title: "Stop the small lies too" before "Tell the whole truth once".
	want := "no-more-lies tell-the-whole-truth say-sorry-well listen-first letting-go-slowly find-a-therapist"
	if got := slugs(lib.Practices()); got != want {
		t.Errorf("Practices() = %s\nwant %s", got, want)
	}
	lib.Practices()[0] = nil // callers get a copy
	if lib.Practices()[0] == nil {
		t.Error("Practices() exposes the library's slice")
	}
}

func TestGroups(t *testing.T) {
	lib := loadFixture(t)
	tests := []struct{ audience, want string }{
		{"", "Knowing the truth: no-more-lies tell-the-whole-truth; Owning what happened: say-sorry-well; Being heard: listen-first; " +
			"Forgiveness, in its own time: letting-go-slowly; Help and safety: find-a-therapist; "},
		{Broke, "Knowing the truth: no-more-lies tell-the-whole-truth; Owning what happened: say-sorry-well; Being heard: listen-first; " +
			"Help and safety: find-a-therapist; "},
		{Hurt, "Knowing the truth: no-more-lies; Being heard: listen-first; Forgiveness, in its own time: letting-go-slowly; Help and safety: find-a-therapist; "},
		{Both, "Knowing the truth: no-more-lies; Being heard: listen-first; Help and safety: find-a-therapist; "},
		{"nobody", ""},
	}
	for _, tt := range tests {
		if got := groupsString(lib.Groups(tt.audience)); got != tt.want {
			t.Errorf("Groups(%q) = %s\nwant %s", tt.audience, got, tt.want)
		}
	}
	var keys []string
	for _, th := range lib.Themes() {
		keys = append(keys, th.Key)
	}
	if got := strings.Join(keys, " "); got != "honesty responsibility communication forgiveness help" {
		t.Errorf("Themes() = %s", got)
	}
}

func TestRelated(t *testing.T) {
	lib := loadFixture(t)
	tests := []struct {
		slug string
		n    int
		want string
	}{
		// Same theme first, then those sharing source alpha, in display order.
		{"tell-the-whole-truth", 10, "no-more-lies say-sorry-well find-a-therapist"},
		{"tell-the-whole-truth", 2, "no-more-lies say-sorry-well"},
		{"tell-the-whole-truth", 0, ""},
		// Shares a source with everyone; those sharing more would come first.
		{"no-more-lies", 3, "tell-the-whole-truth say-sorry-well listen-first"},
		// No other practice in its theme.
		{"listen-first", 5, "no-more-lies letting-go-slowly"},
	}
	for _, tt := range tests {
		p, _ := lib.Practice(tt.slug)
		got := lib.Related(p, tt.n)
		if s := slugs(got); s != tt.want {
			t.Errorf("Related(%s, %d) = %q, want %q", tt.slug, tt.n, s, tt.want)
		}
	}
	if got := lib.Related(nil, 3); got != nil {
		t.Errorf("Related(nil) = %v", got)
	}
}

func TestRelatedPrefersMoreSharedSources(t *testing.T) {
	m := fixture(t)
	edit(t, m, "practices/find-a-therapist.md", "  - alpha\n", "  - alpha\n  - beta\n")
	lib, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := lib.Practice("no-more-lies")
	if got := slugs(lib.Related(p, 3)); got != "tell-the-whole-truth find-a-therapist say-sorry-well" {
		t.Errorf("Related = %s", got)
	}
}

func TestSources(t *testing.T) {
	lib := loadFixture(t)
	p, _ := lib.Practice("no-more-lies")
	got := lib.Sources(p)
	if len(got) != 2 || got[0].Key != "alpha" || got[0].Title != "Article Alpha" || got[1].Key != "beta" || got[1].About != "Listening and patience." {
		t.Errorf("Sources = %+v", got)
	}
}

func TestThemesAndAudiences(t *testing.T) {
	if th, ok := LookupTheme("help"); !ok || th.Title != "Help and safety" {
		t.Errorf("LookupTheme(help) = %v, %v", th, ok)
	}
	if _, ok := LookupTheme("honsty"); ok {
		t.Error("LookupTheme(honsty) found a theme")
	}
	all := AllThemes()
	if len(all) != 10 || all[0].Key != "honesty" || all[9].Key != "help" {
		t.Errorf("AllThemes() = %v", all)
	}
	if themeRank("nope") != len(all) {
		t.Error("unknown theme does not sort last")
	}
	want := map[string]string{
		Broke: "For the partner who broke trust",
		Hurt:  "For the partner who was hurt",
		Both:  "For both of you",
		"x":   "",
	}
	for a, label := range want {
		if got := AudienceLabel(a); got != label {
			t.Errorf("AudienceLabel(%q) = %q, want %q", a, got, label)
		}
	}
	if got := strings.Join(Audiences(), " "); got != "broke hurt both" {
		t.Errorf("Audiences() = %s", got)
	}
}

// TestRelatedMadeOnce: the related practices kept from the load are those
// computed afresh, for every practice of the library and every length.
func TestRelatedMadeOnce(t *testing.T) {
	lib := loadFixture(t)
	for _, p := range lib.Practices() {
		fresh := lib.relatedTo(p)
		for n := 1; n <= len(fresh)+1; n++ {
			got := lib.Related(p, n)
			if want := fresh[:min(n, len(fresh))]; !slices.Equal(got, want) || cap(got) != len(got) {
				t.Fatalf("%s, %d: %d related, want %d (capacity %d)", p.Slug, n, len(got), len(want), cap(got))
			}
		}
	}
	if len(lib.related) != len(lib.Practices()) {
		t.Fatalf("%d related lists for %d practices", len(lib.related), len(lib.Practices()))
	}
}

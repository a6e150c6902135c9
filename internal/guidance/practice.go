// Package guidance loads, validates, indexes and searches content/, and renders Markdown safely.
package guidance

// Audiences a practice is written for.
const (
	// Broke marks a practice for the partner who broke trust.
	Broke = "broke"
	// Hurt marks a practice for the partner whose trust was broken.
	Hurt = "hurt"
	// Both marks a practice for both partners.
	Both = "both"
)

var audienceLabels = map[string]string{
	Broke: "For the partner who broke trust",
	Hurt:  "For the partner who was hurt",
	Both:  "For both of you",
}

// Audiences returns the audience keys in display order.
func Audiences() []string { return []string{Broke, Hurt, Both} }

// AudienceLabel returns the human label of an audience key, or "" for an unknown key.
func AudienceLabel(audience string) string { return audienceLabels[audience] }

// Theme is one of the fixed themes practices are grouped by.
type Theme struct {
	Key   string // as written in front matter, e.g. "honesty"
	Title string // for people, e.g. "Honesty"
}

// themes is the fixed list of themes in display order.
var themes = []Theme{
	{"honesty", "Honesty"},
	{"responsibility", "Responsibility"},
	{"patience", "Patience"},
	{"presence", "Presence"},
	{"communication", "Communication"},
	{"consistency", "Consistency"},
	{"intimacy", "Intimacy"},
	{"forgiveness", "Forgiveness"},
	{"care", "Care"},
	{"help", "Getting help"},
}

// AllThemes returns every known theme in display order, used or not.
func AllThemes() []Theme { return append([]Theme(nil), themes...) }

// LookupTheme returns the theme with the given key.
func LookupTheme(key string) (Theme, bool) {
	for _, t := range themes {
		if t.Key == key {
			return t, true
		}
	}
	return Theme{}, false
}

// themeRank returns the display position of a theme key (len(themes) if unknown).
func themeRank(key string) int {
	for i, t := range themes {
		if t.Key == key {
			return i
		}
	}
	return len(themes)
}

// Practice is one piece of guidance, from content/practices/<slug>.md.
type Practice struct {
	Slug     string
	Title    string
	Theme    string // a Theme key
	Audience string // Broke, Hurt or Both
	Summary  string
	Try      []string // things to try, 2–5
	Reflect  []string // prompts to reflect on, 2–4
	Sources  []string // source keys from content/sources.yaml
	Body     string   // Markdown source
	HTML     string   // Body rendered once at load; raw HTML in the source is omitted
}

// Page is a standalone page, from content/pages/<slug>.md.
type Page struct {
	Slug    string
	Title   string
	Summary string
	HTML    string // rendered body
}

// Source is one of the articles the guidance draws its ideas from.
type Source struct {
	Key   string
	Title string
	About string
}

// ThemeGroup is a theme with its practices in display order.
type ThemeGroup struct {
	Theme
	Practices []*Practice
}

// Slugs of the pages the app links to; Load fails if one is missing.
const (
	// SafetyPage says when working on trust is not the right step; linked from every footer.
	SafetyPage = "safety"
	// TherapyPage is about finding a couples therapist.
	TherapyPage = "therapy"
	// UsingMendPage explains how to use the app.
	UsingMendPage = "using-mend"
)

var requiredPages = []string{SafetyPage, TherapyPage, UsingMendPage}

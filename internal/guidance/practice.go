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
// Their titles name what a person needs, not a virtue asked of them.
var themes = []Theme{
	{"honesty", "Knowing the truth"},
	{"responsibility", "Owning what happened"},
	{"patience", "Time to heal"},
	{"presence", "Someone who is there"},
	{"communication", "Being heard"},
	{"consistency", "Words you can rely on"},
	{"intimacy", "Closeness again"},
	{"forgiveness", "Forgiveness, in its own time"},
	{"care", "Getting through the pain"},
	{"help", "Help and safety"},
}

// Stage is one step of the path of recovery. Stages are a guide, not a
// schedule: a couple can be in one, and go back to an earlier one.
type Stage struct {
	Number int    // 0..len(stages)-1, as written in front matter
	Title  string // for people, e.g. "Truth and atonement"
	About  string // one sentence on what the stage is for
}

// stages is the path, in order.
var stages = []Stage{
	{0, "Safety and deciding", "Being safe, getting support, and deciding whether to try at all."},
	{1, "The first weeks after discovery", "Getting through the shock: the contact ends, the days get some shape, nobody decides anything for good yet."},
	{2, "Truth and atonement", "The whole story told once and with care, questions answered, responsibility taken without excuses."},
	{3, "Understanding why, and attunement", "Learning what made the betrayal possible, and learning to hold each other's pain."},
	{4, "Building a new relationship", "Making the relationship that comes next: new habits, closeness, and a shared future."},
}

// Stages returns the stages of the path in order.
func Stages() []Stage { return append([]Stage(nil), stages...) }

// LookupStage returns stage n.
func LookupStage(n int) (Stage, bool) {
	if n < 0 || n >= len(stages) {
		return Stage{}, false
	}
	return stages[n], true
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
	Stage    int      // the stage of the path it belongs to; see Stages
	Pairs    []string // slugs of practices whose work answers this one's, for the other partner (symmetric after Load)
	Replaces []string // slugs of retired practices merged into this one; their links lead here
	// Private is whether its things to try become private intentions by
	// default when turned into a promise: practices for the hurt partner and
	// those about one's own healing.
	Private bool
	Body    string // Markdown source
	HTML    string // Body rendered once at load; raw HTML in the source is omitted
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

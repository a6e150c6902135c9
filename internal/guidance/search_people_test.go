package guidance

import (
	"slices"
	"testing"

	"mend/content"
)

// peopleQueries are searches written the way people type them about their
// own situation, in the first or second person, with feelings, everyday
// words and the odd misspelling, each with the practice that must be among
// the first three results.
var peopleQueries = []struct{ query, want string }{
	{"i cheated on my wife how do i fix this", "first-days-broke"},
	{"just found out my husband is cheating", "first-days-hurt"},
	{"I found out yesterday and I can't eat or sleep", "first-days-hurt"},
	{"how do i say sorry properly", "genuine-apology"},
	{"apologizing again and again", "genuine-apology"},
	{"he keeps asking the same questions over and over", "answer-questions"},
	{"i want to know everything that happened", "ask-what-you-need-to-know"},
	{"should i stay or leave him", "whether-to-rebuild"},
	{"i dont know if i want to stay", "leaning-out"},
	{"my wife isn't sure she wants to stay with me", "leaning-out"},
	{"i keep checking his phone", "checking-and-suspicion"},
	{"I'm so jealous all the time", "checking-and-suspicion"},
	{"paranoid and suspicious of everything she does", "checking-and-suspicion"},
	{"i can't stop picturing them together", "betrayal-trauma"},
	{"flashbacks and panic attacks since the affair", "betrayal-trauma"},
	{"am i not good enough", "not-because-of-you"},
	{"what's wrong with me that he cheated", "not-because-of-you"},
	{"why did i do it", "why-work"},
	{"why did you cheat on me", "why-work"},
	{"i'm so angry i could scream", "anger-in-waves"},
	{"rage", "anger-in-waves"},
	{"should we tell the kids", "who-to-tell"},
	{"who should I tell about the affair", "who-to-tell"},
	{"do i tell my family", "who-to-tell"},
	{"std test after cheating", "health-checks"},
	{"sexual health", "health-checks"},
	{"i don't want to have sex with him", "intimacy-at-your-pace"},
	{"intimacy after an affair", "intimacy-at-your-pace"},
	{"he lied about money and debts", "other-betrayals"},
	{"gambling", "other-betrayals"},
	{"emotional affair online", "other-betrayals"},
	{"found more messages after he said it was over", "when-more-comes-out"},
	{"she started talking to him again", "when-more-comes-out"},
	{"how to end it with the other woman", "end-the-affair"},
	{"cut off contact with the affair partner", "end-the-affair"},
	{"how long does it take to trust again", "give-it-time"},
	{"will this pain ever end", "give-it-time"},
	{"i can't forgive him", "forgive-when-ready"},
	{"she won't forgive me", "no-instant-forgiveness"},
	{"i hate myself for what i did", "forgive-yourself"},
	{"guilt and shame", "forgive-yourself"},
	{"he says just trust me", "dont-ask-for-trust"},
	{"why won't you believe me", "dont-ask-for-trust"},
	{"therapist", "couples-therapy"},
	{"councelling for couples", "couples-therapy"},
	{"a counsellor just for me", "support-of-your-own"},
	{"something reminded me and it all came back", "when-you-are-triggered"},
	{"triggerd", "when-you-are-triggered"},
	{"a full disclosure with a therapist", "disclosure-with-help"},
	{"should i tell her everything at once", "whole-truth"},
	{"stop the lies", "stop-lying"},
	{"little white lies", "stop-lying"},
	{"he never picks up the phone", "be-reachable"},
	{"i need reassurance", "ask-for-reassurance"},
	{"boundaries with coworkers and exes", "walls-and-windows"},
	{"should i give him my passwords", "offer-openness"},
	{"being transparent", "offer-openness"},
	{"he doesn't listen to me", "active-listening"},
	{"we argue about the same thing every week", "solve-recurring-conflicts"},
	{"I feel like I come second to his work", "put-them-first"},
	{"he doesn't notice when I reach out to him", "attunement"},
	{"he says it was nothing and I'm overreacting", "dont-minimize"},
	{"he blames me for the affair", "own-it"},
	{"taking care of myself", "care-for-yourself"},
	{"things to do together again", "new-experiences"},
	{"thank you notes", "notice-and-thank"},
	{"is it time to give up on us", "knowing-when-to-stop"},
	{"recomit to each other", "recommit"},
	{"keepin promises", "keep-your-word"},
	{"actions speak louder than words", "steady-over-time"},
}

func TestSearchAsPeopleWrite(t *testing.T) {
	lib, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	passed := 0
	for _, q := range peopleQueries {
		if _, ok := lib.Practice(q.want); !ok {
			t.Errorf("%q: no practice %q", q.query, q.want)
			continue
		}
		got := searchSlugs(lib, q.query, 3)
		if slices.Contains(got, q.want) {
			passed++
			continue
		}
		t.Errorf("Search(%q) = %v, want %s among the first three", q.query, got, q.want)
	}
	t.Logf("%d of %d queries find their practice in the first three", passed, len(peopleQueries))
}

func TestWithinEdits(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		k    int
		want bool
	}{
		{"triggerd", "triggered", 1, true},
		{"councelling", "counselling", 1, true},
		{"recomit", "recommit", 1, true},
		{"jealus", "jealous", 1, true},
		{"trust", "thrust", 0, false},
		{"apology", "biology", 1, false},
		{"", "abc", 2, false},
	} {
		if got := withinEdits(tt.a, tt.b, tt.k); got != tt.want {
			t.Errorf("withinEdits(%q, %q, %d) = %v", tt.a, tt.b, tt.k, got)
		}
	}
	if maxTypos("hurt") != 0 || maxTypos("angry") != 1 || maxTypos("triggerd") != 2 {
		t.Error("maxTypos: short words take no typos, longer ones one or two")
	}
}

// TestFuzzyOnlyWhenNothingElse: a misspelt word finds the practice, but a
// word the text holds is never widened to its near neighbours.
func TestFuzzyOnlyWhenNothingElse(t *testing.T) {
	lib, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got := searchSlugs(lib, "apologyse", 1); len(got) != 1 || got[0] != "genuine-apology" {
		t.Errorf("Search(apologyse) = %v, want genuine-apology", got)
	}
	exact, typo := lib.Search("jealousy", 1), lib.Search("jealosy", 1)
	if len(exact) != 1 || len(typo) != 1 || typo[0].Score >= exact[0].Score {
		t.Errorf("a misspelling should score below the word itself: %v vs %v", typo, exact)
	}
}

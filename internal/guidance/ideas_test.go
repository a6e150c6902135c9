package guidance

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mend/content"
)

// sourceIdeas are the ideas of the five source articles, one a line, in
// our own short words (the articles stay out of the repository): which
// article (the number its file name starts with), the idea, a search a
// person might type for it, the words that must name it in the title,
// summary or things to try of one of the practices that carry it (each
// word or phrase, "|"-separated, as written there, case aside), and
// those practices. The poor advice of article 002 (keep parts of the
// truth back, push a partner to forget, checking the phone as a duty) is
// not an idea the library carries; what respects both partners in it is.
var sourceIdeas = []struct {
	article, idea, query, named, slugs string
}{
	// 000: things to do to regain lost confidence.
	{"000", "do not ask to be trusted; let words and actions match", "he wants me to just believe him", "trust|believe", "dont-ask-for-trust"},
	{"000", "do not lie, even when the truth is unwelcome", "stop lying to my wife", "lie", "stop-lying"},
	{"000", "keep no secrets", "no more secrets between us", "secret", "offer-openness"},
	{"000", "let the partner feel safe: be predictable, show yourself as you are", "how do i make her feel safe with me", "safe", "offer-openness name-what-helps be-reachable"},
	{"000", "do not assume how the partner feels; ask and listen", "i assume i know how she feels", "assum", "active-listening attunement"},
	{"000", "give it time; a short separation can help in a crisis", "should we take a break and spend some time apart", "space|time", "time-and-space"},
	{"000", "do not be carried away by anger", "i get so angry i say things i regret", "anger", "anger-in-waves"},
	{"000", "keep expectations of the partner realistic; do not try to change them", "my expectations of him are too high", "expectation", "agree-what-trust-means"},
	{"000", "everyone makes mistakes; look at what led to the situation", "what led to this happening in our marriage", "led to", "understand-what-happened"},
	{"000", "end the relationship with the third person clearly", "how do i end the affair for good", "end the affair", "end-the-affair first-days-broke"},
	{"000", "answer all of the partner's questions", "answering her questions about the affair", "question", "answer-questions ask-what-you-need-to-know"},
	{"000", "stay by the partner's side, present and available", "be there for her and present", "there|attention", "be-reachable"},
	{"000", "be patient; chasing makes it worse", "be patient with my husband", "patien", "give-it-time no-instant-forgiveness"},
	{"000", "empathise with the partner's pain", "empathy for my wife's pain", "empath", "attunement"},
	{"000", "be consistent, starting from scratch", "being consistent", "consistent", "steady-over-time"},
	{"000", "assertive communication by both", "assertive communication", "assertive", "speak-clearly"},
	{"000", "ask a couples therapist for help when you cannot do it alone", "couples counseling", "therapist", "couples-therapy"},

	// 001: nine tips.
	{"001", "trust is not restored overnight; ups and downs, not a straight line", "ups and downs", "ups and downs", "give-it-time"},
	{"001", "show commitment by actions, not empty promises", "empty promises", "actions|promise", "steady-over-time keep-your-word"},
	{"001", "keep the commitment over time: keep your word, keep the small things", "keep my word", "promise", "keep-your-word"},
	{"001", "listen actively and understand the other's position", "active listening", "listen", "active-listening"},
	{"001", "ask the partner whether they see progress and what to improve", "ask my partner what i can do better", "better", "active-listening notice-and-thank"},
	{"001", "find concrete solutions to the conflicts that keep coming back", "we keep fighting about chores", "arguments", "solve-recurring-conflicts"},
	{"001", "try the solution in practice and change it when it does not work", "our plan is not working", "plan", "solve-recurring-conflicts"},
	{"001", "be honest: no lies, omissions or deceptions", "lies and omissions", "omissions", "stop-lying"},
	{"001", "take responsibility for the mistake, reflect and learn", "take responsibility for my mistakes", "responsibility", "own-it"},
	{"001", "make no promise you cannot keep; know your weaknesses first", "don't make promises you can't keep", "promise", "keep-your-word"},
	{"001", "couples therapy", "couples therapy", "therapist", "couples-therapy"},
	{"001", "it takes the commitment of both", "we both have to commit", "commit", "recommit leaning-out"},

	// 002: steps after infidelity, causes and barriers, apology, self-forgiveness, dating advice.
	{"002", "stop lying, hiding and denying", "he keeps lying and denying it", "lie", "stop-lying"},
	{"002", "volunteer the whole story", "tell her the whole story", "whole truth", "whole-truth"},
	{"002", "end it with the affair partner clearly and let the partner see it", "show her the message i sent to end it", "message", "end-the-affair"},
	{"002", "when the affair partner is a colleague, keep contact to work", "the affair was with a coworker i see every day", "work", "end-the-affair walls-and-windows"},
	{"002", "cheating is a choice; do not blame the partner", "he blames me for his cheating", "blam", "own-it"},
	{"002", "no excuses, no defending yourself", "stop making excuses", "excuses", "own-it"},
	{"002", "answer the questions; they fill the gaps", "why does she keep asking me questions", "gaps", "answer-questions"},
	{"002", "questions about the other person come from insecurity; it was not about being enough", "is she prettier than me", "comparing|enough", "not-because-of-you"},
	{"002", "the hurt partner's emotions are a roller coaster: tears, sleep, appetite", "can't eat or sleep since i found out", "eat", "first-days-hurt"},
	{"002", "set no time frame for forgiveness", "how long until she forgives me", "forgive", "no-instant-forgiveness forgive-when-ready"},
	{"002", "be there, emotionally open, and present", "he is never emotionally available", "there", "be-reachable attunement"},
	{"002", "be reachable by phone when apart", "i can't reach him when he's out", "reach", "be-reachable"},
	{"002", "suspicion when you are away is natural, not paranoia", "she suspects me every time i go out", "suspicion", "checking-and-suspicion"},
	{"002", "look after the hurt partner's basic needs in the first days", "make sure she has eaten and slept", "eaten", "first-days-broke"},
	{"002", "give the partner room to be alone", "she wants to be alone", "alone", "time-and-space"},
	{"002", "if the partner wants to leave, say you want to stay, and respect their decision", "my wife wants to leave me", "stay", "leaning-out whether-to-rebuild"},
	{"002", "make the partner feel they come first", "make her feel like a priority again", "priority", "put-them-first"},
	{"002", "tell the partner what you value in them", "what i love about my wife", "appreciate", "put-them-first"},
	{"002", "speak well of the partner to others", "speak well of my wife to others", "kind about my partner", "respect"},
	{"002", "be open about plans and whereabouts", "keep him updated about my plans", "plans", "offer-openness"},
	{"002", "invite the partner along where you usually go alone", "invite her to come with me", "invite", "offer-openness"},
	{"002", "offer openness about phone, mail and bills, without it becoming a duty", "should i give him my passwords", "phone", "offer-openness"},
	{"002", "no secret contact or dating", "secret contact with someone else", "contact", "walls-and-windows end-the-affair"},
	{"002", "do not reopen wounds; avoid new stress and fights", "don't rub salt in the wound", "wound", "no-reopening-wounds"},
	{"002", "less time with people who worry the partner; no flirting", "flirting with coworkers", "flirt", "walls-and-windows"},
	{"002", "be grateful that the partner chose to stay", "grateful she gave me another chance", "grateful", "no-instant-forgiveness"},
	{"002", "treat it as the start of a new relationship; new places and hobbies", "a new hobby together", "new", "new-experiences"},
	{"002", "renew the vows as a fresh start", "renew our vows", "vows", "recommit"},
	{"002", "say I love you, sincerely", "tell her i love her", "love", "put-them-first"},
	{"002", "a small row may really be about the affair", "our small fights are really about the cheating", "fight", "no-reopening-wounds"},
	{"002", "the first days and weeks matter most", "the first weeks after my affair came out", "first days", "first-days-broke"},
	{"002", "romance again: flowers, notes, small gifts, unasked", "romantic gestures flowers", "romantic", "recommit"},
	{"002", "do what the partner asks the first time", "i have to ask him twice", "first time", "put-them-first"},
	{"002", "a psychologist or spiritual mentor can help", "a spiritual mentor", "spiritual", "support-of-your-own couples-therapy"},
	{"002", "causes of lost trust: cheating, physical or emotional; lying; broken promises", "emotional cheating", "emotional", "other-betrayals"},
	{"002", "unspoken expectations breed distrust", "we never said what we expected", "expectation", "agree-what-trust-means"},
	{"002", "barriers: revenge, refusing to talk, ignoring what happened, stored anger", "revenge", "revenge", "understand-the-barriers"},
	{"002", "let the hurt partner voice every feeling", "let me be angry", "anger", "dont-minimize anger-in-waves"},
	{"002", "apologise sincerely, also in a letter", "write an apology letter", "apolog", "genuine-apology"},
	{"002", "forgive yourself", "how do i forgive myself", "forgive", "forgive-yourself"},
	{"002", "explain why you lied, as a reason, not an excuse", "explain why i lied", "why", "why-work understand-what-happened"},
	{"002", "promise it will not happen again only when you are sure", "promise it won't happen again", "promise", "keep-your-word"},
	{"002", "work on yourself with a plan: a journal, a therapist", "work on myself", "therapist", "why-work"},
	{"002", "give time and space after the apology; do not smother", "give her space", "space", "time-and-space"},
	{"002", "be reliable: show up, keep your word, be on time", "be reliable", "reliable|late", "be-reachable keep-your-word"},
	{"002", "call back soon", "he doesn't call me back", "calls", "be-reachable"},
	{"002", "keep being honest about your own feelings", "tell her how i feel", "feel", "share-emotions"},
	{"002", "open up about yourself", "open up to my partner", "open up", "gradual-vulnerability"},
	{"002", "stay yourself while you change", "losing myself trying to win her back", "myself", "forgive-yourself care-for-yourself"},
	{"002", "know when it is too late", "it's too late for us", "too late", "knowing-when-to-stop"},
	{"002", "ask yourself why you want the trust back", "why do i want to stay", "why i want", "recommit"},
	{"002", "define what trust you mean to rebuild", "what does trust mean", "trust", "agree-what-trust-means"},
	{"002", "give no reason for jealousy", "she gets jealous when i talk to other women", "jealous|worry", "walls-and-windows checking-and-suspicion"},
	{"002", "put yourself in the partner's shoes", "put myself in his shoes", "feel", "attunement"},

	{"002", "see yourself as someone who can be trusted again, and earn it back", "i want to earn her trust back", "earned", "dont-ask-for-trust"},
	{"002", "expect no sympathy; take your own distress elsewhere", "i want her to comfort me", "comfort", "first-days-broke"},
	{"002", "remember what first drew you to each other", "what first drew us to each other", "drew", "recommit"},
	{"002", "decide to live as the person you want to be", "become the person i want to be", "person i want to be", "why-work"},
	{"002", "never repeat it: a further chance is far less likely", "so it never happens again", "happening again", "why-work"},

	// 003: building trust, the traps of confession, seven steps.
	{"003", "show respect, even in disagreement", "he is so disrespectful", "respect", "respect"},
	{"003", "say what you mean; say so when a promise cannot be kept", "i couldn't keep my promise", "promise", "keep-your-word"},
	{"003", "no white lies", "white lies", "lies", "stop-lying"},
	{"003", "share emotions without yelling or shutting down", "we either yell or go silent", "silence|shout", "share-emotions speak-clearly"},
	{"003", "give the benefit of the doubt", "benefit of the doubt", "benefit of the doubt", "benefit-of-the-doubt"},
	{"003", "show vulnerability little by little", "being vulnerable", "vulnerab", "gradual-vulnerability"},
	{"003", "do something challenging together", "an adventure together", "adventure", "new-experiences"},
	{"003", "give and receive in balance", "i always give and he only takes", "give", "give-and-receive"},
	{"003", "broken trust from addiction, money, or lies about work or family", "he lied about his drinking", "drinking", "other-betrayals"},
	{"003", "tell the whole truth at once, not in pieces", "the truth comes out piece by piece", "whole truth", "whole-truth"},
	{"003", "do not minimise the other's feelings", "he says i'm overreacting", "overreacting", "dont-minimize"},
	{"003", "do not answer only the exact question asked", "he only answers exactly what i ask", "detective", "offer-openness whole-truth"},
	{"003", "volunteer the truth; do not wait to be asked", "tell everything without being asked", "without waiting to be asked", "whole-truth"},
	{"003", "do not expect immediate forgiveness for being honest", "i told the truth why won't she forgive me", "forgive", "no-instant-forgiveness"},
	{"003", "do not turn defensive or aggressive at the partner's anger", "i get defensive when she is angry", "defending", "dont-minimize"},
	{"003", "honesty alone does not restore trust; it takes time", "i've been honest for months and she still doesn't trust me", "months", "watch-what-is-done give-it-time steady-over-time"},
	{"003", "both must truly want it; no ultimatums or threats", "he gave me an ultimatum", "ultimatum", "whether-to-rebuild"},
	{"003", "small gestures of reliability, such as sharing chores", "sharing the housework", "housework", "give-and-receive"},
	{"003", "help the other feel safe, heard, loved and respected", "i want her to feel heard", "heard", "active-listening"},
	{"003", "a second chance with a threat attached is already mistrust; 'you are too sensitive' shows no will", "he says i'm too sensitive", "too sensitive", "dont-minimize"},
	{"003", "trust your inner sense; after violence or assault, no dialogue is owed", "he is violent", "violence|afraid|unsafe", "whether-to-rebuild knowing-when-to-stop"},
	{"003", "take care of yourself: exercise, support group, faith", "exercise", "move my body", "care-for-yourself"},
	{"003", "a support group of people who were deceived", "support group for betrayed partners", "support group", "support-of-your-own"},
	{"003", "calm down first: betrayal puts the brain in fight or flight", "calm down when the hurt comes back", "breath|calm", "when-you-are-triggered"},
	{"003", "approach with patience, acknowledge the pain and apologise", "acknowledge her pain", "apolog", "genuine-apology"},
	{"003", "sometimes it is better to move on", "time to end the relationship and move on", "end the relationship", "knowing-when-to-stop"},

	{"003", "learn from the experience and do differently next time", "learn from my mistakes", "learned", "forgive-yourself"},

	// 004: ten ways to rebuild trust.
	{"004", "get to the root of why trust broke", "root cause", "led to", "understand-what-happened"},
	{"004", "secret texting with an ex feels like betrayal", "texting his ex behind my back", "former partners", "walls-and-windows other-betrayals"},
	{"004", "small promises broken again and again, like missed date nights", "he keeps breaking small promises", "promise", "keep-your-word"},
	{"004", "the hurt partner works out what they need to heal", "figuring out what i need to heal", "heal", "understand-what-happened name-what-helps"},
	{"004", "a genuine apology: name the hurt, show remorse, commit to change", "a real apology", "apolog", "genuine-apology"},
	{"004", "avoid 'I'm sorry you feel that way'", "sorry you feel that way", "you feel", "genuine-apology"},
	{"004", "clear communication: say concerns and needs, set boundaries", "how to communicate better", "speak|plainly", "speak-clearly"},
	{"004", "consistency over time", "consistency", "consistent", "steady-over-time"},
	{"004", "positive reinforcement: appreciate efforts, not only failures", "appreciate his efforts", "effort", "notice-and-thank"},
	{"004", "emotional intimacy through vulnerability: share the day, touch, conversation starters", "emotional intimacy", "emotional intimacy", "gradual-vulnerability intimacy-at-your-pace"},
	{"004", "shared rituals: a morning coffee, an evening walk", "morning coffee together", "coffee", "shared-rituals"},
	{"004", "new shared activities, like a cooking class", "cooking class together", "class", "new-experiences"},
	{"004", "a therapist mediates so emotions do not take over", "mediator", "therapist", "couples-therapy"},
	{"004", "reaffirm commitment regularly, with words and small notes", "reassure her i'm committed", "commitment", "recommit"},
	{"004", "time and space for healing, without pushing to move on", "pressure to move on", "pressure", "give-it-time"},
	{"004", "each partner heals on their own timeline", "we heal at different speeds", "pace", "give-it-time forgive-when-ready gradual-vulnerability intimacy-at-your-pace"},
	{"004", "forgiveness is letting go of resentment, not forgetting", "letting go of resentment", "forgetting", "forgive-when-ready"},
	{"004", "listen without judgment and validate the other's feelings", "validate her feelings", "validates", "active-listening"},
	{"004", "journaling or conversation starters when opening up feels awkward", "conversation starters", "conversation starters", "gradual-vulnerability"},
	{"004", "the partner who broke trust struggles with guilt and fear of not being forgiven", "guilt", "guilt", "forgive-yourself"},
}

// TestSourceIdeasCovered: every idea of the source articles is reached by
// a search a person might type (one of its practices among the first
// three) and named, in those words, in a practice's title, summary or
// things to try.
func TestSourceIdeasCovered(t *testing.T) {
	lib, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	perArticle := map[string]int{}
	for _, id := range sourceIdeas {
		perArticle[id.article]++
		var practices []*Practice
		for _, slug := range strings.Fields(id.slugs) {
			p, ok := lib.Practice(slug)
			if !ok {
				t.Errorf("%s %q: no practice %s", id.article, id.idea, slug)
				continue
			}
			practices = append(practices, p)
		}
		got := searchSlugs(lib, id.query, 3)
		found := false
		for _, p := range practices {
			found = found || slices.Contains(got, p.Slug)
		}
		if !found {
			t.Errorf("%s %q: Search(%q) = %v, want one of %s", id.article, id.idea, id.query, got, id.slugs)
		}
		named := false
		for _, p := range practices {
			text := strings.ToLower(p.Title + " " + p.Summary + " " + strings.Join(p.Try, " "))
			for _, w := range strings.Split(id.named, "|") {
				named = named || strings.Contains(text, strings.ToLower(w))
			}
		}
		if !named {
			t.Errorf("%s %q: none of %s names it as %q in its title, summary or things to try", id.article, id.idea, id.slugs, id.named)
		}
	}
	// Every article is in the table; with the articles at hand, each of
	// them and no other.
	articles := []string{"000", "001", "002", "003", "004"}
	if dir := seedsDir(t); dir != "" {
		files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		articles = articles[:0]
		for _, f := range files {
			articles = append(articles, filepath.Base(f)[:3])
		}
	}
	for _, a := range articles {
		if perArticle[a] == 0 {
			t.Errorf("article %s has no idea in the table", a)
		}
	}
	if len(perArticle) != len(articles) {
		t.Errorf("the table names articles %v; the articles are %v", perArticle, articles)
	}
	t.Logf("ideas per article: %v, %d in all", perArticle, len(sourceIdeas))
}

package guidance

import "strings"

// synonymFactor discounts a match found through a synonym, so that the word
// a person typed, when the text has it, ranks first.
const synonymFactor = 0.8

// synonymLines are the everyday words people type for the ideas of the
// library, each line "word word ...: what the library says". A query word
// (any form, matched by stem) also searches for what its line names. They
// are one-way: they widen what a query finds, never what a practice is
// indexed under.
var synonymLines = `
cheat cheated cheating cheater unfaithful infidelity adultery: affair betrayal
husband wife boyfriend girlfriend spouse fiance fiancee: partner
sorry: apology apologise
std sti stds stis: sexual health tested
test: tested health
sex: sexual intimacy touch
jealous jealousy: suspicion checking jealousy
paranoid suspicious spying snooping snoop: suspicion checking
picturing imagine imagining pictures flashback flashbacks nightmares intrusive: images trauma intrusive
panic: trauma grounding alarm
rage furious mad livid: anger angry
kids kid son daughter: children
ex exes: former partners
coworker coworkers colleague colleagues boss: colleagues work
password passwords: phone accounts openness
transparent transparency: openness open
counseling counselling counselor counsellor counsel: counsellor therapist therapy
therapist therapy: therapist therapy counsellor
reminded remind: reminder triggered
trigger triggered triggers: triggered reminder
hate: guilt shame punish
pain hurts hurting: hurt healing
stay leave leaving staying go sure unsure: rebuild decide leaving leaning unsure
divorce separate separation breakup: leaving ending rebuild decide
argue arguing argument arguments fight fighting fights row rows: arguments conflicts
blame blames blaming: blame excuses responsibility
overreacting dramatic: pain shrink minimise
second: first priority
call calls phone: reach reachable answer calls
myself: yourself
worthless ugly enough: enough worth comparisons
wrong: enough worth
money debt debts gambling gambled drinking drugs porn: money debts gambling addiction
online texting sexting chatting: online emotional messages
messages texts: messages contact
again resumed restarted: again contact second
believe: trust believe
kiss cuddle hug touching: touch closeness
grief sad depressed crying: grief pain
suicide suicidal die: safety
abuse hit violent violence scared afraid: safety afraid fear
together: together shared new
thanks thank grateful gratitude appreciate: thank gratitude appreciate
forgive forgiving forgiven: forgive forgiveness
lies lie lied lying liar: lie lying
consistency consistently: consistent
prettier pretty prettiest sexier beautiful attractive: comparing comparisons
suspect suspects suspecting suspected: suspicion
disrespect disrespectful demeaning belittle belittles belittling: respect belittles contempt
violence violent abuse abusive hits: violence unsafe safety afraid
exercise exercising workout gym running: move body walk run
communicate communicating: speak clearly talk
mediator mediate mediation: therapist counsellor
`

// phrases are turns of phrase whose words mean little one by one; a query
// holding one also searches the words it stands for.
var phrases = []struct{ phrase, means string }{
	{"give up", "stop ending"},
	{"picks up", "reach reachable"},
	{"pick up", "reach reachable"},
	{"ever end", "time healing"},
	{"how long", "time"},
	{"found out", "discovery"},
	{"find out", "discovery"},
	{"good enough", "enough worth"},
	{"fix this", "repair"},
	{"come second", "priority first"},
	{"white lies", "small lies"},
	{"the other woman", "affair"},
	{"the other man", "affair"},
	{"other person", "affair"},
	{"all came back", "reminder triggered"},
	{"comes back", "reminder triggered"},
}

// expandPhrases appends to query the words its phrases stand for.
func expandPhrases(query string) string {
	q := " " + strings.Join(strings.Fields(strings.ToLower(query)), " ") + " "
	extra := ""
	for _, p := range phrases {
		if strings.Contains(q, " "+p.phrase+" ") {
			extra += " " + p.means
		}
	}
	return query + extra
}

// synonyms maps the stem of a word people type to the words it also searches.
var synonyms = map[string][]string{}

// synonymWords are the words with synonyms as written, for fuzzy matching.
var synonymWords []string

func init() {
	for _, line := range strings.Split(synonymLines, "\n") {
		from, to, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		targets := strings.Fields(to)
		for _, w := range strings.Fields(from) {
			synonymWords = append(synonymWords, w)
			s := stem(w)
			for _, t := range targets {
				if stem(t) != s && !containsString(synonyms[s], t) {
					synonyms[s] = append(synonyms[s], t)
				}
			}
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

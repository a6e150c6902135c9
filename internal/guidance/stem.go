package guidance

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTokenLen bounds a token so a pasted blob cannot bloat the index or a query.
const maxTokenLen = 40

// stopWords are dropped from both the index and queries.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be been but by can could do does for from had has
		have he her his how i if in into is it its me my not of on or our she so than that the their them
		then there these they this to too us was we were what when where which who why will with would
		you your yours am im ive id dont doesnt didnt cant wont isnt arent wasnt about just so all any
		some very really should like get gets got out over ever anymore much still him hers want wants
		wanted`) {
		stopWords[w] = true
	}
}

// tokenize splits text into lowercase words of letters and digits and calls
// fn with each one that is not a stop word. Apostrophes inside a word are
// dropped ("don't" -> "dont") so contractions stay one token.
func tokenize(text string, fn func(tok string)) {
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			tok := b.String()
			b.Reset()
			if len(tok) <= maxTokenLen && !stopWords[tok] {
				fn(tok)
			}
		}
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’') && b.Len() > 0 && nextIsLetter(text[i+utf8.RuneLen(r):]):
			// inside a word: skip it
		default:
			flush()
		}
	}
	flush()
}

func nextIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// stem reduces an English word to a crude stem, so that different forms of a
// word meet: apologize/apologizing/apology/apologies -> "apolog",
// promise/promised/promising -> "promis", forgive/forgiveness -> "forgiv",
// lie/lies/lying -> "lie". It is a small Porter-style suffix stripper, not a
// linguistic one: it only has to map a query and the text the same way.
// Words with non-ASCII letters are left alone.
func stem(w string) string {
	if len(w) <= 3 || !isASCII(w) {
		return w
	}
	w = stemInflection(w)
	// Derivational suffixes can stack ("hopefully" -> "hopeful" -> "hope").
	for range 3 {
		next := stemDerivation(w)
		if next == w {
			break
		}
		w = next
	}
	return stemEnding(w)
}

// stemInflection strips plural, past and -ing endings.
func stemInflection(w string) string {
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies"):
		w = iesOrIed(w)
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ied"):
		return iesOrIed(w)
	case strings.HasSuffix(w, "eed"):
		if len(w) > 4 {
			return w[:len(w)-1]
		}
		return w
	case len(w) == 5 && strings.HasSuffix(w, "ying") && !isVowel(w[0]):
		return w[:1] + "ie" // lying, dying, tying
	case strings.HasSuffix(w, "ed"):
		return stripVerbEnding(w, 2)
	case strings.HasSuffix(w, "ing"):
		return stripVerbEnding(w, 3)
	}
	return w
}

// iesOrIed maps "lies"/"lied" to "lie" and "apologies"/"tried" to "apology"/"try".
func iesOrIed(w string) string {
	if len(w) == 4 {
		return w[:3]
	}
	return w[:len(w)-3] + "y"
}

// stripVerbEnding removes an -ed or -ing ending of length n when what is
// left still has a vowel, then undoubles a final consonant ("stopped" -> "stop").
func stripVerbEnding(w string, n int) string {
	rest := w[:len(w)-n]
	if len(rest) < 2 || !strings.ContainsAny(rest, "aeiouy") {
		return w
	}
	if k := len(rest); k >= 2 && rest[k-1] == rest[k-2] && !isVowel(rest[k-1]) && !strings.ContainsRune("lsz", rune(rest[k-1])) {
		rest = rest[:k-1]
	}
	return rest
}

// derivations are suffix rewrites tried in order; min is the shortest stem
// that may remain, which keeps short words such as "moment" whole.
var derivations = []struct {
	suffix, repl string
	min          int
}{
	{"iveness", "ive", 3},
	{"iness", "y", 3},
	{"ness", "", 3},
	{"ment", "", 4},
	{"ful", "", 3},
	{"ily", "y", 3},
	{"ly", "", 4},
	{"tion", "t", 3},
	{"sion", "s", 3},
	{"ist", "", 5},
	{"iven", "iv", 2},
	{"ence", "ent", 3},  // patience, patient
	{"ency", "ent", 3},  // consistency, consistent
	{"acy", "ate", 3},   // intimacy, intimate
	{"bility", "bl", 3}, // responsibility, responsible
}

func stemDerivation(w string) string {
	for _, d := range derivations {
		if strings.HasSuffix(w, d.suffix) && len(w)-len(d.suffix) >= d.min {
			return w[:len(w)-len(d.suffix)] + d.repl
		}
	}
	return w
}

// stemEnding drops a final e, a final consonant-y and a final -iz/-is, so
// that "promise", "apology" and "apologize" reach "promis", "apolog", "apolog".
func stemEnding(w string) string {
	if len(w) > 3 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	if len(w) > 3 && w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]) {
		w = w[:len(w)-1]
	}
	if len(w) >= 7 && (strings.HasSuffix(w, "iz") || strings.HasSuffix(w, "is")) {
		w = w[:len(w)-2]
	}
	return w
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

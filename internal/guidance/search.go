package guidance

import (
	"math"
	"sort"
	"strings"
)

// Weights of a match by where it is, and the cap on how often a word counts
// in one field, so a long body cannot outweigh a title.
const (
	weightTitle   = 10
	weightSummary = 5
	weightTheme   = 3
	weightItems   = 2 // try and reflect
	weightBody    = 1
	tfCap         = 3

	// prefixFactor discounts a match on a word that merely starts with the
	// query word, so that exact forms rank first.
	prefixFactor = 0.6
	// minPrefix is the shortest query word used as a prefix.
	minPrefix = 3
	// maxQueryWords bounds the work of one query.
	maxQueryWords = 12
	// strictWords is the longest query whose words must all match.
	strictWords = 2
	// fuzzyFactor discounts a match on a word a typing slip away.
	fuzzyFactor = 0.5
)

// Result is one search hit.
type Result struct {
	Practice *Practice
	Score    float64
}

type posting struct {
	doc   int32
	score float32
}

// vocabEntry maps a word as written, or a stem, to the stem it is indexed under.
type vocabEntry struct {
	key  string
	stem int32
}

// index is an inverted index from stems to the practices that hold them.
type index struct {
	docs     []*Practice
	stems    map[string]int32
	postings [][]posting  // by stem id, in doc order
	vocab    []vocabEntry // sorted by key, for prefix lookups
}

func buildIndex(docs []*Practice) *index {
	ix := &index{docs: docs, stems: map[string]int32{}}
	seenKey := map[vocabEntry]bool{}
	addVocab := func(key string, id int32) {
		e := vocabEntry{key, id}
		if !seenKey[e] {
			seenKey[e] = true
			ix.vocab = append(ix.vocab, e)
		}
	}
	for d, p := range docs {
		// counts[stem][field]
		counts := map[int32]*[5]int{}
		field := func(f int, text string) {
			tokenize(text, func(tok string) {
				s := stem(tok)
				id, ok := ix.stems[s]
				if !ok {
					id = int32(len(ix.postings))
					ix.stems[s] = id
					ix.postings = append(ix.postings, nil)
					addVocab(s, id)
				}
				addVocab(tok, id)
				c := counts[id]
				if c == nil {
					c = new([5]int)
					counts[id] = c
				}
				c[f]++
			})
		}
		theme, _ := LookupTheme(p.Theme)
		field(0, p.Title)
		field(1, p.Summary)
		field(2, theme.Title)
		field(3, strings.Join(p.Try, "\n")+"\n"+strings.Join(p.Reflect, "\n"))
		field(4, plainText(p.Body))
		weights := [5]int{weightTitle, weightSummary, weightTheme, weightItems, weightBody}
		for id, c := range counts {
			score := 0
			for f, n := range c {
				score += weights[f] * min(n, tfCap)
			}
			ix.postings[id] = append(ix.postings[id], posting{doc: int32(d), score: float32(score)})
		}
	}
	sort.Slice(ix.vocab, func(i, j int) bool {
		if ix.vocab[i].key != ix.vocab[j].key {
			return ix.vocab[i].key < ix.vocab[j].key
		}
		return ix.vocab[i].stem < ix.vocab[j].stem
	})
	return ix
}

// matches fills scores with, for one query word, the best score of each
// practice that matches it: its stem exactly, or any indexed word or stem it
// is a prefix of; also, discounted, the words its synonyms name; and only
// when none of that matches, the indexed words (or words with synonyms) a
// typing slip away from it.
func (ix *index) matches(word string, scores []float32) bool {
	clear(scores)
	found := ix.direct(word, 1, scores)
	for _, syn := range synonyms[stem(word)] {
		found = ix.direct(syn, synonymFactor, scores) || found
	}
	if !found {
		found = ix.fuzzy(word, scores)
	}
	return found
}

// direct raises scores to the matches of word, by stem or prefix, times factor.
func (ix *index) direct(word string, factor float32, scores []float32) bool {
	found := false
	add := func(id int32, f float32) {
		for _, p := range ix.postings[id] {
			if s := p.score * f; s > scores[p.doc] {
				scores[p.doc] = s
				found = true
			}
		}
	}
	s := stem(word)
	exact, hasExact := ix.stems[s]
	if hasExact {
		add(exact, factor)
	}
	prefixes := []string{word}
	if s != word && len(s) > minPrefix {
		prefixes = append(prefixes, s)
	}
	for _, prefix := range prefixes {
		if len(prefix) < minPrefix {
			continue
		}
		i := sort.Search(len(ix.vocab), func(i int) bool { return ix.vocab[i].key >= prefix })
		for ; i < len(ix.vocab) && strings.HasPrefix(ix.vocab[i].key, prefix); i++ {
			if id := ix.vocab[i].stem; !hasExact || id != exact {
				add(id, factor*prefixFactor)
			}
		}
	}
	return found
}

// fuzzy matches word against the indexed words and the words with synonyms
// within maxTypos(word) edits, discounted by fuzzyFactor.
func (ix *index) fuzzy(word string, scores []float32) bool {
	limit := maxTypos(word)
	if limit == 0 {
		return false
	}
	found := false
	seen := map[string]bool{}
	try := func(key string) {
		if seen[key] || abs(len(key)-len(word)) > limit || !withinEdits(word, key, limit) {
			return
		}
		seen[key] = true
		found = ix.direct(key, fuzzyFactor, scores) || found
		for _, syn := range synonyms[stem(key)] {
			found = ix.direct(syn, fuzzyFactor*synonymFactor, scores) || found
		}
	}
	for _, e := range ix.vocab {
		try(e.key)
	}
	for _, w := range synonymWords {
		try(w)
	}
	return found
}

// maxTypos is how many edits a query word may be from a word of the text:
// none for short words, where one edit makes another word, one up to six
// letters, two beyond.
func maxTypos(word string) int {
	switch n := len(word); {
	case n < 5 || !isASCII(word):
		return 0
	case n <= 6:
		return 1
	default:
		return 2
	}
}

// withinEdits reports whether the Levenshtein distance of a and b (bytes)
// is at most k, giving up on a row whose best is already over k.
func withinEdits(a, b string, k int) bool {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > k {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= k
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Search returns up to limit (<= 0: all) practices matching query, best first.
func (lib *Library) Search(query string, limit int) []Result {
	// A query of one or two words wants practices with all of them (AND)
	// when there are some. A longer one is how people write about their own
	// situation ("i keep checking his phone"), where no practice holds every
	// word: every practice holding one counts, ranked by the weighted score
	// of the words it holds times the square of the share of the query's
	// words it holds, so covering more of the query wins. A query in which no
	// word matches anything returns nothing.
	ix := lib.index
	var words []string
	seen := map[string]bool{}
	tokenize(expandPhrases(query), func(tok string) {
		if s := stem(tok); !seen[s] && len(words) < maxQueryWords {
			seen[s] = true
			words = append(words, tok)
		}
	})
	if len(words) == 0 || len(ix.docs) == 0 {
		return nil
	}
	n := len(ix.docs)
	total := make([]float32, n)
	hits := make([]int, n)
	scores := make([]float32, n)
	for _, w := range words {
		if !ix.matches(w, scores) {
			continue
		}
		// A word few practices hold says more about what is wanted than one
		// most of them hold ("gambling" against "partner").
		df := 0
		for _, s := range scores {
			if s > 0 {
				df++
			}
		}
		idf := float32(math.Log(1 + float64(n)/float64(df)))
		for d, s := range scores {
			if s > 0 {
				total[d] += s * idf
				hits[d]++
			}
		}
	}
	best := 0
	for _, h := range hits {
		best = max(best, h)
	}
	if best == 0 {
		return nil
	}
	need := 1
	if len(words) <= strictWords && best == len(words) {
		need = len(words)
	}
	type hit struct {
		doc   int
		words int
		score float32
	}
	var found []hit
	for d := range n {
		if hits[d] >= need {
			cover := float32(hits[d]) / float32(len(words))
			found = append(found, hit{d, hits[d], total[d] * cover * cover})
		}
	}
	sort.Slice(found, func(i, j int) bool {
		// With every word matched, more words never differ; in the OR case
		// the weighted score already counts each word matched.
		a, b := found[i], found[j]
		if a.score != b.score {
			return a.score > b.score
		}
		pa, pb := ix.docs[a.doc], ix.docs[b.doc]
		if pa.Title != pb.Title {
			return pa.Title < pb.Title
		}
		return pa.Slug < pb.Slug
	})
	if limit > 0 && len(found) > limit {
		found = found[:limit]
	}
	out := make([]Result, len(found))
	for i, h := range found {
		out[i] = Result{Practice: ix.docs[h.doc], Score: float64(h.score)}
	}
	return out
}

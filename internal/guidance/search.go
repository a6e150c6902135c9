package guidance

import (
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

// matches returns, for one query word, the best score of each practice that
// matches it: its stem exactly, or any indexed word or stem it is a prefix of.
func (ix *index) matches(word string, scores []float32) bool {
	clear(scores)
	found := false
	add := func(id int32, factor float32) {
		for _, p := range ix.postings[id] {
			if s := p.score * factor; s > scores[p.doc] {
				scores[p.doc] = s
				found = true
			}
		}
	}
	s := stem(word)
	exact, hasExact := ix.stems[s]
	if hasExact {
		add(exact, 1)
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
				add(id, prefixFactor)
			}
		}
	}
	return found
}

// Search returns up to limit (<= 0: all) practices matching query, best first.
func (lib *Library) Search(query string, limit int) []Result {
	// Every word must match (AND); if no practice has them all, rank by how
	// many words match (OR), so a near miss still finds something. A query in
	// which no word matches anything returns nothing.
	ix := lib.index
	var words []string
	seen := map[string]bool{}
	tokenize(query, func(tok string) {
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
		for d, s := range scores {
			if s > 0 {
				total[d] += s
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
	// All words (AND) when some practice has them all, else the most words (OR).
	need := len(words)
	if best < need {
		need = 1
	}
	type hit struct {
		doc   int
		words int
		score float32
	}
	var found []hit
	for d := range n {
		if hits[d] >= need {
			found = append(found, hit{d, hits[d], total[d]})
		}
	}
	sort.Slice(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.words != b.words {
			return a.words > b.words
		}
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

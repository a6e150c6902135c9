package guidance

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"mend/content"
)

// The guidance takes ideas from the source articles, never their sentences.
// TestNoSentenceFromSeeds compares every sentence of the content with every
// sentence of the articles, by two measures that catch more than a copied
// run of words:
//
//   - word-trigram Jaccard: shared three-word sequences over all distinct ones
//     of the pair; high when long stretches are copied, even in a sentence that
//     adds or drops a clause;
//   - word edit similarity: 1 - (word-level Levenshtein distance / words of the
//     longer sentence); high when a sentence keeps the source's shape with a
//     few words swapped ("rebuild" for "regain", "your partner" for "them");
//   - the longest run of words both sentences share, which catches a clause
//     copied into a longer sentence of our own.
//
// Only sentences of at least minSimilarWords words are compared: shorter ones
// ("Trust takes time.") are too common to be anyone's sentence.
//
// The thresholds were chosen by reading the highest-scoring pairs. Sentences
// of our own that share an idea and its usual name with a source sentence
// ("give them the benefit of the doubt") score up to 0.30 (Jaccard), 0.45
// (edit) and a shared run of 7 words. A source sentence with one word in five changed
// scores 0.8 by edit similarity, and with one in three about 0.67; one that
// keeps long stretches, 0.4 and more by Jaccard. So a pair fails above 0.35
// Jaccard, above 0.60 edit similarity, or with a shared run of 8 words.
const (
	minSimilarWords = 6
	maxTrigramJacc  = 0.35
	maxEditSim      = 0.60
	maxSharedRun    = 7
)

// seedsDir finds the articles: $MEND_SEEDS, else shared/seeds beside the
// repository root or one level further up (a git worktree lives a level
// deeper than the main checkout). "" when absent.
func seedsDir(t *testing.T) string {
	if d := os.Getenv("MEND_SEEDS"); d != "" {
		return d
	}
	root, err := filepath.Abs("../..") // this package is internal/guidance
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{filepath.Join(root, "..", "shared", "seeds"), filepath.Join(root, "..", "..", "shared", "seeds")} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}

var sentenceEnd = regexp.MustCompile(`[.!?;:…]+["'”’)]*\s+|\n+`)

// sentences splits text into sentences, each as its lower-case words.
func sentences(text string) [][]string {
	var out [][]string
	for _, s := range sentenceEnd.Split(text, -1) {
		if w := simWords(s); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

// simWords lower-cases s and keeps its words; typographic apostrophes are
// made plain so that "don’t" and "don't" are the same word.
func simWords(s string) []string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

func trigrams(w []string) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+3 <= len(w); i++ {
		out[w[i]+" "+w[i+1]+" "+w[i+2]] = true
	}
	return out
}

func trigramJaccard(a, b map[string]bool) float64 {
	inter := 0
	for g := range a {
		if b[g] {
			inter++
		}
	}
	if inter == 0 {
		return 0
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// editSimilarity is 1 - wordLevenshtein(a, b) / max(len(a), len(b)).
func editSimilarity(a, b []string) float64 {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(b)])/float64(max(len(a), len(b)))
}

// contentTexts returns every text of the content, by where it is.
func contentTexts(t *testing.T, lib *Library) map[string]string {
	out := map[string]string{}
	for _, p := range lib.Practices() {
		out["practices/"+p.Slug+".md"] = strings.Join([]string{p.Title, p.Summary,
			strings.Join(p.Try, "\n"), strings.Join(p.Reflect, "\n"), plainText(p.Body)}, "\n")
	}
	pages, err := fs.Glob(content.FS, "pages/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pages {
		data, err := fs.ReadFile(content.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		_, body, err := splitFrontMatter(data)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = plainText(body)
	}
	return out
}

// longestRun is the length of the longest run of words a and b share.
func longestRun(a, b []string) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cur[j] = 0
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				best = max(best, cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return best
}

type simPair struct {
	where, ours, theirs string
	jacc, edit          float64
	run                 int
}

func TestNoSentenceFromSeeds(t *testing.T) {
	dir := seedsDir(t)
	if dir == "" {
		t.Skip("source articles not found (../shared/seeds or $MEND_SEEDS): nothing to compare against")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no articles in %s", dir)
	}
	type seedSentence struct {
		words []string
		grams map[string]bool
	}
	var seeds []seedSentence
	byWord := map[string][]int{} // word -> seed sentences holding it
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range sentences(string(data)) {
			if len(w) < minSimilarWords {
				continue
			}
			id := len(seeds)
			seeds = append(seeds, seedSentence{w, trigrams(w)})
			seen := map[string]bool{}
			for _, x := range w {
				if !seen[x] && !stopWords[x] {
					seen[x] = true
					byWord[x] = append(byWord[x], id)
				}
			}
		}
	}
	lib, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	var worst []simPair
	var top simPair
	compared := 0
	for where, text := range contentTexts(t, lib) {
		for _, w := range sentences(text) {
			if len(w) < minSimilarWords {
				continue
			}
			compared++
			grams := trigrams(w)
			// Only seed sentences sharing at least two content words can
			// come close by either measure; the rest are skipped.
			shared := map[int]int{}
			seen := map[string]bool{}
			for _, x := range w {
				if !seen[x] && !stopWords[x] {
					seen[x] = true
					for _, id := range byWord[x] {
						shared[id]++
					}
				}
			}
			for id, n := range shared {
				if n < 2 {
					continue
				}
				s := seeds[id]
				p := simPair{where: where, ours: strings.Join(w, " "), theirs: strings.Join(s.words, " "),
					jacc: trigramJaccard(grams, s.grams), edit: editSimilarity(w, s.words), run: longestRun(w, s.words)}
				if p.jacc > top.jacc || (p.jacc == top.jacc && p.edit > top.edit) {
					top.jacc, top.where = p.jacc, p.where
				}
				top.edit = max(top.edit, p.edit)
				top.run = max(top.run, p.run)
				if p.jacc > maxTrigramJacc || p.edit > maxEditSim || p.run > maxSharedRun {
					worst = append(worst, p)
				}
			}
		}
	}
	if compared < 500 {
		t.Fatalf("compared only %d sentences of the content; the splitting is broken", compared)
	}
	t.Logf("compared %d sentences of the content with %d of the articles; highest trigram Jaccard %.3f, edit similarity %.3f, shared run %d words (fail above %.2f, %.2f, %d)",
		compared, len(seeds), top.jacc, top.edit, top.run, maxTrigramJacc, maxEditSim, maxSharedRun)
	sort.Slice(worst, func(i, j int) bool { return worst[i].jacc+worst[i].edit > worst[j].jacc+worst[j].edit })
	for _, p := range worst {
		t.Errorf("%s%s: too close to a source sentence (trigram Jaccard %.2f, edit similarity %.2f, shared run of %d words):\n  ours:   %s\n  source: %s",
			errorRoot, p.where, p.jacc, p.edit, p.run, p.ours, p.theirs)
	}
}

// TestSimilarityMeasures: the measures see a lightly edited copy and leave
// a sentence that only shares the idea alone, so the test above can fail.
func TestSimilarityMeasures(t *testing.T) {
	src := simWords("Be patient with your partner because rebuilding trust takes a long time and a lot of effort")
	edited := simWords("Be patient with your partner since rebuilding trust takes a long time and much effort")
	own := simWords("Healing after a betrayal moves slowly, so let go of any deadline you had in mind")
	if j, e := trigramJaccard(trigrams(edited), trigrams(src)), editSimilarity(edited, src); j <= maxTrigramJacc || e <= maxEditSim {
		t.Errorf("a lightly edited copy scores %.2f / %.2f, not above %.2f / %.2f", j, e, maxTrigramJacc, maxEditSim)
	}
	if j, e := trigramJaccard(trigrams(own), trigrams(src)), editSimilarity(own, src); j > maxTrigramJacc || e > maxEditSim {
		t.Errorf("a sentence of our own scores %.2f / %.2f", j, e)
	}
	long := append(simWords("After everything that happened this spring"), src[2:12]...)
	if got := longestRun(long, src); got <= maxSharedRun {
		t.Errorf("a clause copied into a longer sentence shares a run of only %d words", got)
	}
	if got := editSimilarity(simWords("a b c"), simWords("a x c")); got < 0.66 || got > 0.67 {
		t.Errorf("editSimilarity(a b c, a x c) = %.3f, want 2/3", got)
	}
}

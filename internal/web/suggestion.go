package web

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"

	"mend/internal/guidance"
	"mend/internal/progress"
	"mend/views"
)

// suggestionPool is how many of the best-ranked practices the week's
// suggestion is chosen among.
const suggestionPool = 5

// suggest picks the practice of the week for a member: among the practices
// written for their role that they have not engaged with yet (engaged: the
// slugs of their bookmarks and of what their entries point at), those of
// the couple's stage of the path come first, then those of earlier stages,
// and those of later stages last, so that a later stage's practice is never
// the week's pick while an earlier one is left; within that, those related
// to what they engaged with rank first. The choice is
// the same all week (a hash of the user and the ISO week picks among the
// best ranked); another (1, 2, ...) steps through the others, best first.
func (s *Server) suggest(role, userID string, stage int, engaged []string, today progress.Date, another int) *views.SuggestionView {
	done := map[string]bool{}
	var seeds []string // engaged, once each
	for _, slug := range engaged {
		if !done[slug] {
			done[slug] = true
			seeds = append(seeds, slug)
		}
	}
	all := s.lib.Practices()
	order := map[string]int{}
	for i, p := range all {
		order[p.Slug] = i
	}
	// Related practices score by how close they are to each engaged one:
	// the six closest that the member may be offered (the closest of all
	// may be written for the other side).
	score := map[string]int{}
	because := map[string]string{}
	for _, slug := range seeds {
		p, ok := s.lib.Practice(slug)
		if !ok {
			continue
		}
		i := 0
		for _, q := range s.lib.Related(p, len(all)) {
			if i == 6 {
				break
			}
			if !forRole(q, role) || done[q.Slug] {
				continue
			}
			score[q.Slug] += 6 - i
			if because[q.Slug] == "" {
				because[q.Slug] = p.Title
			}
			i++
		}
	}
	var cands []*guidance.Practice
	for _, p := range all {
		if forRole(p, role) && !done[p.Slug] {
			cands = append(cands, p)
		}
	}
	if len(cands) == 0 { // engaged with every one: any for their role will do
		for _, p := range all {
			if forRole(p, role) {
				cands = append(cands, p)
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	slices.SortStableFunc(cands, func(a, b *guidance.Practice) int {
		if c := cmp.Compare(stageRank(a, stage), stageRank(b, stage)); c != 0 {
			return c
		}
		if c := cmp.Compare(score[b.Slug], score[a.Slug]); c != 0 {
			return c
		}
		return cmp.Compare(order[a.Slug], order[b.Slug])
	})
	h := fnv.New64a()
	year, week := today.Time(nil).ISOWeek()
	fmt.Fprintf(h, "%s|%d-W%02d", userID, year, week)
	// The week's pick comes first, then the rest of the best ranked, then
	// the others. The pool of the pick holds one rank of stage only.
	pool := 0
	for pool < min(suggestionPool, len(cands)) && stageRank(cands[pool], stage) == stageRank(cands[0], stage) {
		pool++
	}
	base := int(h.Sum64() % uint64(pool))
	another = max(0, min(another, 1000)) % len(cands)
	i := another
	if another < pool {
		i = (base + another) % pool
	}
	p := cands[i]
	v := &views.SuggestionView{Slug: p.Slug, Title: p.Title, Summary: p.Summary,
		Another: "/?suggestion=" + strconv.Itoa(another+1) + "#practice-h"}
	if len(p.Try) > 0 {
		v.Try = p.Try[0]
	}
	switch {
	case because[p.Slug] != "" && !done[p.Slug]:
		v.Why = "Related to “" + because[p.Slug] + "”, which you have been working with."
	case p.Stage == stage:
		st, _ := guidance.LookupStage(stage)
		v.Why = guidance.AudienceLabel(p.Audience) + ", for where you are: “" + st.Title + "”."
	default:
		v.Why = guidance.AudienceLabel(p.Audience) + "."
	}
	return v
}

// stageRank orders practices for a couple in stage: that stage's first (0),
// then earlier stages' (1), then later stages' (2).
func stageRank(p *guidance.Practice, stage int) int {
	switch {
	case p.Stage == stage:
		return 0
	case p.Stage < stage:
		return 1
	}
	return 2
}

// forRole reports whether p is written for a member of role: the one who
// broke trust or the one who was hurt (with what is for both of them), or
// both (any practice). A member who has not said is offered only what is
// for both: a practice for one side would guess which side they are on.
func forRole(p *guidance.Practice, role string) bool {
	switch role {
	case guidance.Broke, guidance.Hurt:
		return p.Audience == role || p.Audience == guidance.Both
	case guidance.Both:
		return true
	}
	return p.Audience == guidance.Both
}

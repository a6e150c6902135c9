package guidance

import (
	"slices"
	"sort"
)

// Library is the loaded content; it is read-only after Load and safe for concurrent use.
type Library struct {
	practices   []*Practice // display order
	bySlug      map[string]*Practice
	pages       map[string]*Page
	sources     []Source // file order
	sourceByKey map[string]Source
	index       *index
	retired     map[string]string      // retired slug -> the practice that replaces it
	related     map[string][]*Practice // by slug, every related practice in order (relatedTo), made once at load
}

// Replacement returns the slug of the practice that replaced the retired
// practice slug, so that old links and entries still lead somewhere.
func (lib *Library) Replacement(slug string) (string, bool) {
	r, ok := lib.retired[slug]
	return r, ok
}

// InStage returns the practices of stage n in display order.
func (lib *Library) InStage(n int) []*Practice {
	var out []*Practice
	for _, p := range lib.practices {
		if p.Stage == n {
			out = append(out, p)
		}
	}
	return out
}

// PairsOf returns the practices paired with p, in display order.
func (lib *Library) PairsOf(p *Practice) []*Practice {
	var out []*Practice
	for _, q := range lib.practices {
		if slices.Contains(p.Pairs, q.Slug) {
			out = append(out, q)
		}
	}
	return out
}

// Practices returns every practice in display order: theme order, then title.
func (lib *Library) Practices() []*Practice {
	return append([]*Practice(nil), lib.practices...)
}

// Practice returns the practice with the given slug.
func (lib *Library) Practice(slug string) (*Practice, bool) {
	p, ok := lib.bySlug[slug]
	return p, ok
}

// Page returns the page with the given slug.
func (lib *Library) Page(slug string) (*Page, bool) {
	p, ok := lib.pages[slug]
	return p, ok
}

// Themes returns the themes that have at least one practice, in display order.
func (lib *Library) Themes() []Theme {
	var out []Theme
	for _, g := range lib.Groups("") {
		out = append(out, g.Theme)
	}
	return out
}

// Groups returns practices by theme for an audience ("" all; Broke or Hurt add Both), leaving out empty themes.
func (lib *Library) Groups(audience string) []ThemeGroup {
	// Both means only those for both; an unknown audience yields no groups.
	var groups []ThemeGroup
	for _, t := range themes {
		var ps []*Practice
		for _, p := range lib.practices {
			if p.Theme == t.Key && forAudience(p, audience) {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			groups = append(groups, ThemeGroup{Theme: t, Practices: ps})
		}
	}
	return groups
}

func forAudience(p *Practice, audience string) bool {
	return audience == "" || p.Audience == audience || (p.Audience == Both && (audience == Broke || audience == Hurt))
}

// Related returns up to n other practices: same theme first, then sharing
// a source; most shared sources first. The order is made once, at load:
// the week's suggestion asks it of every practice a member engaged with.
func (lib *Library) Related(p *Practice, n int) []*Practice {
	if p == nil || n <= 0 {
		return nil
	}
	all, ok := lib.related[p.Slug]
	if !ok || lib.bySlug[p.Slug] != p {
		all = lib.relatedTo(p)
	}
	return slices.Clip(all[:min(n, len(all))])
}

// relatedTo is every practice related to p, in the order of Related.
func (lib *Library) relatedTo(p *Practice) []*Practice {
	type cand struct {
		p         *Practice
		sameTheme bool
		shared    int
		rank      int
	}
	var cands []cand
	for i, q := range lib.practices {
		if q == p || q.Slug == p.Slug {
			continue
		}
		c := cand{p: q, sameTheme: q.Theme == p.Theme, shared: sharedSources(p, q), rank: i}
		if c.sameTheme || c.shared > 0 {
			cands = append(cands, c)
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.sameTheme != b.sameTheme {
			return a.sameTheme
		}
		if a.shared != b.shared {
			return a.shared > b.shared
		}
		return a.rank < b.rank
	})
	out := make([]*Practice, len(cands))
	for i, c := range cands {
		out[i] = c.p
	}
	return out
}

func sharedSources(a, b *Practice) int {
	n := 0
	for _, x := range a.Sources {
		for _, y := range b.Sources {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}

// Sources returns the sources p draws on, in the order p lists them.
func (lib *Library) Sources(p *Practice) []Source {
	var out []Source
	for _, key := range p.Sources {
		if s, ok := lib.sourceByKey[key]; ok {
			out = append(out, s)
		}
	}
	return out
}

// AllSources returns every source in the order of sources.yaml.
func (lib *Library) AllSources() []Source {
	return append([]Source(nil), lib.sources...)
}

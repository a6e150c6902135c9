package views

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mend/static"
)

// The chart classes as the pages use them: the feelings' and triggers'
// lines, and the stacked segments of the kept chart from the bottom up (as
// internal/web's keptCard stacks them; a week with no value of a kind skips
// it, so any two of them can touch), the thanks and triggers bars alone.
var (
	lineClasses = []string{"s1", "s2", "s3"}
	stackOrder  = []string{"s1", "s5", "s3", "s4"}
	// The two backgrounds a chart is drawn on: a card, and the page.
	chartBackgrounds = []string{"--surface", "--bg"}
)

// minChartContrast is WCAG 2.2's 1.4.11 (non-text contrast) for the parts of a graphic.
const minChartContrast = 3.0

var (
	ruleRe    = regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`)
	declRe    = regexp.MustCompile(`([a-z-]+)\s*:\s*([^;]+)`)
	varRe     = regexp.MustCompile(`^var\((--[a-z0-9-]+)\)$`)
	commentRe = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// cssBlock returns the body of the block that opens at the first "open"
// after from in css, and where it ends.
func cssBlock(t *testing.T, css, open string, from int) (string, int) {
	t.Helper()
	i := strings.Index(css[from:], open)
	if i < 0 {
		t.Fatalf("no %q in the stylesheet", open)
	}
	start := from + i + len(open)
	depth := 1
	for j := start; j < len(css); j++ {
		switch css[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return css[start:j], j + 1
			}
		}
	}
	t.Fatalf("%q is not closed", open)
	return "", 0
}

// properties reads the custom properties declared in a block.
func properties(block string) map[string]string {
	out := map[string]string{}
	for _, decl := range strings.Split(block, ";") {
		name, value, ok := strings.Cut(decl, ":")
		if name = strings.TrimSpace(name); ok && strings.HasPrefix(name, "--") {
			out[name] = strings.TrimSpace(value)
		}
	}
	return out
}

// chartStyle is how the stylesheet paints one class of chart mark.
type chartStyle struct{ fill, stroke string } // custom property names, "" when not set

// chartStyles reads, from the rules outside any @media block, the fill and
// stroke of ".chart rect.sN" (bars) and ".chart .sN polyline" (lines), and
// the stroke drawn around the bars but those the gap rule leaves out.
func chartStyles(t *testing.T, css string) (bars, lines map[string]chartStyle, gap string, noGap []string) {
	t.Helper()
	// Leave out @media blocks (the dark theme's properties, print, widths).
	var top strings.Builder
	for i := 0; i < len(css); {
		j := strings.Index(css[i:], "@")
		if j < 0 {
			top.WriteString(css[i:])
			break
		}
		top.WriteString(css[i : i+j])
		k := strings.Index(css[i+j:], "{")
		_, end := cssBlock(t, css, "{", i+j+k)
		i = end
	}
	bars, lines = map[string]chartStyle{}, map[string]chartStyle{}
	gapRe := regexp.MustCompile(`^\.chart rect\.bar:not\(([^)]*)\)$`)
	for _, m := range ruleRe.FindAllStringSubmatch(top.String(), -1) {
		decls := map[string]string{}
		for _, d := range declRe.FindAllStringSubmatch(m[2], -1) {
			if v := varRe.FindStringSubmatch(strings.TrimSpace(d[2])); v != nil {
				decls[d[1]] = v[1]
			}
		}
		for _, sel := range strings.Split(m[1], ",") {
			sel = strings.TrimSpace(sel)
			if g := gapRe.FindStringSubmatch(sel); g != nil {
				gap = decls["stroke"]
				for _, c := range strings.Split(g[1], ",") {
					noGap = append(noGap, strings.TrimPrefix(strings.TrimSpace(c), "."))
				}
			}
			for _, c := range []string{"s1", "s2", "s3", "s4", "s5"} {
				set := func(into map[string]chartStyle) {
					st := into[c]
					if v := decls["fill"]; v != "" {
						st.fill = v
					}
					if v := decls["stroke"]; v != "" {
						st.stroke = v
					}
					into[c] = st
				}
				switch sel {
				case ".chart rect." + c:
					set(bars)
				case ".chart ." + c + " polyline":
					set(lines)
				}
			}
		}
	}
	return bars, lines, gap, noGap
}

// luminance is the WCAG relative luminance of a colour #rgb or #rrggbb.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	n, err := strconv.ParseUint(h, 16, 32)
	if len(h) != 6 || err != nil {
		t.Fatalf("%q is not a colour #rrggbb", hex)
	}
	lin := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n>>16&0xff) + 0.7152*lin(n>>8&0xff) + 0.0722*lin(n&0xff)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestChartContrast: in the light and the dark theme, every line and every
// bar segment of the charts has at least 3:1 contrast against the
// backgrounds charts are drawn on, and every two segments that can touch in
// a stack are told apart by 3:1 where they meet: by a gap of the
// background, or by their own colours. The colours are read from the
// stylesheet's custom properties and chart rules.
func TestChartContrast(t *testing.T) {
	b, err := static.FS.ReadFile("app.css")
	if err != nil {
		t.Fatal(err)
	}
	css := commentRe.ReplaceAllString(string(b), "")
	root, _ := cssBlock(t, css, ":root {", 0)
	light := properties(root)
	i := strings.Index(css, "@media (prefers-color-scheme: dark)")
	if i < 0 {
		t.Fatal("no dark theme in the stylesheet")
	}
	darkRoot, _ := cssBlock(t, css, ":root {", i)
	dark := map[string]string{}
	for k, v := range light {
		dark[k] = v
	}
	for k, v := range properties(darkRoot) {
		dark[k] = v
	}
	bars, lines, gap, noGap := chartStyles(t, css)
	for _, c := range stackOrder {
		if bars[c].fill == "" {
			t.Fatalf("no fill for .chart rect.%s", c)
		}
	}
	for _, c := range lineClasses {
		if lines[c].stroke == "" {
			t.Fatalf("no stroke for .chart .%s polyline", c)
		}
	}
	hasGap := func(c string) bool {
		return gap != "" && !strings.Contains(" "+strings.Join(noGap, " ")+" ", " "+c+" ")
	}

	for _, theme := range []struct {
		name  string
		props map[string]string
	}{{"light", light}, {"dark", dark}} {
		col := func(prop string) string {
			v, ok := theme.props[prop]
			if !ok {
				t.Fatalf("%s: no %s", theme.name, prop)
			}
			return v
		}
		lowest, lowestWhat := math.Inf(1), ""
		check := func(what, a, b string) {
			r := contrast(t, col(a), col(b))
			if r < lowest {
				lowest, lowestWhat = r, what
			}
			if r < minChartContrast {
				t.Errorf("%s theme: %s: %s %s against %s %s is %.2f:1, want at least %.0f:1",
					theme.name, what, a, col(a), b, col(b), r, minChartContrast)
			}
		}
		// mark is what shows of a bar: its fill, or, when its fill is the
		// card's own colour (a hollow bar), its outline.
		mark := func(c string) string {
			if st := bars[c]; st.fill == "--surface" && st.stroke != "" {
				return st.stroke
			}
			return bars[c].fill
		}
		for _, bg := range chartBackgrounds {
			for _, c := range lineClasses {
				check(fmt.Sprintf("line %s on %s", c, bg), lines[c].stroke, bg)
			}
			for _, c := range stackOrder {
				check(fmt.Sprintf("bar %s on %s", c, bg), mark(c), bg)
			}
		}
		if gap != "" {
			for _, c := range stackOrder {
				if hasGap(c) {
					check("bar "+c+" against the gap around it", bars[c].fill, gap)
				}
			}
		}
		for lo := 0; lo < len(stackOrder); lo++ {
			for hi := lo + 1; hi < len(stackOrder); hi++ {
				below, above := stackOrder[lo], stackOrder[hi]
				if hasGap(above) {
					continue // drawn over the one below with a gap of the background: checked above
				}
				// The upper segment's edge meets the lower one's fill; a
				// hollow one of the same colour is told by its inside.
				edge := bars[above].fill
				if s := bars[above].stroke; s != "" {
					edge = s
				}
				if col(edge) == col(bars[below].fill) {
					check(fmt.Sprintf("hollow bar %s above bar %s", above, below), bars[above].fill, bars[below].fill)
					continue
				}
				check(fmt.Sprintf("bar %s touching bar %s", above, below), edge, bars[below].fill)
			}
		}
		t.Logf("%s theme: lowest chart contrast %.2f:1 (%s)", theme.name, lowest, lowestWhat)
	}
}

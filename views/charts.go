package views

import (
	"fmt"
	"strconv"
	"strings"
)

// Chart geometry. Charts are drawn on the server as inline SVG: no script,
// colours from CSS classes (so they follow the light or dark theme), a title
// and a text summary for screen readers, and the same data as a table.

const (
	chartW    = 640.0
	chartH    = 240.0
	padLeft   = 34.0
	padRight  = 12.0
	padTop    = 12.0
	padBottom = 28.0
	maxBarW   = 56.0
)

// LineSeries is one line of a LineChart; Has[i] false is a gap (no data),
// never a zero.
type LineSeries struct {
	Name   string
	Class  string // s1, s2 or s3: the colour
	Values []float64
	Has    []bool
}

// LineChart is values per period (weeks) on a fixed 0..YMax scale.
type LineChart struct {
	ID      string
	Title   string
	XLabels []string
	YMax    float64
	Series  []LineSeries
}

// BarSeries is one layer of a stacked BarChart.
type BarSeries struct {
	Name   string
	Class  string
	Values []int
}

// BarChart is stacked counts per period.
type BarChart struct {
	ID      string
	Title   string
	XLabels []string
	Stacks  []BarSeries
}

func plotW() float64 { return chartW - padLeft - padRight }
func plotH() float64 { return chartH - padTop - padBottom }

// x is the centre of period i of n.
func x(i, n int) float64 { return padLeft + plotW()*(float64(i)+0.5)/float64(n) }

func fmtf(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// segments are the polylines of a series: consecutive periods with data.
// A lone point between gaps is drawn as a dot by the template.
func (c LineChart) segments(s LineSeries) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 1 {
			out = append(out, strings.Join(cur, " "))
		}
		cur = nil
	}
	for i := range s.Values {
		if i >= len(s.Has) || !s.Has[i] {
			flush()
			continue
		}
		cur = append(cur, fmtf(x(i, len(s.Values)))+","+fmtf(c.y(s.Values[i])))
	}
	flush()
	return out
}

// point is a plotted value.
type point struct{ X, Y string }

// points are every value with data, for dots.
func (c LineChart) points(s LineSeries) []point {
	var out []point
	for i, v := range s.Values {
		if i < len(s.Has) && s.Has[i] {
			out = append(out, point{fmtf(x(i, len(s.Values))), fmtf(c.y(v))})
		}
	}
	return out
}

func (c LineChart) y(v float64) float64 {
	max := c.YMax
	if max <= 0 {
		max = 10
	}
	return padTop + plotH()*(1-v/max)
}

// gridline is a horizontal rule with its label.
type gridline struct{ Y, LabelY, Label string }

func (c LineChart) grid() []gridline {
	max := c.YMax
	if max <= 0 {
		max = 10
	}
	var out []gridline
	for _, v := range []float64{0, max / 2, max} {
		y := c.y(v)
		out = append(out, gridline{fmtf(y), fmtf(y + 4), strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return out
}

// xlabel is a label under the x axis; only some are shown so they fit.
type xlabel struct{ X, Text string }

func xlabels(labels []string) []xlabel {
	n := len(labels)
	step := 1
	for n/step > 6 {
		step++
	}
	var out []xlabel
	for i := 0; i < n; i += step {
		out = append(out, xlabel{fmtf(x(i, n)), labels[i]})
	}
	return out
}

// Summary describes the chart in words, for screen readers and the caption.
func (c LineChart) Summary() string {
	var parts []string
	for _, s := range c.Series {
		first, last, with := -1, -1, 0
		for i := range s.Values {
			if i < len(s.Has) && s.Has[i] {
				if first < 0 {
					first = i
				}
				last = i
				with++
			}
		}
		if with == 0 {
			parts = append(parts, s.Name+": no data")
			continue
		}
		part := fmt.Sprintf("%s: %s in the week of %s, %s in the week of %s", s.Name,
			fmtf(s.Values[first]), c.XLabels[first], fmtf(s.Values[last]), c.XLabels[last])
		if gaps := len(s.Values) - with; gaps > 0 {
			part += fmt.Sprintf(" (no data in %s)", plural(gaps, "week", "weeks"))
		}
		parts = append(parts, part)
	}
	return c.Title + ". Weekly averages on a scale of 0 to " + strconv.FormatFloat(orTen(c.YMax), 'f', -1, 64) + ". " + strings.Join(parts, "; ") + "."
}

func orTen(v float64) float64 {
	if v <= 0 {
		return 10
	}
	return v
}

// cell is a table cell of the line chart: a value or a dash for a gap.
func (s LineSeries) cell(i int) string {
	if i < len(s.Has) && s.Has[i] {
		return fmtf(s.Values[i])
	}
	return "–"
}

// bar is one rectangle of a stacked bar.
type bar struct{ X, Y, W, H, Class, Title string }

func (c BarChart) max() int {
	m := 0
	for i := range c.XLabels {
		t := 0
		for _, s := range c.Stacks {
			if i < len(s.Values) {
				t += s.Values[i]
			}
		}
		m = max(m, t)
	}
	return m
}

// scaleMax rounds the tallest stack up to a readable axis maximum.
func (c BarChart) scaleMax() int {
	m := c.max()
	for _, nice := range []int{1, 2, 4, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100} {
		if m <= nice {
			return nice
		}
	}
	return (m + 99) / 100 * 100
}

func (c BarChart) bars() []bar {
	n := len(c.XLabels)
	if n == 0 {
		return nil
	}
	top := float64(c.scaleMax())
	// A bar is at most maxBarW wide, so that a chart of one or two weeks
	// does not draw a slab across the whole plot.
	w := min(plotW()/float64(n)*0.6, maxBarW)
	var out []bar
	for i := 0; i < n; i++ {
		base := padTop + plotH()
		for _, s := range c.Stacks {
			if i >= len(s.Values) || s.Values[i] == 0 {
				continue
			}
			h := plotH() * float64(s.Values[i]) / top
			base -= h
			out = append(out, bar{fmtf(x(i, n) - w/2), fmtf(base), fmtf(w), fmtf(h), s.Class,
				fmt.Sprintf("%s, week of %s: %d", s.Name, c.XLabels[i], s.Values[i])})
		}
	}
	return out
}

func (c BarChart) grid() []gridline {
	top := c.scaleMax()
	var out []gridline
	for i, v := range []int{0, top / 2, top} {
		if i == 1 && v == 0 {
			continue // a scale of 1 has no middle line
		}
		y := padTop + plotH()*(1-float64(v)/float64(top))
		out = append(out, gridline{fmtf(y), fmtf(y + 4), strconv.Itoa(v)})
	}
	return out
}

// Summary describes the bar chart in words.
func (c BarChart) Summary() string {
	var parts []string
	for _, s := range c.Stacks {
		t := 0
		for _, v := range s.Values {
			t += v
		}
		parts = append(parts, fmt.Sprintf("%s: %d", s.Name, t))
	}
	span := ""
	if n := len(c.XLabels); n > 0 {
		span = fmt.Sprintf(" Over %s from the week of %s to the week of %s:", plural(n, "week", "weeks"), c.XLabels[0], c.XLabels[n-1])
	}
	return c.Title + "." + span + " " + strings.Join(parts, ", ") + "."
}

func (s BarSeries) cell(i int) string {
	if i < len(s.Values) {
		return strconv.Itoa(s.Values[i])
	}
	return "0"
}

// viewBox is the SVG coordinate system.
func viewBox() string { return "0 0 " + fmtf(chartW) + " " + fmtf(chartH) }

// axisY is the y of the x axis.
func axisY() string { return fmtf(padTop + plotH()) }

// labelY is the y of the x labels.
func labelY() string { return fmtf(chartH - 8) }

func left() string  { return fmtf(padLeft) }
func right() string { return fmtf(chartW - padRight) }

// frame is what a chart shows around its plot (chartFrame).
type frame struct {
	ID, Title, Summary string
	Grid               []gridline
	XLabels            []string
	Columns            []column
}

// column is one series as the legend and the table show it.
type column struct {
	Name, Class string
	Cell        func(i int) string
}

func (c LineChart) frame() frame {
	f := frame{ID: c.ID, Title: c.Title, Summary: c.Summary(), Grid: c.grid(), XLabels: c.XLabels}
	for _, s := range c.Series {
		f.Columns = append(f.Columns, column{s.Name, s.Class, s.cell})
	}
	return f
}

func (c BarChart) frame() frame {
	f := frame{ID: c.ID, Title: c.Title, Summary: c.Summary(), Grid: c.grid(), XLabels: c.XLabels}
	for _, s := range c.Stacks {
		f.Columns = append(f.Columns, column{s.Name, s.Class, s.cell})
	}
	return f
}

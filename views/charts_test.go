package views

import (
	"context"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/a-h/templ"
)

func render(t *testing.T, c templ.Component) string {
	t.Helper()
	var b strings.Builder
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// svgOf parses the SVG element of html as XML: it must be well-formed.
type svgDoc struct {
	Title     string `xml:"title"`
	Desc      string `xml:"desc"`
	Polylines []struct {
		Points string `xml:"points,attr"`
	} `xml:"g>polyline"`
	Circles []struct{} `xml:"g>circle"`
	Rects   []struct {
		Class  string `xml:"class,attr"`
		Height string `xml:"height,attr"`
	} `xml:"rect"`
}

func svgOf(t *testing.T, html string) svgDoc {
	t.Helper()
	start, end := strings.Index(html, "<svg"), strings.Index(html, "</svg>")
	if start < 0 || end < 0 {
		t.Fatal("no svg element")
	}
	src := html[start : end+len("</svg>")]
	d := xml.NewDecoder(strings.NewReader(src))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, src)
		}
	}
	var doc svgDoc
	if err := xml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// tableRows returns the cells of the chart's table, row by row.
func tableRows(html string) [][]string {
	body := html[strings.Index(html, "<tbody>"):strings.Index(html, "</tbody>")]
	var rows [][]string
	for _, tr := range strings.Split(body, "<tr>")[1:] {
		var cells []string
		for _, part := range strings.Split(tr, "</t")[:] {
			if i := strings.LastIndex(part, ">"); i >= 0 && (strings.Contains(part, "<td") || strings.Contains(part, "<th")) {
				cells = append(cells, part[i+1:])
			}
		}
		rows = append(rows, cells)
	}
	return rows
}

func TestLineChart(t *testing.T) {
	c := LineChart{ID: "mine", Title: "How you felt", XLabels: []string{"3 Mar", "10 Mar", "17 Mar", "24 Mar", "31 Mar"}, YMax: 10,
		Series: []LineSeries{
			{Name: "Safety", Class: "s1", Values: []float64{4, 5, 0, 6, 7}, Has: []bool{true, true, false, true, true}},
			{Name: "Trust", Class: "s2", Values: []float64{0, 3, 0, 0, 0}, Has: []bool{false, true, false, false, false}},
		}}
	html := render(t, LineChartView(c))
	doc := svgOf(t, html)
	if doc.Title != "How you felt" || !strings.Contains(doc.Desc, "Safety: 4.0 in the week of 3 Mar, 7.0 in the week of 31 Mar (no data in 1 week)") {
		t.Fatalf("title %q desc %q", doc.Title, doc.Desc)
	}
	// The gap splits Safety into two lines; Trust's lone value is a dot only.
	if len(doc.Polylines) != 2 {
		t.Fatalf("%d polylines, want 2 (a gap is not a zero)", len(doc.Polylines))
	}
	if len(doc.Circles) != 5 {
		t.Fatalf("%d dots, want 5", len(doc.Circles))
	}
	for _, p := range doc.Polylines {
		if strings.Contains(p.Points, ","+fmtf(c.y(0))) {
			t.Fatalf("a gap was drawn as zero: %s", p.Points)
		}
	}
	rows := tableRows(html)
	want := [][]string{{"3 Mar", "4.0", "–"}, {"10 Mar", "5.0", "3.0"}, {"17 Mar", "–", "–"}, {"24 Mar", "6.0", "–"}, {"31 Mar", "7.0", "–"}}
	if len(rows) != len(want) {
		t.Fatalf("table rows %v", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %v, want %v", i, rows[i], want[i])
		}
	}
}

func TestBarChart(t *testing.T) {
	c := BarChart{ID: "kept", Title: "Promises kept", XLabels: []string{"3 Mar", "10 Mar", "17 Mar"},
		Stacks: []BarSeries{
			{Name: "Kept and confirmed", Class: "s1", Values: []int{3, 0, 5}},
			{Name: "Missed", Class: "s4", Values: []int{1, 0, 2}},
		}}
	html := render(t, BarChartView(c))
	doc := svgOf(t, html)
	if doc.Title != "Promises kept" || !strings.Contains(doc.Desc, "Kept and confirmed: 8, Missed: 3") {
		t.Fatalf("title %q desc %q", doc.Title, doc.Desc)
	}
	if len(doc.Rects) != 4 { // zeros draw nothing
		t.Fatalf("%d bars, want 4", len(doc.Rects))
	}
	// The tallest stack (7) on an axis of 10: 5 of 7 is confirmed.
	if c.scaleMax() != 10 {
		t.Fatalf("scale max %d", c.scaleMax())
	}
	rows := tableRows(html)
	if strings.Join(rows[2], "|") != "17 Mar|5|2" || strings.Join(rows[1], "|") != "10 Mar|0|0" {
		t.Fatalf("table rows %v", rows)
	}
}

func TestEmptyCharts(t *testing.T) {
	svgOf(t, render(t, BarChartView(BarChart{ID: "e", Title: "Nothing yet"})))
	svgOf(t, render(t, LineChartView(LineChart{ID: "e", Title: "Nothing yet", XLabels: []string{"a"}, Series: []LineSeries{{Name: "S", Values: []float64{0}, Has: []bool{false}}}})))
}

// TestBarChartOneWeek: a chart of a single week draws a bar of ordinary
// width, not a slab across the plot.
func TestBarChartOneWeek(t *testing.T) {
	c := BarChart{ID: "kept", Title: "Promises kept", XLabels: []string{"3 Mar"},
		Stacks: []BarSeries{{Name: "Kept", Class: "s1", Values: []int{4}}}}
	doc := svgOf(t, render(t, BarChartView(c)))
	if len(doc.Rects) != 1 {
		t.Fatalf("%d bars, want 1", len(doc.Rects))
	}
	bars := c.bars()
	w, err := strconv.ParseFloat(bars[0].W, 64)
	if err != nil || w > maxBarW || w < 10 {
		t.Fatalf("one week's bar is %q wide, want at most %v of a plot of %v", bars[0].W, maxBarW, plotW())
	}
}

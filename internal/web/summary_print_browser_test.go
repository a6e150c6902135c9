package web_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"mend/internal/progress"
	"mend/internal/store"
)

// pdfPage counts the pages of a PDF that Chromium printed.
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestBrowserSummaryPrintsOnA4 prints a counsellor's summary of three
// weeks to PDF on A4 and on Letter, as Chromium does for paper: each
// section starts a page of its own, so the four sections take at least
// four pages; nothing of the screen (navigation, buttons, forms) is
// printed; the charts' legends print, in black and white, and no table is
// cut off. With $MEND_PRINT_OUT set, the PDFs are written there to look at.
func TestBrowserSummaryPrintsOnA4(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Avery", "Blair")
	s := e.app.Store()
	sa, sb := scopeOf(t, e, a), scopeOf(t, e, b)
	start := progress.Today(e.clock.Now(), time.UTC)
	p, err := s.CreatePromise(ctx(), sa, "", false, store.Terms{Title: "Home by seven on weekdays",
		Schedule: progress.Schedule{Kind: progress.KindDaily, Start: start, End: progress.NoDate, Due: progress.NoDate}})
	ok(t, err)
	for i := range 20 {
		day := progress.Today(e.clock.Now(), time.UTC)
		outcome := store.OutcomeKept
		if i%5 == 3 {
			outcome = store.OutcomeMissed
		}
		_, err := s.RecordOccurrence(ctx(), sa, p.ID, day, outcome, "")
		ok(t, err)
		for j, sc := range []store.Scope{sa, sb} {
			_, err := s.CreateCheckin(ctx(), sc, day, store.CheckinInput{Safe: 3 + (i+j)%6, Trust: 2 + i/3, Connected: 4 + (i*j)%5, Mood: "calm"})
			ok(t, err)
		}
		if i%3 == 0 {
			_, err := s.SendGratitude(ctx(), sb, "Thank you for coming home on time", "", "")
			ok(t, err)
		}
		e.clock.Advance(24 * time.Hour)
	}
	token := guestToken()
	l, err := s.ProposeLink(ctx(), sa, store.LinkInput{Label: "Dr Print", Shows: []string{"promises", "checkins", "thanks"},
		From: start, To: start.AddDays(20), FromAt: start.Time(time.UTC), Until: start.AddDays(21).Time(time.UTC),
		ExpiresAt: e.clock.Now().Add(30 * 24 * time.Hour)}, e.app.HashToken(token))
	ok(t, err)
	ok(t, s.AgreeLink(ctx(), sb, l.ID))

	br := newBrowser(t, e)
	tab := br.tab()
	br.do(tab, "open the summary", chromedp.Navigate(br.base+"/c/"+token+"/summary"))
	br.expect(tab, "Summary: Avery and Blair", "Week by week")
	br.printed(tab, "the counsellor's summary")
	// On paper: the legends' swatches (backgrounds, which browsers leave
	// out of print unless told) are printed, and no table's scrolling box
	// cuts its border off.
	br.do(tab, "print media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	wrong, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[
		...[...document.querySelectorAll(".legend .swatch")].filter(e => getComputedStyle(e).printColorAdjust !== "exact").map(e => "swatch " + e.className),
		...[...document.querySelectorAll(".table-wrap")].filter(e => getComputedStyle(e).overflowX !== "visible").map(e => "table-wrap " + e.getAttribute("aria-label")),
		...[...document.querySelectorAll(".brand img")].filter(e => !getComputedStyle(e).filter.includes("grayscale")).map(e => "logo in colour")]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(wrong) > 0 {
		t.Errorf("printed, these would not show as on screen: %v", wrong)
	}
	swatches, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll(".legend .swatch").length`))
	if swatches < 8 {
		t.Errorf("only %d legend swatches on the summary", swatches)
	}
	for _, paper := range []struct {
		name          string
		width, height float64 // inches
	}{{"a4", 8.27, 11.69}, {"letter", 8.5, 11}} {
		var out []byte
		br.do(tab, "print to PDF on "+paper.name, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			margin := 0.4 // inches: about 1 cm
			res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: paper.width, PaperHeight: paper.height,
				MarginTop: &margin, MarginBottom: &margin, MarginLeft: &margin, MarginRight: &margin})
			out = res.Data
			return err
		}))
		if !bytes.HasPrefix(out, []byte("%PDF")) {
			t.Fatalf("%s: not a PDF: %.20q", paper.name, out)
		}
		if dir := os.Getenv("MEND_PRINT_OUT"); dir != "" {
			ok(t, os.WriteFile(filepath.Join(dir, "summary-"+paper.name+".pdf"), out, 0o644))
		}
		pages := len(pdfPage.FindAll(out, -1))
		if pages < 4 {
			t.Errorf("the summary prints on %d %s pages; its four sections should each start a page", pages, paper.name)
		}
		t.Logf("summary printed on %d %s pages", pages, paper.name)
	}
}

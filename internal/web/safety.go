package web

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"mend/internal/guidance"
	"mend/views"
)

// localHelpFile, in the data directory, lists local services the operator
// wants at the top of the safety page: plain text, one service a line.
const localHelpFile = "local-help.txt"

// maxLocalHelp bounds what is read of the file.
const maxLocalHelp = 16 << 10

// crisisChecked is when the crisis lines were checked against their sources.
const crisisChecked = "on 1 December 2026"

// crisisLines are the phone services the safety page lists. Each number
// was checked against a stored copy of the page named as its source; add a
// line only with such a source.
var crisisLines = []views.CrisisLine{
	{Region: "United States", Name: "988 Suicide & Crisis Lifeline", Number: "988", Tel: "988", Text: "or text 988",
		For:    "Thoughts of suicide, or any emotional crisis, day and night. In immediate danger, call 911.",
		Source: "https://health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/988-suicide-crisis-lifeline"},
	{Region: "United States", Name: "National Domestic Violence Hotline", Number: "1-800-799-7233", Tel: "+18007997233",
		Text: "or text START to 88788", For: "Abuse by a partner, and safety planning, day and night.",
		Source: "https://ovc.ojp.gov/news/grantee-news/national-domestic-violence-hotline-answers-6-million-contacts"},
	{Region: "United Kingdom and Ireland", Name: "Samaritans", Number: "116 123", Tel: "116123",
		For:    "Anyone struggling to cope, day and night; free from landlines and mobiles.",
		Source: "https://www.samaritans.org/how-we-can-help/contact-samaritan/"},
	{Region: "United Kingdom", Name: "National Domestic Abuse Helpline (Refuge)", Number: "0808 2000 247", Tel: "+448082000247",
		For:    "Domestic abuse, free, day and night. In an emergency, call 999.",
		Source: "https://www.refuge.org.uk/category/news/"},
	{Region: "United Kingdom", Name: "Men's Advice Line", Number: "0808 801 0327", Tel: "+448088010327",
		For:    "Men experiencing domestic abuse.",
		Source: "https://www.centre56.org.uk/domestic-abuse"},
	{Region: "Australia", Name: "Lifeline", Number: "13 11 14", Tel: "131114",
		For:    "Crisis support and suicide prevention, day and night. In immediate danger, call 000.",
		Source: "https://lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/"},
	{Region: "European Union", Name: "Emergency number", Number: "112", Tel: "112",
		For:    "Police, ambulance or fire, free from any phone in every member state.",
		Source: "http://www.questbg.com/index.php/news-a-events/mish-mash/806-112-emergency-services-across-all-eu.html"},
}

func (s *Server) safety(c echo.Context) error {
	pg, ok := s.lib.Page(guidance.SafetyPage)
	if !ok {
		return echo.ErrNotFound
	}
	v := views.SafetyView{ContentPageView: views.ContentPageView{Title: pg.Title, Summary: pg.Summary, HTML: pg.HTML},
		Lines: crisisLines, Checked: crisisChecked, Exit: views.QuickExitURL, Local: s.localHelp()}
	return s.page(c, pg.Title, views.SafetyPage(v))
}

// phoneRe finds a phone number in a line of the local help file.
var phoneRe = regexp.MustCompile(`\+?[0-9][0-9 ()./-]{1,18}[0-9]`)

// localHelp reads the operator's local services, if any: each non-empty
// line is shown as text, its first phone number as a tel: link. A missing
// or unreadable file shows nothing.
func (s *Server) localHelp() []views.LocalHelpLine {
	f, err := os.Open(filepath.Join(s.cfg.DataDir, localHelpFile))
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxLocalHelp))
	if err != nil {
		return nil
	}
	text := strings.ToValidUTF8(string(data), "")
	var out []views.LocalHelpLine
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || !utf8.ValidString(line) {
			continue
		}
		l := views.LocalHelpLine{Before: line}
		if loc := phoneRe.FindStringIndex(line); loc != nil {
			num := line[loc[0]:loc[1]]
			digits := strings.Map(func(r rune) rune {
				if r == '+' || (r >= '0' && r <= '9') {
					return r
				}
				return -1
			}, num)
			if len(strings.TrimPrefix(digits, "+")) >= 3 {
				l = views.LocalHelpLine{Before: line[:loc[0]], Number: num, Tel: digits, After: line[loc[1]:]}
			}
		}
		out = append(out, l)
	}
	return out
}

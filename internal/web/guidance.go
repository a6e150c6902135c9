package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"mend/internal/guidance"
	"mend/internal/store"
	"mend/views"
)

const (
	// searchLimit bounds the results a search shows: the library is small,
	// and beyond this the matches are weak.
	searchLimit = 20
	// maxQuery bounds the characters of a search kept and shown.
	maxQuery = 200
	// filterAll is the audience filter that shows every practice.
	filterAll = "all"
)

// audienceFilters are the choices of the guidance page's filter, in order,
// with what each shows.
var audienceFilters = []struct{ key, label, shows string }{
	{filterAll, "Everything", "every practice"},
	{guidance.Broke, "If you broke trust", "practices for the partner who broke trust, and for you both"},
	{guidance.Hurt, "If you were hurt", "practices for the partner who was hurt, and for you both"},
	{guidance.Both, "For you both", "practices written for you both"},
}

// audienceFilter is the filter the guidance page applies: the one asked for
// in ?for=, else the one that fits how the member said they come to this,
// else everything. note says why, when the reader did not choose it.
func audienceFilter(c echo.Context) (key, note string) {
	asked := c.QueryParam("for")
	for _, f := range audienceFilters {
		if f.key == asked {
			return asked, ""
		}
	}
	a := actorOf(c)
	if a.member == nil {
		return filterAll, ""
	}
	switch a.member.Role {
	case store.RoleBroke, store.RoleHurt:
		return a.member.Role, "Chosen from how you said you come to this, on your space page."
	case store.RoleBoth:
		// It has been on both sides: the practices for either partner apply,
		// not only those written for both.
		return filterAll, "You said it's been on both sides, so all of them apply to you."
	}
	return filterAll, ""
}

func (s *Server) guidanceIndex(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, "")
	}
	if utf8.RuneCountInString(q) > maxQuery {
		q = string([]rune(q)[:maxQuery])
	}
	key, note := audienceFilter(c)
	clearHref := "/guidance"
	if asked := c.QueryParam("for"); asked == key {
		clearHref += "?for=" + url.QueryEscape(key)
	}
	v := views.GuidanceView{Query: q, Searched: q != "", ClearHref: clearHref, FilterNote: note}
	if v.Searched {
		for _, r := range s.lib.Search(q, searchLimit) {
			v.Results = append(v.Results, practiceItem(r.Practice))
		}
		return s.page(c, "Guidance", views.GuidancePage(v))
	}
	audience := key
	if key == filterAll {
		audience = ""
	}
	shown := 0
	for _, g := range s.lib.Groups(audience) {
		t := views.ThemeView{Key: g.Key, Title: g.Title}
		for _, p := range g.Practices {
			t.Practices = append(t.Practices, practiceItem(p))
		}
		shown += len(t.Practices)
		v.Themes = append(v.Themes, t)
	}
	for _, f := range audienceFilters {
		v.Filters = append(v.Filters, views.FilterChoice{Label: f.label, Href: "/guidance?for=" + f.key, Current: f.key == key})
		if f.key == key {
			v.Showing = "Showing " + f.shows + ": " + itoa(shown) + " of " + itoa(len(s.lib.Practices())) + "."
			if key == filterAll {
				v.Showing = "Showing all " + itoa(shown) + " practices, by theme."
			}
		}
	}
	return s.page(c, "Guidance", views.GuidancePage(v))
}

// practiceItem is p as a list shows it.
func practiceItem(p *guidance.Practice) views.PracticeItem {
	theme, _ := guidance.LookupTheme(p.Theme)
	return views.PracticeItem{Slug: p.Slug, Title: p.Title, ThemeTitle: theme.Title, Audience: guidance.AudienceLabel(p.Audience), Summary: p.Summary}
}

// practiceOf is the practice named by the URL's slug; ErrNotFound when the
// library has none.
func (s *Server) practiceOf(c echo.Context) (*guidance.Practice, error) {
	p, ok := s.lib.Practice(c.Param("slug"))
	if !ok {
		return nil, store.ErrNotFound
	}
	return p, nil
}

func (s *Server) practice(c echo.Context) error {
	if to, ok := s.lib.Replacement(c.Param("slug")); ok {
		// A retired practice was merged into another: old links lead there.
		return c.Redirect(http.StatusMovedPermanently, "/guidance/"+to)
	}
	p, err := s.practiceOf(c)
	if err != nil {
		return err
	}
	v, err := s.practiceView(c, p, nil)
	if err != nil {
		return err
	}
	return s.page(c, p.Title, views.PracticePage(v))
}

// practiceView builds the page of p for the reader. f is a bookmark form to
// show again with its messages (nil for a fresh page): the form of a new
// bookmark, or the edit form of the reader's own.
func (s *Server) practiceView(c echo.Context, p *guidance.Practice, f *views.Form) (views.PracticeView, error) {
	a := actorOf(c)
	theme, _ := guidance.LookupTheme(p.Theme)
	v := views.PracticeView{PracticeItem: practiceItem(p), ThemeKey: theme.Key, HTML: p.HTML,
		LoggedIn: a.user != nil, Member: a.member != nil}
	for i, t := range p.Try {
		st := views.Step{Text: t}
		if v.Member {
			st.Href = "/promises/new?practice=" + url.QueryEscape(p.Slug) + "&try=" + itoa(i)
		}
		v.Try = append(v.Try, st)
	}
	for i, q := range p.Reflect {
		st := views.Step{Text: q}
		if v.Member {
			st.Href = "/journal/new?practice=" + url.QueryEscape(p.Slug) + "&prompt=" + itoa(i)
		}
		v.Reflect = append(v.Reflect, st)
	}
	for _, src := range s.lib.Sources(p) {
		v.Sources = append(v.Sources, src.Title)
	}
	for _, r := range s.lib.Related(p, 4) {
		v.Related = append(v.Related, practiceItem(r))
	}
	v.Tool = conversationTool(p.Slug, v.Member)
	if !v.Member {
		return v, nil
	}
	ppl, err := s.people(c)
	if err != nil {
		return v, err
	}
	v.Partner = ppl.PartnerName()
	list, err := s.store.BookmarksOn(c.Request().Context(), scope(c), p.Slug)
	if err != nil {
		return v, err
	}
	loc := a.user.Location()
	for _, b := range list {
		bv := s.bookmarkView(b, ppl, loc)
		if b.UserID == a.user.ID {
			bv.Form = bookmarkForm(b)
			if f != nil {
				bv.Form = f
			}
			v.Mine = &bv
		} else {
			v.Shared = append(v.Shared, bv)
		}
	}
	v.Form = f
	if v.Form == nil {
		v.Form = views.NewForm()
	}
	links, err := s.store.PracticeLinks(c.Request().Context(), scope(c), p.Slug, 20)
	if err != nil {
		return v, err
	}
	for _, l := range links {
		v.Links = append(v.Links, views.PracticeLinkView{Kind: linkKinds[l.Kind], Title: l.Title,
			Href: linkPaths[l.Kind] + l.ID, Author: ppl.Name(l.AuthorID), Date: views.Day(l.At.In(loc))})
	}
	return v, nil
}

// How the practice page names and links each kind of item of the space.
var (
	linkKinds = map[string]string{store.LinkPromise: "Promise", store.LinkJournal: "Journal entry",
		store.LinkReflection: "Reflection", store.LinkGratitude: "Gratitude note"}
	linkPaths = map[string]string{store.LinkPromise: "/promises/", store.LinkJournal: "/journal/",
		store.LinkReflection: "/reflections/", store.LinkGratitude: "/gratitude#note-"}
)

// contentPage shows the library's page slug.
func (s *Server) contentPage(c echo.Context, slug string) error {
	pg, ok := s.lib.Page(slug)
	if !ok {
		return store.ErrNotFound
	}
	v := views.ContentPageView{Title: pg.Title, Summary: pg.Summary, HTML: pg.HTML}
	for _, other := range []struct{ slug, path string }{
		{guidance.UsingMendPage, "/help/" + guidance.UsingMendPage},
		{guidance.TherapyPage, "/help/" + guidance.TherapyPage},
		{guidance.SafetyPage, "/safety"},
	} {
		if o, ok := s.lib.Page(other.slug); ok && other.slug != slug {
			v.More = append(v.More, views.Option{Value: other.path, Label: o.Title})
		}
	}
	v.More = append(v.More, views.Option{Value: "/guidance", Label: "The guidance library"})
	return s.page(c, pg.Title, views.ContentPage(v))
}

func (s *Server) helpPage(c echo.Context) error {
	slug := c.Param("page")
	if slug == guidance.SafetyPage {
		return s.redirect(c, "/safety", "")
	}
	return s.contentPage(c, slug)
}

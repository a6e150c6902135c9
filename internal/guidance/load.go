package guidance

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Limits the content is validated against.
const (
	minTry, maxTry         = 2, 5
	minReflect, maxReflect = 2, 4
	minWords, maxWords     = 150, 400
)

// Where things live inside the content file system.
const (
	practicesDir = "practices"
	pagesDir     = "pages"
	sourcesFile  = "sources.yaml"
)

// errorRoot prefixes file names in error messages so that they read as paths
// from the repository root, which is where a writer fixes them.
const errorRoot = "content/"

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ContentError lists every problem Load found, one per line, each naming the file and the field.
type ContentError struct {
	Problems []string
}

// Error reports all problems, one per line.
func (e *ContentError) Error() string {
	return fmt.Sprintf("guidance: %d problem(s) in content:\n%s", len(e.Problems), strings.Join(e.Problems, "\n"))
}

// problems collects validation failures so Load can report all of them at once.
type problems []string

func (p *problems) add(file, field, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	switch field {
	case "":
		*p = append(*p, fmt.Sprintf("%s%s: %s", errorRoot, file, msg))
	case "front matter", "body":
		*p = append(*p, fmt.Sprintf("%s%s: %s: %s", errorRoot, file, field, msg))
	default:
		*p = append(*p, fmt.Sprintf("%s%s: field %q: %s", errorRoot, file, field, msg))
	}
}

// Load parses, validates, renders and indexes practices/, pages/ and sources.yaml; see ContentError.
func Load(fsys fs.FS) (*Library, error) {
	// Every problem is collected, so that writers can fix them all in one go.
	var probs problems
	lib := &Library{
		bySlug:      map[string]*Practice{},
		pages:       map[string]*Page{},
		sourceByKey: map[string]Source{},
	}

	sourcesOK := lib.loadSources(fsys, &probs)
	lib.loadPractices(fsys, &probs, sourcesOK)
	lib.loadPages(fsys, &probs)

	if len(probs) > 0 {
		return nil, &ContentError{Problems: probs}
	}
	sort.SliceStable(lib.practices, func(i, j int) bool {
		return practiceLess(lib.practices[i], lib.practices[j])
	})
	lib.index = buildIndex(lib.practices)
	lib.related = make(map[string][]*Practice, len(lib.practices))
	for _, p := range lib.practices {
		lib.related[p.Slug] = lib.relatedTo(p)
	}
	return lib, nil
}

// practiceLess is the display order: theme order, then title, then slug.
func practiceLess(a, b *Practice) bool {
	if ra, rb := themeRank(a.Theme), themeRank(b.Theme); ra != rb {
		return ra < rb
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.Slug < b.Slug
}

// markdownFiles lists the *.md files of dir in name order.
func markdownFiles(fsys fs.FS, dir string, probs *problems) []string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		probs.add(dir, "", "cannot read directory: %v", unwrapPath(err))
		return nil
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
			names = append(names, path.Join(dir, e.Name()))
		}
	}
	return names
}

// unwrapPath drops the path from a *fs.PathError, which the message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (lib *Library) loadSources(fsys fs.FS, probs *problems) bool {
	before := len(*probs)
	data, err := fs.ReadFile(fsys, sourcesFile)
	if err != nil {
		probs.add(sourcesFile, "", "cannot read: %v", unwrapPath(err))
		return false
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		probs.add(sourcesFile, "", "invalid YAML: %v", err)
		return false
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 || root.Content[0].Kind != yaml.SequenceNode {
		probs.add(sourcesFile, "", "want a YAML list of {key, title, about}")
		return false
	}
	for i, item := range root.Content[0].Content {
		where := fmt.Sprintf("%s: entry %d", sourcesFile, i+1)
		var s Source
		decodeFields(item, where, probs, []fieldSpec{
			{name: "key", str: &s.Key, required: true},
			{name: "title", str: &s.Title, required: true},
			{name: "about", str: &s.About, required: true},
		})
		if s.Key == "" {
			continue
		}
		if _, dup := lib.sourceByKey[s.Key]; dup {
			probs.add(where, "key", "duplicate source key %q", s.Key)
			continue
		}
		lib.sourceByKey[s.Key] = s
		lib.sources = append(lib.sources, s)
	}
	if len(lib.sources) == 0 && len(*probs) == before {
		probs.add(sourcesFile, "", "no sources listed")
	}
	return len(*probs) == before
}

func (lib *Library) loadPractices(fsys fs.FS, probs *problems, checkSources bool) {
	files := markdownFiles(fsys, practicesDir, probs)
	slugFile := map[string]string{}
	for _, file := range files {
		p, ok := readPractice(fsys, file, probs)
		if !ok {
			continue
		}
		if p.Slug != "" {
			if other, dup := slugFile[p.Slug]; dup {
				probs.add(file, "slug", "duplicate slug %q (also in %s%s)", p.Slug, errorRoot, other)
			} else {
				slugFile[p.Slug] = file
			}
		}
		if checkSources {
			for _, key := range p.Sources {
				if _, known := lib.sourceByKey[key]; !known && key != "" {
					probs.add(file, "sources", "unknown source %q (want one of %s)", key, strings.Join(lib.sourceKeys(), ", "))
				}
			}
		}
		lib.practices = append(lib.practices, p)
		lib.bySlug[p.Slug] = p
	}
	if len(files) == 0 {
		probs.add(practicesDir, "", "no practices found")
	}
	lib.linkPractices(probs)
}

// linkPractices checks that pairs and replaces name practices correctly,
// makes pairs symmetric and maps each retired slug to its replacement.
func (lib *Library) linkPractices(probs *problems) {
	lib.retired = map[string]string{}
	for _, p := range lib.practices {
		file := path.Join(practicesDir, p.Slug+".md")
		for _, slug := range p.Pairs {
			q, ok := lib.bySlug[slug]
			switch {
			case !ok:
				probs.add(file, "pairs", "unknown practice %q", slug)
			case q == p:
				probs.add(file, "pairs", "a practice cannot pair with itself")
			}
		}
		for _, slug := range p.Replaces {
			if _, live := lib.bySlug[slug]; live {
				probs.add(file, "replaces", "%q is still a practice", slug)
			} else if other, dup := lib.retired[slug]; dup {
				probs.add(file, "replaces", "%q is already replaced by %q", slug, other)
			} else {
				lib.retired[slug] = p.Slug
			}
		}
	}
	for _, p := range lib.practices {
		for _, slug := range p.Pairs {
			if q, ok := lib.bySlug[slug]; ok && q != p && !slices.Contains(q.Pairs, p.Slug) {
				q.Pairs = append(q.Pairs, p.Slug)
			}
		}
	}
}

func (lib *Library) sourceKeys() []string {
	keys := make([]string, len(lib.sources))
	for i, s := range lib.sources {
		keys[i] = s.Key
	}
	return keys
}

func readPractice(fsys fs.FS, file string, probs *problems) (*Practice, bool) {
	fm, body, ok := readMarkdownFile(fsys, file, probs)
	if !ok {
		return nil, false
	}
	p := &Practice{Body: body}
	var stage, intentions string
	decodeFields(fm, file, probs, []fieldSpec{
		{name: "slug", str: &p.Slug, required: true},
		{name: "title", str: &p.Title, required: true},
		{name: "theme", str: &p.Theme, required: true},
		{name: "audience", str: &p.Audience, required: true},
		{name: "summary", str: &p.Summary, required: true},
		{name: "try", list: &p.Try, min: minTry, max: maxTry},
		{name: "reflect", list: &p.Reflect, min: minReflect, max: maxReflect},
		// An empty list says the practice draws on no article: it was
		// written for Mend from common couples work.
		{name: "sources", list: &p.Sources, required: true},
		{name: "stage", str: &stage, required: true},
		{name: "pairs", list: &p.Pairs},
		{name: "replaces", list: &p.Replaces},
		{name: "intentions", str: &intentions},
	})
	checkSlug(file, p.Slug, probs)
	if stage != "" {
		n, err := strconv.Atoi(stage)
		if _, ok := LookupStage(n); err != nil || !ok {
			probs.add(file, "stage", "%q is not a stage (want a number from 0 to %d)", stage, len(stages)-1)
		}
		p.Stage = n
	}
	switch intentions {
	case "":
		p.Private = p.Audience == Hurt
	case "private", "shared":
		p.Private = intentions == "private"
	default:
		probs.add(file, "intentions", "unknown value %q (want private or shared)", intentions)
	}
	if _, ok := LookupTheme(p.Theme); !ok && p.Theme != "" {
		keys := make([]string, len(themes))
		for i, t := range themes {
			keys[i] = t.Key
		}
		probs.add(file, "theme", "unknown theme %q (want one of %s)", p.Theme, strings.Join(keys, ", "))
	}
	if AudienceLabel(p.Audience) == "" && p.Audience != "" {
		probs.add(file, "audience", "unknown audience %q (want one of %s)", p.Audience, strings.Join(Audiences(), ", "))
	}
	if n := countWords(body); n < minWords || n > maxWords {
		probs.add(file, "body", "%d words (want %d–%d)", n, minWords, maxWords)
	}
	html, raw := renderContent(body)
	if raw {
		probs.add(file, "body", "contains raw HTML, which is not rendered; use Markdown")
	}
	p.HTML = html
	return p, true
}

func (lib *Library) loadPages(fsys fs.FS, probs *problems) {
	for _, file := range markdownFiles(fsys, pagesDir, probs) {
		fm, body, ok := readMarkdownFile(fsys, file, probs)
		if !ok {
			continue
		}
		pg := &Page{}
		decodeFields(fm, file, probs, []fieldSpec{
			{name: "slug", str: &pg.Slug, required: true},
			{name: "title", str: &pg.Title, required: true},
			{name: "summary", str: &pg.Summary, required: true},
		})
		checkSlug(file, pg.Slug, probs)
		if strings.TrimSpace(body) == "" {
			probs.add(file, "body", "empty")
		}
		html, raw := renderContent(body)
		if raw {
			probs.add(file, "body", "contains raw HTML, which is not rendered; use Markdown")
		}
		pg.HTML = html
		lib.pages[pg.Slug] = pg
	}
	for _, slug := range requiredPages {
		if _, ok := lib.pages[slug]; !ok {
			probs.add(path.Join(pagesDir, slug+".md"), "", "missing: the app links to this page")
		}
	}
}

// checkSlug checks the slug's form and that it matches the file name.
func checkSlug(file, slug string, probs *problems) {
	if slug == "" {
		return // already reported as missing
	}
	if !slugPattern.MatchString(slug) {
		probs.add(file, "slug", "%q is not a slug (lowercase letters, digits and single hyphens)", slug)
	}
	if want := strings.TrimSuffix(path.Base(file), ".md"); slug != want {
		probs.add(file, "slug", "%q does not match the file name (want %q)", slug, want)
	}
}

// countWords counts runs of non-space characters that hold a letter or digit,
// so Markdown markers such as "-" or "##" do not count.
func countWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

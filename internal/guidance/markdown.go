package guidance

import (
	"bytes"
	"html"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Both converters keep goldmark's default of not rendering raw HTML; goldmark
// and bluemonday policies are safe for concurrent use once built.
var (
	contentMarkdown = goldmark.New(
		goldmark.WithExtensions(extension.Strikethrough, extension.Table, extension.Linkify),
	)
	userMarkdown = goldmark.New(
		goldmark.WithExtensions(extension.Strikethrough, extension.Table, extension.Linkify),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(userTransformer{}, 100))),
	)
	userPolicy = newUserPolicy()
)

func newUserPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy() // http, https, mailto and relative URLs; rel="nofollow"
	p.RequireNoReferrerOnLinks(true)
	// Opens external links in a new tab, which also adds rel="noopener".
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}

// RenderUser renders a user's Markdown (journal entry, note) to HTML that is safe to show the partner.
func RenderUser(src string) string {
	// CommonMark with GFM tables, strikethrough and autolinks; raw HTML is
	// not rendered and the result is sanitised with bluemonday's UGC policy.
	// Links get rel="nofollow noreferrer", plus target="_blank" and
	// "noopener" when external. Images become links, so an entry cannot load
	// a remote image that would tell its author when and where it was read.
	var buf bytes.Buffer
	if err := userMarkdown.Convert([]byte(src), &buf); err != nil {
		// Only a failing writer makes Convert fail; show the text as text.
		return "<p>" + html.EscapeString(src) + "</p>"
	}
	return userPolicy.Sanitize(buf.String())
}

// renderContent renders the project's own Markdown. It reports whether the
// source holds raw HTML, which the content must not use.
func renderContent(src string) (out string, rawHTML bool) {
	source := []byte(src)
	doc := contentMarkdown.Parser().Parse(text.NewReader(source))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if k := n.Kind(); entering && (k == ast.KindHTMLBlock || k == ast.KindRawHTML) {
			rawHTML = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := contentMarkdown.Renderer().Render(&buf, source, doc); err != nil {
		return "<p>" + html.EscapeString(src) + "</p>", rawHTML
	}
	return buf.String(), rawHTML
}

// plainText returns the text of a Markdown document without its markup, for
// the search index.
func plainText(src string) string {
	source := []byte(src)
	doc := contentMarkdown.Parser().Parse(text.NewReader(source))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(source))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(source))
				}
			}
			return ast.WalkSkipChildren, nil
		default:
			if n.Type() == ast.TypeBlock {
				b.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// userTransformer turns images into links (viewing fetches nothing) and drops link titles.
type userTransformer struct{}

// Transform implements parser.ASTTransformer.
func (userTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Image:
			if entering {
				images = append(images, n)
			}
		case *ast.Link:
			n.Title = nil
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		link := ast.NewLink()
		link.Destination = img.Destination
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if !link.HasChildren() {
			label := ast.NewString(append([]byte("image: "), img.Destination...))
			label.SetRaw(true) // escaped as is, no entity or backslash processing
			link.AppendChild(link, label)
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

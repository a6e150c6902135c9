package guidance

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// nasty are inputs that try to get script, styles, frames or dangerous URLs
// into rendered user Markdown.
var nasty = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
	`<scr<script>ipt>alert(1)</scr</script>ipt>`,
	`<img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`<body onload=alert(1)>`,
	"hello <b onclick=alert(1)>bold</b> world",
	`<div style="background:url(javascript:alert(1))" onclick="x()">hi</div>`,
	`[x](javascript:alert(1))`,
	`[x](JaVaScRiPt:alert(1))`,
	`[x](  javascript:alert(1))`,
	`[x](java&#x09;script:alert(1))`,
	`[x](&#106;avascript:alert(1))`,
	`[x](<javascript:alert(1)>)`,
	"[x]: javascript:alert(1)\n\n[x]",
	`[x](vbscript:msgbox(1))`,
	`[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`![x](data:image/png;base64,iVBORw0KGgo=)`,
	`![x](javascript:alert(1))`,
	`![](https://tracker.example/pixel.gif)`,
	`<javascript:alert(1)>`,
	`<a href="javascript:alert(1)">x</a>`,
	`<a href="&#x6A;avascript:alert(1)">x</a>`,
	`<a href="data:text/html,<script>alert(1)</script>">x</a>`,
	`<iframe src="https://evil.example/"></iframe>`,
	`<style>body{display:none}</style>`,
	`<link rel=stylesheet href=//evil.example/x.css>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<object data="x.swf"></object><embed src="x.swf">`,
	`<form action="javascript:alert(1)"><input type=submit></form>`,
	`<math><mi xlink:href="javascript:alert(1)">x</mi></math>`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&#60;script&#62;alert(1)&#60;/script&#62;`,
	"<!-- x --><script>alert(1)</script>",
	"```\n<script>alert(1)</script>\n```",
	"| a | b |\n|---|---|\n| <iframe src=x> | <a href=x onclick=y>z</a> |",
	`[x](http://example.com "onmouseover=alert(1)")`,
	`[x](http://example.com/" onmouseover="alert(1))`,
	"<a\nhref=\"javascript:alert(1)\">x</a>",
	`<details open ontoggle=alert(1)>`,
	"\x00<script>alert(1)</script>",
}

var (
	onAttr     = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	badScheme  = regexp.MustCompile(`(?i)<[a-z][^>]*=\s*["']?\s*(javascript|vbscript|data):`)
	badElement = map[string]bool{
		"script": true, "style": true, "iframe": true, "frame": true, "frameset": true, "object": true,
		"embed": true, "link": true, "meta": true, "base": true, "form": true, "input": true, "svg": true,
		"math": true, "img": true, "body": true, "html": true, "textarea": true, "button": true,
	}
	urlAttr = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "cite": true,
		"xlink:href": true, "background": true, "poster": true, "srcset": true, "data": true}
)

// unsafeHTML returns what is wrong with html as output of RenderUser, or "".
// It reads the output the way a browser does (entities decoded, tab and
// newline removed from URLs), so tricks in the input cannot hide from it.
func unsafeHTML(s string) string {
	lower := strings.ToLower(s)
	for _, bad := range []string{"<script", "<iframe", "<style"} {
		if strings.Contains(lower, bad) {
			return "contains " + bad
		}
	}
	if onAttr.MatchString(s) {
		return "has an event-handler attribute"
	}
	if badScheme.MatchString(s) {
		return "has a javascript:, vbscript: or data: attribute"
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if badElement[tok.Data] {
				return "has a <" + tok.Data + "> element"
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(key, "on"):
					return "has attribute " + key
				case key == "style":
					return "has a style attribute"
				case urlAttr[key] && !safeURL(a.Val):
					return fmt.Sprintf("has %s=%q", key, a.Val)
				}
			}
		}
	}
}

// safeURL reports whether a URL, as a browser would read it, is relative or
// http, https or mailto.
func safeURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.ToLower(strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	colon := strings.IndexByte(u, ':')
	if colon < 0 || strings.ContainsAny(u[:colon], "/?#") {
		return true // relative
	}
	switch u[:colon] {
	case "http", "https", "mailto":
		return true
	}
	return false
}

func TestRenderUserRejectsNasty(t *testing.T) {
	for _, in := range nasty {
		out := RenderUser(in)
		if why := unsafeHTML(out); why != "" {
			t.Errorf("RenderUser(%q) %s:\n%s", in, why, out)
		}
	}
}

func TestRenderUser(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // each must appear
		not      []string // none may appear
	}{
		{"emphasis", "*gently* and **firmly**", []string{"<em>gently</em>", "<strong>firmly</strong>"}, nil},
		{"list", "- one\n- two\n", []string{"<ul>", "<li>one</li>", "<li>two</li>"}, nil},
		{"ordered list", "1. first\n2. second\n", []string{"<ol>", "<li>first</li>"}, nil},
		{"heading", "## Today", []string{"<h2>Today</h2>"}, nil},
		{"quote", "> we talked", []string{"<blockquote>", "we talked"}, nil},
		{"code", "use `git log` and\n\n```\n<script>x</script>\n```", []string{"<code>git log</code>", "<pre><code>&lt;script&gt;x&lt;/script&gt;"}, nil},
		{"link", "[our plan](https://example.com/plan)", []string{`<a href="https://example.com/plan" rel="nofollow noreferrer noopener" target="_blank">our plan</a>`}, nil},
		{"relative link", "[a practice](/practices/active-listening)", []string{`<a href="/practices/active-listening" rel="nofollow noreferrer">a practice</a>`}, nil},
		{"mailto", "[write](mailto:us@example.com)", []string{`href="mailto:us@example.com"`}, nil},
		{"autolink", "see https://example.com/x today", []string{`<a href="https://example.com/x" rel="nofollow noreferrer noopener" target="_blank">https://example.com/x</a>`}, nil},
		{"www autolink", "see www.example.com today", []string{`<a href="http://www.example.com"`}, nil},
		{"angle autolink", "<https://example.com>", []string{`<a href="https://example.com"`}, nil},
		{"strikethrough", "~~never again~~", []string{"<del>never again</del>"}, nil},
		{"table", "| day | kept |\n|---|---|\n| Mon | yes |", []string{"<table>", "<th>day</th>", "<td>yes</td>"}, nil},
		{"text is escaped", "a < b & c > d", []string{"a &lt; b &amp; c &gt; d"}, nil},
		{"entities stay text", "&lt;script&gt;", []string{"&lt;script&gt;"}, []string{"<script"}},
		{"raw HTML is not rendered", "hi <b>there</b>", []string{"there"}, []string{"<b>", "raw HTML"}},
		{"script dropped", "<script>alert(1)</script>", nil, []string{"<script", "alert"}},
		{"img onerror dropped", "<img src=x onerror=alert(1)>", nil, []string{"<img", "onerror"}},
		{"javascript link dropped", "[x](javascript:alert(1))", []string{"<p>x</p>"}, []string{"javascript"}},
		{"html javascript link dropped", `<a href="javascript:alert(1)">x</a>`, nil, []string{"javascript", "<a"}},
		{"iframe dropped", `<iframe src="https://evil.example/"></iframe>`, nil, []string{"iframe", "evil"}},
		{"style dropped", "<style>p{color:red}</style>\n\ntext", []string{"<p>text</p>"}, []string{"style", "color"}},
		{"data link dropped", "[x](data:text/html;base64,AAAA)", []string{"<p>x</p>"}, []string{"data:"}},
		{"image becomes a link", "![our walk](https://example.com/walk.jpg)", []string{`<a href="https://example.com/walk.jpg" rel="nofollow noreferrer noopener" target="_blank">our walk</a>`}, []string{"<img"}},
		{"image without alt", "![](https://example.com/p.gif)", []string{`>image: https://example.com/p.gif</a>`}, []string{"<img"}},
		{"link title dropped", `[x](https://example.com "hover")`, []string{`<a href="https://example.com"`}, []string{"title=", "hover"}},
		{"task list checkbox dropped", "- [x] done", []string{"done"}, []string{"<input"}},
		{"empty", "", nil, []string{"<"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := RenderUser(tt.in)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("RenderUser(%q) lacks %q:\n%s", tt.in, w, out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("RenderUser(%q) contains %q:\n%s", tt.in, n, out)
				}
			}
			if why := unsafeHTML(out); why != "" {
				t.Errorf("RenderUser(%q) %s", tt.in, why)
			}
		})
	}
}

// TestUnsafeHTML makes sure the checker used by the fuzz test catches what it
// is meant to catch.
func TestUnsafeHTML(t *testing.T) {
	for _, s := range []string{
		"<SCRIPT>x</SCRIPT>", "<iframe>", "<style>", `<p onclick="x">`, `<p ONCLICK=x>`,
		`<a href="javascript:x">`, `<a href=" java&#x09;script:x">`, `<a href="&#106;avascript:x">`,
		`<a href="data:text/html,x">`, `<a href="vbscript:x">`, `<p style="x">`, `<img src="https://x">`,
	} {
		if unsafeHTML(s) == "" {
			t.Errorf("unsafeHTML(%q) found nothing", s)
		}
	}
	for _, s := range []string{
		`<p>javascript: is text here, and so is onclick=x</p>`, `<a href="https://x/?q=a:b">`,
		`<a href="/relative:path">`, `<a href="mailto:a@b">`, `<p>&lt;script&gt;</p>`,
	} {
		if why := unsafeHTML(s); why != "" {
			t.Errorf("unsafeHTML(%q) = %s, want nothing", s, why)
		}
	}
}

func FuzzRenderUser(f *testing.F) {
	for _, s := range nasty {
		f.Add(s)
	}
	f.Add("*ok* [link](https://example.com) `code`")
	f.Fuzz(func(t *testing.T, in string) {
		out := RenderUser(in)
		if why := unsafeHTML(out); why != "" {
			t.Errorf("RenderUser(%q) %s:\n%s", in, why, out)
		}
	})
}

// entry5K is a realistic journal entry of about 5 KB.
var entry5K = func() string {
	para := "Today we *talked* about the week. I kept the promise to call at lunch, and " +
		"she said it **helped**. We read [the practice](/practices/active-listening) together.\n\n" +
		"- walked after dinner\n- no phone at the table\n- said thank you twice\n\n" +
		"> I noticed I wanted to explain myself, and I stopped.\n\n"
	return strings.Repeat(para, 5120/len(para)+1)[:5120]
}()

func BenchmarkRenderUser(b *testing.B) {
	b.SetBytes(int64(len(entry5K)))
	for b.Loop() {
		RenderUser(entry5K)
	}
}

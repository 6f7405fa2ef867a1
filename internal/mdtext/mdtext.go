// Package mdtext renders the Markdown texts of a model (description,
// summary, goal, help, context: CommonMark, no raw HTML) as HTML, with any
// raw HTML escaped and nothing loaded from elsewhere, and as plain text for
// the terminal, with links written as "title (url)".
package mdtext

import (
	"bytes"
	"html"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md is the one converter: CommonMark as goldmark reads it, with the
// renderers below for raw HTML and images.
var md = goldmark.New(goldmark.WithRendererOptions(
	renderer.WithNodeRenderers(util.Prioritized(escaper{}, 100)),
))

// HTML renders src as HTML. Raw HTML in src is shown as text; an image is
// shown as a link to it, so that a report loads nothing from elsewhere;
// dangerous link targets (javascript: and the like) are dropped by goldmark.
func HTML(src string) template.HTML {
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		return template.HTML("<p>" + html.EscapeString(src) + "</p>")
	}
	return template.HTML(strings.TrimSuffix(b.String(), "\n")) // #nosec: goldmark's output, raw HTML escaped
}

// escaper renders raw HTML (inline and blocks) as escaped text, and images
// as links.
type escaper struct{}

func (escaper) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		var t strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			t.Write(seg.Value(src))
		}
		if b := n.(*ast.HTMLBlock); b.HasClosure() {
			t.Write(b.ClosureLine.Value(src))
		}
		_, _ = w.WriteString("<p>" + html.EscapeString(strings.TrimRight(t.String(), "\n")) + "</p>\n")
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindImage, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		img := n.(*ast.Image)
		alt := plainChildren(n, src)
		if ghtml.IsDangerousURL(img.Destination) {
			_, _ = w.WriteString(html.EscapeString(alt))
			return ast.WalkSkipChildren, nil
		}
		_, _ = w.WriteString(`<a href="` + html.EscapeString(string(util.URLEscape(img.Destination, true))) + `">` + html.EscapeString(alt) + `</a>`)
		return ast.WalkSkipChildren, nil
	})
}

// Plain renders src as plain text: markup dropped, a link as "title
// (url)" (the url alone when it is its own title), paragraphs and list
// items on lines of their own, separated by a blank line.
func Plain(src string) string {
	if !strings.ContainsAny(src, "*_`[]<>#&!\\\n") && !strings.Contains(src, "://") {
		return src // nothing to parse: the common case, and fast
	}
	data := []byte(src)
	doc := md.Parser().Parse(text.NewReader(data))
	var blocks []string
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		blocks = appendBlock(blocks, c, data, "")
	}
	return strings.Join(blocks, "\n\n")
}

func appendBlock(blocks []string, n ast.Node, src []byte, prefix string) []string {
	switch n := n.(type) {
	case *ast.List:
		var items []string
		i := n.Start
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			mark := "- "
			if n.IsOrdered() {
				mark = itoa(i) + ". "
				i++
			}
			var parts []string
			for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
				parts = appendBlock(parts, cc, src, prefix+"  ")
			}
			items = append(items, prefix+mark+strings.TrimLeft(strings.Join(parts, "\n"), " "))
		}
		return append(blocks, strings.Join(items, "\n"))
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		var t strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			t.Write(seg.Value(src))
		}
		return append(blocks, prefix+strings.TrimRight(t.String(), "\n"))
	case *ast.ThematicBreak:
		return blocks
	}
	if n.Type() == ast.TypeBlock && n.HasChildren() && n.FirstChild().Type() == ast.TypeBlock {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			blocks = appendBlock(blocks, c, src, prefix)
		}
		return blocks
	}
	return append(blocks, prefix+plainChildren(n, src))
}

// plainChildren is the text of an inline container.
func plainChildren(n ast.Node, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		plainInline(&b, c, src)
	}
	return b.String()
}

func plainInline(b *strings.Builder, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(n.Segment.Value(src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
	case *ast.String:
		b.Write(n.Value)
	case *ast.CodeSpan:
		b.WriteString(plainChildren(n, src))
	case *ast.AutoLink:
		b.Write(n.URL(src))
	case *ast.Link:
		title := plainChildren(n, src)
		if dest := string(n.Destination); dest != "" && dest != title {
			b.WriteString(title + " (" + dest + ")")
		} else {
			b.WriteString(title)
		}
	case *ast.Image:
		b.WriteString(plainChildren(n, src) + " (" + string(n.Destination) + ")")
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(src))
		}
	default:
		b.WriteString(plainChildren(n, src))
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// InlineHTML is HTML for a short text inside an element of its own: a
// single paragraph comes without its <p>.
func InlineHTML(src string) template.HTML {
	h := string(HTML(src))
	if strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>") && strings.Count(h, "<p>") == 1 {
		h = strings.TrimSuffix(strings.TrimPrefix(h, "<p>"), "</p>")
	}
	return template.HTML(h) // #nosec: from HTML
}

package render

import (
	_ "embed"
	"html/template"
	"io"
	"strings"

	"github.com/heat-tools/maturity/internal/mdtext"
)

//go:embed report.html.tmpl
var reportHTML string

// reportTemplate is parsed once per call: html/template escapes every
// value by context (text, attribute, URL), so text from an answers or
// model file can never become markup, and a URL that is not http(s) or
// relative is neutralised.
func reportTemplate() (*template.Template, error) {
	return template.New("report").Funcs(template.FuncMap{"isLink": isLink, "add": func(a, b int) int { return a + b },
		"markdown": mdtext.HTML, "inlineMarkdown": mdtext.InlineHTML, "plain": mdtext.Plain}).Parse(reportHTML)
}

// isLink says whether an evidence entry is shown as a link: only http(s)
// URLs are; anything else is text.
func isLink(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// HTMLReport writes the report as one self-contained HTML page: inline
// CSS and SVG, no scripts, nothing loaded from elsewhere, print-friendly.
// list is ordered oldest first (see score.OrderByDate); the last entry is
// the assessment reported on, and with several entries the page adds the
// score trend and the change since the previous one.
func HTMLReport(w io.Writer, list []Scored, opt ReportOptions) error {
	t, err := reportTemplate()
	if err != nil {
		return err
	}
	return t.Execute(w, buildReport(list, opt))
}

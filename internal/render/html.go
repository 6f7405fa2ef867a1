package render

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
)

//go:embed report.html.tmpl
var reportHTML string

// reportTemplate is parsed once per call: html/template escapes every
// value by context (text, attribute, URL), so text from an answers or
// model file can never become markup, and a URL that is not http(s) or
// relative is neutralised.
func reportTemplate() (*template.Template, error) {
	return template.New("report").Funcs(template.FuncMap{"evidence": evidenceHTML}).Parse(reportHTML)
}

// evidenceHTML shows an evidence entry as a link when it is an http(s)
// URL, else as text; both escaped.
func evidenceHTML(s string) template.HTML {
	esc := template.HTMLEscapeString(s)
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return template.HTML(`<a href="` + esc + `" rel="noopener noreferrer">` + esc + `</a>`)
	}
	return template.HTML(esc)
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

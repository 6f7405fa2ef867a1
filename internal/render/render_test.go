package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/internal/testkit"
	"github.com/heat-tools/maturity/model"
)

// load scores a testdata answers file (relative to the repo's testdata)
// against the tiny model, or against the embedded model when modelFile is "".
func load(t testing.TB, modelFile, answersFile string) Scored {
	t.Helper()
	var m *model.Model
	var err error
	if modelFile == "" {
		m, err = model.Embedded(model.DefaultID)
	} else {
		var data []byte
		data, err = os.ReadFile(filepath.Join("..", "..", "testdata", modelFile))
		if err == nil {
			m, err = model.Parse(modelFile, data)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", answersFile))
	if err != nil {
		t.Fatal(err)
	}
	return scoreData(t, m, filepath.Base(answersFile), data)
}

func scoreData(t testing.TB, m *model.Model, name string, data []byte) Scored {
	t.Helper()
	f, r := testkit.Score(t, m, name, data)
	return Scored{Model: m, Answers: f, Result: r}
}

// The JUnit output parses as XML, has one suite per pillar and exactly one
// failure per gap, carrying the gap's answer and note.
func TestJUnitParses(t *testing.T) {
	tests := []struct {
		name                      string
		model, answers            string
		suites, tests, fail, skip int
	}{
		// tiny.yaml, target 10 (overall None): cells at level 10 only:
		// people 2, process 1, tools 1 = 4 tests; one gap people.10.b.
		{"tiny", "models/tiny.yaml", "answers/tiny.yaml", 3, 4, 1, 0},
		// beta, target 30: all 10 indicators; gaps people.30.a, tools.30.a.
		{"beta", "models/tiny.yaml", "batch/beta.yaml", 3, 10, 2, 0},
		// alpha: top level, no target: all 10, no failures.
		{"alpha", "models/tiny.yaml", "batch/alpha.yaml", 3, 10, 0, 0},
		// contoso 2026-11 at 200, target 300: 7 suites; failures = gaps
		// (checked below against the result); process mining (400) is na
		// but above the target, so nothing is skipped.
		{"contoso", "", "answers/contoso-2026-11.yaml", 7, -1, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := load(t, tt.model, tt.answers)
			var buf bytes.Buffer
			if err := JUnit(&buf, []Scored{s}); err != nil {
				t.Fatal(err)
			}
			var doc junitSuites
			if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatalf("junit does not parse: %v\n%s", err, buf.String())
			}
			if len(doc.Suites) != tt.suites {
				t.Errorf("suites = %d, want %d", len(doc.Suites), tt.suites)
			}
			fail, skip, tests := 0, 0, 0
			for _, su := range doc.Suites {
				for _, c := range su.Cases {
					tests++
					if c.Failure != nil {
						fail++
						g := gapSet(s.Result)[strings.SplitN(c.Name, ":", 2)[0]]
						if g == nil {
							t.Errorf("failure %q is not a gap", c.Name)
						} else if !strings.HasPrefix(c.Failure.Message, answerLabel(s.Model, g.Indicator, g.Answer)) || !strings.Contains(c.Failure.Message, oneLine(g.Note)) {
							t.Errorf("failure message %q lacks answer %q and note %q", c.Failure.Message, g.Answer, g.Note)
						}
					}
					if c.Skipped != nil {
						skip++
					}
				}
			}
			if fail != len(s.Result.Gaps) {
				t.Errorf("failures = %d, gaps = %d", fail, len(s.Result.Gaps))
			}
			if tt.fail >= 0 && fail != tt.fail {
				t.Errorf("failures = %d, want %d", fail, tt.fail)
			}
			if tt.tests >= 0 && tests != tt.tests {
				t.Errorf("tests = %d, want %d", tests, tt.tests)
			}
			if skip != tt.skip {
				t.Errorf("skipped = %d, want %d", skip, tt.skip)
			}
			if doc.Tests != tests || doc.Failures != fail || doc.Skipped != skip {
				t.Errorf("totals %d/%d/%d, counted %d/%d/%d", doc.Tests, doc.Failures, doc.Skipped, tests, fail, skip)
			}
		})
	}
}

// The CSV parses, has the header and one row per indicator with 7 fields.
func TestCSVParses(t *testing.T) {
	s := load(t, "", "answers/contoso-2026-11.yaml")
	var buf bytes.Buffer
	if err := CSV(&buf, []Scored{s}, false); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "pillar,level,id,text,answer,score,note" {
		t.Errorf("header = %q", got)
	}
	if len(recs)-1 != 115 { // the embedded model has 115 indicators
		t.Errorf("rows = %d, want 115", len(recs)-1)
	}
	for _, r := range recs[1:] {
		if r[2] == "design.300.exception-handling" && (r[4] != "partial" || r[5] != "0.5" || !strings.HasPrefix(r[6], "Only the finance flows")) {
			t.Errorf("design.300.exception-handling row = %q", r)
		}
		if r[2] == "discover-plan.400.process-mining" && (r[4] != "na" || r[5] != "") {
			t.Errorf("na row = %q", r)
		}
	}
}

// Cells that a spreadsheet would run as formulas are defused; the rest
// pass unchanged.
func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1":                "'+1",
		"-2":                "'-2",
		"@SUM(A1)":          "'@SUM(A1)",
		"\tx":               "'\tx",
		"\rx":               "'\rx",
		"  =1+1":            "'  =1+1", // spaces first do not hide a formula
		" \t@x":             "' \t@x",
		"＝1+1":              "'＝1+1", // full-width forms
		"＋1":                "'＋1",
		"－1":                "'－1",
		"＠x":                "'＠x",
		"plain, text":       "plain, text",
		"":                  "",
		"   ":               "   ",
		"a=b":               "a=b",
		" a-b":              " a-b",
		"1-2":               "1-2",
		"≠":                 "≠",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// YAML numbers are written as in JSON: one decimal for scores, up to four
// for ratios, and counts as one flat mapping.
func TestYAMLNumbers(t *testing.T) {
	s := load(t, "models/tiny.yaml", "answers/tiny.yaml")
	var buf bytes.Buffer
	if err := YAML(&buf, s.Result); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"\nscore: 19.2\n",    // mean(7.5, 30, 20) = 19.1666…
		"\nthreshold: 1.0\n", // 1 with one decimal
		"coverage: 0.3333\n", // people 20: (2·0 + 1·1) / 3
		"    score: 30.0\n",  // process
		"counts:\n  indicators: 10\n  yes: 5\n  partial: 1\n  no: 2\n  na: 1\n  unanswered: 1\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("yaml lacks %q", want)
		}
	}
}

const evil = `model: tiny
assessed_at: 2026-11-01
organization: <b>Evil</b> Corp <img src=x onerror=alert(0)>
scope: "</style><script>alert('s')</script>"
respondent: "]]> & <!-- -->"
answers:
  people.10.a:
    answer: partial
    note: <script>alert(1)</script> | **bold** [x](javascript:alert(3))
    evidence: ["javascript:alert(2)", "https://example.com/a?b=<c>", "<svg onload=alert(4)>"]
  tools.30.a:
    answer: "no"
    note: "=cmd|' /C calc'!A0"
`

func tinyModel(t testing.TB) *model.Model {
	return testkit.Model(t, "models/tiny.yaml")
}

// Markup in an answers file never reaches any output as markup.
func TestEscaping(t *testing.T) {
	s := scoreData(t, tinyModel(t), "evil.yaml", []byte(evil))
	list := []Scored{s}
	opt := ReportOptions{Generated: time.Unix(0, 0), Version: "test"}

	var html bytes.Buffer
	if err := HTMLReport(&html, list, opt); err != nil {
		t.Fatal(err)
	}
	checkNoMarkup(t, "html", html.String())
	for _, want := range []string{
		"&lt;b&gt;Evil&lt;/b&gt; Corp &lt;img src=x onerror=alert(0)&gt;",
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"Evidence: javascript:alert(2), <a href=\"https://example.com/a?b=%3cc%3e\"",
	} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("html lacks %q", want)
		}
	}

	var mdr bytes.Buffer
	if err := MarkdownReport(&mdr, list, opt); err != nil {
		t.Fatal(err)
	}
	var mds bytes.Buffer
	if err := Markdown(&mds, list); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"markdown report": mdr.String(), "markdown": mds.String()} {
		unescaped := strings.NewReplacer(`\<`, "", `\]`, "").Replace(out)
		if strings.Contains(unescaped, "<script") || strings.Contains(unescaped, "](javascript") {
			t.Errorf("%s has raw markup:\n%s", name, out)
		}
	}
	if !strings.Contains(mdr.String(), `\<script\>alert(1)\</script\> \| \*\*bold\*\* \[x\](javascript:alert(3))`) {
		t.Errorf("markdown report note not escaped as expected:\n%s", mdr.String())
	}

	var ju bytes.Buffer
	if err := JUnit(&ju, list); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(ju.Bytes(), &doc); err != nil {
		t.Fatalf("junit with markup does not parse: %v", err)
	}
	if msg := doc.Suites[0].Cases[0].Failure.Message; msg != "Partially: <script>alert(1)</script> | **bold** [x](javascript:alert(3))" {
		t.Errorf("junit message = %q", msg)
	}

	var cs bytes.Buffer
	if err := CSV(&cs, list, false); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&cs).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[len(recs)-1][6]; got != "'=cmd|' /C calc'!A0" {
		t.Errorf("csv formula note = %q", got)
	}
}

// checkNoMarkup fails when the HTML holds a tag or attribute that could
// run or load something. Escaped text ("&lt;img src=x>") is not a tag, so
// attributes are only looked for inside raw tags.
func checkNoMarkup(t *testing.T, name, out string) {
	t.Helper()
	lower := strings.ToLower(out)
	for _, bad := range []string{"<script", "<img", "<iframe", "<link", "<object", "<embed", "<svg onload", "@import", "url(", `href="javascript`} {
		if strings.Contains(lower, bad) {
			t.Errorf("%s holds %q", name, bad)
		}
	}
	for _, tag := range strings.Split(lower, "<")[1:] {
		end := strings.IndexByte(tag, '>')
		if end < 0 {
			t.Errorf("%s has an unclosed tag: <%.40s", name, tag)
			continue
		}
		for _, attr := range []string{" src=", " onerror=", " onload=", " style="} {
			if strings.Contains(tag[:end], attr) {
				t.Errorf("%s has a tag with%s: <%s>", name, attr, tag[:end])
			}
		}
	}
}

// The report is a pure function of its inputs and options: the same
// inputs and generation time give the same bytes.
func TestReportDeterministic(t *testing.T) {
	list := []Scored{load(t, "", "answers/contoso-2026-05.yaml"), load(t, "", "answers/contoso-2026-11.yaml")}
	opt := ReportOptions{Generated: time.Unix(1795824000, 0), Version: "test"}
	var a, b bytes.Buffer
	if err := HTMLReport(&a, list, opt); err != nil {
		t.Fatal(err)
	}
	if err := HTMLReport(&b, list, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs differ")
	}
	if !strings.Contains(a.String(), "Generated 2026-11-28 00:00 UTC by maturity test.") {
		t.Error("generation time not from options")
	}
	checkNoMarkup(t, "contoso report", a.String())
}

func TestMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":        "plain text",
		"a | b":             `a \| b`,
		"<script>":          `\<script\>`,
		"**x** _y_ `z`":     `\*\*x\*\* \_y\_ \` + "`z\\`",
		"line\nbreak":       "line break",
		"[a](b) ![c](d)":    `\[a\](b) \!\[c\](d)`,
		"AT&T #1 ~x~ $5 \\": `AT\&T \#1 \~x\~ \$5 \\`,
		"ask @team":         "ask @\u200bteam", // no notification
		"@a and @b/c":       "@\u200ba and @\u200bb/c",
		"mail a@b.example":  "mail a@\u200bb.example",
		"two\r\nlines  x":   "two lines x",
	} {
		if got := md(in); got != want {
			t.Errorf("md(%q) = %q, want %q", in, got, want)
		}
	}
	// Inline code needs no escapes but cannot hold a backtick or end a cell.
	if got := mdCode("a|b`c @d"); got != "`a\\|b'c @d`" {
		t.Errorf("mdCode = %q", got)
	}
}

// FuzzReportEscape renders the HTML and Markdown reports of an answers file
// with arbitrary organization and note, and checks that no text from the
// file comes out as markup: the output has exactly as many raw "<" as the
// report of the same file with plain words in those places.
func FuzzReportEscape(f *testing.F) {
	f.Add("<b>Evil</b>", "<script>alert(1)</script>")
	f.Add("a|b", "]]><!-- x -->")
	f.Add(`"><svg onload=alert(1)>`, "`code` **bold** <i>")
	f.Add("&", "\u2028\x00")
	m := tinyModel(f)
	render := func(t *testing.T, org, note string) (html, mdr string, ok bool) {
		// JSON strings are YAML double-quoted strings.
		o, _ := json.Marshal(org)
		n, _ := json.Marshal(note)
		data := "model: tiny\norganization: " + string(o) + "\nanswers:\n  people.10.a:\n    answer: partial\n    note: " + string(n) + "\n"
		fl, err := answers.Parse("f.yaml", []byte(data))
		if err != nil {
			return "", "", false
		}
		r, err := score.Score(m, fl, score.Options{})
		if err != nil {
			t.Fatal(err)
		}
		list := []Scored{{Model: m, Answers: fl, Result: r}}
		var h, md bytes.Buffer
		if err := HTMLReport(&h, list, ReportOptions{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		if err := MarkdownReport(&md, list, ReportOptions{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		return h.String(), md.String(), true
	}
	plain := func(s string) string {
		if s == "" {
			return ""
		}
		return "x"
	}
	rawLT := func(s string) int { return strings.Count(s, "<") - strings.Count(s, `\<`) }
	f.Fuzz(func(t *testing.T, org, note string) {
		html, mdr, ok := render(t, org, note)
		if !ok {
			return
		}
		baseHTML, baseMD, _ := render(t, plain(org), plain(note))
		if got, want := strings.Count(html, "<"), strings.Count(baseHTML, "<"); got != want {
			t.Errorf("html has %d raw <, want %d", got, want)
		}
		if got, want := rawLT(mdr), rawLT(baseMD); got != want {
			t.Errorf("markdown has %d raw <, want %d", got, want)
		}
	})
}

func TestXMLText(t *testing.T) {
	for in, want := range map[string]string{
		"a\nb\tc":          "a\nb\tc",
		"<x> & ]]>":        "&lt;x&gt; &amp; ]]&gt;",
		"bell\x07 nul\x00": `bell\x07 nul\x00`,
		"cr\r\n":           `cr\x0d` + "\n",
		"\uFFFE":           "\uFFFD",
		"😀":                "😀",
	} {
		if got := xmlText(in); got != want {
			t.Errorf("xmlText(%q) = %q, want %q", in, got, want)
		}
		// and it parses back to the text (minus replaced characters)
		var v struct {
			Body string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte("<a>"+xmlText(in)+"</a>"), &v); err != nil {
			t.Errorf("xmlText(%q) does not parse: %v", in, err)
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"Acme  Ltd\n":        "Acme Ltd",
		"\x1b[31mred\x1b[0m": `\x1b[31mred\x1b[0m`,
		"c1\u009bx del\x7f":  `c1\u009bx del\x7f`,
		"Ünïcödé & <b>":      "Ünïcödé & <b>",
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// The report's sections follow the result: the top level has no gaps,
// None has no level description, one file has no trend, and an undated
// file is named by its file in the trend.
func TestReportSections(t *testing.T) {
	alpha := load(t, "models/tiny.yaml", "batch/alpha.yaml") // 30, top level
	gamma := load(t, "models/tiny.yaml", "batch/gamma.yaml") // None
	undated := scoreData(t, tinyModel(t), "undated.yaml", []byte("model: tiny\nanswers:\n  people.10.a: \"yes\"\n"))
	tests := []struct {
		name     string
		list     []Scored
		want     []string
		wantNone []string
	}{
		{"top", []Scored{alpha}, []string{
			`<div class="lv">30</div>`,
			"The top level is reached in every pillar.",
			`<p class="first">Every pillar is at its target: nothing to plan.</p>`,
		}, []string{`id="trend"`, `id="change"`}},
		{"none", []Scored{gamma}, []string{
			`<div class="badge none">`,
			"No level is attained yet: 10 Basic is not complete in every pillar.",
			"<h3>Phase 1 · 10 Basic · ",
			`<p class="note">Nobody owns training since the reorganisation</p>`,
		}, []string{`id="trend"`}},
		// undated sorts first whatever the argument order would be; the
		// report is then about alpha
		{"trend", []Scored{undated, gamma, alpha}, []string{
			`<svg class="trend"`,
			// an undated file is named by its place in the trend (history
			// orders it last); its path is in the appendix only
			"<tr><td>assessment 3</td><td>None</td>",
			"<td><code>undated.yaml</code></td></tr>",
			"From 2026-08-01 to 2026-09-30: level None → 30 Optimized; score <span class=\"up\">21.7 → 30.0 (&#43;8.3)</span>.",
			// people 5.0 -> 30.0; html/template writes + as &#43;
			`<tr><th scope="row">People</th><td>None</td><td>30 Optimized</td><td class="num">5.0</td><td class="num">30.0</td><td class="num up">&#43;25.0</td></tr>`,
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := HTMLReport(&b, tt.list, ReportOptions{Version: "test"}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("report lacks %q", w)
				}
			}
			for _, w := range tt.wantNone {
				if strings.Contains(b.String(), w) {
					t.Errorf("report has %q", w)
				}
			}
		})
	}
}

package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/heat-tools/maturity/internal/safetext"
)

// JUnit XML, as GitLab's and GitHub's test reporters read it: one
// testsuite per pillar, one testcase per indicator up to the target level
// (every level when the top level is reached). A gap is a failure whose
// message is its answer and note; na is skipped; anything else passes.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",innerxml"` // escaped by xmlText, keeping line breaks
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnit writes the results as one JUnit XML document. With several
// inputs, each suite name starts with the file name.
func JUnit(w io.Writer, list []Scored) error {
	var t JUnitTotals
	var bodies bytes.Buffer
	for _, s := range list {
		bodies.Write(junitResult(s, len(list) > 1, &t))
	}
	return writeJUnit(w, t, &bodies)
}

// JUnitTotals are the counts of the document's root element.
type JUnitTotals struct{ Tests, Failures, Skipped int }

// junitResult is the testsuite elements of one result, as they stand in
// the document (indented under the root), and adds its counts to t.
func junitResult(s Scored, multi bool, t *JUnitTotals) []byte {
	doc := junitSuites{Name: "maturity", Time: "0"}
	r := s.Result
	target := 0
	if r.Target != nil {
		target = r.Target.Value
	}
	gaps := gapSet(r)
	byPillar := map[string]*junitSuite{}
	var order []*junitSuite
	for _, row := range rows(s) {
		if target != 0 && row.Level > target {
			continue
		}
		su := byPillar[row.Pillar.ID]
		if su == nil {
			name := row.Pillar.Name
			if multi {
				name = r.Input.File + ": " + name
			}
			su = &junitSuite{Name: name, Time: "0"}
			byPillar[row.Pillar.ID] = su
			order = append(order, su)
		}
		tc := junitCase{
			Name:      row.Indicator.ID + ": " + oneLine(row.Indicator.Text),
			Classname: r.Model.ID + "." + row.Pillar.ID + "." + fmt.Sprint(row.Level),
			Time:      "0",
		}
		switch g := gaps[row.Indicator.ID]; {
		case g != nil:
			msg := answerLabel(s.Model, g.Indicator, g.Answer)
			if g.Note != "" {
				msg += ": " + oneLine(g.Note)
			}
			var body strings.Builder
			fmt.Fprintf(&body, "%s\nlevel %d, answer %s", row.Indicator.Text, row.Level, answerLabel(s.Model, g.Indicator, g.Answer))
			if g.Note != "" {
				fmt.Fprintf(&body, "\nnote: %s", g.Note)
			}
			for _, res := range g.Resources {
				fmt.Fprintf(&body, "\n%s: %s", res.Title, res.URL)
			}
			tc.Failure = &junitFailure{Message: msg, Type: "gap", Body: xmlText(body.String())}
			su.Failures++
		case row.Answer == "na":
			tc.Skipped = &junitSkipped{Message: "not applicable"}
			su.Skipped++
		}
		su.Tests++
		su.Cases = append(su.Cases, tc)
	}
	for _, su := range order {
		t.Tests += su.Tests
		t.Failures += su.Failures
		t.Skipped += su.Skipped
		doc.Suites = append(doc.Suites, *su)
	}
	if len(doc.Suites) == 0 {
		return nil
	}
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err) // only strings and ints: encoding cannot fail
	}
	// Keep the lines between the root's start and end tags.
	out := b.Bytes()
	out = out[bytes.IndexByte(out, '\n')+1 : bytes.LastIndexByte(out, '\n')+1]
	return out
}

// writeJUnit writes the document around the testsuite elements read from
// suites, whose counts are t: the root's counts come first, so a batch
// writes its results to suites before the document.
func writeJUnit(w io.Writer, t JUnitTotals, suites io.Reader) error {
	root := fmt.Sprintf(`<testsuites name="maturity" tests="%d" failures="%d" errors="0" skipped="%d" time="0">`, t.Tests, t.Failures, t.Skipped)
	if _, err := io.WriteString(w, xml.Header+root); err != nil {
		return err
	}
	first := make([]byte, 1)
	n, err := io.ReadFull(suites, first)
	if n == 0 {
		_, err = io.WriteString(w, "</testsuites>\n")
		return err
	}
	if _, err := io.WriteString(w, "\n"+string(first)); err != nil {
		return err
	}
	if _, err := io.Copy(w, suites); err != nil {
		return err
	}
	_, err = io.WriteString(w, "</testsuites>\n")
	return err
}

// xmlText escapes s as XML character data. Unlike encoding/xml it keeps
// line breaks as they are, so the failure text reads well in the raw file
// too. Control characters are shown as the sanitizer shows them (XML
// cannot hold most of them anyway); other characters XML cannot hold
// become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range safetext.String(s) {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\n' || r == '\t' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF:
			b.WriteRune(r)
		default:
			b.WriteRune('\uFFFD')
		}
	}
	return b.String()
}

// oneLine folds runs of white space, newlines included, into one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

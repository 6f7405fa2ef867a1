package render

import (
	"encoding/xml"
	"fmt"
	"github.com/heat-tools/maturity/internal/safetext"
	"io"
	"strings"
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
	doc := junitSuites{Name: "maturity", Time: "0"}
	for _, s := range list {
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
				if len(list) > 1 {
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
			doc.Tests += su.Tests
			doc.Failures += su.Failures
			doc.Skipped += su.Skipped
			doc.Suites = append(doc.Suites, *su)
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
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

package model_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/testkit"
	"github.com/heat-tools/maturity/model"
)

// adoptionCounts is the details page of the Power Platform adoption model
// (maturity-model-details.md, commit 0d7e629), counted by hand: for each
// pillar and level 100..500, the list entries of the cell's <ul>. An entry
// is an <li> item, plus the one entry in Responsible AI 100 that has a
// closing </li> but no opening <li> (so that cell has 6, the page 164).
// The totals agree with the structure summary in the source's SOURCE.txt.
// Each entry is either an indicator or a context line of the model, so
// indicators + context lines must equal these numbers cell by cell.
var adoptionCounts = map[string][5]int{
	"strategy-vision": {4, 3, 5, 3, 4}, // 19
	"business-value":  {2, 2, 3, 3, 3}, // 13
	"security":        {4, 5, 4, 5, 7}, // 25
	"governance":      {3, 2, 6, 7, 2}, // 20
	"operations":      {3, 3, 4, 4, 2}, // 16
	"community":       {2, 3, 4, 6, 4}, // 19
	"responsible-ai":  {6, 6, 6, 6, 6}, // 30 (29 <li>)
	"automation":      {1, 1, 3, 3, 2}, // 10
	"fusion-teams":    {2, 2, 3, 3, 2}, // 12
}

// adoptionContext is how many of each cell's entries the model keeps as
// context because they are limitations that imply no capability (each has
// a comment in the YAML saying so). It pins those decisions: turning a
// context line into a scored indicator, or back, must be done on purpose.
var adoptionContext = map[string][5]int{
	"strategy-vision": {2, 0, 0, 0, 0},
	"business-value":  {2, 1, 0, 0, 0},
	"security":        {3, 0, 0, 0, 0},
	"governance":      {3, 0, 0, 0, 0},
	"operations":      {2, 0, 0, 0, 0},
	"community":       {0, 0, 0, 0, 0},
	"responsible-ai":  {5, 0, 0, 0, 0},
	"automation":      {1, 0, 0, 0, 0},
	"fusion-teams":    {2, 0, 0, 0, 0},
}

// adoptionPillars is the pillars in the order of the details page, by the
// heading of their section there.
var adoptionPillars = []struct{ id, heading string }{
	{"strategy-vision", "Strategy and vision"},
	{"business-value", "Business value"},
	{"security", "Security"},
	{"governance", "Governance"},
	{"operations", "Operations"},
	{"community", "Community"},
	{"responsible-ai", "Responsible AI"},
	{"automation", "Automation"},
	{"fusion-teams", "Fusion Teams"},
}

func adoptionModel(t *testing.T) *model.Model {
	t.Helper()
	m, err := model.Embedded("power-platform-adoption")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEmbeddedAdoptionCoversTheSource(t *testing.T) {
	m := adoptionModel(t)
	wantLevels := []string{"100 Initial", "200 Repeatable", "300 Defined", "400 Capable", "500 Efficient"}
	if len(m.Levels) != len(wantLevels) {
		t.Fatalf("got %d levels, want 5", len(m.Levels))
	}
	for i, l := range m.Levels {
		if got := strconv.Itoa(l.Value) + " " + l.Name; got != wantLevels[i] {
			t.Errorf("level %d = %q, want %q", i, got, wantLevels[i])
		}
		if l.Summary == "" || l.Description == "" {
			t.Errorf("level %d has no summary or description", l.Value)
		}
	}
	if len(m.Pillars) != len(adoptionPillars) {
		t.Fatalf("got %d pillars, want %d", len(m.Pillars), len(adoptionPillars))
	}
	cells, lines, contextLines := 0, 0, 0
	for pi, p := range m.Pillars {
		if p.ID != adoptionPillars[pi].id || p.Name != adoptionPillars[pi].heading {
			t.Errorf("pillar %d = %s %q, want %s %q", pi, p.ID, p.Name, adoptionPillars[pi].id, adoptionPillars[pi].heading)
			continue
		}
		if p.Description == "" {
			t.Errorf("pillar %s has no description", p.ID)
		}
		if len(p.Cells) != len(m.Levels) {
			t.Errorf("pillar %s has %d cells, want %d", p.ID, len(p.Cells), len(m.Levels))
		}
		for li, l := range m.Levels {
			c, ok := p.Cell(l.Value)
			if !ok {
				t.Errorf("pillar %s has no cell at %d", p.ID, l.Value)
				continue
			}
			cells++
			got := len(c.Indicators) + len(c.Context)
			if want := adoptionCounts[p.ID][li]; got != want {
				t.Errorf("%s %d: %d indicators + %d context lines = %d, want %d as in the source", p.ID, l.Value, len(c.Indicators), len(c.Context), got, want)
			}
			if want := adoptionContext[p.ID][li]; len(c.Context) != want {
				t.Errorf("%s %d: %d context lines, want %d", p.ID, l.Value, len(c.Context), want)
			}
			// A cell of limitations only is attained by everyone (coverage
			// 1); the model must say so where the cell is read.
			if len(c.Indicators) == 0 && !strings.Contains(c.Goal, "every organization attains it") {
				t.Errorf("%s %d has no indicator, and its goal does not say that every organization attains it", p.ID, l.Value)
			}
			lines += got
			contextLines += len(c.Context)
			prefix := p.ID + "." + strconv.Itoa(l.Value) + "."
			for _, ind := range c.Indicators {
				if !strings.HasPrefix(ind.ID, prefix) {
					t.Errorf("indicator %s should start with %s", ind.ID, prefix)
				}
			}
		}
	}
	if cells != 45 || lines != 164 || contextLines != 21 {
		t.Errorf("%d cells, %d lines (%d context), want 45 cells, 164 lines (21 context)", cells, lines, contextLines)
	}
}

// limitationMarkers are the wordings of the source's limitation lines. An
// indicator is a capability that "yes" confirms, so none may say them.
var limitationMarkers = []string{
	"no formal", "undefined", "creatable by all", "largely manual", "one-off",
	"without oversight", "lack of", "lacking", "little or no", "not yet",
	"not understood", "no monitoring", "no data loss", "no sharing limits",
	"no pro dev", "work independently", "operate independently",
	"no application lifecycle", "limited reuse", "limited manual",
	"but implemented manually", "deployed manually", "not accessible",
	"ad-hoc", "ad hoc", "has yet to", "begins to", "start to be",
}

func TestAdoptionIndicatorsAreNotLimitations(t *testing.T) {
	m := adoptionModel(t)
	for _, ref := range m.Indicators() {
		text := strings.ToLower(ref.Indicator.Text)
		for _, marker := range limitationMarkers {
			if strings.Contains(text, marker) {
				t.Errorf("%s says %q, a limitation: encode the capability or keep it as context", ref.Indicator.ID, marker)
			}
		}
	}
}

func TestAdoptionLinksAreAbsoluteLearnURLs(t *testing.T) {
	m := adoptionModel(t)
	var urls []string
	for _, s := range m.Sources {
		if s.License != "CC BY 4.0" {
			t.Errorf("source %q: licence %q, want CC BY 4.0", s.Title, s.License)
		}
		urls = append(urls, s.URL)
	}
	links := 0
	for _, ref := range m.Indicators() {
		for _, r := range ref.Indicator.Resources {
			urls = append(urls, r.URL)
			links++
		}
	}
	for _, p := range m.Pillars {
		for _, c := range p.Cells {
			for _, r := range c.Resources {
				urls = append(urls, r.URL)
				links++
			}
		}
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, "https://learn.microsoft.com/power-platform/") || strings.Contains(u, ".md") {
			t.Errorf("link %s is not an absolute learn.microsoft.com/power-platform URL without .md", u)
		}
	}
	// The source's cells hold 25 links (SOURCE.txt); each is kept once, on
	// the entry it belongs to.
	if links != 25 {
		t.Errorf("%d links, want the source's 25", links)
	}
}

// TestAdoptionAnswersScoreAsTheirCommentsSay scores the shipped answers
// files; the expected numbers are worked out by hand in each file's
// comments.
func TestAdoptionAnswersScoreAsTheirCommentsSay(t *testing.T) {
	m := adoptionModel(t)
	tests := []struct {
		file       string
		level      int
		score      string
		unanswered int
		gaps       int
	}{
		{"answers/ppa-200-fabrikam.yaml", 200, "260.8", 0, 20},
		{"answers/ppa-400-woodgrove.yaml", 400, "447.2", 0, 23},
		{"answers/ppa-partial.yaml", 0, "102.8", 130, 3},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(testkit.Path(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			_, r := testkit.Score(t, m, filepath.Base(tt.file), data)
			if r.Level.Value != tt.level {
				t.Errorf("level %d, want %d", r.Level.Value, tt.level)
			}
			if got := strconv.FormatFloat(float64(r.Score), 'f', 1, 64); got != tt.score {
				t.Errorf("score %s, want %s", got, tt.score)
			}
			if len(r.Unanswered) != tt.unanswered {
				t.Errorf("%d unanswered, want %d", len(r.Unanswered), tt.unanswered)
			}
			if len(r.Gaps) != tt.gaps {
				t.Errorf("%d gaps, want %d", len(r.Gaps), tt.gaps)
			}
		})
	}
}

// adoptionSourceDir is where CI keeps the source pages, beside the clone.
var adoptionSourceDir = filepath.Join("..", "..", "shared", "reference", "power-platform-adoption")

// sourceEntries reads the details page and returns, per pillar id, the
// entries of each level's cell as plain text. It parses only as much
// Markdown and HTML as the page uses: a "## " heading per pillar, one table
// row per level, a <ul> of <li> items per cell (tolerating the entry with
// no opening <li> and the item with no closing </li>), inline links and
// two entities.
func sourceEntries(t *testing.T) map[string][5][]string {
	t.Helper()
	data := readSourcePage(t, "maturity-model-details.md")
	ids := map[string]string{}
	for _, p := range adoptionPillars {
		ids[p.heading] = p.id
	}
	row := regexp.MustCompile(`^\|\s*([1-5]00): \w+\s*\|(.*)\|\s*$`)
	out := map[string][5][]string{}
	pillar := ""
	for _, line := range strings.Split(string(data), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			pillar = ids[strings.TrimSpace(h)]
			continue
		}
		mm := row.FindStringSubmatch(line)
		if mm == nil || pillar == "" {
			continue
		}
		level, _ := strconv.Atoi(mm[1])
		cells := out[pillar]
		cells[level/100-1] = splitEntries(mm[2])
		out[pillar] = cells
	}
	if len(out) != len(adoptionPillars) {
		t.Fatalf("found %d pillar tables in the details page, want %d: has its layout changed?", len(out), len(adoptionPillars))
	}
	return out
}

// readSourcePage reads one of the source pages. Without them the test
// skips, except in CI, which keeps them beside the clone.
func readSourcePage(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(adoptionSourceDir, name))
	if errors.Is(err, fs.ErrNotExist) {
		testkit.SkipUnlessCI(t, "the source pages are not in "+adoptionSourceDir+" (CI has them at ../shared beside the clone)")
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

func splitEntries(cell string) []string {
	cell = strings.NewReplacer("<ul>", "", "</ul>", "", "</li>", "<li>", "</a>", "", "&amp;", "&", "&#8211;", "–").Replace(cell)
	var entries []string
	for _, e := range strings.Split(cell, "<li>") {
		if e = strings.TrimSpace(mdLink.ReplaceAllString(e, "$1")); e != "" {
			entries = append(entries, e)
		}
	}
	return entries
}

func TestAdoptionCountsMatchTheSourcePage(t *testing.T) {
	entries := sourceEntries(t)
	total := 0
	for _, p := range adoptionPillars {
		for li := range 5 {
			got := len(entries[p.id][li])
			if want := adoptionCounts[p.id][li]; got != want {
				t.Errorf("%s %d: the source has %d entries, the table in this test says %d", p.id, (li+1)*100, got, want)
			}
			total += got
		}
	}
	if total != 164 {
		t.Errorf("the source has %d entries, want 164", total)
	}
}

// TestAdoptionLinksMatchTheSourcePage resolves every link of the details
// page's cells as learn.microsoft.com does and compares them, pillar by
// pillar, with the model's resources.
func TestAdoptionLinksMatchTheSourcePage(t *testing.T) {
	data := readSourcePage(t, "maturity-model-details.md")
	m := adoptionModel(t)
	// As the site does: relative to the page's folder or to the site's
	// root, without the .md of the file.
	resolve := func(target string) string {
		if !strings.HasPrefix(target, "/") {
			target = path.Join("/power-platform/guidance/adoption", target)
		}
		return "https://learn.microsoft.com" + strings.Replace(target, ".md", "", 1)
	}
	ids := map[string]string{}
	for _, p := range adoptionPillars {
		ids[p.heading] = p.id
	}
	link := regexp.MustCompile(`\]\(([^)]*)\)`)
	want := map[string][]string{}
	pillar, links := "", 0
	for _, line := range strings.Split(string(data), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			pillar = ids[strings.TrimSpace(h)]
			continue
		}
		if pillar == "" || !strings.HasPrefix(line, "| ") || !strings.Contains(line, "<ul>") {
			continue
		}
		for _, mm := range link.FindAllStringSubmatch(line, -1) {
			want[pillar] = append(want[pillar], resolve(mm[1]))
			links++
		}
	}
	if links != 25 {
		t.Fatalf("found %d links in the cells of the details page, want 25", links)
	}
	for _, p := range m.Pillars {
		var got []string
		for _, c := range p.Cells {
			for _, r := range c.Resources {
				got = append(got, r.URL)
			}
			for _, ind := range c.Indicators {
				for _, r := range ind.Resources {
					got = append(got, r.URL)
				}
			}
		}
		if strings.Join(got, " ") != strings.Join(want[p.ID], " ") {
			t.Errorf("%s links:\n got %q\nwant %q", p.ID, got, want[p.ID])
		}
	}
}

// runLength is the shortest run of words that counts as copied.
const runLength = 8

func TestAdoptionTextIsInTheProjectsOwnWords(t *testing.T) {
	entries := sourceEntries(t)
	m := adoptionModel(t)
	runs := map[string]string{} // every run of runLength words in the source -> its entry
	for _, cells := range entries {
		for _, cell := range cells {
			for _, e := range cell {
				for _, r := range wordRuns(e, runLength) {
					runs[r] = e
				}
			}
		}
	}
	check := func(where, text string) {
		for _, r := range wordRuns(text, runLength) {
			if e, ok := runs[r]; ok {
				t.Errorf("%s shares %q with the source entry %q", where, r, e)
				return
			}
		}
	}
	for _, p := range m.Pillars {
		for _, c := range p.Cells {
			for i, line := range c.Context {
				check(fmt.Sprintf("%s %d context line %d", p.ID, c.Level, i+1), line)
			}
			for _, ind := range c.Indicators {
				check(ind.ID, ind.Text)
				check(ind.ID+" help", ind.Help)
			}
		}
	}
}

// TestAdoptionProseIsInTheProjectsOwnWords checks the texts written from
// the pages' prose (the model's description, the levels' summaries and
// descriptions, pillar descriptions and cell goals) against every line of
// the three pages.
func TestAdoptionProseIsInTheProjectsOwnWords(t *testing.T) {
	m := adoptionModel(t)
	tag := regexp.MustCompile(`<[^>]*>`)
	runs := map[string]string{}
	for _, page := range []string{"maturity-model.md", "maturity-model-goals.md", "maturity-model-details.md"} {
		for _, line := range strings.Split(string(readSourcePage(t, page)), "\n") {
			line = tag.ReplaceAllString(line, " ")
			for _, r := range wordRuns(line, runLength) {
				runs[r] = line
			}
		}
	}
	if len(runs) < 1000 {
		t.Fatalf("only %d runs of %d words in the source pages: are they all there?", len(runs), runLength)
	}
	check := func(where, text string) {
		for _, r := range wordRuns(text, runLength) {
			if line, ok := runs[r]; ok {
				t.Errorf("%s shares %q with the source line %q", where, r, line)
				return
			}
		}
	}
	check("description", m.Description)
	for _, l := range m.Levels {
		check(fmt.Sprintf("level %d summary", l.Value), l.Summary)
		check(fmt.Sprintf("level %d description", l.Value), l.Description)
	}
	for _, p := range m.Pillars {
		check(p.ID+" description", p.Description)
		for _, c := range p.Cells {
			check(fmt.Sprintf("%s %d goal", p.ID, c.Level), c.Goal)
		}
	}
}

// wordRuns returns every run of n consecutive words of s, lower-cased,
// with punctuation and Markdown left out, each as the words joined by
// spaces.
func wordRuns(s string, n int) []string {
	s = strings.ReplaceAll(strings.ToLower(mdLink.ReplaceAllString(s, "$1")), "’", "'")
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'' || r > 127)
	})
	var runs []string
	for i := 0; i+n <= len(words); i++ {
		runs = append(runs, strings.Join(words[i:i+n], " "))
	}
	return runs
}

func TestWordRuns(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want []string
	}{
		{"One two three", 4, nil},
		{"One, two (three)", 3, []string{"one two three"}},
		{"Power Platform’s role in IT", 4, []string{"power platform's role in", "platform's role in it"}},
		{"a [b](x.md) c", 2, []string{"a b", "b c"}},
	}
	for _, tt := range tests {
		got := wordRuns(tt.s, tt.n)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wordRuns(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

func TestSplitEntries(t *testing.T) {
	tests := []struct {
		cell string
		want []string
	}{
		{" <ul><li>A</li><li>B</li></ul> ", []string{"A", "B"}},
		{"<ul><li>A</li>B</li><li>C</li></ul>", []string{"A", "B", "C"}},                   // no opening <li>
		{"<ul><li>A</li><li>B, limited</ul>", []string{"A", "B, limited"}},                 // no closing </li>
		{"<ul><li>[Established](coe.md) team</a></li></ul>", []string{"Established team"}}, // stray </a>
		{"<ul><li>Show &amp; Tell</li></ul>", []string{"Show & Tell"}},
	}
	for _, tt := range tests {
		if got := splitEntries(tt.cell); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitEntries(%q) = %q, want %q", tt.cell, got, tt.want)
		}
	}
}

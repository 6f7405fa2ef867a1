package model

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// sourceCounts is the details page of the source, counted by hand: for each
// pillar, the indicator lines of each level's cell (top-level bullets plus
// sub-bullets). The stray empty bullet in Deploy & manage 400 is not one.
//   - top-level: Empower 1,1,3,1,1; Discover & plan 2,3,5,3,2;
//     Design 2,3,5,3,3; Build & test 4,6,5,6,2; Deploy & manage 5,4,5,5,3;
//     Secure & govern 3,4,6,4,2; Nurture 2,2,2,2,2 = 112
//   - sub-bullets: Build & test 300 +2, Secure & govern 200 +2, Nurture 200 +3 = 7
var sourceCounts = map[string][5]int{
	"empower":       {1, 1, 3, 1, 1},
	"discover-plan": {2, 3, 5, 3, 2},
	"design":        {2, 3, 5, 3, 3},
	"build-test":    {4, 6, 5 + 2, 6, 2},
	"deploy-manage": {5, 4, 5, 5, 3},
	"secure-govern": {3, 4 + 2, 6, 4, 2},
	"nurture":       {2, 2 + 3, 2, 2, 2},
}

func TestEmbeddedPowerAutomateCoversTheSource(t *testing.T) {
	m, err := Embedded("power-automate")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Levels) != 5 || len(m.Pillars) != 7 {
		t.Fatalf("got %d levels and %d pillars, want 5 and 7", len(m.Levels), len(m.Pillars))
	}
	wantLevels := []string{"100 Initial", "200 Repeatable", "300 Defined", "400 Capable", "500 Efficient"}
	for i, l := range m.Levels {
		if got := strconv.Itoa(l.Value) + " " + l.Name; got != wantLevels[i] {
			t.Errorf("level %d = %q, want %q", i, got, wantLevels[i])
		}
		if l.Summary == "" || l.Description == "" {
			t.Errorf("level %d has no summary or description", l.Value)
		}
	}
	cells, indicators, context, lines := 0, 0, 0, 0
	for _, p := range m.Pillars {
		want, ok := sourceCounts[p.ID]
		if !ok {
			t.Errorf("unexpected pillar %q", p.ID)
			continue
		}
		if p.Description == "" {
			t.Errorf("pillar %s has no description", p.ID)
		}
		for li, l := range m.Levels {
			c, ok := p.Cell(l.Value)
			if !ok {
				t.Errorf("pillar %s has no cell at %d", p.ID, l.Value)
				continue
			}
			cells++
			got := len(c.Indicators) + len(c.Context)
			if got != want[li] {
				t.Errorf("%s %d: %d indicators + %d context lines = %d, want %d as in the source", p.ID, l.Value, len(c.Indicators), len(c.Context), got, want[li])
			}
			indicators += len(c.Indicators)
			context += len(c.Context)
			lines += got
			for _, ind := range c.Indicators {
				prefix := p.ID + "." + strconv.Itoa(l.Value) + "."
				if !strings.HasPrefix(ind.ID, prefix) {
					t.Errorf("indicator %s should start with %s", ind.ID, prefix)
				}
			}
		}
	}
	if cells != 35 {
		t.Errorf("cells = %d, want 35", cells)
	}
	if lines != 112+7 {
		t.Errorf("indicators + context = %d, want 119 (112 top-level + 7 sub-bullets)", lines)
	}
	if indicators < 112 {
		t.Errorf("indicators = %d, want at least 112", indicators)
	}
	t.Logf("%d cells, %d indicators, %d context lines", cells, indicators, context)
}

func TestEmbeddedModelsCiteSourcesWithLicence(t *testing.T) {
	for _, id := range EmbeddedIDs() {
		m, err := Embedded(id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if len(m.Sources) == 0 {
			t.Errorf("%s cites no sources", id)
		}
		for _, s := range m.Sources {
			if s.License == "" {
				t.Errorf("%s: source %q has no licence", id, s.Title)
			}
		}
	}
}

func TestEmbeddedModelLinksAreAbsolute(t *testing.T) {
	for _, id := range EmbeddedIDs() {
		data, _ := EmbeddedSource(id)
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, "url:") && !strings.Contains(line, "https://") {
				t.Errorf("%s line %d: url is not absolute https: %s", id, i+1, line)
			}
			if strings.Contains(line, "](/") {
				t.Errorf("%s line %d: relative markdown link left: %s", id, i+1, line)
			}
		}
	}
}

// TestGeneratedModelsMatchTheirYAML fails when a model's YAML changed and
// `go generate ./model` was not run.
func TestGeneratedModelsMatchTheirYAML(t *testing.T) {
	for _, id := range EmbeddedIDs() {
		parsed, err := parseEmbedded(id)
		if err != nil {
			t.Fatal(err)
		}
		generated := generatedModel(id)
		if generated == nil {
			t.Errorf("%s: no generated code; run go generate ./model", id)
			continue
		}
		generated.prepare() // as Embedded does
		if !reflect.DeepEqual(generated, parsed) {
			t.Errorf("%s: generated code differs from the YAML; run go generate ./model", id)
		}
	}
}

func TestEmbeddedUnknownID(t *testing.T) {
	for _, id := range []string{"nope", "", "../models/power-automate", "Power-Automate"} {
		if _, err := Embedded(id); !errors.Is(err, ErrNotEmbedded) {
			t.Errorf("Embedded(%q) = %v, want ErrNotEmbedded", id, err)
		}
	}
}

// TestEmbeddedAudit holds the embedded model to its audit (issue 13): the
// sources name their author and licence with its URL, the model says it
// is written in the project's own words, and no indicator rewards a state
// in progress.
func TestEmbeddedAudit(t *testing.T) {
	for _, id := range []string{"power-automate", "power-platform-adoption"} {
		m, err := Embedded(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range m.Sources {
			if s.Author != "Microsoft" || s.License != "CC BY 4.0" || s.LicenseURL != "https://creativecommons.org/licenses/by/4.0/" {
				t.Errorf("%s: source %q: author %q, license %q, license_url %q", id, s.Title, s.Author, s.License, s.LicenseURL)
			}
		}
		if !strings.Contains(strings.Join(strings.Fields(m.Description), " "), "own words") {
			t.Errorf("%s: the description does not say the model is written in the project's own words", id)
		}
	}
	m, err := Embedded("power-automate")
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range m.Indicators() {
		text := strings.ToLower(strings.Join(strings.Fields(ref.Indicator.Text), " "))
		for _, inProgress := range []string{"under way", "underway", "in progress", "not yet", "is starting"} {
			if strings.Contains(text, inProgress) {
				t.Errorf("%s rewards a state in progress (%q): %s", ref.Indicator.ID, inProgress, ref.Indicator.Text)
			}
		}
	}
}

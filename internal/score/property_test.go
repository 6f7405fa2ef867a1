package score

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/model"
)

var answerChoices = []string{"", "yes", "partial", "no", "na"}

// modelFromBytes builds a small model and answers from fuzz input: up to 4
// levels and 3 pillars, cells present or not, 0 to 3 indicators each with a
// weight from 0.5 to 4, and one answer per indicator.
func modelFromBytes(data []byte) (*model.Model, *answers.File) {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	m := &model.Model{ID: "f", Name: "F", Version: "1", Scale: model.DefaultScale()}
	levels := 1 + int(next()%4)
	for l := 1; l <= levels; l++ {
		m.Levels = append(m.Levels, model.Level{Value: l * 100, Name: fmt.Sprintf("L%d", l)})
	}
	f := &answers.File{Name: "f.yaml", Model: "f"}
	pillars := 1 + int(next()%3)
	for p := 0; p < pillars; p++ {
		pil := model.Pillar{ID: fmt.Sprintf("p%d", p), Name: fmt.Sprintf("P%d", p)}
		for _, lvl := range m.Levels {
			b := next()
			if b%5 == 0 {
				continue // no cell at this level
			}
			cell := model.Cell{Level: lvl.Value, Goal: "g"}
			for i := 0; i < int(b%4); i++ {
				w := 0.5 * float64(1+next()%8)
				id := fmt.Sprintf("%s.%d.%d", pil.ID, lvl.Value, i)
				cell.Indicators = append(cell.Indicators, model.Indicator{ID: id, Text: "t", Weight: &w})
				f.Set(answers.Entry{ID: id, Answer: answerChoices[next()%5]})
			}
			pil.Cells = append(pil.Cells, cell)
		}
		m.Pillars = append(m.Pillars, pil)
	}
	return m, f
}

// improve returns the answer one step better, or "" when there is none.
func improve(a string) string {
	switch a {
	case "", "no":
		return "partial"
	case "partial":
		return "yes"
	}
	return ""
}

func checkInvariants(t *testing.T, m *model.Model, r *Result) {
	t.Helper()
	top := float64(m.Levels[len(m.Levels)-1].Value)
	if s := float64(r.Score); s < 0 || s > top+0.05 {
		t.Fatalf("score %v outside [0, %v]", s, top)
	}
	lowest := -1
	for _, p := range r.Pillars {
		if lowest < 0 || p.Level.Value < lowest {
			lowest = p.Level.Value
		}
		if float64(p.Score) < float64(p.Level.Value) {
			t.Fatalf("pillar %s scores %v below its level %d", p.ID, p.Score, p.Level.Value)
		}
	}
	if r.Level.Value != lowest {
		t.Fatalf("overall level %d is not the lowest pillar level %d", r.Level.Value, lowest)
	}
	total := r.Counts.NA + r.Counts.Unanswered
	for _, c := range r.Counts.Scale {
		total += c.N
	}
	if total != r.Counts.Indicators {
		t.Fatalf("counts do not add up: %+v", r.Counts)
	}
}

// FuzzScore checks that scoring never panics, keeps its invariants, and is
// monotone: improving one answer never lowers a level or a score.
func FuzzScore(f *testing.F) {
	f.Add([]byte{3, 2, 1, 2, 3, 4, 1, 1, 1, 2, 2, 3, 3, 4}, uint8(0))
	f.Add([]byte{0, 0, 0}, uint8(1))
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255}, uint8(7))
	f.Add([]byte("a longer seed with many bytes to make a larger model"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, pick uint8) {
		m, a := modelFromBytes(data)
		for _, thr := range []float64{0, 0.5, 0.75} {
			opt := Options{Threshold: thr}
			before, err := Score(m, a, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, m, before)
			if len(a.Entries) == 0 {
				return
			}
			e := a.Entries[int(pick)%len(a.Entries)]
			better := improve(e.Answer)
			if better == "" {
				continue
			}
			b := &answers.File{Name: a.Name, Model: a.Model, Entries: append([]answers.Entry{}, a.Entries...)}
			b.Set(answers.Entry{ID: e.ID, Answer: better})
			after, err := Score(m, b, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, m, after)
			if after.Level.Value < before.Level.Value || after.Score < before.Score {
				t.Fatalf("%s %q -> %q lowered the result: level %d -> %d, score %v -> %v",
					e.ID, e.Answer, better, before.Level.Value, after.Level.Value, before.Score, after.Score)
			}
			for i := range before.Pillars {
				if after.Pillars[i].Level.Value < before.Pillars[i].Level.Value || after.Pillars[i].Score < before.Pillars[i].Score {
					t.Fatalf("%s %q -> %q lowered pillar %s", e.ID, e.Answer, better, before.Pillars[i].ID)
				}
			}
		}
	})
}

func TestNoToYesNeverLowersTheEmbeddedModelResult(t *testing.T) {
	m, err := model.Embedded(model.DefaultID)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	refs := m.Indicators()
	for trial := 0; trial < 200; trial++ {
		f := &answers.File{Name: "a.yaml", Model: m.ID}
		for _, ref := range refs {
			f.Set(answers.Entry{ID: ref.Indicator.ID, Answer: answerChoices[rng.IntN(len(answerChoices))]})
		}
		i := rng.IntN(len(refs))
		f.Set(answers.Entry{ID: refs[i].Indicator.ID, Answer: "no"})
		before, _ := Score(m, f, Options{})
		f.Set(answers.Entry{ID: refs[i].Indicator.ID, Answer: "yes"})
		after, _ := Score(m, f, Options{})
		if after.Level.Value < before.Level.Value || after.Score < before.Score {
			t.Fatalf("trial %d: %s no -> yes lowered level %d -> %d or score %v -> %v",
				trial, refs[i].Indicator.ID, before.Level.Value, after.Level.Value, before.Score, after.Score)
		}
	}
}

func TestReorderingAnswersChangesNoResult(t *testing.T) {
	m, err := model.Embedded(model.DefaultID)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	f := &answers.File{Name: "a.yaml", Model: m.ID}
	for _, ref := range m.Indicators() {
		f.Set(answers.Entry{ID: ref.Indicator.ID, Answer: answerChoices[rng.IntN(len(answerChoices))], Note: "n " + ref.Indicator.ID})
	}
	want, _ := Score(m, f, Options{})
	wantJSON, _ := json.Marshal(want)
	for trial := 0; trial < 20; trial++ {
		shuffled := append([]answers.Entry{}, f.Entries...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		g := &answers.File{Name: "a.yaml", Model: m.ID, Entries: shuffled}
		got, _ := Score(m, g, Options{})
		gotJSON, _ := json.Marshal(got)
		if !reflect.DeepEqual(gotJSON, wantJSON) {
			t.Fatalf("trial %d: a reordered file gives another result", trial)
		}
	}
}

func TestSameInputSameBytes(t *testing.T) {
	m, _ := model.Embedded(model.DefaultID)
	f := &answers.File{Name: "a.yaml", Model: m.ID}
	for i, ref := range m.Indicators() {
		f.Set(answers.Entry{ID: ref.Indicator.ID, Answer: answerChoices[i%len(answerChoices)]})
	}
	first, _ := Score(m, f, Options{})
	firstJSON, _ := json.Marshal(first)
	for i := 0; i < 10; i++ {
		r, _ := Score(m, f, Options{})
		b, _ := json.Marshal(r)
		if string(b) != string(firstJSON) {
			t.Fatal("the same input gave different bytes")
		}
	}
}

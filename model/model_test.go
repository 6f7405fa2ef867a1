package model

import "testing"

func TestAnswerScore(t *testing.T) {
	m := &Model{Scale: []ScalePoint{{ID: "full", Score: 1}, {ID: "half", Score: 0.5}, {ID: "none", Score: 0}}}
	tests := []struct {
		answer     string
		score      float64
		applicable bool
	}{
		{"full", 1, true},
		{"half", 0.5, true},
		{"none", 0, true},
		{"", 0, true},    // unanswered scores as the lowest answer
		{"yes", 0, true}, // not on this scale: no score
		{"na", 0, false}, // left out of its cell
	}
	for _, tt := range tests {
		s, ok := m.AnswerScore(tt.answer)
		if s != tt.score || ok != tt.applicable {
			t.Errorf("AnswerScore(%q) = %v, %v; want %v, %v", tt.answer, s, ok, tt.score, tt.applicable)
		}
	}
}

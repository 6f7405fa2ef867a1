// Package merge makes one answers file from several respondents' files,
// keeping every respondent's answer and note and listing where they
// disagree.
package merge

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// Strategy chooses the merged answer from the respondents' answers.
type Strategy string

// The strategies. Answers are ordered by their scale score (ties in scale
// order), so "partial" lies one step above "no" with the default scale.
const (
	// Min takes the lowest answer; na loses to any answer.
	Min Strategy = "min"
	// Median takes the middle answer, the lower of the two middles for an
	// even count; na wins only when more than half the answers are na.
	Median Strategy = "median"
	// Max takes the highest answer; na loses to any answer.
	Max Strategy = "max"
)

// Strategies() lists the strategy names, for help and errors.
func Strategies() []string { return []string{string(Min), string(Median), string(Max)} }

// Disagreement is an indicator the respondents answered differently: two
// or more different answers, na against an answer included.
type Disagreement struct {
	ID        string
	Steps     int  // scale steps between the lowest and highest answer
	NA        bool // some answered na and some did not
	Responses []answers.Response
	Merged    string
}

// Summary is the disagreement in one line: "2 steps" and/or "na".
func (d Disagreement) Summary() string {
	var parts []string
	if d.Steps > 0 {
		s := "steps"
		if d.Steps == 1 {
			s = "step"
		}
		parts = append(parts, fmt.Sprintf("%d %s", d.Steps, s))
	}
	if d.NA {
		parts = append(parts, "na vs answer")
	}
	return strings.Join(parts, ", ")
}

// Answers lists who answered what: "Ana: yes · Ben: no".
func (d Disagreement) Answers() string {
	var parts []string
	for _, r := range d.Responses {
		if r.Answer != "" {
			parts = append(parts, r.Respondent+": "+r.Answer)
		}
	}
	return strings.Join(parts, " · ")
}

// Result is a merged file and what the merge found.
type Result struct {
	File          *answers.File
	Respondents   []string
	Disagreements []Disagreement
	// Comments go above each disagreeing answer in the written file.
	Comments map[string]string
}

// Respondents names each file's respondent: its respondent field, else
// its file name. A respondent named by two files gets the file name
// added; a file name used twice (in two folders) becomes the path.
func Respondents(files []*answers.File) []string {
	names := make([]string, len(files))
	count := map[string]int{}
	for i, f := range files {
		names[i] = f.Respondent
		if names[i] == "" {
			names[i] = filepath.Base(f.Name)
		}
		count[names[i]]++
	}
	for i, f := range files {
		switch {
		case count[names[i]] < 2:
		case names[i] == filepath.Base(f.Name):
			names[i] = f.Name // same file name in two folders
		default:
			names[i] += " (" + filepath.Base(f.Name) + ")"
		}
	}
	return names
}

// Merge merges files, all checked against m, into one answers file.
//
// Each respondent's answer and note is kept in the merged entry's
// responses. An input that is itself a merged file contributes its
// responses rather than its merged answer, so merging merged files is the
// same as merging the originals. A respondent whose entry has neither
// answer nor note (an untouched template line) is left out.
func Merge(m *model.Model, files []*answers.File, strategy Strategy) (*Result, error) {
	if len(files) == 0 {
		return nil, fmt.Errorf("nothing to merge")
	}
	if strategy != Min && strategy != Median && strategy != Max {
		return nil, fmt.Errorf("unknown strategy %q (want %s)", strategy, strings.Join(Strategies(), ", "))
	}
	names := Respondents(files)
	out := &answers.File{Model: m.ID, ModelVersion: m.Version}
	res := &Result{File: out, Respondents: names, Comments: map[string]string{}}

	var orgs, scopes []string
	latest := ""
	for _, f := range files {
		orgs = appendNew(orgs, f.Organization)
		scopes = appendNew(scopes, f.Scope)
		if t, ok := score.AssessedTime(f.AssessedAt); ok {
			if l, ok := score.AssessedTime(latest); !ok || t.After(l) {
				latest = f.AssessedAt
			}
		}
	}
	out.Organization = strings.Join(orgs, ", ")
	out.Scope = strings.Join(scopes, ", ")
	out.AssessedAt = latest
	out.Respondent = "merged: " + strings.Join(names, ", ")

	for _, ref := range m.Indicators() {
		id := ref.Indicator.ID
		var rs []answers.Response
		var evidence []string
		for i, f := range files {
			e, ok := f.Get(id)
			if !ok {
				continue
			}
			for _, ev := range e.Evidence {
				evidence = appendNew(evidence, ev)
			}
			if len(e.Responses) > 0 {
				rs = append(rs, e.Responses...)
				continue
			}
			if e.Answer == "" && e.Note == "" {
				continue
			}
			rs = append(rs, answers.Response{Respondent: names[i], Answer: e.Answer, Note: e.Note})
		}
		if len(rs) == 0 && len(evidence) == 0 {
			continue
		}
		// Each indicator's answers are ranked on its own scale (format v2).
		merged, dis := mergeOne(rs, scaleRanks(m.ScaleFor(ref.Cell, ref.Indicator)), strategy)
		var notes []string
		for _, r := range rs {
			if r.Note != "" {
				notes = append(notes, r.Respondent+": "+r.Note)
			}
		}
		out.Set(answers.Entry{ID: id, Answer: merged, Note: strings.Join(notes, "\n"), Evidence: evidence, Responses: stripPos(rs)})
		if dis != nil {
			dis.ID = id
			dis.Merged = merged
			dis.Responses = stripPos(rs)
			res.Disagreements = append(res.Disagreements, *dis)
			res.Comments[id] = fmt.Sprintf("disagreement (%s): %s; %s → %s", dis.Summary(), dis.Answers(), strategy, answerText(merged))
		}
	}
	return res, nil
}

// mergeOne chooses the merged answer of one indicator and says whether
// the respondents disagree.
func mergeOne(rs []answers.Response, rank map[string]int, strategy Strategy) (string, *Disagreement) {
	var scale []string
	na, answered := 0, 0
	distinct := map[string]bool{}
	for _, r := range rs {
		switch r.Answer {
		case "":
			continue
		case model.NotApplicable:
			na++
		default:
			scale = append(scale, r.Answer)
		}
		answered++
		distinct[r.Answer] = true
	}
	if answered == 0 {
		return "", nil
	}
	sort.SliceStable(scale, func(i, j int) bool { return rank[scale[i]] < rank[scale[j]] })

	var merged string
	switch {
	case len(scale) == 0:
		merged = model.NotApplicable
	case strategy == Min:
		merged = scale[0]
	case strategy == Max:
		merged = scale[len(scale)-1]
	case 2*na > answered:
		merged = model.NotApplicable
	default:
		merged = scale[(len(scale)-1)/2]
	}
	if len(distinct) < 2 {
		return merged, nil
	}
	d := &Disagreement{NA: na > 0 && len(scale) > 0}
	if len(scale) > 0 {
		d.Steps = rank[scale[len(scale)-1]] - rank[scale[0]]
	}
	return merged, d
}

// scaleRanks orders the scale by score, lowest first; equal scores keep
// the model's scale order.
func scaleRanks(scale []model.ScalePoint) map[string]int {
	pts := append([]model.ScalePoint(nil), scale...)
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].Score < pts[j].Score })
	rank := make(map[string]int, len(pts))
	for i, p := range pts {
		rank[p.ID] = i
	}
	return rank
}

func stripPos(rs []answers.Response) []answers.Response {
	out := make([]answers.Response, len(rs))
	for i, r := range rs {
		out[i] = answers.Response{Respondent: r.Respondent, Answer: r.Answer, Note: r.Note}
	}
	return out
}

func appendNew(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func answerText(a string) string {
	if a == "" {
		return "unanswered"
	}
	return a
}

package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// collect runs scoreAll and returns the results in the order emitted.
func collect(t *testing.T, inputs []string, workers int, one func(string) scored) []scored {
	t.Helper()
	var got []scored
	if err := scoreAll(inputs, workers, one, func(r *scored) error {
		got = append(got, *r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

// scoreAll keeps the input order whatever order the workers finish in,
// and calls the function once per input.
func TestScoreAllOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			inputs := make([]string, 50)
			for i := range inputs {
				inputs[i] = fmt.Sprint(i)
			}
			var calls atomic.Int64
			got := collect(t, inputs, workers, func(name string) scored {
				calls.Add(1)
				// early inputs take longest, so they finish last
				var n int
				fmt.Sscan(name, &n)
				time.Sleep(time.Duration(50-n) * 20 * time.Microsecond)
				return scored{name: name}
			})
			if calls.Load() != 50 {
				t.Errorf("calls = %d, want 50", calls.Load())
			}
			for i, r := range got {
				if r.name != inputs[i] {
					t.Fatalf("result %d is %q, want %q", i, r.name, inputs[i])
				}
			}
		})
	}
}

// Workers stay a bounded number of results ahead of emit, and an error
// from emit stops them.
func TestScoreAllBoundsWorkAhead(t *testing.T) {
	const workers = 4
	inputs := make([]string, 2000)
	for i := range inputs {
		inputs[i] = fmt.Sprint(i)
	}
	var made, emitted, most atomic.Int64
	one := func(name string) scored {
		ahead := made.Add(1) - emitted.Load()
		for {
			m := most.Load()
			if ahead <= m || most.CompareAndSwap(m, ahead) {
				break
			}
		}
		return scored{name: name}
	}
	stop := fmt.Errorf("stop")
	err := scoreAll(inputs, workers, one, func(r *scored) error {
		time.Sleep(10 * time.Microsecond) // a slow writer
		if emitted.Add(1) == 500 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Fatalf("err = %v, want emit's error", err)
	}
	if m := most.Load(); m > 16*workers+workers {
		t.Errorf("workers ran %d results ahead of emit, want at most %d", m, 16*workers+workers)
	}
	if n := made.Load(); n > 500+16*workers+workers {
		t.Errorf("%d inputs scored after emit stopped at 500", n)
	}
}

// The model cache loads a model once however many workers ask at once
// (run with -race to check the locking).
func TestModelCacheConcurrent(t *testing.T) {
	io := &IO{Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	c := newModelCache(io)
	inputs := make([]string, 64)
	for i := range inputs {
		inputs[i] = "power-automate"
		if i%4 == 0 {
			inputs[i] = "no-such-model"
		}
	}
	got := collect(t, inputs, 8, func(spec string) scored {
		m, err := c.get(spec)
		return scored{name: spec, model: m, err: err}
	})
	first := got[1].model
	if first == nil {
		t.Fatal("power-automate did not load")
	}
	for i, r := range got {
		if inputs[i] == "power-automate" && r.model != first {
			t.Errorf("input %d got another copy of the model", i)
		}
		if inputs[i] == "no-such-model" && (r.err == nil || !strings.Contains(r.err.Error(), `unknown model "no-such-model"`)) {
			t.Errorf("input %d: err = %v", i, r.err)
		}
	}
}

func TestGenerationTime(t *testing.T) {
	now := func() time.Time { return time.Date(2030, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600)) }
	tests := []struct {
		env, want string
		err       bool
	}{
		{"", "2030-01-02T02:04:05Z", false},           // the clock, in UTC
		{"1795824000", "2026-11-28T00:00:00Z", false}, // 20785 days × 86400
		{"0", "1970-01-01T00:00:00Z", false},
		{"-1", "", true},
		{"1e9", "", true},
		{"yesterday", "", true},
	}
	for _, tt := range tests {
		got, err := generationTime(func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return tt.env
			}
			return ""
		}, now)
		if (err != nil) != tt.err {
			t.Errorf("%q: err = %v", tt.env, err)
			continue
		}
		if err == nil && got.Format(time.RFC3339) != tt.want {
			t.Errorf("%q: %s, want %s", tt.env, got.Format(time.RFC3339), tt.want)
		}
	}
}

// argv → options for report, through runF.
func TestNewCmdReport(t *testing.T) {
	tests := []struct {
		args    []string
		want    reportOptions
		wantErr string
	}{
		{[]string{"a.yaml"}, reportOptions{Inputs: []string{"a.yaml"}, Format: "html"}, ""},
		{[]string{"a.yaml", "b.yaml", "--format", "markdown", "-o", "r.md", "--target", "300"}, reportOptions{Inputs: []string{"a.yaml", "b.yaml"}, Format: "markdown", Output: "r.md", Target: []string{"300"}}, ""},
		{[]string{"a.yaml", "--format", "pdf"}, reportOptions{}, `unknown format "pdf"`},
		{[]string{"a.yaml", "--threshold", "1.5"}, reportOptions{}, "--threshold 1.5 is outside (0,1]"},
		{[]string{}, reportOptions{}, "report needs at least one answers file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var got *reportOptions
			io := &IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
			cmd := NewCmdReport(io, func(o *reportOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(io.Out)
			cmd.SetErr(io.Err)
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got.Inputs, ",") != strings.Join(tt.want.Inputs, ",") || got.Format != tt.want.Format ||
				got.Output != tt.want.Output || !slices.Equal(got.Target, tt.want.Target) {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

// A batch larger than the workers' lead comes out whole and in input order
// in every streamed format, with a bad file in the middle left out.
func TestScoreBatchStreamsInOrder(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "answers", "pa-partial.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 150 {
		name := filepath.Join(dir, fmt.Sprintf("a%03d.yaml", i))
		data := src
		if i == 70 {
			data = []byte("model: power-automate\nanswers:\n  nope: yes\n")
		} else {
			want = append(want, name)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range []string{"jsonl", "json"} {
		t.Run(format, func(t *testing.T) {
			io, out, errOut := testIO("", false, nil)
			err := scoreRun(&scoreOptions{IO: io, Inputs: []string{dir}, Format: format})
			if exitCode(err) != ExitError || !strings.Contains(errOut.String(), "a070.yaml:3:3: unknown indicator") {
				t.Fatalf("exit %d, stderr %q", exitCode(err), errOut.String())
			}
			var got []string
			if format == "jsonl" {
				for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
					var r struct{ Input struct{ File string } }
					if err := json.Unmarshal([]byte(line), &r); err != nil {
						t.Fatalf("line %q: %v", line, err)
					}
					got = append(got, r.Input.File)
				}
			} else {
				var rs []struct{ Input struct{ File string } }
				if err := json.Unmarshal(out.Bytes(), &rs); err != nil {
					t.Fatal(err)
				}
				for _, r := range rs {
					got = append(got, r.Input.File)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%d results in this order:\n%v\nwant %d:\n%v", len(got), got, len(want), want)
			}
		})
	}
}

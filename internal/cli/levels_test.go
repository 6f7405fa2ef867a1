package cli

import (
	"testing"

	"github.com/heat-tools/maturity/model"
)

func TestResolveLevel(t *testing.T) {
	m, err := model.Embedded("power-automate")
	if err != nil {
		t.Fatal(err)
	}
	const levels = "levels of power-automate: 100 Initial, 200 Repeatable, 300 Defined, 400 Capable, 500 Efficient"
	tests := []struct {
		value    string
		want     int
		msg      string // the error, "" for none
		wantHint string
	}{
		{"", 0, "", ""},
		{"300", 300, "", ""},
		{"Defined", 300, "", ""},
		{"defined", 300, "", ""},
		{"EFFICIENT", 500, "", ""},
		{" 400 ", 400, "", ""},
		{"Defind", 0, `--min-level "Defind" is not a level of model power-automate`, "did you mean Defined? " + levels},
		{"capabel", 0, `--min-level "capabel" is not a level of model power-automate`, "did you mean Capable? " + levels},
		{"250", 0, `--min-level "250" is not a level of model power-automate`, levels},
		{"abc", 0, `--min-level "abc" is not a level of model power-automate`, levels},
		{"1e3", 0, `--min-level "1e3" is not a level of model power-automate`, levels},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			got, err := resolveLevel(m, "min-level", tt.value)
			if tt.msg == "" {
				if err != nil || got != tt.want {
					t.Fatalf("got %d, %v; want %d", got, err, tt.want)
				}
				return
			}
			if err == nil || err.Error() != tt.msg || hintOf(err) != tt.wantHint {
				t.Fatalf("got %d, %v (hint %q); want %q (hint %q)", got, err, hintOf(err), tt.msg, tt.wantHint)
			}
			if _, ok := err.(*usageError); !ok {
				t.Errorf("error %T is not a usageError", err)
			}
		})
	}
}

package dates

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	plus1 := time.FixedZone("", 3600)
	tests := []struct {
		in   string
		want time.Time // zero: refused
	}{
		{"2026-11-28", time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)},
		{"2024-02-29", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"2026-11-28T14:30:00+01:00", time.Date(2026, 11, 28, 14, 30, 0, 0, plus1)},
		{"2026-11-28T14:30:00Z", time.Date(2026, 11, 28, 14, 30, 0, 0, time.UTC)},
		{"2026-11-28T14:30:00.25Z", time.Date(2026, 11, 28, 14, 30, 0, 250_000_000, time.UTC)},
		{"2026-11-28T14:30:00.123456789-05:00", time.Date(2026, 11, 28, 14, 30, 0, 123456789, time.FixedZone("", -5*3600))},

		{"", time.Time{}},
		{"2026-02-30", time.Time{}}, // no such day
		{"2025-02-29", time.Time{}}, // not a leap year
		{"2026-13-01", time.Time{}},
		{"2026-1-5", time.Time{}}, // two digits each
		{"26-11-28", time.Time{}},
		{"2026-11-28\n", time.Time{}},
		{"2026-11-28\norganization: x", time.Time{}},
		{" 2026-11-28", time.Time{}},
		{"2026-11-28 ", time.Time{}},
		{"2026/11/28", time.Time{}},
		{"28.11.2026", time.Time{}},
		{"yesterday", time.Time{}},
		{"2026-11-28T14:30:00", time.Time{}},      // no offset
		{"2026-11-28T14:30Z", time.Time{}},        // no seconds
		{"2026-11-28 14:30:00Z", time.Time{}},     // space for T
		{"2026-11-28T14:30:00+0100", time.Time{}}, // offset without colon
		{"2026-11-28T14:30:00,5Z", time.Time{}},   // comma fraction
		{"2026-11-28T24:00:00Z", time.Time{}},
		{"2026-11-28T14:30:00Z\n", time.Time{}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.want.IsZero() {
			if err == nil {
				t.Errorf("Parse(%q) = %v, want an error", tt.in, got)
			}
			if Valid(tt.in) {
				t.Errorf("Valid(%q) = true", tt.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("Parse(%q) = %v, want %v", tt.in, got, tt.want)
		}
		_, gotOff := got.Zone()
		_, wantOff := tt.want.Zone()
		if gotOff != wantOff {
			t.Errorf("Parse(%q) offset %d, want %d", tt.in, gotOff, wantOff)
		}
		if !Valid(tt.in) {
			t.Errorf("Valid(%q) = false", tt.in)
		}
	}
}

func TestDayIsReadBack(t *testing.T) {
	day := Day(time.Date(2026, 3, 7, 23, 59, 0, 0, time.UTC))
	if day != "2026-03-07" {
		t.Fatalf("Day = %q, want 2026-03-07", day)
	}
	if !Valid(day) {
		t.Errorf("Parse refuses Day's %q", day)
	}
}

package model

import "testing"

func BenchmarkEmbedded(b *testing.B) {
	for b.Loop() {
		if _, err := Embedded(DefaultID); err != nil {
			b.Fatal(err)
		}
	}
}

package output

import "os"

// Scratch is a temporary file to write and read back, for output that
// must wait (a batch's results behind its summary). It has no name (on
// Linux it is opened unnamed, elsewhere its name is removed at once on
// systems that allow it), so no exit, however abrupt, leaves it behind;
// the caller closes it.
func Scratch() (*os.File, error) {
	if f, ok := openScratchUnnamed(os.TempDir()); ok {
		return f, nil
	}
	f, err := os.CreateTemp("", "maturity-scratch-*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name()) // an open file stays readable on Unix; Windows keeps the name until close
	return f, nil
}

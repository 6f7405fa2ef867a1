//go:build linux

package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// -o on a character device writes to it in place: a device made for the
// test (root only) and /dev/null stay devices.
func TestOutputToACharacterDevice(t *testing.T) {
	answersFile := filepath.Join("..", "..", "testdata", "answers", "pa-200-contoso.yaml")
	devices := []string{"/dev/null"}
	if os.Geteuid() == 0 {
		dev := filepath.Join(t.TempDir(), "null")
		if err := unix.Mknod(dev, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
			t.Fatalf("mknod: %v", err)
		}
		devices = append(devices, dev)
	}
	for _, dev := range devices {
		for _, args := range [][]string{
			{"score", answersFile, "-f", "json", "-o", dev},
			{"report", answersFile, "-o", dev},
			{"model", "export", "-o", dev},
		} {
			io, _, errOut := testIO("", false, nil)
			if code := Run(io, args); code != ExitOK {
				t.Errorf("%s: exit %d\n%s", strings.Join(args, " "), code, errOut)
			}
			st, err := os.Lstat(dev)
			if err != nil || st.Mode().Type() != fs.ModeDevice|fs.ModeCharDevice {
				t.Fatalf("%s: %s is no longer a character device: %v", args[0], dev, err)
			}
		}
	}
	if os.Geteuid() != 0 {
		t.Skip("/dev/null only: a character device of the test's own needs root (mknod)")
	}
}

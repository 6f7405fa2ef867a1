//go:build linux

package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// On Linux the temporary file has no name: while it is being written, the
// folder shows nothing new.
func TestUnnamedWhileWriting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	if f.tmpName != "" {
		t.Skipf("no O_TMPFILE in %s: the named fallback is used (%s)", dir, f.tmpName)
	}
	f.Write([]byte("data"))
	assertOnly(t, dir)
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "out")
}

// Not parallel: the umask belongs to the whole process.
func TestNewFileHonoursUmask(t *testing.T) {
	for _, m := range modes {
		for _, tt := range []struct {
			umask int
			want  fs.FileMode
		}{{0o077, 0o600}, {0o022, 0o644}, {0o002, 0o664}} {
			t.Run(fmt.Sprintf("%s %04o", m.name, tt.umask), func(t *testing.T) {
				dir := t.TempDir()
				old := unix.Umask(tt.umask)
				defer unix.Umask(old)
				for _, noReplace := range []bool{false, true} {
					path := filepath.Join(dir, "new-"+strconv.FormatBool(noReplace))
					if err := writeVia(path, []byte("x"), noReplace, m.unnamed); err != nil {
						t.Fatal(err)
					}
					if st, _ := os.Stat(path); st.Mode() != tt.want {
						t.Errorf("noReplace %v: mode %v, want %v", noReplace, st.Mode(), tt.want)
					}
				}
			})
		}
	}
}

func TestReplaceKeepsOwnerAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.yaml")
			os.WriteFile(path, []byte("old"), 0o644)
			if err := os.Chown(path, 1234, 5678); err != nil {
				t.Fatal(err)
			}
			if err := writeVia(path, []byte("new"), false, m.unnamed); err != nil {
				t.Fatal(err)
			}
			st, _ := os.Stat(path)
			sys := st.Sys().(*syscall.Stat_t)
			if sys.Uid != 1234 || sys.Gid != 5678 || st.Mode() != 0o644 {
				t.Errorf("owner %d:%d mode %v, want 1234:5678 -rw-r--r--", sys.Uid, sys.Gid, st.Mode())
			}
		})
	}
}

func TestFIFOWrittenInPlace(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	os.Symlink("out.fifo", link)
	for _, p := range []string{fifo, link} {
		got := make(chan []byte)
		go func() {
			r, err := os.Open(fifo)
			if err != nil {
				got <- nil
				return
			}
			b, _ := io.ReadAll(r)
			r.Close() // before the next writer can open the FIFO
			got <- b
		}()
		if err := WriteFile(p, []byte("through the pipe")); err != nil {
			t.Fatal(err)
		}
		select {
		case b := <-got:
			if string(b) != "through the pipe" {
				t.Errorf("%s: the reader got %q", filepath.Base(p), b)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the reader got nothing")
		}
		if st, err := os.Lstat(fifo); err != nil || st.Mode().Type() != fs.ModeNamedPipe {
			t.Fatalf("%s is no longer a FIFO", fifo)
		}
	}
	assertOnly(t, dir, "link", "out.fifo")

	// A pipe behind a /proc link (as /dev/stdout is), which Readlink cannot
	// follow: "pipe:[N]" names no file.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if err := WriteFile("/proc/self/fd/"+strconv.Itoa(int(w.Fd())), []byte("to the pipe")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if b, _ := io.ReadAll(r); string(b) != "to the pipe" {
		t.Errorf("the pipe's reader got %q", b)
	}
}

func TestCharDeviceWrittenInPlace(t *testing.T) {
	dir := t.TempDir()
	// /dev/null through a link works for anyone; the link stays.
	link := filepath.Join(dir, "null")
	os.Symlink("/dev/null", link)
	if err := WriteFile(link, []byte("gone")); err != nil {
		t.Fatal(err)
	}
	assertCharDevice(t, "/dev/null")
	if st, _ := os.Lstat(link); st.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link to /dev/null was replaced")
	}

	// A device node of our own, so that a wrong rename would show.
	if os.Geteuid() != 0 {
		t.Skip("mknod of a character device needs root; run as root to test a device in a folder of the test's")
	}
	dev := filepath.Join(dir, "dev-null")
	if err := unix.Mknod(dev, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("mknod: %v (a container without CAP_MKNOD?)", err)
		}
		t.Fatalf("mknod: %v", err)
	}
	for _, write := range []func(string, []byte) error{WriteFile} {
		if err := write(dev, []byte("gone")); err != nil {
			t.Fatal(err)
		}
	}
	assertCharDevice(t, dev)
	if err := WriteNew(dev, []byte("x")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("WriteNew over a device: err = %v, want ErrExist", err)
	}
	assertOnly(t, dir, "dev-null", "null")
}

func assertCharDevice(t *testing.T, path string) {
	t.Helper()
	st, err := os.Lstat(path)
	if err != nil || st.Mode().Type() != fs.ModeDevice|fs.ModeCharDevice {
		t.Fatalf("%s is no longer a character device: %v %v", path, st.Mode(), err)
	}
}

// The helper child: with OUTPUT_HELPER set, the test binary writes through
// Create and exits; the tests below run it and kill it or limit it.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("OUTPUT_HELPER")
	if mode == "" {
		t.Skip("the child of the kill and file-size tests")
	}
	path := os.Getenv("OUTPUT_PATH")
	unnamed := os.Getenv("OUTPUT_UNNAMED") == "true"
	if mode == "fsize" {
		// Writes past 1 MiB fail with EFBIG (Go ignores SIGXFSZ).
		if err := unix.Setrlimit(unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: 1 << 20, Max: 1 << 20}); err != nil {
			fmt.Println("setrlimit:", err)
			os.Exit(3)
		}
	}
	f, err := create(path, false, unnamed)
	if err != nil {
		fmt.Println(err)
		os.Exit(3)
	}
	fmt.Println("writing")
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
	for range 800 {                                         // 50 MiB
		if _, err := f.Write(chunk); err != nil {
			f.Abort()
			fmt.Println(err)
			os.Exit(4)
		}
	}
	if err := f.Commit(); err != nil {
		fmt.Println(err)
		os.Exit(5)
	}
	os.Exit(0)
}

func helper(t *testing.T, mode, path string, unnamed bool) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "OUTPUT_HELPER="+mode, "OUTPUT_PATH="+path, "OUTPUT_UNNAMED="+strconv.FormatBool(unnamed))
	return cmd
}

// A write that fails midway (past the file size limit) leaves no temporary
// file and the old content.
func TestFailedWriteLeavesNoTemporaryFile(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out")
			os.WriteFile(path, []byte("old"), 0o644)
			out, err := helper(t, "fsize", path, m.unnamed).CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 4 || !bytes.Contains(out, []byte("file too large")) {
				t.Fatalf("child: %v\n%s", err, out)
			}
			assertOnly(t, dir, "out")
			if got := readString(t, path); got != "old" {
				t.Errorf("the path holds %q, want the old content", got)
			}
		})
	}
}

// kill -9 at a random moment of a 50 MiB write, 50 times, never leaves a
// temporary file: it has no name until it is complete. The target is
// removed before each run, so that the complete file is linked straight to
// it (replacing an existing file names it for the moment of a rename).
func TestKillLeavesNoTemporaryFile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the writer 50 times")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	probe, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	probe.Abort()
	unnamed := true
	if probe.tmpName != "" {
		t.Skipf("no O_TMPFILE in %s: the named fallback cannot survive kill -9", dir)
	}

	// One full run tells how long a write takes once the child is
	// writing, so that the kills fall over all of it, the commit included,
	// and a little after.
	run := func() (*exec.Cmd, time.Time) {
		os.Remove(path)
		cmd := helper(t, "write", path, unnamed)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line := make([]byte, len("writing\n"))
		if _, err := io.ReadFull(stdout, line); err != nil || string(line) != "writing\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child: %q, %v", line, err)
		}
		return cmd, time.Now()
	}
	cmd, start := run()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	full := time.Since(start)
	if st, err := os.Stat(path); err != nil || st.Size() != 50<<20 {
		t.Fatalf("a full run wrote %v, %v; want 50 MiB", st, err)
	}
	limit := min(full+full/10, 150*time.Millisecond)

	deadline := time.Now().Add(8 * time.Second)
	killed := 0
	for i := 0; i < 50 || killed == 0; i++ {
		if time.Now().After(deadline) {
			if i < 50 {
				t.Fatalf("only %d runs in 8 s", i)
			}
			break
		}
		cmd, _ := run()
		time.Sleep(rand.N(limit))
		cmd.Process.Kill()
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) && !ee.Exited() {
			killed++
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() != "out" {
				t.Fatalf("run %d: a temporary file %s was left", i, e.Name())
			}
		}
		if st, err := os.Stat(path); err == nil && st.Size() != 50<<20 {
			t.Fatalf("run %d: the target holds %d bytes, a part", i, st.Size())
		}
	}
	t.Logf("%d of the runs killed before the end (a full write takes %v)", killed, full)
}

package cli

import (
	"fmt"
	"slices"

	"github.com/heat-tools/maturity/internal/output"
	"github.com/heat-tools/maturity/internal/safetext"
	"github.com/heat-tools/maturity/internal/yamlx"
)

// destination is where a command's output goes: stdout, or the file at
// path, written by the output package (replaced atomically at commit, a
// link followed, a device or FIFO written in place). Every byte a command
// writes as its result passes through Write. The file is created at the
// first write, so that a run that writes nothing leaves no file; after a
// commit the next write starts a new one.
type destination struct {
	io        *IO
	path      string // "" or "-" for stdout
	noReplace bool   // never replace an existing file (init without --force)
	file      *output.File
	clean     *safetext.Writer // the sanitizer in front of file
}

// newDestination is the output for -o path of a command that reads inputs
// and models (model files; an embedded model's id names no file, and "-"
// is ignored). An output that is one of them is refused before anything is
// read or written: replacing it would lose the input.
func newDestination(io *IO, path string, inputs []string, models ...string) (*destination, error) {
	if in, same := output.SameFile(path, slices.Concat(inputs, models)); same {
		what := "output is also an input"
		if in != path {
			what = fmt.Sprintf("output is the input %s", in)
		}
		return nil, withHint(fmt.Errorf("%s: %s; nothing was written", safetext.Name(path), what),
			"write to another file: -o names the output, which must not be one of the files read")
	}
	return &destination{io: io, path: path}, nil
}

// stdout is the destination of a command that has no -o: results reach
// stdout through the same Write as every other output.
func stdout(io *IO) *destination { return &destination{io: io} }

func (d *destination) toStdout() bool { return d.path == "" || d.path == "-" }

func (d *destination) Write(p []byte) (int, error) {
	if d.toStdout() {
		return d.io.Out.Write(p)
	}
	if d.file == nil {
		create := output.Create
		if d.noReplace {
			create = output.CreateNew
		}
		f, err := create(d.path)
		if err != nil {
			return 0, d.cannotWrite(err)
		}
		d.file = f
		// A file gets what stdout would, sanitized the same way, and never
		// colour: the tool never writes a control character it would
		// refuse to read back.
		d.clean = safetext.NewWriter(f, false)
	}
	n, err := d.clean.Write(p)
	if err != nil {
		return n, d.cannotWrite(err)
	}
	return n, nil
}

// commit puts the written file in place.
func (d *destination) commit() error {
	if d.file == nil {
		return nil
	}
	f := d.file
	d.file = nil
	if err := d.clean.Flush(); err != nil {
		f.Abort()
		return d.cannotWrite(err)
	}
	if err := f.Commit(); err != nil {
		return d.cannotWrite(err)
	}
	return nil
}

// abort drops a file that was not committed; deferred, it cleans up after
// any error.
func (d *destination) abort() {
	if d.file != nil {
		d.file.Abort()
		d.file = nil
	}
}

// cannotWrite keeps the cause (errors.Is(err, fs.ErrExist) still holds)
// and names the path once.
func (d *destination) cannotWrite(err error) error {
	return fmt.Errorf("%s: cannot write: %w", safetext.Name(d.path), unwrapPath(err))
}

// writeReadable is writeOutput for a file the tool reads back (an answers
// or model file): content over the reader's limits is refused before
// anything is written, so that no command writes what another refuses.
func writeReadable(out *destination, data []byte) error {
	if err := yamlx.Readable(data); err != nil {
		name := out.path
		if out.toStdout() {
			name = "output"
		}
		return withHint(fmt.Errorf("%s: not written: %w, and maturity could not read it back", safetext.Name(name), err),
			"split the input, or shorten the longest notes and evidence")
	}
	return writeOutput(out, data)
}

// writeOutput writes data as the whole content of out and commits it.
func writeOutput(out *destination, data []byte) error {
	defer out.abort()
	if _, err := out.Write(data); err != nil {
		return err
	}
	return out.commit()
}

// wrote says in one line on stderr what a command wrote to its -o file,
// "Wrote FILE: what.", as init and merge do; output to stdout says
// nothing, so that a pipe gets the result alone.
func (d *destination) wrote(what string) {
	if !d.toStdout() {
		fmt.Fprintf(d.io.Err, "Wrote %s: %s.\n", safetext.Name(d.path), what)
	}
}

package cli

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// scoreInputs scores every input in parallel and passes each result to
// emit in input order, after printing the input's warnings and error.
// post, when not nil, runs in the worker after a successful score. failed
// says whether any input failed; err is emit's error, which stops the run.
func scoreInputs(opts *scoreOptions, inputs []string, post func(*scored), emit func(*scored) error) (failed bool, err error) {
	models := newModelCache(opts.IO)
	inFlight := newByteBudget(maxParseBytes)
	err = scoreAll(inputs, runtime.GOMAXPROCS(0), func(name string) scored {
		size := inputSize(name)
		inFlight.acquire(size)
		defer inFlight.release(size)
		if size >= bigInput {
			// A large file leaves up to a hundred MB of garbage; collect it
			// now, before the next large file doubles it (a concurrent
			// collection under load marks what is allocated meanwhile as
			// live, so pacing alone let 8 files at the limit reach 850 MB).
			defer debug.FreeOSMemory()
		}
		// Each input gets its own stderr buffer, so that warnings from
		// parallel workers come out whole and in input order.
		var errBuf bytes.Buffer
		io := *opts.IO
		io.Err = &errBuf
		r := scoreOne(opts, &io, models, name)
		r.stderr = errBuf.Bytes()
		if r.err == nil && post != nil {
			post(&r)
		}
		return r
	}, func(r *scored) error {
		opts.IO.Err.Write(r.stderr)
		if r.err != nil {
			failed = true
			printError(opts.IO.Err, r.err)
		}
		return emit(r)
	})
	return failed, err
}

// scoreAll runs one over every input with up to workers goroutines and
// passes each result to emit in input order, as soon as it and those
// before it are done. Workers stay at most a few dozen results ahead of
// emit, so a batch of any size holds few results in memory. An error from
// emit stops the workers taking inputs and is returned.
func scoreAll(inputs []string, workers int, one func(string) scored, emit func(*scored) error) error {
	workers = min(workers, len(inputs))
	if workers <= 1 {
		for _, name := range inputs {
			r := one(name)
			if err := emit(&r); err != nil {
				return err
			}
		}
		return nil
	}
	results := make([]scored, len(inputs))
	done := make([]chan struct{}, len(inputs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	ahead := make(chan struct{}, 16*workers) // results made and not yet emitted
	quit := make(chan struct{})
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				select {
				case <-quit:
					return
				case ahead <- struct{}{}:
				}
				i := int(next.Add(1)) - 1
				if i >= len(inputs) {
					return
				}
				results[i] = one(inputs[i])
				close(done[i])
			}
		})
	}
	var err error
	for i := range inputs {
		<-done[i]
		if err = emit(&results[i]); err != nil {
			break
		}
		results[i] = scored{}
		<-ahead
	}
	close(quit)
	wg.Wait()
	return err
}

// maxParseBytes bounds the input bytes the workers parse at once: a file's
// parse costs up to about fifteen times its size, so two files at the 8 MiB
// limit in parallel (or eight, with GOMAXPROCS=8) would hold several
// hundred MB at once, while many small files still run on every core.
const maxParseBytes = 8 << 20

// bigInput is the size from which a file's garbage is collected as soon
// as it is scored.
const bigInput = 1 << 20

// inputSize is what a file weighs against maxParseBytes: its size, or
// the whole budget for standard input and anything that is not a regular
// file, whose size is not known before reading.
func inputSize(name string) int64 {
	if name != "-" {
		if st, err := os.Stat(name); err == nil && st.Mode().IsRegular() {
			return min(st.Size(), maxParseBytes)
		}
	}
	return maxParseBytes
}

// byteBudget is a counting semaphore of bytes: acquire waits until n bytes
// are free. Acquiring all at once (not byte by byte) is what keeps two
// large files from each holding half of the budget and waiting forever.
type byteBudget struct {
	mu   sync.Mutex
	cond sync.Cond
	free int64
}

func newByteBudget(n int64) *byteBudget {
	b := &byteBudget{free: n}
	b.cond.L = &b.mu
	return b
}

func (b *byteBudget) acquire(n int64) {
	b.mu.Lock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.mu.Unlock()
}

func (b *byteBudget) release(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

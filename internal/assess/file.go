package assess

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/yamlx"
)

// WriteFunc writes a whole file, replacing it atomically (the command's
// output writer).
type WriteFunc func(path string, data []byte) error

// Store is the answers file of one session: locked while the session
// runs, rewritten from its own YAML tree so that comments and fields the
// tool does not know survive, and checked before every write for a change
// made by anything else.
type Store struct {
	path  string
	write WriteFunc
	lock  *os.File
	doc   *yaml.Node // the file's document, as last read or written
	last  []byte     // the file's bytes as last read or written; nil: no file
}

// InUseError is a second session on a file that one already holds.
type InUseError struct {
	Path string
	PID  int // of the holder, 0 when unknown
}

func (e *InUseError) Error() string {
	who := "another maturity assess"
	if e.PID > 0 {
		who += fmt.Sprintf(" (pid %d)", e.PID)
	}
	return fmt.Sprintf("%s is in use by %s", e.Path, who)
}

// ChangedError is a change made to the file by something else during the
// session. The file is left as the other program wrote it; the session's
// version is in Mine.
type ChangedError struct {
	Path, Mine string
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s was changed by another program during this session: its version is kept, and this session's answers are in %s", e.Path, e.Mine)
}

// LockPath is the lock file of an answers file. The lock is on a file of
// its own, not on the answers file: each save replaces the answers file
// by a new one (a rename), and a lock on the old one would lock nothing.
func LockPath(path string) string { return path + ".lock" }

// OpenStore locks path for this session (refusing with *InUseError when
// another session holds it) and reads it as it stands, if it exists.
func OpenStore(path string, write WriteFunc) (*Store, error) {
	lock, err := acquire(path)
	if err != nil {
		return nil, err
	}
	st := &Store{path: path, write: write, lock: lock}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		st.last = data
		// The command parses and reports on the file itself; here only
		// its tree is kept, when it is valid.
		if _, err := yamlx.Parse(path, data); err == nil {
			var doc yaml.Node
			if yaml.Unmarshal(data, &doc) == nil && doc.Kind == yaml.DocumentNode {
				st.doc = &doc
			}
		}
	case errors.Is(err, fs.ErrNotExist):
	default:
		st.Close()
		return nil, err
	}
	return st, nil
}

// acquire takes the exclusive lock of path's lock file, writing this
// process's id into it.
func acquire(path string) (*os.File, error) {
	name := LockPath(path)
	for range 10 {
		lf, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("cannot lock %s: %w", path, err)
		}
		if held, err := tryLock(lf); err != nil || held {
			data, _ := os.ReadFile(name)
			lf.Close()
			if held {
				pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
				return nil, &InUseError{Path: path, PID: pid}
			}
			return nil, fmt.Errorf("cannot lock %s: %w", path, err)
		}
		// The holder before us may have removed the lock file after we
		// opened it: then our lock is on a file no one else sees.
		a, errA := lf.Stat()
		b, errB := os.Stat(name)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			lf.Truncate(0)
			lf.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			return lf, nil
		}
		lf.Close()
	}
	return nil, fmt.Errorf("cannot lock %s: its lock file %s keeps changing", path, name)
}

// Close removes the lock file and releases the lock.
func (st *Store) Close() {
	if st.lock == nil {
		return
	}
	os.Remove(st.lock.Name())
	st.lock.Close()
	st.lock = nil
}

// Save writes f to the file, keeping the comments and unknown fields of
// the file as last read or written. When the file on disk is no longer
// what this session last read or wrote, nothing is written over it: the
// session's version goes to a file beside it and *ChangedError says where.
func (st *Store) Save(f *answers.File) error {
	data, err := st.encode(f)
	if err != nil {
		return err
	}
	cur, err := os.ReadFile(st.path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if (err == nil) != (st.last != nil) || !bytes.Equal(cur, st.last) {
		mine := st.freeName(st.path + ".mine")
		if werr := st.write(mine, data); werr != nil {
			return fmt.Errorf("%s was changed by another program during this session, and this session's answers could not be kept in %s: %w", st.path, mine, werr)
		}
		return &ChangedError{Path: st.path, Mine: mine}
	}
	if err := st.write(st.path, data); err != nil {
		return err
	}
	st.last = data
	return nil
}

// freeName is name, or name.2, name.3… when it exists.
func (st *Store) freeName(name string) string {
	if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
		return name
	}
	for i := 2; ; i++ {
		n := fmt.Sprintf("%s.%d", name, i)
		if _, err := os.Lstat(n); errors.Is(err, fs.ErrNotExist) {
			return n
		}
	}
}

// encode is f written into the file's YAML tree: header fields and answers
// updated in place, every other node (comments, unknown fields, evidence,
// responses) as it was. A new file starts from answers.Encode.
func (st *Store) encode(f *answers.File) ([]byte, error) {
	if st.doc == nil || len(st.doc.Content) == 0 || st.doc.Content[0].Kind != yaml.MappingNode {
		data, err := answers.Encode(f)
		if err != nil {
			return nil, err
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return nil, err
		}
		st.doc = &doc
		return data, nil
	}
	root := st.doc.Content[0]
	header := []struct{ key, value string }{
		{"model", f.Model}, {"model_version", f.ModelVersion}, {"assessed_at", f.AssessedAt},
		{"organization", f.Organization}, {"scope", f.Scope}, {"respondent", f.Respondent},
	}
	after := -1 // the pair index after which a missing header field goes
	for _, h := range header {
		i := pairIndex(root, h.key)
		if h.value == "" {
			if i >= 0 {
				after = i
			}
			continue
		}
		v := answers.TextNode(h.value)
		switch h.key {
		case "model_version":
			v.Style = yaml.DoubleQuotedStyle
		case "assessed_at":
			v.Tag = "!!timestamp"
		}
		if i >= 0 {
			setScalar(root.Content[2*i+1], v)
			after = i
			continue
		}
		insertPair(root, after+1, answers.TextNode(h.key), v)
		after++
	}
	if tn := f.TargetsNode(); tn != nil {
		if ti := pairIndex(root, "targets"); ti >= 0 {
			old := root.Content[2*ti+1]
			tn.HeadComment, tn.LineComment, tn.FootComment = old.HeadComment, old.LineComment, old.FootComment
			root.Content[2*ti+1] = tn
		} else if ai := pairIndex(root, "answers"); ai >= 0 {
			insertPair(root, ai, answers.TextNode("targets"), tn)
		} else {
			root.Content = append(root.Content, answers.TextNode("targets"), tn)
		}
	}
	ai := pairIndex(root, "answers")
	if ai < 0 {
		root.Content = append(root.Content, answers.TextNode("answers"), &yaml.Node{Kind: yaml.MappingNode})
		ai = len(root.Content)/2 - 1
	}
	am := root.Content[2*ai+1]
	if am.Kind != yaml.MappingNode {
		// An empty "answers:" (null): a mapping with the null's comments.
		am = &yaml.Node{Kind: yaml.MappingNode, HeadComment: am.HeadComment, LineComment: am.LineComment, FootComment: am.FootComment}
		root.Content[2*ai+1] = am
	}
	for _, e := range f.Entries {
		setEntry(am, e)
	}
	if len(am.Content) > 0 {
		am.Style = 0
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(st.doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// setEntry writes one answer into the answers mapping: the value node
// replaced in place (keeping its comments), a short form turned into a
// mapping when a note is added, a new key at the end.
func setEntry(am *yaml.Node, e answers.Entry) {
	i := pairIndex(am, e.ID)
	if i < 0 {
		am.Content = append(am.Content, answers.TextNode(e.ID), answers.EntryNode(e))
		return
	}
	v := am.Content[2*i+1]
	if v.Kind == yaml.MappingNode {
		if ai := pairIndex(v, "answer"); ai >= 0 {
			setScalar(v.Content[2*ai+1], answers.AnswerNode(e.Answer))
		} else {
			insertPair(v, 0, answers.TextNode("answer"), answers.AnswerNode(e.Answer))
		}
		ni := pairIndex(v, "note")
		switch {
		case e.Note != "" && ni >= 0:
			setScalar(v.Content[2*ni+1], answers.TextNode(e.Note))
		case e.Note != "":
			insertPair(v, pairIndex(v, "answer")+1, answers.TextNode("note"), answers.TextNode(e.Note))
		case ni >= 0:
			v.Content = append(v.Content[:2*ni], v.Content[2*ni+2:]...)
		}
		return
	}
	if e.Note == "" && len(e.Evidence) == 0 {
		setScalar(v, answers.AnswerNode(e.Answer))
		return
	}
	n := answers.EntryNode(e)
	n.HeadComment, n.FootComment = v.HeadComment, v.FootComment
	n.Content[1].LineComment = v.LineComment
	am.Content[2*i+1] = n
}

// setScalar gives dst the value of src, keeping dst's comments; it does
// nothing when the value is the same, so that a value keeps its spelling.
func setScalar(dst, src *yaml.Node) {
	if dst.Kind == yaml.ScalarNode && dst.Value == src.Value && dst.ShortTag() == src.ShortTag() {
		return
	}
	hc, lc, fc := dst.HeadComment, dst.LineComment, dst.FootComment
	*dst = *src
	dst.HeadComment, dst.LineComment, dst.FootComment = hc, lc, fc
}

// pairIndex is the index of key's pair in mapping m, or -1.
func pairIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i / 2
		}
	}
	return -1
}

func insertPair(m *yaml.Node, at int, k, v *yaml.Node) {
	at = max(0, min(at, len(m.Content)/2))
	m.Content = append(m.Content[:2*at], append([]*yaml.Node{k, v}, m.Content[2*at:]...)...)
}

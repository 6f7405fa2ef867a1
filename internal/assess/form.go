package assess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/heat-tools/maturity/internal/safetext"
)

// noteKey is the huh field key of an indicator's note; the answer's key is
// the indicator id itself.
func noteKey(id string) string { return id + "#note" }

// Pager is the bubbletea model of an interactive session: it shows one huh
// form per page and, after every message, looks at which fields huh has
// committed (huh records a field's value in the form's results when the
// person leaves the field with enter or tab). Each new or changed value is
// recorded in the session, which saves the file at once. So an answer is
// on disk as soon as its select is left, not when the page or the form
// ends.
type Pager struct {
	s     *Session
	pages []Page
	i     int // current page
	form  *huh.Form
	seen  map[string]any // committed values already recorded, by field key
	size  *tea.WindowSizeMsg
	bg    *tea.BackgroundColorMsg
	theme huh.Theme
	keyed bool // the current page has had a key press

	// The key queue; see Update.
	moving bool
	gen    int
	queue  []tea.KeyPressMsg
	width  int // of the terminal

	// Status is a line shown under the form, such as where answers are
	// saved, wrapped to the terminal's width; the form is given the
	// terminal's height less the lines it takes.
	Status string

	// Outcome, read after the program ends.
	Interrupted bool
	Err         error
}

// NewPager prepares the pages for an interactive run. The theme may be nil
// for huh's default.
func NewPager(s *Session, pages []Page, theme huh.Theme) *Pager {
	if theme == nil {
		theme = huh.ThemeFunc(huh.ThemeCharm)
	}
	p := &Pager{s: s, pages: pages, theme: theme}
	if len(pages) > 0 {
		p.form = p.buildForm(pages[0])
	}
	return p
}

// Done says whether every page has been completed.
func (p *Pager) Done() bool { return p.i >= len(p.pages) }

// buildForm makes the huh form of one page: the title and goal as the
// group's header, then for each indicator a select over the scale plus
// "Not applicable" and an optional note.
func (p *Pager) buildForm(pg Page) *huh.Form {
	p.seen = map[string]any{}
	var fields []huh.Field
	for i := range pg.Cell.Indicators {
		ind := &pg.Cell.Indicators[i]
		answer, note := p.s.Default(ind.ID)
		opts := make([]huh.Option[string], 0, len(p.s.Model.Scale)+1)
		for _, c := range p.s.Choices() {
			opts = append(opts, huh.NewOption(safetext.Line(c.Label), c.ID))
		}
		sel := huh.NewSelect[string]().
			Key(ind.ID).
			Title(safetext.String(ind.Text)).
			Options(opts...).
			Value(&answer)
		if h := HelpText(ind); h != "" {
			sel.Description(safetext.String(h))
		}
		in := huh.NewInput().
			Key(noteKey(ind.ID)).
			Title("Note").
			Placeholder("optional; enter to go on").
			Value(&note)
		fields = append(fields, sel, in)
	}
	group := huh.NewGroup(fields...).
		Title(safetext.Line(p.s.Title(pg))).
		Description(safetext.String(CellText(pg.Cell)))
	return huh.NewForm(group).
		WithTheme(p.theme).
		WithShowHelp(true)
}

// Init starts the first page.
func (p *Pager) Init() tea.Cmd {
	if p.form == nil {
		return tea.Quit
	}
	// The theme has a light and a dark variant: ask the terminal.
	return tea.Batch(p.form.Init(), tea.RequestBackgroundColor)
}

// Update passes msg to the page's form, records what it committed, and
// moves to the next page when the form is complete.
//
// Keys are fed to the form one move at a time: after enter, tab or
// shift+tab, huh moves between fields and pages through commands that run
// asynchronously, so keys typed (or pasted, or sent by a script) before
// the move lands would reach the wrong field or submit the next page
// unseen. Such keys wait in a queue until the move has happened. Ctrl-C
// waits its turn too, so that an answer entered just before it is saved.
func (p *Pager) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if p.form == nil || p.Done() || p.Interrupted || p.Err != nil {
		return p, tea.Quit
	}
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		p.width = m.Width
		// huh puts a blank line above its help line that it does not count
		// in the form's height; the status line needs room too.
		m.Height = max(1, m.Height-1-lipgloss.Height(p.status()))
		p.size, msg = &m, m
	case tea.BackgroundColorMsg:
		p.bg = &m
	case tea.InterruptMsg:
		p.Interrupted = true
		return p, tea.Quit
	case releaseMsg:
		if m.gen != p.gen || !p.moving {
			return p, nil
		}
		return p, p.release()
	case tea.KeyPressMsg:
		if p.moving {
			p.queue = append(p.queue, m)
			return p, nil
		}
		p.keyed = true
		if isMoveKey(m) {
			p.moving = true
			p.gen++
			gen := p.gen
			// Should the key not move after all (a select's filter takes
			// enter), the queue is released after a moment anyway.
			tick := tea.Tick(300*time.Millisecond, func(time.Time) tea.Msg { return releaseMsg{gen} })
			_, cmd := p.update(msg)
			return p, tea.Batch(cmd, tick)
		}
	}
	if !p.keyed && isPageMove(msg) {
		// A page move that the previous page's form sent after it was
		// already complete: it must not submit the new page unseen.
		return p, nil
	}
	return p.update(msg)
}

// update is Update once a message may reach the form.
func (p *Pager) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	focused := p.focusedKey()
	m, cmd := p.form.Update(msg)
	p.form = m.(*huh.Form)
	if err := p.record(); err != nil {
		p.Err = err
		return p, tea.Quit
	}
	switch p.form.State {
	case huh.StateAborted:
		p.Interrupted = true
		return p, tea.Quit
	case huh.StateCompleted:
		p.i++
		if p.Done() {
			return p, tea.Quit
		}
		p.form = p.buildForm(p.pages[p.i])
		p.keyed = false
		// The new form learns what the first one was told at the start.
		cmds := []tea.Cmd{p.form.Init()}
		if p.size != nil {
			cmds = append(cmds, p.feed(*p.size))
		}
		if p.bg != nil {
			cmds = append(cmds, p.feed(*p.bg))
		}
		cmds = append(cmds, p.release())
		return p, tea.Batch(cmds...)
	}
	// A field move has landed when the focus changed, or a page move
	// (within the form) was handled.
	if p.moving && (isFieldMove(msg) && p.focusedKey() != focused || isPageMove(msg)) {
		return p, tea.Batch(cmd, p.release())
	}
	return p, cmd
}

// feed passes msg to the form alone.
func (p *Pager) feed(msg tea.Msg) tea.Cmd {
	m, cmd := p.form.Update(msg)
	p.form = m.(*huh.Form)
	return cmd
}

// release ends the wait for a move and feeds queued keys to the form until
// one of them starts a new move.
func (p *Pager) release() tea.Cmd {
	p.moving = false
	var cmds []tea.Cmd
	for len(p.queue) > 0 && !p.moving && !p.Done() && !p.Interrupted && p.Err == nil {
		k := p.queue[0]
		p.queue = p.queue[1:]
		_, cmd := p.Update(k)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (p *Pager) focusedKey() string {
	if f := p.form.GetFocusedField(); f != nil {
		return f.GetKey()
	}
	return ""
}

// releaseMsg ends a wait for a move that did not come.
type releaseMsg struct{ gen int }

func isMoveKey(k tea.KeyPressMsg) bool {
	switch k.String() {
	case "enter", "tab", "shift+tab":
		return true
	}
	return false
}

// isFieldMove recognises huh's internal messages that move between fields.
func isFieldMove(msg tea.Msg) bool {
	switch fmt.Sprintf("%T", msg) {
	case "huh.nextFieldMsg", "huh.prevFieldMsg":
		return true
	}
	return false
}

// record saves every answer or note that the form committed since the last
// look.
func (p *Pager) record() error {
	pg := p.pages[p.i]
	for i := range pg.Cell.Indicators {
		id := pg.Cell.Indicators[i].ID
		a, n := p.form.Get(id), p.form.Get(noteKey(id))
		if a == nil && n == nil {
			continue
		}
		if a == p.seen[id] && n == p.seen[noteKey(id)] {
			continue
		}
		answer, note := p.s.Default(id)
		if s, ok := a.(string); ok {
			answer = s
		}
		if s, ok := n.(string); ok {
			note = s
		}
		if err := p.s.Record(id, answer, note); err != nil {
			return err
		}
		p.seen[id], p.seen[noteKey(id)] = a, n
	}
	return nil
}

// isPageMove recognises huh's internal messages that move to another group.
func isPageMove(msg tea.Msg) bool {
	switch fmt.Sprintf("%T", msg) {
	case "huh.nextGroupMsg", "huh.prevGroupMsg":
		return true
	}
	return false
}

// View shows the page's form.
func (p *Pager) View() tea.View {
	if p.form == nil || p.Done() || p.Interrupted || p.Err != nil {
		return tea.NewView("")
	}
	v := p.form.View()
	if st := p.status(); st != "" {
		v += "\n" + st
	}
	return tea.NewView(v)
}

// status is the status line wrapped to the terminal's width.
func (p *Pager) status() string {
	if p.Status == "" {
		return ""
	}
	if p.width <= 0 {
		return p.Status
	}
	return lipgloss.NewStyle().Width(p.width).Render(p.Status)
}

// RunOptions configure an interactive run.
type RunOptions struct {
	In     io.Reader // keys; a terminal
	Out    io.Writer // the interface; a terminal (stderr)
	Theme  huh.Theme
	Status string              // a line under the form; see Pager.Status
	Extra  []tea.ProgramOption // for tests: window size, environment
}

// Run asks the pages in a terminal, saving after every answer. It returns
// ErrInterrupted when the person stops (Ctrl-C, SIGINT, ctx ending, the
// input closing) before the last page.
func Run(ctx context.Context, s *Session, pages []Page, opt RunOptions) error {
	pager := NewPager(s, pages, opt.Theme)
	pager.Status = opt.Status
	progOpts := append([]tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithInput(opt.In),
		tea.WithOutput(opt.Out),
	}, opt.Extra...)
	_, err := tea.NewProgram(pager, progOpts...).Run()
	if pager.Err != nil {
		return pager.Err
	}
	if pager.Done() && err == nil {
		return nil
	}
	if pager.Interrupted || err == nil || errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, io.EOF) {
		return ErrInterrupted
	}
	return fmt.Errorf("terminal: %w", err)
}

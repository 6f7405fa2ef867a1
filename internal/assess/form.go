package assess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/heat-tools/maturity/internal/safetext"
)

// Form is the bubbletea model of an interactive session. It owns the
// navigation: every key is handled in Update, at once, by the same code
// whatever the typing speed; no key waits for a command, a timer or a
// message of huh's. The choices are drawn by Form itself; the note is a
// huh Input that only ever sees the keys that edit text.
//
// An answer and its note are recorded (and the file saved) whenever the
// person leaves the question or its note, by any key: enter, tab,
// shift+tab, a page move, the overview, Ctrl-C. A question left with no
// choice stays unanswered.
type Form struct {
	s       *Session
	revisit bool
	theme   huh.Theme

	page, q int  // the question on screen
	onNote  bool // focus on the note, else on the choices
	cursor  int  // index in choices; -1 when nothing is chosen
	note    *huh.Input
	noteVal string
	choices []Choice // of the question on screen

	help       bool // the question's help is unfolded
	helpScroll int
	overview   bool
	ovPage     int // the page under the overview's cursor

	width, height int
	sized         bool

	// Status is a line shown under the form, such as where answers are
	// saved.
	Status string

	// Outcome, read after the program ends.
	Finished    bool // past the last page
	Interrupted bool
	Err         error
}

// Smallest terminal the form draws in; below it the session is refused
// (at the start) or paused with a message (after a resize).
const (
	MinWidth  = 40
	MinHeight = 10
)

// TooSmallError is a terminal below MinWidth×MinHeight at the start.
type TooSmallError struct{ Width, Height int }

func (e *TooSmallError) Error() string {
	return fmt.Sprintf("the terminal is %d×%d, too small: assess needs at least %d×%d", e.Width, e.Height, MinWidth, MinHeight)
}

// NewForm prepares a session's form, on the first page to ask: the first
// not fully answered (any first page with revisit). The theme may be nil
// for huh's default.
func NewForm(s *Session, revisit bool, theme huh.Theme) *Form {
	if theme == nil {
		theme = huh.ThemeFunc(huh.ThemeCharm)
	}
	f := &Form{s: s, revisit: revisit, theme: theme}
	f.page = f.nextPage(-1)
	if f.page >= len(s.Pages) {
		f.Finished = true
		return f
	}
	f.load(0, false)
	return f
}

// nextPage is the page after from to ask: the next one not fully
// answered, or simply the next with revisit; len(Pages) when none is left.
func (f *Form) nextPage(from int) int {
	for i := from + 1; i < len(f.s.Pages); i++ {
		if f.revisit || !f.s.Complete(f.s.Pages[i]) {
			return i
		}
	}
	return len(f.s.Pages)
}

func (f *Form) cur() Page { return f.s.Pages[f.page] }

// load puts question q of the current page on screen, its choice and note
// as the file has them.
func (f *Form) load(q int, onNote bool) {
	f.q, f.onNote, f.help, f.helpScroll = q, onNote, false, 0
	ind := &f.cur().Cell.Indicators[q]
	f.choices = f.s.Choices(ind)
	answer, note := f.s.Default(ind.ID)
	f.cursor = -1
	for i, c := range f.choices {
		if c.ID == answer {
			f.cursor = i
		}
	}
	// The note is shown as it would be saved: a control character from
	// the file (a YAML "\e") never reaches the terminal.
	f.noteVal = CleanNote(note)
	f.note = huh.NewInput().
		Title("Note: ").
		Prompt("").
		Inline(true).
		Placeholder("optional").
		Value(&f.noteVal)
	f.note.WithTheme(f.theme)
	f.note.WithWidth(max(f.width, MinWidth))
	if onNote {
		f.note.Focus()
	} else {
		f.note.Blur()
	}
}

// commit records what the current question shows: the chosen answer (or
// none) and the note. Nothing is written when both are as in the file.
func (f *Form) commit() {
	if f.Err != nil || f.Finished || f.page >= len(f.s.Pages) {
		return
	}
	id := f.cur().Cell.Indicators[f.q].ID
	answer := ""
	if f.cursor >= 0 {
		answer = f.choices[f.cursor].ID
	}
	note := CleanNote(f.noteVal)
	if a, n := f.s.Default(id); a == answer && CleanNote(n) == note {
		return
	}
	if err := f.s.Record(id, answer, note); err != nil {
		f.Err = err
	}
}

// CleanNote is a note as it is saved: one line of printable text, so that
// what is pasted cannot put a control character into the file.
func CleanNote(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// forward moves to the next field: choice → note → next question, and
// past a page's last note to the next page to ask.
func (f *Form) forward() {
	f.commit()
	if f.Err != nil {
		return
	}
	if !f.onNote {
		f.load(f.q, true)
		return
	}
	if f.q+1 < len(f.cur().Cell.Indicators) {
		f.load(f.q+1, false)
		return
	}
	f.gotoPage(f.nextPage(f.page), false)
}

// back moves to the previous field; from a page's first question to the
// last note of the previous page.
func (f *Form) back() {
	f.commit()
	if f.Err != nil {
		return
	}
	switch {
	case f.onNote:
		f.load(f.q, false)
	case f.q > 0:
		f.load(f.q-1, true)
	case f.page > 0:
		f.page--
		f.load(len(f.cur().Cell.Indicators)-1, true)
	}
}

// gotoPage opens page i at its first question (its last with last); past
// the last page the form is finished.
func (f *Form) gotoPage(i int, last bool) {
	if i >= len(f.s.Pages) {
		f.Finished = true
		return
	}
	f.page = max(i, 0)
	q := 0
	if last {
		q = len(f.cur().Cell.Indicators) - 1
	}
	f.load(q, false)
}

// Init asks the terminal for its background, for the note's theme.
func (f *Form) Init() tea.Cmd {
	if f.Finished {
		return tea.Quit
	}
	return tea.RequestBackgroundColor
}

// Update handles one message completely before returning.
func (f *Form) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if f.Finished || f.Interrupted || f.Err != nil {
		return f, tea.Quit
	}
	var cmd tea.Cmd
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		if !f.sized && (m.Width < MinWidth || m.Height < MinHeight) {
			f.Err = &TooSmallError{m.Width, m.Height}
			return f, tea.Quit
		}
		f.sized = true
		f.width, f.height = m.Width, m.Height
		f.note.WithWidth(max(f.width, MinWidth))
	case tea.BackgroundColorMsg:
		_, cmd = f.note.Update(m)
	case tea.InterruptMsg:
		f.stop()
	case tea.PasteMsg:
		if f.onNote && !f.overview {
			_, cmd = f.note.Update(m)
		}
	case tea.KeyPressMsg:
		cmd = f.key(m)
	}
	if f.Finished || f.Interrupted || f.Err != nil {
		return f, tea.Quit
	}
	return f, cmd
}

// stop ends the session as Ctrl-C does, keeping what is on screen.
func (f *Form) stop() {
	if !f.overview {
		f.commit()
	}
	f.Interrupted = true
}

func (f *Form) key(k tea.KeyPressMsg) tea.Cmd {
	s := k.String()
	if s == "ctrl+c" {
		f.stop()
		return nil
	}
	if f.sized && (f.width < MinWidth || f.height < MinHeight) {
		return nil // paused until the terminal is larger again
	}
	if f.overview {
		f.overviewKey(s)
		return nil
	}
	switch s {
	case "ctrl+o":
		f.openOverview()
		return nil
	case "pgdown":
		f.commit()
		if f.Err == nil {
			f.gotoPage(min(f.page+1, len(f.s.Pages)-1), false)
		}
		return nil
	case "pgup":
		f.commit()
		if f.Err == nil {
			f.gotoPage(f.page-1, false)
		}
		return nil
	case "enter", "tab":
		f.forward()
		return f.focusCmd()
	case "shift+tab":
		f.back()
		return f.focusCmd()
	}
	if f.onNote {
		if s == "esc" {
			f.back()
			return nil
		}
		_, cmd := f.note.Update(k)
		return cmd
	}
	if f.help {
		switch s {
		case "up", "k":
			f.helpScroll = max(0, f.helpScroll-1)
		case "down", "j":
			f.helpScroll++
		case "?", "esc":
			f.help = false
		}
		return nil
	}
	n := len(f.choices)
	switch s {
	case "up", "k":
		if f.cursor < 0 {
			f.cursor = n - 1
		} else {
			f.cursor = max(0, f.cursor-1)
		}
	case "down", "j":
		f.cursor = min(n-1, f.cursor+1)
	case "home", "g":
		f.cursor = 0
	case "end", "G":
		f.cursor = n - 1
	case "backspace", "delete", "x":
		f.cursor = -1
	case "?":
		if HelpText(&f.cur().Cell.Indicators[f.q]) != "" {
			f.help = true
		}
	case "o":
		f.openOverview()
	default:
		if len(s) == 1 && s[0] >= '1' && s[0] <= '9' && int(s[0]-'1') < n {
			f.cursor = int(s[0] - '1')
		}
	}
	return nil
}

// focusCmd starts the note's cursor when the note has the focus.
func (f *Form) focusCmd() tea.Cmd {
	if f.onNote && !f.Finished && f.Err == nil {
		return f.note.Focus()
	}
	return nil
}

func (f *Form) openOverview() {
	f.commit()
	if f.Err != nil {
		return
	}
	f.overview, f.ovPage = true, f.page
}

// overviewKey moves the overview's cursor over the grid of pillars (rows)
// and levels (columns); enter opens the page under it.
func (f *Form) overviewKey(s string) {
	pages := f.s.Pages
	cp := pages[f.ovPage]
	switch s {
	case "esc", "o", "ctrl+o", "q":
		f.overview = false
	case "enter":
		f.overview = false
		f.gotoPage(f.ovPage, false)
	case "left", "h":
		if f.ovPage > 0 && pages[f.ovPage-1].Pillar == cp.Pillar {
			f.ovPage--
		}
	case "right", "l":
		if f.ovPage+1 < len(pages) && pages[f.ovPage+1].Pillar == cp.Pillar {
			f.ovPage++
		}
	case "up", "k", "down", "j":
		// The page of the pillar above or below at the nearest level.
		step := 1
		if s == "up" || s == "k" {
			step = -1
		}
		i := f.ovPage
		for i >= 0 && i < len(pages) && pages[i].Pillar == cp.Pillar {
			i += step
		}
		if i < 0 || i >= len(pages) {
			return
		}
		other := pages[i].Pillar
		best := i
		for j := i; j >= 0 && j < len(pages) && pages[j].Pillar == other; j -= step {
			if abs(pages[j].Level.Value-cp.Level.Value) < abs(pages[best].Level.Value-cp.Level.Value) {
				best = j
			}
		}
		for j := i; j >= 0 && j < len(pages) && pages[j].Pillar == other; j += step {
			if abs(pages[j].Level.Value-cp.Level.Value) < abs(pages[best].Level.Value-cp.Level.Value) {
				best = j
			}
		}
		f.ovPage = best
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Styles of the form; colour is only a second mark, every state also has
// a character.
var (
	titleStyle   = lipgloss.NewStyle().Bold(true)
	faintStyle   = lipgloss.NewStyle().Faint(true)
	cursorStyle  = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("5"))
	fullStyle    = lipgloss.NewStyle().Foreground(lipgloss.Color("2"))
	partialStyle = lipgloss.NewStyle().Foreground(lipgloss.Color("3"))
	noneStyle    = lipgloss.NewStyle().Foreground(lipgloss.Color("1"))
)

// Mark is the sign of an answer by its score on the scale: ✓ full, ✗ none,
// ◐ between, – not applicable (score < 0).
func Mark(score float64) string {
	switch {
	case score < 0:
		return "–"
	case score >= 1:
		return "✓"
	case score <= 0:
		return "✗"
	}
	return "◐"
}

func markStyled(score float64) string {
	m := Mark(score)
	switch {
	case score < 0:
		return faintStyle.Render(m)
	case score >= 1:
		return fullStyle.Render(m)
	case score <= 0:
		return noneStyle.Render(m)
	}
	return partialStyle.Render(m)
}

// wrapLines wraps s to width and splits it into lines; tabs become spaces.
func wrapLines(s string, width int, style lipgloss.Style) []string {
	s = strings.ReplaceAll(s, "\t", "    ")
	var out []string
	for _, l := range strings.Split(lipgloss.Wrap(s, max(width, 1), " -"), "\n") {
		out = append(out, style.Render(l))
	}
	return out
}

// View draws the page, or the overview, to fit the terminal: a title line
// at the top, the keys and the status at the bottom, and between them a
// window over the page that always holds what has the focus, with a mark
// above and below when lines are out of view.
func (f *Form) View() tea.View {
	v := tea.NewView("")
	v.AltScreen = true // no copies of the page in the scrollback
	if !f.sized || f.Finished || f.Interrupted || f.Err != nil {
		return v
	}
	if f.width < MinWidth || f.height < MinHeight {
		v.SetContent(fmt.Sprintf("The terminal is %d×%d; enlarge it to at least %d×%d to go on (ctrl+c stops).", f.width, f.height, MinWidth, MinHeight))
		return v
	}
	var header, body, footer []string
	var top, bottom, must int
	if f.overview {
		header, body, footer, must = f.overviewView()
		top, bottom = must, must
	} else {
		header, body, footer, top, bottom, must = f.pageView()
	}
	// The status goes first when the terminal is short, then the keys: the
	// page needs room for its focus and two scroll marks.
	if st := wrapLines(f.Status, f.width, faintStyle); f.Status != "" && f.height-len(header)-len(footer)-len(st) >= 5 {
		footer = append(footer, st...)
	}
	if f.height-len(header)-len(footer) < 5 {
		footer = nil
	}
	room := max(1, f.height-len(header)-len(footer))
	lines := append(header, fit(body, room, top, bottom, must)...)
	lines = append(lines, footer...)
	v.SetContent(strings.Join(lines, "\n"))
	return v
}

// pageView is the current question's page: header lines, body lines,
// footer lines, and the body lines to keep in view: from top to bottom if
// they fit, must at least.
func (f *Form) pageView() (header, body, footer []string, top, bottom, must int) {
	w := f.width
	pg := f.cur()
	ind := &pg.Cell.Indicators[f.q]
	title := fmt.Sprintf("%s · %d %s · %d/%d", pg.Pillar.Name, pg.Level.Value, pg.Level.Name, pg.First+f.q, f.s.Total)
	header = wrapLines(safetext.Line(title), w, titleStyle)

	body = append(body, wrapLines(safetext.String(strings.TrimSpace(pg.Cell.Goal)), w, faintStyle)...)
	for _, c := range pg.Cell.Context {
		body = append(body, wrapLines("· "+safetext.String(strings.TrimSpace(c)), w, faintStyle)...)
	}
	for _, r := range pg.Cell.Resources {
		body = append(body, wrapLines("→ "+safetext.Line(r.Title)+": "+safetext.Line(r.URL), w, faintStyle)...)
	}
	body = append(body, "")
	top = len(body)
	body = append(body, wrapLines(safetext.String(ind.Text), w, titleStyle)...)
	hasHelp := HelpText(ind) != ""
	if f.help {
		body = append(body, "")
		helpStart := len(body)
		body = append(body, wrapLines(safetext.String(HelpText(ind)), w, lipgloss.NewStyle())...)
		f.helpScroll = min(f.helpScroll, max(0, len(body)-1-helpStart))
		must = helpStart + f.helpScroll
		bottom = len(body) - 1
		footer = wrapLines("↑↓ scroll · ? or esc folds the help · ctrl+c stops", w, faintStyle)
		return header, body, footer, top, bottom, must
	}
	if hasHelp && !f.onNote {
		body = append(body, wrapLines("? shows help and links", w, faintStyle)...)
	}
	must = len(body)
	for i, c := range f.choices {
		prefix := "  "
		label := fmt.Sprintf("%d %s %s", i+1, markStyled(c.Score), safetext.Line(c.Label))
		if i == f.cursor {
			prefix = cursorStyle.Render("> ")
			must = len(body)
			if !f.onNote {
				label = fmt.Sprintf("%d %s %s", i+1, markStyled(c.Score), cursorStyle.Render(safetext.Line(c.Label)))
			}
		}
		body = append(body, wrapLines(prefix+label, w, lipgloss.NewStyle())...)
	}
	if f.cursor < 0 {
		body = append(body, wrapLines("  (no answer: ↑↓ or a number chooses, enter skips)", w, faintStyle)...)
	}
	noteLine := len(body)
	body = append(body, f.note.View())
	bottom = noteLine
	if f.onNote {
		must = noteLine
	}
	if left := f.unansweredOnPage(); len(left) == 1 {
		body = append(body, wrapLines("Unanswered on this page: question "+left[0], w, faintStyle)...)
	} else if len(left) > 1 {
		body = append(body, wrapLines("Unanswered on this page: questions "+strings.Join(left, ", "), w, faintStyle)...)
	}
	keys := "enter next · shift+tab back · o overview · pgup/pgdn page · ctrl+c stops"
	if f.onNote {
		keys = "enter next · shift+tab back · ctrl+o overview · ctrl+c stops"
	}
	footer = wrapLines(keys, w, faintStyle)
	return header, body, footer, top, bottom, must
}

// unansweredOnPage is the numbers of the page's questions without an
// answer in the file.
func (f *Form) unansweredOnPage() []string {
	var out []string
	pg := f.cur()
	for i, ind := range pg.Cell.Indicators {
		if a, _ := f.s.Default(ind.ID); a == "" {
			out = append(out, fmt.Sprint(pg.First+i))
		}
	}
	return out
}

// overviewView is the grid of pillars and levels with the answered count
// of each page.
func (f *Form) overviewView() (header, body, footer []string, must int) {
	w := f.width
	header = wrapLines(fmt.Sprintf("Overview · %d of %d answered", f.s.Answered(), f.s.Total), w, titleStyle)
	levels := f.s.Model.Levels
	// A cell is as wide as its widest entry, "[✓12/12]", plus a space.
	cellW := 4
	for _, p := range f.s.Pages {
		n := len(p.Cell.Indicators)
		cellW = max(cellW, lipgloss.Width(fmt.Sprintf("[✓%d/%d]", n, n))+1)
	}
	for _, l := range levels {
		cellW = max(cellW, len(fmt.Sprint(l.Value))+1)
	}
	nameW := 4
	for _, p := range f.s.Pages {
		nameW = max(nameW, lipgloss.Width(safetext.Line(p.Pillar.Name)))
	}
	nameW = max(4, min(nameW, w-cellW*len(levels)))
	fitW := lipgloss.NewStyle().MaxWidth(w)
	pad := func(s string, n int) string {
		if lipgloss.Width(s) > n {
			r := []rune(s)
			for lipgloss.Width(string(r)) > n-1 && len(r) > 0 {
				r = r[:len(r)-1]
			}
			return string(r) + "…"
		}
		return s + strings.Repeat(" ", n-lipgloss.Width(s))
	}
	row := pad("", nameW)
	for _, l := range levels {
		row += " " + pad(fmt.Sprint(l.Value), cellW-1)
	}
	body = append(body, fitW.Render(faintStyle.Render(row)))
	for i := 0; i < len(f.s.Pages); {
		p := f.s.Pages[i].Pillar
		row := pad(safetext.Line(p.Name), nameW)
		for _, l := range levels {
			cell := "·"
			if i < len(f.s.Pages) && f.s.Pages[i].Pillar == p && f.s.Pages[i].Level.Value == l.Value {
				pg := f.s.Pages[i]
				done := 0
				for _, ind := range pg.Cell.Indicators {
					if a, _ := f.s.Default(ind.ID); a != "" {
						done++
					}
				}
				cell = fmt.Sprintf("%d/%d", done, len(pg.Cell.Indicators))
				if done == len(pg.Cell.Indicators) {
					cell = "✓" + cell
				}
				if i == f.ovPage {
					cell = cursorStyle.Render("[" + cell + "]")
					must = len(body)
				} else {
					cell = " " + cell + " "
				}
				i++
			} else {
				cell = " " + cell + " "
			}
			row += " " + pad(cell, cellW-1)
		}
		body = append(body, fitW.Render(row))
	}
	pg := f.s.Pages[f.ovPage]
	body = append(body, "")
	body = append(body, wrapLines(safetext.Line(fmt.Sprintf("%s · %d %s", pg.Pillar.Name, pg.Level.Value, pg.Level.Name)), w, lipgloss.NewStyle())...)
	footer = wrapLines("arrows move · enter opens the page · esc returns · ctrl+c stops", w, faintStyle)
	return header, body, footer, must
}

// fit is the window of at most h lines over body that shows lines top to
// bottom when they fit, and line must always; a line above or below the
// window gives way to a mark saying how many lines are out of view.
func fit(body []string, h, top, bottom, must int) []string {
	if len(body) <= h {
		return body
	}
	if h < 3 {
		return body[must : must+1]
	}
	win := h - 2 // the two mark lines
	off := 0
	if bottom >= off+win {
		off = bottom - win + 1
	}
	if top < off {
		off = top
	}
	if must >= off+win {
		off = must - win + 1
	}
	if must < off {
		off = must
	}
	off = max(0, min(off, len(body)-win))
	out := make([]string, 0, h)
	if off > 0 {
		out = append(out, faintStyle.Render(fmt.Sprintf("↑ %d more above", off)))
	} else {
		out = append(out, "")
	}
	out = append(out, body[off:off+win]...)
	if below := len(body) - off - win; below > 0 {
		out = append(out, faintStyle.Render(fmt.Sprintf("↓ %d more below", below)))
	}
	return out
}

// RunOptions configure an interactive run.
type RunOptions struct {
	In      io.Reader // keys; a terminal
	Out     io.Writer // the interface; a terminal (stderr)
	Theme   huh.Theme
	Revisit bool                // ask fully answered pages too
	Status  string              // a line under the form; see Form.Status
	Extra   []tea.ProgramOption // for tests: window size, environment
}

// Run asks the session's questions in a terminal, saving after every
// answer. It returns ErrInterrupted when the person stops (Ctrl-C,
// SIGINT, ctx ending, the input closing) before the last page.
func Run(ctx context.Context, s *Session, opt RunOptions) error {
	form := NewForm(s, opt.Revisit, opt.Theme)
	form.Status = opt.Status
	progOpts := append([]tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithInput(opt.In),
		tea.WithOutput(opt.Out),
	}, opt.Extra...)
	_, err := tea.NewProgram(form, progOpts...).Run()
	// However the program ended (a signal, ctx, the input closing), what
	// the question on screen shows is saved, a note being typed too.
	form.commit()
	if form.Err != nil {
		return form.Err
	}
	if form.Finished && err == nil {
		return nil
	}
	if form.Interrupted || err == nil || errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, io.EOF) {
		return ErrInterrupted
	}
	return fmt.Errorf("terminal: %w", err)
}

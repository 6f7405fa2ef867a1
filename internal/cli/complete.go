package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/merge"
	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

// The completions of flag values and arguments live here, in one place,
// registered on the whole tree by flag name: a flag that means the same in
// every command (--model, --min-level) completes the same everywhere.

// formatsOf is each command's --format values.
var formatsOf = map[string]func() []string{
	"score":  scoreFormats,
	"report": reportFormats,
	"diff":   diffFormats,
	"trend":  trendFormats,
	"plan":   render.PlanFormats,
}

// yamlArgs are the commands whose arguments are answers or model files.
var yamlArgs = map[string]bool{
	"score": true, "plan": true, "report": true, "diff": true, "trend": true, "merge": true, "model validate": true,
}

// registerCompletions gives every command under root the completions of
// its flag values and arguments.
func registerCompletions(io *IO, root *cobra.Command) {
	for _, c := range root.Commands() {
		registerCompletions(io, c)
	}
	if !root.HasParent() {
		return
	}
	path := subPath(root)
	noFiles := cobra.ShellCompDirectiveNoFileComp
	flag := func(name string, fn cobra.CompletionFunc) {
		if root.Flags().Lookup(name) == nil {
			return
		}
		if _, ok := root.GetFlagCompletionFunc(name); ok {
			return
		}
		_ = root.RegisterFlagCompletionFunc(name, fn)
	}
	if formats, ok := formatsOf[path]; ok {
		flag("format", fixed(formats()))
	}
	flag("strategy", fixed(merge.Strategies()))
	for _, name := range []string{"model", "old-model", "new-model"} {
		flag(name, func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeModels(toComplete, true)
		})
	}
	for _, name := range []string{"min-level", "target"} {
		flag(name, func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeLevels(modelInPlay(io, cmd, args), toComplete), noFiles
		})
	}
	flag("pillar", func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return completePillars(modelInPlay(io, cmd, args), toComplete), noFiles
	})
	for _, name := range []string{"assessed-at", "organization", "scope", "respondent", "threshold"} {
		flag(name, cobra.NoFileCompletions)
	}
	if root.ValidArgsFunction != nil || len(root.ValidArgs) > 0 {
		return
	}
	switch {
	case path == "model show":
		root.ValidArgsFunction = oneArg(func(toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeModels(toComplete, true)
		})
	case path == "model export":
		root.ValidArgsFunction = oneArg(func(toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeModels(toComplete, false)
		})
	case yamlArgs[path]:
		root.ValidArgsFunction = func(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
		}
	case root.Args != nil && !root.HasSubCommands():
		// A command without arguments (init, assess, model list) or
		// whose arguments are words completes no file names.
		root.ValidArgsFunction = cobra.NoFileCompletions
	}
}

func fixed(values []string) cobra.CompletionFunc {
	return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
}

// oneArg completes the first argument with fn, and nothing after it.
func oneArg(fn func(string) ([]cobra.Completion, cobra.ShellCompDirective)) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return fn(toComplete)
	}
}

// completeModels lists the embedded model ids starting with toComplete,
// with their names, and, when files is true, the *.yaml and *.yml files
// and the directories in the directory toComplete names.
func completeModels(toComplete string, files bool) ([]cobra.Completion, cobra.ShellCompDirective) {
	var comps []cobra.Completion
	for _, id := range model.EmbeddedIDs() {
		if !strings.HasPrefix(id, toComplete) {
			continue
		}
		desc := "embedded model"
		if m, err := model.Embedded(id); err == nil {
			desc = m.Name
		}
		comps = append(comps, cobra.CompletionWithDesc(id, desc))
	}
	directive := cobra.ShellCompDirectiveNoFileComp
	if !files {
		return comps, directive
	}
	dir, prefix := filepath.Split(toComplete)
	entries, err := os.ReadDir(dirOrDot(dir))
	if err != nil {
		return comps, directive
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || strings.HasPrefix(name, ".") && !strings.HasPrefix(prefix, ".") {
			continue
		}
		if e.IsDir() {
			comps = append(comps, cobra.Completion(dir+name+"/"))
			directive |= cobra.ShellCompDirectiveNoSpace // to go on into the directory
			continue
		}
		if ext := strings.ToLower(filepath.Ext(name)); ext == ".yaml" || ext == ".yml" {
			comps = append(comps, cobra.Completion(dir+name))
		}
	}
	return comps, directive
}

func dirOrDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

// completeLevels lists m's level values, then its names, starting with
// toComplete (names in any case), each described by the other.
func completeLevels(m *model.Model, toComplete string) []cobra.Completion {
	if m == nil {
		return nil
	}
	var values, names []cobra.Completion
	for _, l := range m.Levels {
		v := fmt.Sprint(l.Value)
		if strings.HasPrefix(v, toComplete) {
			values = append(values, cobra.CompletionWithDesc(v, l.Name))
		}
		if strings.HasPrefix(strings.ToLower(l.Name), strings.ToLower(toComplete)) {
			names = append(names, cobra.CompletionWithDesc(l.Name, v))
		}
	}
	return append(values, names...)
}

// completePillars lists m's pillar ids starting with toComplete, with
// their names.
func completePillars(m *model.Model, toComplete string) []cobra.Completion {
	if m == nil {
		return nil
	}
	var comps []cobra.Completion
	for _, p := range m.Pillars {
		if strings.HasPrefix(p.ID, toComplete) {
			comps = append(comps, cobra.CompletionWithDesc(p.ID, p.Name))
		}
	}
	return comps
}

// modelInPlay is the model a command would use, as far as completion can
// tell: --model (for diff, also --new-model), else the model the first
// readable answers file among the arguments names (for assess, its
// --output file), else the default model; nil when it cannot be loaded.
func modelInPlay(io *IO, cmd *cobra.Command, args []string) *model.Model {
	spec := flagString(cmd, "model")
	if spec == "" {
		spec = flagString(cmd, "new-model")
	}
	if spec == "" {
		files := args
		if cmd.Name() == "assess" {
			files = []string{flagString(cmd, "output")}
		}
		for _, name := range files {
			if id := answersModel(name); id != "" {
				spec = id
				break
			}
		}
	}
	if spec == "-" {
		return nil // standard input is the shell's, not a model
	}
	m, err := loadModel(io, spec)
	if err != nil {
		return nil
	}
	return m
}

func flagString(cmd *cobra.Command, name string) string {
	if f := cmd.Flags().Lookup(name); f != nil && f.Value.Type() == "string" {
		return f.Value.String()
	}
	return ""
}

// answersModel is the model id the answers file name names, or "" when
// name is not a readable answers file (standard input is never read).
func answersModel(name string) string {
	if name == "" || name == "-" {
		return ""
	}
	if st, err := os.Stat(name); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	data, err := yamlx.ReadFile(name, nil)
	if err != nil {
		return ""
	}
	f, err := answers.Parse(name, data)
	if err != nil {
		return ""
	}
	return f.Model
}

#!/usr/bin/env bash
# Measures maturity's performance targets (SPEC.md "Performance") as ratios
# taken side by side in one run on this machine. Not a test: CI does not run
# it. Usage: bench/run.sh [quick] [PART...]   (quick: fewer runs and files;
# PART: 1 to 4, the parts to run; all of them when none is named)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=
if [ "${1:-}" = quick ]; then quick=quick; shift; fi
parts=" ${*:-1 2 3 4} "
want() { [[ $parts == *" $1 "* ]]; }
interleaved=2000; files_big=10000
if [ "$quick" = quick ]; then interleaved=300; files_big=2000; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The release build, as README's install line and a release make it: static
# (CGO_ENABLED=0). A plain `go build` links dynamically (cobra's flag library
# imports net, which uses cgo when a C compiler is there), and the CI build
# leaves the questionnaire out; part 1 measures both too.
CGO_ENABLED=0 go build -trimpath -o "$work/maturity" ./cmd/maturity
go build -o "$work/maturity-cgo" ./cmd/maturity
CGO_ENABLED=0 go build -trimpath -tags noassess -o "$work/maturity-ci" ./cmd/maturity
go build -o "$work/floor" ./bench/floor
go build -o "$work/genmodel" ./bench/genmodel
go build -o "$work/interleave" ./bench/interleave
m="$work/maturity"

# ns_per_run N CMD...: mean wall time of N runs, in nanoseconds.
ns_per_run() {
  local n=$1; shift
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  echo $(((end - start) / n))
}

ms() { awk -v ns="$1" 'BEGIN { printf "%.2f ms", ns / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "machine: $(nproc) cores, $(go version | awk '{print $3}'), $(date -u +%Y-%m-%d)"
echo

# 1. One complete answers file for the embedded model, against the floor.
# The runs are interleaved (floor, then each build, round after round) so
# that the machine's drift falls on all alike; medians.
answers=testdata/answers/pa-500-full.yaml
if want 1; then
echo "1. maturity score FILE --format json vs. read+parse floor (target <= 1.5x), $interleaved interleaved rounds"
"$work/interleave" -rounds "$interleaved" \
  "floor (read + yaml.Unmarshal)=$work/floor $answers" \
  "maturity, release build (static)=$m score $answers --format json" \
  "maturity, CI build (-tags noassess)=$work/maturity-ci score $answers --format json" \
  "maturity, plain go build (cgo)=$work/maturity-cgo score $answers --format json"
echo
fi

# 2. Many answers files in one run against one process per file.
if want 2; then
sources=(testdata/answers/pa-200-contoso.yaml testdata/answers/pa-500-full.yaml testdata/answers/pa-partial.yaml)
for count in 1000 "$files_big"; do
  dir="$work/batch-$count"
  mkdir -p "$dir"
  for ((i = 0; i < count; i++)); do cp "${sources[i % 3]}" "$dir/$(printf 'a%05d' "$i").yaml"; done
  "$m" score "$dir" --format jsonl >"$work/batch.jsonl"
  lines=$(wc -l <"$work/batch.jsonl")
  # the batch: the median of five runs; the separate runs: one long loop,
  # itself an average over $count processes
  batch_ns=$(for r in 1 2 3 4 5; do ns_per_run 1 "$m" score "$dir" --format jsonl; done | sort -n | sed -n 3p)
  start=$(date +%s%N)
  for f in "$dir"/*.yaml; do "$m" score "$f" --format json >/dev/null; done
  end=$(date +%s%N)
  separate_ns=$((end - start))
  echo "2. $count files: one 'maturity score DIR --format jsonl' vs. $count processes (target >= 20x)"
  echo "   one run $(ms "$batch_ns") ($lines lines, median of 5), separate runs $(ms "$separate_ns"): $(ratio "$separate_ns" "$batch_ns")x faster"
done
echo
fi

# 4. maturity plan against score, same file, interleaved (SPEC: plan on
# the embedded model within 1.5x of score). pa-200-contoso is at 200, so
# its plan has three phases, each re-scored.
plan_answers=testdata/answers/pa-200-contoso.yaml
if want 4; then
echo "4. maturity plan FILE vs. maturity score FILE (target <= 1.5x), $interleaved interleaved rounds"
"$work/interleave" -rounds "$interleaved" \
  "maturity score FILE --format json=$m score $plan_answers --format json" \
  "maturity plan FILE --format json=$m plan $plan_answers --format json" \
  "maturity plan FILE (text)=$m plan $plan_answers"
echo
fi

# 3. A generated model: validate, and score complete answers for it, each
# against parsing the model file into a yaml.Node alone (the floor program's
# -node mode), interleaved like part 1: run in blocks, the three commands
# met the machine's drift at different moments and the ratio moved by 0.1.
want 3 || exit 0
echo "3. generated models: validate, and score complete answers (target: 10,000 indicators < 100 ms, linear;"
echo "   validate+score within 1.3x of parsing the model file into a yaml.Node, each in a process of its own)"
for n in 1000 10000 40000; do
  "$work/genmodel" -n "$n" -model "$work/m$n.yaml" -answers "$work/a$n.yaml"
  # the same answers naming the model file by path, as format v2 allows
  sed "s|^model: generated\$|model: ./m$n.yaml|" "$work/a$n.yaml" >"$work/p$n.yaml"
  case $n in 1000) rounds=300 ;; 10000) rounds=150 ;; *) rounds=30 ;; esac
  [ "$quick" = quick ] && rounds=$((rounds / 5))
  echo "   $n indicators, $rounds interleaved rounds:"
  "$work/interleave" -rounds "$rounds" -warmup 3 \
    "node parse of the model alone=$work/floor -node $work/m$n.yaml" \
    "maturity model validate=$m model validate $work/m$n.yaml" \
    "maturity score (validate+score)=$m score --model $work/m$n.yaml $work/a$n.yaml --format json" \
    "maturity score, model by path=$m score $work/p$n.yaml --format json" |
    tee "$work/part3.txt"
  awk -v n="$n" '/validate\+score/ { printf "     validate+score: %.1f µs per indicator\n", $5 * 1000 / n }' "$work/part3.txt"
done

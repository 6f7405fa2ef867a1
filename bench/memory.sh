#!/usr/bin/env bash
# Peak memory of batches (SPEC "Limits and bad input": a batch's memory
# does not grow with the number of files, in any format: 10,000 answers
# files, or 8 hostile files at the limits, stay under 256 MiB). Peak RSS of
# the real binary, from GNU time. Not a test: CI does not run it.
# Usage: bench/memory.sh [FILES]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-10000}
limit_kb=$((256 * 1024))

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -trimpath -o "$work/maturity" ./cmd/maturity
m="$work/maturity"

# $files complete answers files of the embedded model.
mkdir "$work/batch"
for ((i = 1; i <= files; i++)); do
  cp testdata/answers/pa-500-full.yaml "$work/batch/a$i.yaml"
done

# 8 hostile answers files just under the 8 MiB limit, of the kind the
# limits still let through to the parser: about 131,000 unknown ids each.
mkdir "$work/hostile"
for ((i = 0; i < 8; i++)); do
  awk -v f="$i" -v max=$((8 * 1024 * 1024 - 100)) 'BEGIN {
    print "model: power-automate"; print "answers:"; size = 31
    for (n = 0; size + 64 < max; n++) {
      printf "  x%07d.%02d.unknown-indicator-id-padding-padding-padding: yes\n", n, f; size += 64
    }
  }' >"$work/hostile/h$i.yaml"
done

peak() { # peak KB and seconds of one run
  /usr/bin/time -f "%M %e" "$@" 2>&1 >/dev/null | tail -1
}

over=0
printf '| input | format | GOMAXPROCS | peak RSS | time |\n| --- | --- | ---: | ---: | ---: |\n'
for procs in 2 8; do
  for format in text json jsonl yaml markdown junit csv; do
    for input in batch hostile; do
      read -r kb secs < <(GOMAXPROCS=$procs peak "$m" score "$work/$input" --format "$format" || true)
      name="$files answers files"
      [ "$input" = hostile ] && name="8 hostile files at the limits"
      printf '| %s | %s | %d | %d MiB | %s s |\n' "$name" "$format" "$procs" $((kb / 1024)) "$secs"
      [ "$kb" -lt "$limit_kb" ] || over=1
    done
  done
done
[ "$over" = 0 ] && echo "every run under 256 MiB" || { echo "some run over 256 MiB"; exit 1; }

#!/usr/bin/env bash
# Regenerates the reports of the sample clusters in every format (called by `make reports`):
#   reports/generate.sh PATH_TO_BINARY [OUTPUT_FOLDER]
# The generation time is pinned, so the same binary and samples give the same bytes; a test
# runs this script into a temporary folder and compares it with the committed reports/.
set -euo pipefail
binary=${1:?usage: reports/generate.sh PATH_TO_BINARY [OUTPUT_FOLDER]}
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
root=$(cd "$(dirname "$0")/.." && pwd)
output=${2:-$root/reports}
mkdir -p "$output"
output=$(cd "$output" && pwd)
# Reports name their inputs by the paths they were given: relative to the repository.
cd "$root"
report_time=2026-01-01T00:00:00Z

# sample name, then the audit's extra arguments (the simulated samples carry a cluster.toml).
samples=(
  "clean-week"
  "faulty-month"
  "mixed-layouts"
  "quarter"
  "hand-made --tz UTC"
)

for entry in "${samples[@]}"; do
  read -r name extra <<<"$entry"
  folder=$output/$name
  mkdir -p "$folder"
  status=0
  # shellcheck disable=SC2086 # $extra is a list of arguments
  "$binary" audit "Samples/$name" $extra --report-time "$report_time" \
    --format text \
    --write json="$folder/report.json" \
    --write markdown="$folder/report.md" \
    --write html="$folder/report.html" \
    --write junit="$folder/report.junit.xml" \
    --write sarif="$folder/report.sarif" \
    --write prometheus="$folder/report.prom" \
    --write nagios="$folder/report.nagios.txt" \
    >"$folder/report.txt" || status=$?
  if [ "$status" -gt 3 ]; then
    echo "audit of Samples/$name failed with exit status $status" >&2
    exit 1
  fi
  echo "Samples/$name: exit $status"
done

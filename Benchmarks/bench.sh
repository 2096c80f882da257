#!/usr/bin/env bash
# Speed and memory of the audit (SPEC §10), side by side with pcre2grep and ripgrep, on every
# shape of corpus the targets name.
#
# Generates (once, cached in bench-corpus/<shape>/, regenerated only when the shape's simulate
# options change) one simulated corpus per shape, then for each shape times in one hyperfine
# run, on the same files: the full audit with its JSON report (input hashing included),
# `pcre2grep -c` counting the backup lines, and `rg -c --no-mmap Backup`; then measures the
# audit's peak memory with `/usr/bin/time -v`. Then, for each shape, the evidence ledger's
# incremental reading (SPEC §11): a run over the unchanged logs (its first run done), and a run
# after each live log grew by 1 % (on a copy, each run starting from the ledger of the copy
# before the growth). Prints each shape's hyperfine output (on standard error) and, at the end,
# the machine, the date, the load and one table of every shape with its ratios and peak against
# the targets, then one of the ledger's runs. Not run by .ci/run: it takes minutes.
#
# The shapes are those of SPEC §10, plus a 100 MB one (the table below): the ordinary noise,
# the same with one noise line in five mentioning a backup class (`--decoy-share 0.2`), the
# structured log in its JSON form, and two years of nightly cluster backups on 16 servers.
#
# Environment: BENCH_BIN (default: the binary the Debian package ships, `make static`'s: a
# release build with the Swift runtime and Foundation linked in, made here), BENCH_RUNS (default 10),
# BENCH_WARMUP (default 2), BENCH_CORPUS (default bench-corpus), BENCH_SHAPES (default: every
# shape of the table, in its order; e.g. "1g json"), BENCH_LEDGER (default 1; 0 skips the
# ledger's runs).
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-10}
warmup=${BENCH_WARMUP:-2}
corpus=${BENCH_CORPUS:-bench-corpus}
# name | what it is | the simulate options that generate it
shape_table='
100m    | 100 MB, 8 servers, IRIS layout, ordinary noise | --servers 8 --days 3 --noise-per-hour 1650 --seed 1
1g      | 1 GB, 8 servers, IRIS layout, ordinary noise | --servers 8 --days 30 --noise-per-hour 1650 --seed 1
decoys  | 1 GB, 8 servers, one line in five mentions a backup class | --servers 8 --days 30 --noise-per-hour 1650 --decoy-share 0.2 --seed 1
json    | structured log, JSON form, 2 servers | --servers 2 --days 30 --noise-per-hour 1650 --layouts structured-json --seed 1
history | 2 years of nightly backups, 16 servers | --servers 16 --days 730 --noise-per-hour 28 --approaches freeze,quiesce,checkpoint --seed 1
'
declare -A titles options
order=()
while IFS='|' read -r name title wanted; do
  name=${name// /}
  [ -n "$name" ] || continue
  order+=("$name")
  title=${title# }
  titles[$name]=${title% }
  options[$name]=${wanted# }
done <<<"$shape_table"
read -r -a shapes <<<"${BENCH_SHAPES:-${order[*]}}"
for shape in "${shapes[@]}"; do
  [ -n "${options[$shape]:-}" ] || {
    echo "bench.sh: unknown shape $shape (use: ${order[*]})" >&2
    exit 1
  }
done

# The tools: `make bench` installs them from Debian's packages.
missing=()
for pair in hyperfine:hyperfine rg:ripgrep pcre2grep:pcre2-utils /usr/bin/time:time \
  python3:python3; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench.sh: missing ${missing[*]}: run make bench, which installs them" >&2
  exit 1
fi

if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$BENCH_BIN
else
  swift build -c release --static-swift-stdlib --scratch-path .build-static \
    --product iris-backup-audit >&2
  BIN=.build-static/release/iris-backup-audit
fi

# A shape's corpus, generated when its folder was made by other options (or not at all).
generate() {
  local folder="$corpus/$1" wanted="${options[$1]}"
  if [ "$(cat "$folder/.options" 2>/dev/null)" != "$wanted" ]; then
    rm -rf "${folder:?}"
    # shellcheck disable=SC2086 # the options are words
    "$BIN" simulate "$folder" $wanted >&2
    echo "$wanted" >"$folder/.options"
  fi
}

pattern='Backup\.[A-Za-z]+\.[A-Za-z]+: '

# The ledger's runs over a shape's corpus (folder, size): the first run, timed once; a run over
# the unchanged logs; and, on a copy whose live logs lost their last 1 % (cut at a line) before
# the copy's first run, a run after they grew back, each from that first run's ledger.
bench_ledger() {
  local shape=$1 folder=$2 size=$3 ledger="$work/$1.ledger" copy="$work/$1-growth"
  local ledger_audit=("$BIN" audit --format json --report-time "$report_time" --ledger)
  local started first
  started=$(date +%s%N)
  "${ledger_audit[@]}" "$ledger" "$folder" >/dev/null || [ $? -le 2 ]
  first=$(($(date +%s%N) - started))
  cp -r "$folder" "$copy"
  # Each live log's last 1 % goes aside (out of the server's folder, where it would be a log).
  mkdir "$copy.growth"
  python3 - "$copy" <<'PYTHON'
import glob, os, sys
copy = sys.argv[1]
for log in glob.glob(copy + "/*/messages.log"):
    with open(log, "rb") as file:
        data = file.read()
    cut = data.index(b"\n", len(data) * 99 // 100) + 1
    with open("%s.growth/%s" % (copy, os.path.basename(os.path.dirname(log))), "wb") as file:
        file.write(data[cut:])
    os.truncate(log, cut)
PYTHON
  "${ledger_audit[@]}" "$copy.base" "$copy" >/dev/null || [ $? -le 2 ]
  local server
  for log in "$copy"/*/messages.log; do
    server=$(basename "$(dirname "$log")")
    cat "$copy.growth/$server" >>"$log"
  done
  echo "== $shape: the ledger's runs (unchanged logs; after 1 % growth)" >&2
  hyperfine --warmup "$warmup" --runs "$runs" --ignore-failure --style basic \
    --export-json "$work/$shape.ledger.json" \
    -n unchanged --prepare : "${ledger_audit[*]} $ledger $folder" \
    -n growth --prepare "cp $copy.base $copy.run && rm -f $copy.run-wal $copy.run-shm" \
    "${ledger_audit[*]} $copy.run $copy" >&2
  local read
  read=$(python3 - "$copy.run" <<'PYTHON'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT coalesce(sum(read_to - read_from), 0) FROM input_ranges"
                 " WHERE run_id = (SELECT max(id) FROM runs)").fetchone()[0])
PYTHON
)
  printf '%s\t%s\t%s\t%s\n' "$shape" "$size" "$first" "$read" >>"$work/ledger.tsv"
  rm -rf "$copy" "$copy".*
}
report_time=2030-01-01T00:00:00Z
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for shape in "${shapes[@]}"; do
  generate "$shape"
  folder="$corpus/$shape"
  files=("$folder"/*/messages.log)
  audit=("$BIN" audit "$folder" --format json --report-time "$report_time")
  # The audit exits 1 or 2 when it finds something to report: only 3 or a crash is a failure.
  status=0
  "${audit[@]}" >/dev/null || status=$?
  if [ "$status" -gt 2 ]; then
    echo "bench.sh: the audit of $folder failed (exit $status)" >&2
    exit 1
  fi
  echo "== $shape: ${titles[$shape]} (simulate ${options[$shape]})" >&2
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  hyperfine --warmup "$warmup" --runs "$runs" --ignore-failure --style basic \
    --export-json "$work/$shape.json" -n audit "${audit[*]}" \
    -n pcre2grep "pcre2grep -c '$pattern' ${files[*]}" \
    -n rg "rg -c --no-mmap Backup ${files[*]}" >&2
  load_after=$(cut -d' ' -f1 /proc/loadavg)
  peak=$(/usr/bin/time -v "${audit[@]}" 2>&1 >/dev/null |
    awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }')
  size=$(du -cb "${files[@]}" | tail -1 | cut -f1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$shape" "${titles[$shape]}" "$size" \
    "${#files[@]}" "$folder/truth.json" "$peak" "$load_before" "$load_after" >>"$work/shapes.tsv"
  [ "${BENCH_LEDGER:-1}" = 0 ] || bench_ledger "$shape" "$folder" "$size"
done

cat <<EOF

machine: $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo), \
$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), \
$(sed -n 's/^PRETTY_NAME=//p' /etc/os-release | tr -d '"')
date: $(date -u '+%Y-%m-%d %H:%M UTC'); $runs runs after $warmup warm-up runs per command
audit: $BIN audit <corpus> --format json --report-time $report_time
pcre2grep: pcre2grep -c '$pattern' <the corpus's messages.log files>; rg: rg -c --no-mmap Backup <the same>
EOF
python3 - "$work" <<'PYTHON'
import json, sys
work = sys.argv[1]
print()
print("| shape | corpus | GB | servers | sessions | audit s | audit CPU s | pcre2grep s | rg s "
      "| audit/pcre2grep | audit/rg | peak MiB | load |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
misses = []
for row in open(work + "/shapes.tsv"):
    shape, title, size, servers, truth, peak, before, after = row.rstrip("\n").split("\t")
    results = {r["command"]: r for r in json.load(open("%s/%s.json" % (work, shape)))["results"]}
    audit, grep, rg = (results[name]["median"] for name in ("audit", "pcre2grep", "rg"))
    cpu = results["audit"]["user"] + results["audit"]["system"]
    sessions = len(json.load(open(truth))["sessions"])
    to_grep, to_rg = audit / grep, audit / rg
    print("| %s | %s | %.2f | %s | %d | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f | %s | %s→%s |" % (
        shape, title, int(size) / 1e9, servers, sessions, audit, cpu, grep, rg, to_grep, to_rg,
        peak, before, after))
    if to_grep > 1.0:
        misses.append("%s: audit/pcre2grep %.2f > 1.0" % (shape, to_grep))
    if float(peak or "inf") >= 64:
        misses.append("%s: peak %s MiB >= 64" % (shape, peak))
    if shape in ("100m", "1g") and to_rg > 2.0:
        misses.append("%s: audit/rg %.2f > 2.0 (a goal)" % (shape, to_rg))
print()
print("times: medians of the wall time; audit CPU: mean user + system time (on two cores the "
      "audit reads servers in parallel); load: 1-minute load average before and after the "
      "shape's hyperfine run")
print("targets (SPEC §10): audit/pcre2grep <= 1.0 and peak < 64 MiB on every shape; "
      "goal audit/rg <= 2.0 on the ordinary noise")
print("not met: " + "; ".join(misses) if misses else "every target met")
PYTHON
[ -s "$work/ledger.tsv" ] || exit 0
python3 - "$work" <<'PYTHON'
import json, sys
work = sys.argv[1]
print()
print("| shape | GB | ledger: first run s | unchanged logs s | after 1 % growth s | bytes read after growth |")
print("| --- | --- | --- | --- | --- | --- |")
misses = []
for row in open(work + "/ledger.tsv"):
    shape, size, first, read = row.rstrip("\n").split("\t")
    results = {r["command"]: r for r in json.load(open("%s/%s.ledger.json" % (work, shape)))["results"]}
    unchanged, growth = (results[name]["median"] for name in ("unchanged", "growth"))
    print("| %s | %.2f | %.3f | %.3f | %.3f | %s (%.2f %%) |" % (
        shape, int(size) / 1e9, int(first) / 1e9, unchanged, growth, read,
        100.0 * int(read) / int(size)))
    if unchanged >= 0.050:
        misses.append("%s: unchanged logs %.3f s >= 0.050 s" % (shape, unchanged))
print()
print("ledger: audit --ledger FILE <corpus> --format json; the unchanged run reads no log beyond "
      "its first 4 KiB and, having added no evidence, reports the audit the first run recorded; "
      "the growth run starts from the ledger of the copy before its live logs grew by their "
      "last 1 %, reads the new bytes and audits the ledger's whole history")
print("target (issue 18): a run over unchanged logs under 50 ms whatever their size")
print("not met: " + "; ".join(misses) if misses else "every target met")
PYTHON

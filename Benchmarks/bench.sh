#!/usr/bin/env bash
# Speed and memory of the audit (SPEC §10), side by side with pcre2grep and ripgrep.
#
# Generates (once, cached in bench-corpus/) a 1 GB and a 100 MB simulated corpus of 8 servers,
# then times in one hyperfine run, on the same files: the full audit with its JSON report (input
# hashing included), `pcre2grep -c` counting the backup lines, and `rg -c --no-mmap Backup`.
# Prints the machine, the date, the load, the medians, the ratios against the targets, and the
# audit's peak memory at 100 MB and at 1 GB. Not run by .ci/run: it takes minutes.
#
# Environment: BENCH_BIN (default: a release build made here), BENCH_RUNS (default 10),
# BENCH_WARMUP (default 2), BENCH_CORPUS (default bench-corpus).
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-10}
warmup=${BENCH_WARMUP:-2}
corpus=${BENCH_CORPUS:-bench-corpus}
sudo=$([ "$(id -u)" = 0 ] || echo sudo)

# The tools, from Debian's packages when missing.
missing=()
for pair in hyperfine:hyperfine rg:ripgrep pcre2grep:pcre2-utils /usr/bin/time:time \
  python3:python3; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$BENCH_BIN
else
  swift build -c release >&2
  BIN=.build/release/iris-backup-audit
fi

# name days noise-per-hour: 8 servers of the IRIS layout, about 1 GB and 100 MB in all.
generate() {
  local name=$1 days=$2 noise=$3
  local folder="$corpus/$name" parameters="servers=8 days=$days noise-per-hour=$noise seed=1"
  if [ "$(cat "$folder/.parameters" 2>/dev/null)" != "$parameters" ]; then
    rm -rf "$folder"
    "$BIN" simulate "$folder" --servers 8 --days "$days" --noise-per-hour "$noise" --seed 1 >&2
    echo "$parameters" >"$folder/.parameters"
  fi
}
generate 1g 30 1650
generate 100m 3 1650

files=("$corpus"/1g/*/messages.log)
pattern='Backup\.[A-Za-z]+\.[A-Za-z]+: '
audit="$BIN audit $corpus/1g --format json"
pcre2grep="pcre2grep -c '$pattern' ${files[*]}"
ripgrep="rg -c --no-mmap Backup ${files[*]}"
size=$(du -cb "${files[@]}" | tail -1 | cut -f1)

# The audit exits 1 or 2 when it finds something to report: only 3 or a crash is a failure.
status=0
"$BIN" audit "$corpus/1g" --format json >/dev/null || status=$?
if [ "$status" -gt 2 ]; then
  echo "the audit failed (exit $status)" >&2
  exit 1
fi

peak() { # the audit's peak resident memory in MiB
  /usr/bin/time -v "$BIN" audit "$1" --format json 2>&1 >/dev/null |
    awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
results=$(mktemp)
trap 'rm -f "$results"' EXIT
hyperfine --warmup "$warmup" --runs "$runs" --ignore-failure --style basic \
  --export-json "$results" -n audit "$audit" -n pcre2grep "$pcre2grep" -n rg "$ripgrep" >&2
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
peak_small=$(peak "$corpus/100m")
peak_large=$(peak "$corpus/1g")

python3 - "$results" <<PYTHON
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
audit, grep, rg = (results[name] for name in ("audit", "pcre2grep", "rg"))
def row(name, result):
    return "| %-9s | %8.3f | %8.3f | %8.3f | %8.3f |" % (
        name, result["median"], result["mean"], result["user"], result["system"])
size = $size
print()
print("machine: $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo), "
      "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^PRETTY_NAME=//p' /etc/os-release | tr -d '"')")
print("date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $load_before, after: $load_after")
print("corpus: %.2f GB, 8 servers (%s); $runs runs after $warmup warm-up runs" % (size / 1e9, "$corpus/1g"))
print()
print("| command   | median s |   mean s |   user s | system s |")
print("| --------- | -------- | -------- | -------- | -------- |")
for name, result in (("audit", audit), ("pcre2grep", grep), ("rg", rg)):
    print(row(name, result))
print()
to_grep = audit["median"] / grep["median"]
to_rg = audit["median"] / rg["median"]
print("audit / pcre2grep -c: %.2f (target <= 1.0: %s)" % (to_grep, "met" if to_grep <= 1.0 else "NOT met"))
print("audit / rg -c:        %.2f (goal <= 2.0: %s)" % (to_rg, "met" if to_rg <= 2.0 else "not met"))
print("audit peak RSS: $peak_small MiB at 100 MB, $peak_large MiB at 1 GB (target < 64 MiB)")
print("audit throughput: %.0f MB/s, SHA-256 of every input included" % (size / audit["median"] / 1e6))
PYTHON

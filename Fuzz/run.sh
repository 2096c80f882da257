#!/usr/bin/env bash
# Runs each fuzz target in turn for SECONDS, one libFuzzer process at a time, and prints what
# it did: executions, executions per second, coverage (libFuzzer's cov: edges, ft: features),
# the crashes, timeouts and out-of-memory inputs it met and saved. Exits 1 when a target saved
# one.
#   Fuzz/run.sh BINARY SECONDS TARGET…
# Each target grows its corpus in Fuzz/corpus/TARGET (ignored by git) from Fuzz/seeds/TARGET,
# and saves crashes, leaks and timeouts with libFuzzer's log (fuzz.log) in Fuzz/artifacts/TARGET.
set -u
cd "$(dirname "$0")/.."
binary=$(realpath "$1")
seconds=$2
shift 2
root=$(pwd)/Fuzz
crashed=0
summary=()

# Per target: the longest input, and leak checking (TOMLKit 0.6.0 leaks every parsed table and
# every key list, so the configuration target cannot check for leaks; README).
options() {
  case $1 in
    events) echo "-max_len=16384" ;;
    structured) echo "-max_len=4096" ;;
    gzip) echo "-max_len=16384" ;;
    configuration) echo "-max_len=8192 -detect_leaks=0" ;;
    durations) echo "-max_len=128" ;;
    snapshot) echo "-max_len=16384" ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
  esac
}
asan_options() {
  case $1 in
    configuration) echo "detect_leaks=0" ;;
    *) echo "detect_leaks=1" ;;
  esac
}

for target in "$@"; do
  corpus=$root/corpus/$target
  artifacts=$root/artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  dictionary=()
  [ -f "$root/dictionaries/$target.dict" ] && dictionary=("-dict=$root/dictionaries/$target.dict")
  touch "$artifacts/fuzz.log.start"
  before=$(find "$artifacts" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
  echo "== $target: $seconds s"
  # -fork=1: one child process at a time, as -jobs=1 -workers=1 would run, but restarted after
  # a crash instead of ending the target there, so that one run reports every crash it finds.
  # SWIFT_BACKTRACE off: libFuzzer and the address sanitizer report crashes themselves.
  (cd "$artifacts" && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=$(asan_options "$target") \
    FUZZ_TARGET=$target "$binary" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "${dictionary[@]}" $(options "$target") \
    "$corpus" "$root/seeds/$target" >"$artifacts/fuzz.log" 2>&1)
  log=$artifacts/fuzz.log
  # The parent's last progress line: `#N: cov: C ft: F corp: K exec/s: E oom/timeout/crash:
  # a/b/c time: Ts job: J`.
  last=$(grep -E '^#[0-9]+: cov: ' "$log" | tail -n 1)
  executions=$(echo "$last" | sed -E 's/^#([0-9]+):.*/\1/')
  elapsed=$(echo "$last" | sed -E 's/.* time: ([0-9]+)s.*/\1/')
  rate=$(( ${executions:-0} / ( ${elapsed:-1} > 0 ? ${elapsed:-1} : 1 ) ))
  coverage=$(echo "$last" | grep -Eo 'cov: [0-9]+ ft: [0-9]+')
  failures=$(echo "$last" | grep -Eo 'oom/timeout/crash: [0-9/]+')
  after=$(find "$artifacts" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
  crashes=$((after - before))
  line="$target: ${executions:-0} executions, $rate exec/s, ${coverage:-no coverage line}, ${failures:-no failure count}, $crashes new inputs saved"
  echo "$line"
  if [ "$crashes" -gt 0 ]; then
    crashed=1
    find "$artifacts" -newer "$log.start" \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \)
  fi
  summary+=("$line")
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $crashed

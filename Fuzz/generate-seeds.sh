#!/usr/bin/env bash
# Writes the fuzzing seeds, Fuzz/seeds/<target>/, from the samples, the shapes of the test
# fixtures and a few hand-written inputs. Each seed is small (at most 8 KB): libFuzzer mutates
# small inputs faster, and its corpus grows from them.
#   Fuzz/generate-seeds.sh
set -eu  # no pipefail: `head` ends the commands that feed it early, on purpose
cd "$(dirname "$0")/.."
seeds=Fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{events,structured,gzip,configuration,durations,snapshot}

# The first 30 lines of a log and 70 lines from its first backup message on, at most 8 KB.
excerpt() {
  { head -n 30 "$1"; awk '/Backup\.(General|ShardedCluster)/ { seen = 1 } seen && n++ < 70' "$1"; } |
    head -c 8192
}
# An events seed: the flag byte $2 (two hex digits; EventsHarness says what its bits do), then
# the log on standard input.
event_seed() { { printf "\\x$2"; cat; } >"$seeds/events/$1"; }

# Every layout the samples hold: IRIS (with and without a category), Caché's cconsole.log,
# legacy (no year), structured name/value pairs and JSON; with rotated gzip files.
excerpt Samples/hand-made/master/messages.log | event_seed iris-hand-made 00
excerpt Samples/hand-made/shard1/messages.log | event_seed iris-hand-made-split 20
excerpt Samples/clean-week/master/messages.log | event_seed iris-clean-week-paris 40
excerpt Samples/faulty-month/shard1/messages.log | event_seed iris-faulty-month-noprefilter 01
excerpt Samples/mixed-layouts/master/messages.log | event_seed iris-instance-start 26
excerpt Samples/mixed-layouts/shard1/cconsole.log | event_seed cache-cconsole 02
excerpt Samples/mixed-layouts/shard2/messages.log | event_seed structured-pairs 24
excerpt Samples/mixed-layouts/shard3/messages.log | event_seed structured-json 35
excerpt Samples/mixed-layouts/restore1/messages.log | event_seed iris-restore 0c
# Hand-written: what SPEC §3.1 and §9 name, one kind a line.
printf '%s\n' \
  '08/10-11:19:47:024 ( 2240) System Initialized.' \
  '08/10-11:19:48:024 ( 1836) 4 errors during journal restore' \
  '12/30-23:00:00:000 ( 2240) Backup.General.ExternalFreeze: Suspending system' \
  '01/02-01:00:00:000 ( 2240) Backup.General.ExternalThaw: System resumed' \
  '02/29-11:19:47:024 ( 2240) leap' | event_seed legacy-year-roll 80
printf '%s\n' \
  '08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system' \
  '' '*** Recovery started at Wed Aug 11 06:12:30 2021' \
  '     Current default directory: /usr/irissys/mgr' 'Exiting with status 3 (Success)' \
  '08/11/21-06:13:00:000 (9) 2 Previous system shutdown was abnormal, system forced down or crashed' \
  '13/45/26-05:49:43:233 (1) 0 impossible' '08/11/21-05:49:43:233 (1) 0 [SYSTEM MONITOR] ' \
  '06/14/18-14:25:05:988 (3788) 0 $ZF(-100) ret=0' | event_seed recovery-and-bad 00
printf '08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending\0 system\r\n08/11/21-05:49:44:000 (1) 0 [Utility.Event] Backup.General.ExternalThaw: System resumed\r\ntruncated last line' |
  event_seed nul-crlf 09
printf '%s\n' \
  '10/31/21-02:30:00:000 (7) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system' \
  '03/28/21-02:30:00:000 (7) 0 [Utility.Event] Backup.General.ExternalThaw: System resumed' \
  '03/26/25-06:43:16:626 (7) 0 [Generic.Event] Instance '"'"'IRIS'"'"' starting on node n by user u on 03/26/2025 05:43:16.626 UTC' \
  '08/11/21-05:49:45:000 (7) 0 [Utility.Event] Backup.ShardedCluster.JournalCheckpoint: Checkpoint 12 ends journal file /j/20210811.003' \
  '08/11/21-05:49:46:000 (7) 0 [Utility.Event] Backup.General.Frobnicate: something new' |
  event_seed dst-and-checkpoint 40
{ head -n 20 Samples/hand-made/shard2/messages.log; head -n 20 Samples/hand-made/shard2/messages.log; } |
  event_seed rotation-overlap 2c
zcat "$(ls Samples/faulty-month/shard1/messages.old_*.gz | head -n 1)" | head -c 6000 |
  event_seed gzip-rotated 10

# Envelopes (SPEC §3.1), detected per file: iris-main's prefix with its own lines, CRI with
# parts, Docker's json-file with escapes and parts, a compose stream and a syslog archive of
# two servers interleaved, RFC 5424.
hand=Samples/hand-made/master/messages.log
{ echo '[INFO] Starting InterSystems IRIS instance IRIS...'; excerpt $hand | head -c 4000 | sed 's/^/[INFO] log: /'; } |
  event_seed iris-main 00
excerpt $hand | head -c 5000 | awk '{ if (length($0) > 60) { print "2021-08-11T05:49:43.1Z stdout P " substr($0, 1, 60); print "2021-08-11T05:49:43.2Z stdout F " substr($0, 61) } else print "2021-08-11T05:49:43.3Z stdout F [INFO] log: " $0 }' |
  event_seed cri-parts 00
excerpt $hand | head -c 5000 | awk '{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/</, "\\u003c"); if (length($0) > 70) { print "{\"log\":\"" substr($0, 1, 70) "\",\"stream\":\"stdout\",\"time\":\"2021-08-11T05:49:43.1Z\"}"; print "{\"log\":\"" substr($0, 71) "\\n\",\"stream\":\"stdout\",\"time\":\"2021-08-11T05:49:43.2Z\"}" } else print "{\"stream\":\"stderr\",\"log\":\"" $0 "\\n\",\"time\":\"2021-08-11T05:49:43.3Z\"}" }' |
  event_seed docker-json 00
paste -d '\n' <(excerpt $hand | head -n 40 | sed 's/^/master    | /') \
  <(excerpt Samples/hand-made/shard1/messages.log | head -n 40 | sed 's/^/shard1    | /') | event_seed compose 00
paste -d '\n' <(excerpt $hand | head -n 40 | sed 's/^/Aug 11 05:49:43 master iris: /') \
  <(excerpt Samples/hand-made/shard1/messages.log | head -n 40 | sed 's/^/Aug  1 05:49:44 shard1 iris[7]: /') |
  event_seed syslog 20
excerpt $hand | head -n 60 | sed 's/^/<134>1 2021-08-11T05:49:43.233Z master iris - - - /' | event_seed syslog-5424 00

# One line each, in both structured forms, with escapes, numbers and odd levels.
head -n 3 Samples/mixed-layouts/shard2/messages.log | tail -n 1 >"$seeds/structured/pairs-journal"
head -n 1 Samples/mixed-layouts/shard3/messages.log >"$seeds/structured/json-instance"
printf '%s' 'when="2021-08-11 07:15:00.000" pid=9 level=INFO event=Utility.Event text="\\B\\a\\c\\k\\u\\p.ShardedCluster.Resume: System resumed"' >"$seeds/structured/pairs-escaped"
printf '%s' 'when=2021-08-11T07:15:00,123456789 pid=9 level=3 event=Utility.Event text=bare when="2021-08-11 07:16:00"' >"$seeds/structured/pairs-bare"
printf '%s' '{ "when": "2019-08-01 18:43:02.216", "pid": 8540, "level": "SEVERE", "event": "Utility.Event", "text": "Backup.General.ExternalThaw: Failed to resume system: \u0041\n2nd line"}' >"$seeds/structured/json-number-pid"
printf '%s' '08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system' >"$seeds/structured/iris-line"
printf '%s' '*** Recovery started at Sun Aug  1 06:12:30 2021' >"$seeds/structured/recovery-line"

# Gzip: whole and truncated members, two members, and plain bytes.
head -c 4000 Samples/hand-made/master/messages.log | gzip -9n >"$seeds/gzip/one-member"
{ head -c 1500 Samples/hand-made/shard1/messages.log | gzip -1n; head -c 1500 Samples/hand-made/shard2/messages.log | gzip -n; } >"$seeds/gzip/two-members"
head -c 1500 Samples/hand-made/shard2/messages.log | gzip -n | head -c 700 >"$seeds/gzip/truncated"
printf '' | gzip -n >"$seeds/gzip/empty-member"
head -c 300 Samples/hand-made/master/messages.log >"$seeds/gzip/plain"
# The first byte chooses the chunk sizes (GzipHarness); these seeds start with it.
for file in "$seeds"/gzip/*; do { printf '\x00'; cat "$file"; } >"$file.0" && mv "$file.0" "$file"; done
{ printf '\x52'; head -c 2000 Samples/hand-made/master/messages.log | gzip -n; } >"$seeds/gzip/small-chunks"

# Configuration files: the samples', the tests' full one, and headers toml++ must be spared.
for sample in clean-week faulty-month mixed-layouts; do
  cp "Samples/$sample/cluster.toml" "$seeds/configuration/$sample.toml"
done
awk '/^let fullConfiguration = #"""/ { keep = 1; next } keep && /^  """#/ { exit } keep { sub(/^  /, ""); print }' \
  Tests/ClusterConfigurationTests/ClusterConfigurationFileTests.swift >"$seeds/configuration/full.toml"
printf '[[[c' >"$seeds/configuration/table-header-crash"
printf 'a = [\n  [1, 2],\n  """\n[x\n"""\n]\n[ cluster ]\nname = "a"\n[[ "servers" ]]\nname = "m"\n' >"$seeds/configuration/nested"
printf '[thresholds]\nfreeze_timeout = 600\nskew_tolerance = "1h30m"\nwhen = 2021-08-11T05:49:43Z\nd = 1979-05-27\nt = 07:32:00\nf = 1e3\ninf = -inf\n' >"$seeds/configuration/values"

# Durations and times, as the command line takes them.
for text in 600 600s 10m 26h 1h30m 1500ms 2d1h1m1s1ms 9223372036854775807ms \
  2021-08-11T05:49:43Z 2021-08-11T05:49:43.123+02:00 2021-08-11 2021-08-11T05:49:43.5-05:30; do
  printf '%s' "$text" >"$seeds/durations/$text"
done
# Audit snapshots: the bytes a ledger keeps of the audit of small samples, made by the tool
# itself (IRIS_BACKUP_AUDIT, default the release build: `swift build -c release` first).
binary=${IRIS_BACKUP_AUDIT:-.build/release/iris-backup-audit}
if [ -x "$binary" ] && command -v sqlite3 >/dev/null; then
  work=$(mktemp -d)
  for sample in hand-made clean-week mixed-layouts; do
    "$binary" audit "Samples/$sample" --ledger "$work/$sample.ledger" \
      --report-time 2030-01-01T00:00:00Z >/dev/null 2>&1 || true
    sqlite3 "$work/$sample.ledger" \
      "SELECT writefile('$seeds/snapshot/$sample', data) FROM audit_snapshot_data" >/dev/null
  done
  rm -rf "$work"
else
  echo "no $binary or no sqlite3: no seeds for the snapshot target" >&2
fi
du -sh "$seeds"

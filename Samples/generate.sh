#!/usr/bin/env bash
# Regenerates the simulated sample clusters with fixed seeds (called by `make samples`):
#   Samples/generate.sh PATH_TO_BINARY
# Each sample's cluster.toml records the command line that made it; a test regenerates them
# from that line and checks the committed files are byte-identical.
set -euo pipefail
binary=${1:?usage: Samples/generate.sh PATH_TO_BINARY}
here=$(cd "$(dirname "$0")" && pwd)

every_fault=already-resumed,freeze-failed,thaw-failed,freeze-timeout-exceeded,freeze-near-timeout
every_fault=$every_fault,never-thawed,crash-while-frozen,unjournaled-databases,overlapping-freeze
every_fault=$every_fault,quiesce-timeout,never-resumed,quiesce-too-long,resume-without-quiesce
every_fault=$every_fault,member-missing,checkpoint-mismatch,clock-skew,rpo-exceeded
every_fault=$every_fault,insufficient-evidence,ambiguous-local-time,thaw-unconfirmed
every_fault=$every_fault,unrecognised-backup-message,zone-mismatch,checkpoint-collision
every_fault=$every_fault,decoy-lines,write-daemon-died,severe-noise

# A clean week of a 4-server cluster: every approach, no fault.
"$binary" simulate "$here/clean-week" --seed 101 --servers 4 --days 7 --start 2021-08-05 \
  --timezone Europe/Berlin,UTC,UTC,America/New_York --noise-per-hour 6

# A month with every fault, over the October DST change, with rotated and gzipped logs and
# a restore test (restore1, started from a snapshot of the master taken while frozen).
"$binary" simulate "$here/faulty-month" --seed 202 --servers 4 --days 30 --start 2021-10-10 \
  --timezone Europe/Berlin,UTC,America/New_York,UTC --faults "$every_fault" \
  --noise-per-hour 6 --rotate-bytes 200000 --gzip-rotated --restore-test

# A week in every log layout (IRIS, Caché, structured pairs and JSON), random faults, and a
# restore test.
"$binary" simulate "$here/mixed-layouts" --seed 303 --servers 4 --days 7 --start 2021-03-22 \
  --timezone Europe/Berlin,America/New_York,UTC,Asia/Tokyo \
  --layouts iris,cache,structured-pairs,structured-json --fault-rate 0.4 --noise-per-hour 4 \
  --restore-test

# A quarter of an 11-server cluster (master, shard1 to shard10), long enough for the reports'
# calendar and table of months: random faults and a restore test, no ordinary noise and the
# rotated logs gzipped, so that three months stay small.
"$binary" simulate "$here/quarter" --seed 404 --servers 11 --days 91 --start 2022-01-03 \
  --noise-per-hour 0 --fault-rate 0.1 --rotate-bytes 40000 --gzip-rotated --restore-test

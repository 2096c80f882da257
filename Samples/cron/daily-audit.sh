#!/bin/bash
# Daily compliance audit of an IRIS cluster's backups: one run of iris-backup-audit over the
# logs of every data server writes the day's reports, report.json, report.md and report.html,
# into $REPORT_ROOT/YYYY-MM-DD/ (the UTC date of the run), and the Prometheus textfile into
# the node exporter's textfile directory. Run it from cron (crontab) or from systemd
# (iris-backup-audit.service and .timer); see README.md.
#
# Configuration (environment variables; the first argument, if given, is CLUSTER_DIR):
#   CLUSTER_DIR        the cluster's logs: a folder with a subfolder per data server, each
#                      holding its messages.log (a cluster.toml there is read too). Required.
#   REPORT_ROOT        where the dated folders go (default /var/lib/iris-backup-audit/reports)
#   TEXTFILE_DIR       the node exporter's textfile collector directory
#                      (default /var/lib/prometheus/node-exporter); the file is iris_backup_audit.prom
#   IRIS_BACKUP_AUDIT  the audit tool (default iris-backup-audit, found on PATH)
#   AUDIT_SINCE        how far back to audit (default 26h: a day and some overlap); set it
#                      empty to audit all the logs hold
#   AUDIT_CONFIG       a configuration file (TOML) passed as --config (default: none)
#   AUDIT_TZ           the IANA zone of every server's log, passed as --tz (default: the
#                      configuration's zones, else this machine's)
#   AUDIT_FAIL_ON      warning (the tool's default) or critical: the least severity that makes
#                      the exit status non-zero
#   AUDIT_LEDGER       the evidence ledger each run is recorded in (default ledger.sqlite beside
#                      REPORT_ROOT: /var/lib/iris-backup-audit/ledger.sqlite); it keeps every
#                      run's events after the logs are purged, for `iris-backup-audit report
#                      --ledger` and `ledger verify`, and each run reads only the bytes the
#                      logs gained since the run before. Set it empty to keep no ledger (and
#                      read every byte every day)
#
# Exit status: the audit's, so that cron mail, a failed systemd unit or monitoring show it.
# The reports are written whatever the verdict (each file replaced atomically):
#   0  every backup session consistent (no finding at or above AUDIT_FAIL_ON)
#   1  warnings
#   2  a critical finding: at least one backup is not consistent
#   3  unknown: insufficient evidence, unreadable logs, or invalid usage or configuration
#      (then no report may have been written)

set -u

CLUSTER_DIR=${1:-${CLUSTER_DIR:-}}
REPORT_ROOT=${REPORT_ROOT:-/var/lib/iris-backup-audit/reports}
TEXTFILE_DIR=${TEXTFILE_DIR:-/var/lib/prometheus/node-exporter}
IRIS_BACKUP_AUDIT=${IRIS_BACKUP_AUDIT:-iris-backup-audit}
AUDIT_SINCE=${AUDIT_SINCE-26h}
AUDIT_CONFIG=${AUDIT_CONFIG:-}
AUDIT_TZ=${AUDIT_TZ:-}
AUDIT_FAIL_ON=${AUDIT_FAIL_ON:-}
AUDIT_LEDGER=${AUDIT_LEDGER-$(dirname -- "$REPORT_ROOT")/ledger.sqlite}

readonly UNKNOWN=3

# One line, timestamped in UTC, to standard error (cron mail, the systemd journal).
log() {
  printf '%s daily-audit: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
}

if [ -z "$CLUSTER_DIR" ]; then
  log "CONFIGURATION ERROR: name the cluster's log folder in CLUSTER_DIR or as the first argument"
  exit "$UNKNOWN"
fi
if [ ! -d "$CLUSTER_DIR" ]; then
  log "CONFIGURATION ERROR: $CLUSTER_DIR is not a folder"
  exit "$UNKNOWN"
fi

day_folder=$REPORT_ROOT/$(date -u +%Y-%m-%d)
folders=("$day_folder" "$TEXTFILE_DIR")
[ -n "$AUDIT_LEDGER" ] && folders+=("$(dirname -- "$AUDIT_LEDGER")")
for folder in "${folders[@]}"; do
  if ! mkdir -p -- "$folder"; then
    log "cannot create $folder"
    exit "$UNKNOWN"
  fi
done

arguments=(audit "$CLUSTER_DIR" --format json
  --write "markdown=$day_folder/report.md"
  --write "html=$day_folder/report.html"
  --write "prometheus=$TEXTFILE_DIR/iris_backup_audit.prom")
[ -n "$AUDIT_SINCE" ] && arguments+=(--since "$AUDIT_SINCE")
[ -n "$AUDIT_CONFIG" ] && arguments+=(--config "$AUDIT_CONFIG")
[ -n "$AUDIT_TZ" ] && arguments+=(--tz "$AUDIT_TZ")
[ -n "$AUDIT_FAIL_ON" ] && arguments+=(--fail-on "$AUDIT_FAIL_ON")
[ -n "$AUDIT_LEDGER" ] && arguments+=(--ledger "$AUDIT_LEDGER")

# report.json comes from standard output: written beside its final name, then renamed, so
# that a reader never sees half a report; the tool writes the --write files the same way.
json_temporary=$(mktemp "$day_folder/.report.json.XXXXXX") || {
  log "cannot create a temporary file in $day_folder"
  exit "$UNKNOWN"
}
trap 'rm -f -- "$json_temporary"' EXIT

log "auditing: $IRIS_BACKUP_AUDIT ${arguments[*]}"
"$IRIS_BACKUP_AUDIT" "${arguments[@]}" >"$json_temporary"
status=$?

if [ -s "$json_temporary" ]; then
  chmod 644 -- "$json_temporary"
  if mv -f -- "$json_temporary" "$day_folder/report.json"; then
    log "wrote $day_folder/report.json"
  else
    log "cannot write $day_folder/report.json"
    [ "$status" -lt "$UNKNOWN" ] && status=$UNKNOWN
  fi
else
  log "the audit wrote no report (exit status $status)"
  [ "$status" -lt "$UNKNOWN" ] && status=$UNKNOWN
fi

case "$status" in
  0) log "exit 0: every backup session consistent" ;;
  1) log "exit 1: warnings; see $day_folder/report.md" ;;
  2) log "exit 2: a critical finding, a backup is not consistent; see $day_folder/report.md" ;;
  *)
    log "exit $UNKNOWN: unknown, the audit exited with $status (insufficient evidence, unreadable logs or invalid usage)"
    status=$UNKNOWN
    ;;
esac
exit "$status"

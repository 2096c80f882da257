#!/bin/bash
# Azure Backup post-script for InterSystems IRIS (or Caché): thaws the instance with
# Backup.General.ExternalThaw() after the VM snapshot, then audits messages.log with
# `iris-backup-audit audit --last` to tell whether the snapshot just taken is consistent:
# ExternalThaw's exit status does not say whether the instance stayed frozen until then
# ("Already resumed"), nor for how long.
# Install as /etc/azure/postScript.sh (root:root, mode 700); see README.md.
#
# Configuration: environment variables, or the same names assigned in the file named by
# IRIS_BACKUP_CONF (default /etc/azure/iris-backup.conf), since Azure Backup runs this script
# with an environment of its own. The file's assignments win over the environment.
#   IRIS_INSTANCE      the instance to thaw (default IRIS)
#   IRIS_COMMAND       iris (default), or csession for Caché; a full path may be given
#   MESSAGES_LOG       the instance's log (default /usr/irissys/mgr/messages.log; Caché:
#                      <install>/mgr/cconsole.log)
#   IRIS_BACKUP_AUDIT  the audit tool (default iris-backup-audit, found on PATH)
#   AUDIT_TZ           the IANA zone messages.log is written in (default: this machine's)
#   AUDIT_FAIL_ON      critical (default): only a critical finding fails the backup, warnings
#                      (a freeze near the timeout, unjournalled databases) are logged;
#                      warning: warnings fail it too
#   FREEZE_TIMEOUT     the pre-script's ExternalFreezeTimeOut in seconds, if it sets one
#   AUDIT_WAIT         seconds the audit waits for the thaw's confirmation to reach
#                      messages.log (default 60): IRIS writes "System resumed" from another
#                      process, so it may not be there yet when ExternalThaw returns, and a
#                      backup whose end the audit has not read is never passed
#   LOG_FILE           this script's log (default /var/log/iris-backup/postscript.log),
#                      appended to, one UTC-timestamped line per message
#
# Exit status (Azure Backup takes 0 as success and anything else as a failed post-script):
#   0  thawed, and the audit found the backup consistent (or only warnings, with
#      AUDIT_FAIL_ON=critical)
#   1  the thaw failed: ExternalThaw exited with 3 or could not be run; the instance may
#      still be frozen
#   2  the backup is not consistent: a critical finding ("Already resumed", a freeze past its
#      timeout, a failed freeze, ...), or a warning with AUDIT_FAIL_ON=warning
#   3  consistency unknown: the audit found no session, or the backup still in progress after
#      AUDIT_WAIT seconds (its thaw not confirmed in messages.log), or could not read the log;
#      the audit tool is missing, or the configuration is invalid

set -u

IRIS_BACKUP_CONF=${IRIS_BACKUP_CONF:-/etc/azure/iris-backup.conf}
if [ -r "$IRIS_BACKUP_CONF" ]; then
  # shellcheck source=/dev/null
  . "$IRIS_BACKUP_CONF"
fi
IRIS_INSTANCE=${IRIS_INSTANCE:-IRIS}
IRIS_COMMAND=${IRIS_COMMAND:-iris}
MESSAGES_LOG=${MESSAGES_LOG:-/usr/irissys/mgr/messages.log}
IRIS_BACKUP_AUDIT=${IRIS_BACKUP_AUDIT:-iris-backup-audit}
AUDIT_TZ=${AUDIT_TZ:-}
AUDIT_FAIL_ON=${AUDIT_FAIL_ON:-critical}
FREEZE_TIMEOUT=${FREEZE_TIMEOUT:-}
AUDIT_WAIT=${AUDIT_WAIT:-60}
LOG_FILE=${LOG_FILE:-/var/log/iris-backup/postscript.log}

readonly THAW_FAILED=3

# One line, timestamped in UTC, to standard output and to the log file.
log() {
  local line
  line="$(date -u +%Y-%m-%dT%H:%M:%SZ) postScript: $*"
  printf '%s\n' "$line"
  printf '%s\n' "$line" >>"$LOG_FILE"
}

# Logs each non-empty line of $2 with the prefix $1.
log_lines() {
  local line
  while IFS= read -r line; do
    [ -n "$line" ] && log "  $1$line"
  done <<<"$2"
}

# Runs one ObjectScript command in %SYS; what IRIS prints goes to the log.
# Returns the command's exit status.
run_iris() {
  local output status
  case "$(basename -- "$IRIS_COMMAND")" in
    csession*) output=$("$IRIS_COMMAND" "$IRIS_INSTANCE" -U%SYS "$1" 2>&1) ;;
    *) output=$("$IRIS_COMMAND" session "$IRIS_INSTANCE" -U%SYS "$1" 2>&1) ;;
  esac
  status=$?
  log_lines "$IRIS_COMMAND: " "$output"
  return "$status"
}

# Audits the most recent backup session of MESSAGES_LOG and logs the tool's status line; with
# $1 = wait, gives the thaw's confirmation AUDIT_WAIT seconds to reach the log.
# Returns 0 consistent, 2 not consistent, 3 unknown (this script's exit statuses).
audit_last_backup() {
  local arguments status line errors
  if ! command -v "$IRIS_BACKUP_AUDIT" >/dev/null 2>&1; then
    log "BACKUP CONSISTENCY UNKNOWN: the audit tool $IRIS_BACKUP_AUDIT is not installed (set IRIS_BACKUP_AUDIT)"
    return 3
  fi
  arguments=(audit --last --fail-on "$AUDIT_FAIL_ON")
  [ -n "$AUDIT_TZ" ] && arguments+=(--tz "$AUDIT_TZ")
  [ -n "$FREEZE_TIMEOUT" ] && arguments+=(--freeze-timeout "${FREEZE_TIMEOUT}s")
  [ "${1:-}" = wait ] && [ "$AUDIT_WAIT" -gt 0 ] && arguments+=(--wait "${AUDIT_WAIT}s")
  arguments+=("$MESSAGES_LOG")
  log "auditing: $IRIS_BACKUP_AUDIT ${arguments[*]}"
  errors=$(mktemp) || {
    log "BACKUP CONSISTENCY UNKNOWN: cannot create a temporary file"
    return 3
  }
  line=$("$IRIS_BACKUP_AUDIT" "${arguments[@]}" 2>"$errors")
  status=$?
  log_lines "audit: " "$line"
  log_lines "audit: " "$(cat -- "$errors")"
  rm -f -- "$errors"
  line=${line%%$'\n'*}
  case "$status" in
    0)
      log "BACKUP IS CONSISTENT (audit exited with 0): $line"
      return 0
      ;;
    1)
      if [ "$AUDIT_FAIL_ON" = warning ]; then
        log "BACKUP NOT CONSISTENT ENOUGH: warnings, and AUDIT_FAIL_ON=warning (audit exited with 1): $line"
        return 2
      fi
      log "BACKUP IS CONSISTENT, WITH WARNINGS (audit exited with 1): $line"
      return 0
      ;;
    2)
      log "BACKUP NOT CONSISTENT (audit exited with 2): $line"
      return 2
      ;;
    *)
      log "BACKUP CONSISTENCY UNKNOWN (audit exited with $status): ${line:-no status line}"
      return 3
      ;;
  esac
}

mkdir -p -- "$(dirname -- "$LOG_FILE")" 2>/dev/null
if ! { : >>"$LOG_FILE"; } 2>/dev/null; then
  printf '%s postScript: cannot write the log file %s; logging to standard output only\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$LOG_FILE" >&2
  LOG_FILE=/dev/null
fi

case "$AUDIT_FAIL_ON" in
  warning | critical) ;;
  *)
    log "CONFIGURATION ERROR: AUDIT_FAIL_ON must be warning or critical, not '$AUDIT_FAIL_ON'"
    configuration_error=1
    ;;
esac
case "$FREEZE_TIMEOUT" in
  *[!0-9]*)
    log "CONFIGURATION ERROR: FREEZE_TIMEOUT must be a whole number of seconds, not '$FREEZE_TIMEOUT'"
    configuration_error=1
    ;;
esac
case "$AUDIT_WAIT" in
  '' | *[!0-9]*)
    log "CONFIGURATION ERROR: AUDIT_WAIT must be a whole number of seconds, not '$AUDIT_WAIT'"
    configuration_error=1
    ;;
esac

# Thaw first, whatever else is wrong: an instance must not stay frozen.
log "thawing instance $IRIS_INSTANCE: ##Class(Backup.General).ExternalThaw()"
run_iris '##Class(Backup.General).ExternalThaw()'
status=$?
thaw_failed=0
if [ "$status" -eq "$THAW_FAILED" ] || [ "$status" -ge 126 ]; then
  log "SYSTEM THAW FAILED (ExternalThaw exited with $status): the instance may still be frozen"
  thaw_failed=1
else
  log "ExternalThaw exited with $status"
fi

if [ "${configuration_error:-0}" = 1 ]; then
  [ "$thaw_failed" = 1 ] && exit 1
  exit 3
fi
# After a failed thaw the instance may still be frozen: audit at once, without waiting.
if [ "$thaw_failed" = 1 ]; then
  audit_last_backup
else
  audit_last_backup wait
fi
verdict=$?
[ "$thaw_failed" = 1 ] && exit 1
exit "$verdict"

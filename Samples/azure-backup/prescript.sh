#!/bin/bash
# Azure Backup pre-script for InterSystems IRIS (or Caché): freezes the instance's writes to
# its databases with Backup.General.ExternalFreeze() before the VM snapshot is taken.
# Install as /etc/azure/prescript.sh (root:root, mode 700); see README.md.
#
# Configuration: environment variables, or the same names assigned in the file named by
# IRIS_BACKUP_CONF (default /etc/azure/iris-backup.conf), since Azure Backup runs this script
# with an environment of its own. The file's assignments win over the environment.
#   IRIS_INSTANCE   the instance to freeze (default IRIS)
#   IRIS_COMMAND    iris (default), or csession for Caché; a full path may be given.
#                   iris runs `iris session INSTANCE -U%SYS CMD`, csession `csession INSTANCE -U%SYS CMD`
#   FREEZE_TIMEOUT  seconds the write daemon may stay suspended before IRIS suspends user
#                   processes (ExternalFreezeTimeOut); empty (default) keeps IRIS's 600 s.
#                   Set the same value for the post-script, which audits against it.
#   LOG_FILE        this script's log (default /var/log/iris-backup/prescript.log), appended
#                   to, one UTC-timestamped line per message
#
# Exit status (Azure Backup takes 0 as success and anything else as a failed pre-script):
#   0  the instance is frozen: ExternalFreeze exited with 5
#   1  the freeze failed: ExternalFreeze exited with 3; ExternalThaw was called, nothing stays frozen
#   2  ExternalFreeze could not be run or exited with another status (command not found, unknown
#      instance, access denied, killed); ExternalThaw was called in case the instance froze
#      anyway. Also a configuration error, with nothing called.

set -u

IRIS_BACKUP_CONF=${IRIS_BACKUP_CONF:-/etc/azure/iris-backup.conf}
if [ -r "$IRIS_BACKUP_CONF" ]; then
  # shellcheck source=/dev/null
  . "$IRIS_BACKUP_CONF"
fi
IRIS_INSTANCE=${IRIS_INSTANCE:-IRIS}
IRIS_COMMAND=${IRIS_COMMAND:-iris}
FREEZE_TIMEOUT=${FREEZE_TIMEOUT:-}
LOG_FILE=${LOG_FILE:-/var/log/iris-backup/prescript.log}

readonly FROZEN=5 FREEZE_FAILED=3

# One line, timestamped in UTC, to standard output and to the log file.
log() {
  local line
  line="$(date -u +%Y-%m-%dT%H:%M:%SZ) prescript: $*"
  printf '%s\n' "$line"
  printf '%s\n' "$line" >>"$LOG_FILE"
}

# Runs one ObjectScript command in %SYS; what IRIS prints goes to the log, line by line.
# Returns the command's exit status.
run_iris() {
  local output status line
  case "$(basename -- "$IRIS_COMMAND")" in
    csession*) output=$("$IRIS_COMMAND" "$IRIS_INSTANCE" -U%SYS "$1" 2>&1) ;;
    *) output=$("$IRIS_COMMAND" session "$IRIS_INSTANCE" -U%SYS "$1" 2>&1) ;;
  esac
  status=$?
  while IFS= read -r line; do
    [ -n "$line" ] && log "  $IRIS_COMMAND: $line"
  done <<<"$output"
  return "$status"
}

# Calls ExternalThaw so that a failed or doubtful freeze leaves nothing frozen.
thaw_after_failure() {
  local status
  log "calling ExternalThaw so that the instance does not stay frozen"
  run_iris '##Class(Backup.General).ExternalThaw()'
  status=$?
  log "ExternalThaw exited with $status"
}

mkdir -p -- "$(dirname -- "$LOG_FILE")" 2>/dev/null
if ! { : >>"$LOG_FILE"; } 2>/dev/null; then
  printf '%s prescript: cannot write the log file %s; logging to standard output only\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$LOG_FILE" >&2
  LOG_FILE=/dev/null
fi

freeze='##Class(Backup.General).ExternalFreeze()'
if [ -n "$FREEZE_TIMEOUT" ]; then
  case "$FREEZE_TIMEOUT" in
    *[!0-9]*)
      log "CONFIGURATION ERROR: FREEZE_TIMEOUT must be a whole number of seconds, not '$FREEZE_TIMEOUT'; nothing frozen"
      exit 2
      ;;
  esac
  # ExternalFreezeTimeOut is ExternalFreeze's seventh argument.
  freeze="##Class(Backup.General).ExternalFreeze(,,,,,,$FREEZE_TIMEOUT)"
fi

log "freezing instance $IRIS_INSTANCE: $freeze"
run_iris "$freeze"
status=$?
case "$status" in
  "$FROZEN")
    log "SYSTEM IS FROZEN (ExternalFreeze exited with $status)"
    exit 0
    ;;
  "$FREEZE_FAILED")
    log "SYSTEM FREEZE FAILED (ExternalFreeze exited with $status)"
    thaw_after_failure
    exit 1
    ;;
  *)
    log "SYSTEM FREEZE FAILED: ExternalFreeze exited with $status, not $FROZEN (frozen) or $FREEZE_FAILED (failed): is $IRIS_COMMAND installed and $IRIS_INSTANCE running?"
    thaw_after_failure
    exit 2
    ;;
esac

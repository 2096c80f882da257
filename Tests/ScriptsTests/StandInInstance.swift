import Foundation
import TestSupport
import Testing

/// A stand-in IRIS instance for the Azure Backup scripts: a temporary folder whose `bin/iris`
/// (and `bin/csession`, the same script) goes first on PATH, with the stand-in's state, the
/// instance's `mgr/messages.log` and the scripts' logs.
final class StandInInstance {
  /// When the first call to the stand-in happens (epoch seconds): half a minute before the
  /// instance was made, so that the backup it logs is as recent as a real one is when its
  /// post-script audits it (a freeze is in progress, or not, by the time it began).
  let start = Int(Date().timeIntervalSince1970) - 30

  let folder: TemporaryFolder
  var messagesLog: String { folder.path + "/mgr/messages.log" }
  var preScriptLog: String { folder.path + "/log/prescript.log" }
  var postScriptLog: String { folder.path + "/log/postscript.log" }
  var binFolder: String { folder.path + "/bin" }

  /// Creates the folder; `messages` is what messages.log holds before the first call.
  init(messages: String = "") throws {
    folder = try TemporaryFolder()
    let iris = try folder.write("bin/iris", text: Self.script)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: iris)
    try FileManager.default.createSymbolicLink(
      atPath: binFolder + "/csession", withDestinationPath: iris)
    try folder.write("state/calls", text: "")
    try folder.write("mgr/messages.log", text: messages)
  }

  /// The environment of a script run: the stand-in first on PATH, its settings, and the
  /// scripts' settings pointing into the folder, overridden by `settings`.
  func environment(_ settings: [String: String] = [:]) throws -> [String: String] {
    let binary = try #require(
      ScriptRunner.auditBinary, "no built iris-backup-audit next to the test bundle")
    var environment = [
      "PATH": binFolder + ":" + ScriptRunner.systemPath,
      "STANDIN_STATE": folder.path + "/state",
      "STANDIN_MESSAGES_LOG": messagesLog,
      "STANDIN_START": String(start),
      "IRIS_BACKUP_CONF": folder.path + "/no-such.conf",
      "MESSAGES_LOG": messagesLog,
      "IRIS_BACKUP_AUDIT": binary,
      "AUDIT_TZ": "UTC",
    ]
    environment.merge(settings) { _, given in given }
    return environment
  }

  /// Runs `Samples/azure-backup/prescript.sh` with `settings`.
  func runPreScript(_ settings: [String: String] = [:]) throws -> ScriptRun {
    var settings = settings
    settings["LOG_FILE"] = settings["LOG_FILE"] ?? preScriptLog
    return try ScriptRunner.runScript(
      "azure-backup/prescript.sh", environment: environment(settings), scratch: folder.path)
  }

  /// Runs `Samples/azure-backup/postScript.sh` with `settings`.
  func runPostScript(_ settings: [String: String] = [:]) throws -> ScriptRun {
    var settings = settings
    settings["LOG_FILE"] = settings["LOG_FILE"] ?? postScriptLog
    return try ScriptRunner.runScript(
      "azure-backup/postScript.sh", environment: environment(settings), scratch: folder.path)
  }

  /// The stand-in's invocations, one a line: `iris session IRIS -U%SYS ##Class(…)`.
  func calls() throws -> [String] {
    try lines(folder.path + "/state/calls")
  }

  /// The lines of the file at `path`.
  func lines(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  /// Whether the stand-in's write daemon is suspended.
  var isFrozen: Bool { FileManager.default.fileExists(atPath: folder.path + "/state/frozen") }

  /// The stand-in, a bash script that shellcheck checks too.
  static let script = #"""
    #!/bin/bash
    # Stand-in for InterSystems IRIS in the tests of Samples/azure-backup: answers
    # `iris session INSTANCE -U%SYS CMD` (or, named csession, `csession INSTANCE -U%SYS CMD`) for
    # Backup.General's ExternalFreeze and ExternalThaw with IRIS's exit statuses (5 frozen, 3 failed;
    # 1 after a thaw) and appends the lines IRIS writes to messages.log, timed by a simulated clock
    # so that a test can date a thaw 700 s after its freeze without waiting.
    #   STANDIN_STATE          folder of its state: clock (epoch ms), frozen (ms), calls (one a line)
    #   STANDIN_MESSAGES_LOG   the messages.log it appends to
    #   STANDIN_START          epoch seconds of the first call
    #   STANDIN_ADVANCE        seconds the clock moves forward before this call (default 0)
    #   STANDIN_FREEZE         ok (default) or fail: ExternalFreeze cannot suspend the write daemon
    #   STANDIN_THAW           ok (default) or fail: ExternalThaw cannot resume it
    #   STANDIN_SUSPEND_LIMIT  seconds after which the write daemon resumes without a thaw
    #                          (WDSuspendLimit), so that the thaw logs "Already resumed"
    #   STANDIN_CONFIRM        now (default): the thaw's "System resumed" or "Already resumed"
    #                          is in messages.log when ExternalThaw returns; a number of seconds:
    #                          another process writes it that long after (as IRIS may); never:
    #                          it is never written
    set -u
    state=$STANDIN_STATE
    log=$STANDIN_MESSAGES_LOG
    printf '%s\n' "$(basename -- "$0") $*" >>"$state/calls"
    if [ "$(basename -- "$0")" = csession ]; then
      instance=${1-} user=${2-} command=${3-}
    else
      [ "${1-}" = session ] || { echo "usage: iris session INSTANCE -U%SYS CMD" >&2; exit 1; }
      instance=${2-} user=${3-} command=${4-}
    fi
    if [ -z "$instance" ] || [ "$user" != "-U%SYS" ]; then
      echo "bad arguments: $*" >&2
      exit 1
    fi

    clock=$(cat "$state/clock" 2>/dev/null || echo $((STANDIN_START * 1000)))
    clock=$((clock + ${STANDIN_ADVANCE:-0} * 1000))

    # Appends `MM/DD/YY-HH:MM:SS:mmm (pid) severity [category] message` at epoch ms $1.
    entry() {
      local stamp
      stamp=$(date -u -d "@$(($1 / 1000))" +%m/%d/%y-%H:%M:%S)
      printf '%s:%03d (%d) %d [%s] %s\n' "$stamp" $(($1 % 1000)) "$2" "$3" "$4" "$5" >>"$log"
    }

    pid=$((20000 + $$ % 10000))
    case "$command" in
      '##Class(Backup.General).ExternalFreeze('*')')
        entry "$clock" "$pid" 0 Utility.Event 'Backup.General.ExternalFreeze: Suspending system'
        if [ "${STANDIN_FREEZE:-ok}" = fail ]; then
          entry $((clock + 18215)) "$pid" 2 Utility.Event \
            'Backup.General.ExternalFreeze: Failed to suspend system: ERROR #5005: Timed out waiting for write daemon to suspend'
          echo $((clock + 18216)) >"$state/clock"
          exit 3
        fi
        journal=/iris/journal1/$(date -u -d "@$((clock / 1000))" +%Y%m%d).002
        entry $((clock + 97)) "$pid" 0 Generic.Event 'INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE'
        printf 'Journaling switched to: %s\n' "$journal" >>"$log"
        entry $((clock + 98)) "$pid" 0 Utility.Event \
          "Backup.General.ExternalFreeze: Start a journal restore for this backup with journal file: $journal"
        entry $((clock + 99)) "$pid" 0 Utility.Event 'Backup.General.ExternalFreeze: System suspended'
        echo $((clock + 99)) >"$state/frozen"
        echo $((clock + 100)) >"$state/clock"
        exit 5
        ;;
      '##Class(Backup.General).ExternalThaw()')
        frozen=$(cat "$state/frozen" 2>/dev/null)
        if [ -n "$frozen" ] && [ -n "${STANDIN_SUSPEND_LIMIT:-}" ] &&
          [ $((frozen + STANDIN_SUSPEND_LIMIT * 1000)) -lt "$clock" ]; then
          entry $((frozen + STANDIN_SUSPEND_LIMIT * 1000)) 12662 1 Utility.Event \
            "Write daemon suspension limit (WDSuspendLimit=$STANDIN_SUSPEND_LIMIT) reached: write daemon restarted without ExternalThaw"
          frozen=
          rm -f "$state/frozen"
        fi
        entry "$clock" "$pid" 0 Utility.Event 'Backup.General.ExternalThaw: Resuming system'
        if [ "${STANDIN_THAW:-ok}" = fail ]; then
          entry $((clock + 1250)) "$pid" 2 Utility.Event \
            'Backup.General.ExternalThaw: Failed to resume system: ERROR #5001: Write daemon did not acknowledge resume request'
          echo $((clock + 1251)) >"$state/clock"
          exit 3
        fi
        if [ -n "$frozen" ]; then
          confirmation=$((clock + 537))
          message='Backup.General.ExternalThaw: System resumed'
          rm -f "$state/frozen"
        else
          confirmation=$((clock + 38))
          message='Backup.General.ExternalThaw: Already resumed'
        fi
        case "${STANDIN_CONFIRM:-now}" in
          now) entry "$confirmation" "$pid" 0 Utility.Event "$message" ;;
          never) ;;
          *)
            # Detached from the caller's output, so that its $(...) does not wait for it.
            (sleep "$STANDIN_CONFIRM" && entry "$confirmation" "$pid" 0 Utility.Event "$message") \
              </dev/null >/dev/null 2>&1 &
            ;;
        esac
        echo $((clock + 538)) >"$state/clock"
        exit 1
        ;;
      *)
        echo "stand-in: no answer for $command" >&2
        exit 1
        ;;
    esac

    """#
}

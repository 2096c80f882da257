import BackupAudit

/// The one line `audit --last` prints for a post-backup script: the status word, the session
/// and the reason, e.g. `CRITICAL 20211011T213407Z-cluster-freeze: already-resumed on master:
/// …`. Scripts test the exit status; the line is for the script's log and the person reading it.
public struct StatusLineReportWriter: ReportWriter {
  /// Creates the writer.
  public init() {}

  /// Writes the status line of the report's most recent session, with a trailing newline.
  public func write(_ report: AuditReport, to output: inout some TextOutputStream) throws {
    output.write(Self.line(report.result))
    output.write("\n")
  }

  /// The status line without its newline.
  static func line(_ result: AuditResult) -> String {
    let status = result.summary.status.rawValue.uppercased()
    let session = result.sessions.last
    let subject = session.map { "\(status) \(TerminalText.sanitized($0.id))" } ?? status
    if let session, session.verdict == .inProgress {
      return "\(subject): still in progress, \(progress(session, result))"
    }
    // The most severe finding, the earliest among equals.
    let worst = result.findings.max {
      ($0.severity, $1.epochMilliseconds) < ($1.severity, $0.epochMilliseconds)
    }
    guard let worst else {
      return "\(subject): \(session.map(describe) ?? "no backup session in the audited logs")"
    }
    let place = worst.server.map { " on \(TerminalText.sanitized($0))" } ?? ""
    let more = result.findings.count > 1 ? " (+\(result.findings.count - 1) more)" : ""
    return "\(subject): \(worst.rule.rawValue)\(place): \(TerminalText.sanitized(worst.message))"
      + more
  }

  /// How far a session in progress has come: `frozen 12 s, no thaw logged yet`.
  private static func progress(_ session: Session, _ result: AuditResult) -> String {
    let running = session.members.filter { $0.elapsedSeconds != nil }
      .max { ($0.elapsedSeconds ?? 0) < ($1.elapsedSeconds ?? 0) }
    guard let running, let elapsed = running.elapsedSeconds else { return "no end logged yet" }
    let isFreeze = running.freezeBegin != nil || running.frozen != nil || running.thawBegin != nil
    let seconds = Int(elapsed.rounded(.down))
    let state =
      isFreeze
      ? "frozen \(seconds) s, " + (running.thawBegin == nil ? "no thaw logged yet" : "thaw not confirmed yet")
      : "quiesced \(seconds) s, no resume logged yet"
    let warnings = result.findings.filter { $0.session == session.id }.count
    let more = warnings == 0 ? "" : " (\(warnings) warning\(warnings == 1 ? "" : "s"))"
    return state + more
  }

  /// What a finding-free session amounts to: its verdict, members and longest freeze.
  private static func describe(_ session: Session) -> String {
    let longest = session.members.compactMap(\.durationSeconds).max()
    let servers = session.memberServers.count
    let members = servers == 1 ? "1 member" : "\(servers) members"
    let hold = session.kind.rawValue.hasSuffix("quiesce") ? "quiesce" : "freeze"
    let duration =
      longest.map { ", longest \(hold) \(MarkupEscaping.decimal(roundedSeconds($0))) s" } ?? ""
    return "\(session.verdict.rawValue), \(members)\(duration)"
  }
}

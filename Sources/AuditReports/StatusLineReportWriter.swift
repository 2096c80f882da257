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
    let status = result.summary.status.uppercased()
    let session = result.sessions.last
    let subject = session.map { "\(status) \(TerminalText.sanitized($0.id))" } ?? status
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

  /// What a finding-free session amounts to: its verdict, members and longest freeze.
  private static func describe(_ session: Session) -> String {
    let longest = session.members.compactMap(\.durationSeconds).max()
    let members = session.members.count == 1 ? "1 member" : "\(session.members.count) members"
    let hold = session.kind.rawValue.hasSuffix("quiesce") ? "quiesce" : "freeze"
    let duration =
      longest.map { ", longest \(hold) \(MarkupEscaping.decimal(roundedSeconds($0))) s" } ?? ""
    return "\(session.verdict.rawValue), \(members)\(duration)"
  }
}

import BackupAudit

/// How much of each session the HTML and Markdown reports spell out (`--detail`).
///
/// Every session always keeps its row in the table of sessions, the evidence that it was looked
/// at; the drawn timeline and the table of members' episodes are what a year of consistent
/// nights would drown the few failed ones in, so by default they go to the sessions that are not
/// consistent only. The JSON report always holds everything.
public enum ReportDetail: String, Sendable, Equatable, CaseIterable {
  /// The timeline and members of every session that is not consistent or has a finding; the
  /// other sessions as their row alone.
  case findings
  /// The timeline and members of every session, consistent ones folded.
  case all
}

extension AuditReport {
  /// The ids of the sessions whose timeline and members the HTML and Markdown reports spell
  /// out: with `detail` `all` every session, else each that is not consistent or that a finding
  /// names (a rule that runs on the verdicts, such as `rpo-exceeded`, can name a consistent one).
  var spelledOutSessions: Set<String> {
    guard detail == .findings else { return Set(result.sessions.map(\.id)) }
    return Set(
      result.sessions.filter { $0.verdict != .consistent }.map(\.id)
        + result.findings.compactMap(\.session))
  }
}

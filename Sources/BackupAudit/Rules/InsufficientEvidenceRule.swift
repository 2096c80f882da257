import CivilTime

/// `insufficient-evidence`: logs that do not cover a session or the audited period, or a file
/// that cannot be read.
public struct InsufficientEvidenceRule: AuditRule {
  public static let description = RuleDescription(
    id: .insufficientEvidence, severity: .unknown,
    summary: "a member's logs do not cover a session's time or the audited period, or a file "
      + "cannot be read",
    explanation: "Without the member's log for that time, nothing says whether it took part in "
      + "the backup: the verdict is unknown, not consistent",
    evidence: "the unreadable file, or none (the log is missing)",
    remedy: "collect the missing or rotated log files (messages.old_*, *.gz) of that server and "
      + "audit again")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    unreadable(context) + uncovered(context) + outsidePeriod(context)
  }

  private func unreadable(_ context: AuditContext) -> [Finding] {
    context.failures.map { input in
      Finding(
        rule: Self.description.id, severity: Self.description.severity, server: input.server,
        session: nil, epochMilliseconds: input.firstEpochMilliseconds ?? context.periodStart,
        message: input.failure ?? "cannot read \(input.path)",
        evidence: [Evidence(path: input.path, line: 0, text: "")])
    }
  }

  private func uncovered(_ context: AuditContext) -> [Finding] {
    context.sessions.filter(\.kind.isClusterWide).flatMap { session in
      context.members.filter { !session.servers.contains($0) && !context.covers($0, session) }
        .map { member in
          let coverage = context.coverage[member]
          let span = coverage?.from.map { from in
            "its log covers \(CivilCalendar.rfc3339(epochMilliseconds: from)) to "
              + CivilCalendar.rfc3339(epochMilliseconds: coverage?.to ?? from)
          } ?? "it has no log entries"
          return finding(
            server: member, session: session.id, at: session.start,
            "no evidence for \(member) during the session: \(span)",
            [session.episodes.first?.opening].compactMap { $0 })
        }
    }
  }

  private func outsidePeriod(_ context: AuditContext) -> [Finding] {
    let since = context.configuration.since
    let until = context.configuration.until
    return context.members.compactMap { member in
      let coverage = context.coverage[member]
      guard let from = coverage?.from, let to = coverage?.to else {
        return finding(
          server: member, session: nil, at: context.periodStart, "\(member) has no log entries", [])
      }
      if let since, from > since {
        return finding(
          server: member, session: nil, at: since,
          "log starts \(CivilCalendar.rfc3339(epochMilliseconds: from)), after the audited period's "
            + "start \(CivilCalendar.rfc3339(epochMilliseconds: since))", [])
      }
      if let until, to < until {
        return finding(
          server: member, session: nil, at: to,
          "log ends \(CivilCalendar.rfc3339(epochMilliseconds: to)), before the audited period's "
            + "end \(CivilCalendar.rfc3339(epochMilliseconds: until))", [])
      }
      return nil
    }
  }
}

extension AuditContext {
  /// The start of the audited period: `since`, or the earliest evidence.
  var periodStart: Int64 {
    configuration.since ?? coverage.values.compactMap(\.from).min() ?? 0
  }
  /// The end of the evidence: `until`, or the latest evidence.
  var periodEnd: Int64 {
    let last = coverage.values.compactMap(\.to).max() ?? 0
    return configuration.until.map { min($0, last) } ?? last
  }
}

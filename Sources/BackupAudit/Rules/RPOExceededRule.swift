import CivilTime

/// `rpo-exceeded`: with an RPO, a gap between consecutive consistent sessions, or from the last
/// one to the end of the evidence, is longer than it.
///
/// It runs after the other rules, on their verdicts, and does not change any session's verdict:
/// it is about the schedule, not about one backup. Each finding names the consistent session the
/// gap starts after.
public struct RPOExceededRule: AuditRule {
  public static let description = RuleDescription(
    id: .rpoExceeded, severity: .critical,
    summary: "with --rpo D: a gap between consecutive consistent sessions, or from the last one "
      + "to the end of the evidence, is longer than D",
    explanation: "A restore can only go back to a consistent backup: the data written since the "
      + "last one is at risk, and the recovery point objective is missed",
    evidence: "the first lines of the sessions around the gap",
    remedy: "find why backups were skipped or failed in the gap, and take one now")

  public static let runsOnVerdicts = true

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    guard let rpo = context.configuration.rpoMilliseconds else { return [] }
    let consistent = context.sessions.filter { context.verdicts[$0.id] == .consistent }
    var findings: [Finding] = []
    guard !consistent.isEmpty else {
      let span = context.periodEnd - context.periodStart
      if span > rpo {
        findings.append(
          finding(
            server: nil, session: nil, at: context.periodStart,
            "no consistent backup in \(hours(span)), rpo \(hours(rpo))", []))
      }
      return findings
    }
    for (earlier, later) in zip(consistent, consistent.dropFirst()) where later.start - earlier.start > rpo {
      findings.append(
        finding(
          server: nil, session: earlier.id, at: earlier.start,
          "no consistent backup for \(hours(later.start - earlier.start)) after this one, rpo \(hours(rpo))",
          [earlier.episodes.first?.opening, later.episodes.first?.opening].compactMap { $0 }))
    }
    let last = consistent.last!
    if context.periodEnd - last.start > rpo {
      findings.append(
        finding(
          server: nil, session: last.id, at: last.start,
          "no consistent backup for \(hours(context.periodEnd - last.start)) since this one, "
            + "until \(CivilCalendar.rfc3339(epochMilliseconds: context.periodEnd)), rpo \(hours(rpo))",
          [last.episodes.first?.opening].compactMap { $0 }))
    }
    return findings
  }

  private func hours(_ milliseconds: Int64) -> String {
    let hours = Double(milliseconds) / 3_600_000
    return hours == hours.rounded() ? "\(Int(hours)) h" : String(format: "%.1f h", hours)
  }
}

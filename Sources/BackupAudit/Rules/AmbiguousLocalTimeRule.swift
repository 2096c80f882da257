/// `ambiguous-local-time`: a backup event's local time is ambiguous or skipped by a DST change.
public struct AmbiguousLocalTimeRule: AuditRule {
  public static let description = RuleDescription(
    id: .ambiguousLocalTime, severity: .warning,
    summary: "a backup event's local time is ambiguous or skipped by a DST change in its "
      + "server's zone",
    explanation: "Logs carry local times without a zone: during the repeated hour of a DST "
      + "change a time names two instants (the earlier is taken), and during the skipped hour "
      + "none, so durations and ordering around it may be off by an hour",
    evidence: "the events logged in the ambiguous or skipped hour",
    remedy: "schedule backups outside the DST change hours, or run the servers in UTC")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      let affected = episode.inexactLocalTimes
      guard let first = affected.first else { return nil }
      let zone = context.coverage[episode.server]?.timeZone ?? "its zone"
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "local time \(first.localTime.iso8601) is \(first.timeStatus.rawValue) in \(zone)",
        affected)
    }
  }
}

import BackupEvents

/// `unrecognised-backup-message`: a backup class logged a message no catalogue entry matches.
public struct UnrecognisedBackupMessageRule: AuditRule {
  public static let description = RuleDescription(
    id: .unrecognisedBackupMessage, severity: .warning,
    summary: "a backup class logged a message that no catalogue entry matches (critical when "
      + "the line's severity is 2 or 3)",
    explanation: "The wording of a failed freeze, a failed thaw, a quiesce timeout and the "
      + "checkpoint line is not public and varies between versions; a message of "
      + "Backup.General or Backup.ShardedCluster that is not understood may be one of them, so "
      + "the verdict cannot rest on its absence",
    evidence: "the unrecognised line",
    remedy: "read the line; add its wording to the catalogue ([[catalogue]] in the "
      + "configuration, with the event it is) so that the next audit understands it")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    let inEpisodes = context.episodes.compactMap { sessionID, episode -> Finding? in
      guard !episode.unrecognised.isEmpty else { return nil }
      return unrecognised(
        episode.unrecognised, server: episode.server, session: sessionID, at: episode.start)
    }
    let stray = context.strayUnrecognised.map { event in
      unrecognised([event], server: event.server, session: nil, at: event.epochMilliseconds)
    }
    return inEpisodes + stray
  }

  private func unrecognised(
    _ events: [BackupEvent], server: String, session: String?, at instant: Int64
  ) -> Finding {
    var result = finding(
      server: server, session: session, at: instant, message(events), events)
    if events.contains(where: { ($0.severity ?? 0) >= 2 }) { result.severity = .critical }
    return result
  }

  private func message(_ events: [BackupEvent]) -> String {
    let first = events[0]
    let method = first.method.map { "Backup.\($0)" } ?? "a backup class"
    let more = events.count > 1 ? " and \(events.count - 1) more" : ""
    return "\(method) logged \"\(first.reason ?? "")\" (severity \(first.severity ?? 0))\(more), "
      + "which no catalogue entry matches: add its wording to the catalogue"
  }
}

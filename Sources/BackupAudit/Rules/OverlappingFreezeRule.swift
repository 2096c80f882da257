/// `overlapping-freeze`: a freeze began on a server that was already frozen.
public struct OverlappingFreezeRule: AuditRule {
  public static let description = RuleDescription(
    id: .overlappingFreeze, severity: .warning,
    summary: "a freeze began on a server that was already frozen",
    explanation: "Two backup jobs overlap: the first thaw resumes the write daemon while the "
      + "second job's snapshot may still be running",
    evidence: "the first freeze-begin line and the overlapping one",
    remedy: "serialise the backup jobs (one schedule, a lock in the pre-script)")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard let overlapping = episode.freeze?.overlapping, let second = overlapping.first
      else { return nil }
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "another freeze began \(secondsText(second.epochMilliseconds - episode.start)) into "
          + "this one",
        [episode.opening].compactMap { $0 } + overlapping)
    }
  }
}

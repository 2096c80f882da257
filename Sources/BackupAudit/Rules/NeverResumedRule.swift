/// `never-resumed`: a quiesce has no Resume before the server's evidence ends.
public struct NeverResumedRule: AuditRule {
  public static let description = RuleDescription(
    id: .neverResumed, severity: .critical,
    summary: "a quiesce has no Resume before the server's evidence ends",
    explanation: "Quiesce blocks all activity until Resume is called by the same job; a job "
      + "that died between them leaves the cluster blocked",
    evidence: "the quiesce-begin line",
    remedy: "call Backup.ShardedCluster.Resume() from the job that quiesced (or restart it), and "
      + "make the backup job resume on every exit path")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard episode.kind != .freeze, episode.ending == .endOfEvidence || episode.ending == .superseded,
        episode.quiesce?.begin != nil || episode.quiesce?.quiesced != nil, !context.isInProgress(episode)
      else { return nil }
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        episode.ending == .superseded
          ? "quiesced and never resumed before the next quiesce began"
          : "quiesced and never resumed before the log ends",
        [episode.quiesce?.begin, episode.quiesce?.quiesced].compactMap { $0 })
    }
  }
}

/// `freeze-failed`: freezing failed, or a freeze-begin never reached "System suspended".
public struct FreezeFailedRule: AuditRule {
  public static let description = RuleDescription(
    id: .freezeFailed, severity: .critical,
    summary: "freezing failed on a server, or a freeze-begin never reached \"System suspended\"",
    explanation: "If freezing fails on any data server, none stays frozen, so no snapshot taken "
      + "for this backup is consistent",
    evidence: "the freeze-begin line and the failure line",
    remedy: "look at the reason in the failure line (a shard unreachable, a timeout), fix it, and "
      + "take the backup again; the pre-script must not let the snapshot run after a failed freeze")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard episode.kind == .freeze else { return nil }
      if let failure = episode.freeze?.failed {
        let reason = failure.reason.map { ": \($0)" } ?? ""
        return finding(
          server: episode.server, session: sessionID, at: episode.start,
          "freeze failed\(reason)", [episode.freeze?.begin, failure].compactMap { $0 })
      }
      guard let begin = episode.freeze?.begin, episode.freeze?.frozen == nil, episode.restart == nil,
        episode.ending != .endOfEvidence, !context.isInProgress(episode)
      else { return nil }
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "freeze began but never reported \"System suspended\"",
        [begin] + episode.unrecognised
          + [episode.freeze?.thawBegin, episode.freeze?.thawed ?? episode.freeze?.alreadyResumed].compactMap { $0 })
    }
  }
}

/// `never-thawed`: a freeze has no thaw before the server's evidence ends.
public struct NeverThawedRule: AuditRule {
  public static let description = RuleDescription(
    id: .neverThawed, severity: .critical,
    summary: "a freeze has no thaw before the server's evidence ends",
    explanation: "A write daemon left suspended blocks updating processes once the timeout "
      + "passes; the post-script's thaw did not run or did not reach this server",
    evidence: "the freeze-begin line",
    remedy: "call Backup.General.ExternalThaw() (or the sharded one) now, then fix the "
      + "post-script (the seed's has `[ $status req 5]` for `-eq`)")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard episode.kind == .freeze, episode.ending == .endOfEvidence,
        episode.freeze?.failed == nil, !context.isInProgress(episode)
      else { return nil }
      let end = context.coverage[episode.server]?.to ?? episode.end
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "no thaw in the \(secondsText(end - episode.start)) of log after the freeze began",
        [episode.opening].compactMap { $0 })
    }
  }
}

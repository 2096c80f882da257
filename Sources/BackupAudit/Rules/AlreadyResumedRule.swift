/// `already-resumed`: ExternalThaw did not confirm the system was frozen up to that point.
public struct AlreadyResumedRule: AuditRule {
  public static let description = RuleDescription(
    id: .alreadyResumed, severity: .critical,
    summary: "ExternalThaw logged \"Already resumed\" instead of \"System resumed\"",
    explanation: "ExternalThaw logs \"System resumed\" only when the system was frozen up to that "
      + "point; \"Already resumed\" means the write daemon had resumed before the thaw (a "
      + "WDSuspendLimit, a second thaw, a failed freeze), so a snapshot taken in between may "
      + "hold database blocks written after the freeze: the backup is not application-consistent",
    evidence: "the freeze-begin line and the \"Already resumed\" line",
    remedy: "treat the backup as failed and take it again; find what resumed the write daemon "
      + "(WDSuspendLimit, another ExternalThaw) and keep snapshots within the freeze")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard let thaw = episode.freeze?.alreadyResumed, episode.freeze?.isThawAfterFailure != true else { return nil }
      let message = episode.freeze?.begin.map {
        "thaw found the system already resumed \(secondsText(thaw.epochMilliseconds - $0.epochMilliseconds)) after the freeze began"
      } ?? "thaw found the system already resumed with no freeze logged before it"
      return finding(
        server: episode.server, session: sessionID, at: episode.start, message,
        [episode.freeze?.begin, episode.freeze?.thawBegin, thaw].compactMap { $0 })
    }
  }
}

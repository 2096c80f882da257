/// `crash-while-frozen`: the server started up or recovered while frozen.
public struct CrashWhileFrozenRule: AuditRule {
  public static let description = RuleDescription(
    id: .crashWhileFrozen, severity: .critical,
    summary: "the server started up or recovered while frozen",
    explanation: "A crash while the write daemon is suspended loses every update to "
      + "non-journalled databases since the freeze, and startup must replay the journal; the "
      + "restart ends the freeze, so no thaw follows",
    evidence: "the freeze-begin line and the recovery, abnormal-shutdown or startup line",
    remedy: "check the databases' integrity, find why the server went down during the backup, "
      + "and take the backup again")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard episode.kind == .freeze, let restart = episode.restart else { return nil }
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "restarted \(secondsText(restart.epochMilliseconds - episode.start)) after the freeze "
          + "began",
        [episode.opening, restart].compactMap { $0 })
    }
  }
}

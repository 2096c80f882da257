/// `freeze-timeout-exceeded`: freeze-begin → thawed lasted longer than the freeze timeout.
public struct FreezeTimeoutExceededRule: AuditRule {
  public static let description = RuleDescription(
    id: .freezeTimeoutExceeded, severity: .critical,
    summary: "freeze-begin → thawed lasted longer than the freeze timeout (default 600 s)",
    explanation: "Past ExternalFreezeTimeout (600 s unless set), IRIS suspends user processes "
      + "that update the database: the application stalled during the backup",
    evidence: "the freeze-begin and thawed lines",
    remedy: "make snapshots faster, or pass a larger ExternalFreezeTimeout (and size the global "
      + "buffers for it), and set --freeze-timeout to match")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    let timeout = context.configuration.freezeTimeoutMilliseconds
    return context.episodes.compactMap { sessionID, episode in
      guard let freeze = episode.freeze, let length = freeze.thawedLength, length > timeout,
        let begin = freeze.begin, let thawed = freeze.thawed
      else { return nil }
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "frozen \(secondsText(length)), timeout \(secondsText(timeout))",
        [begin, thawed])
    }
  }
}

/// `quiesce-too-long`: quiesced → resumed lasted longer than the allowed window.
public struct QuiesceTooLongRule: AuditRule {
  public static let description = RuleDescription(
    id: .quiesceTooLong, severity: .warning,
    summary: "quiesced → resumed lasted longer than --max-quiesce (default 300 s)",
    explanation: "While quiesced, all activity on every data server is blocked: the application "
      + "was down for the whole window",
    evidence: "the quiesced and resumed lines",
    remedy: "shorten the backup window (snapshots instead of copies), or use ExternalFreeze, "
      + "which lets processes keep running")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    let limit = context.configuration.maxQuiesceMilliseconds
    return context.episodes.compactMap { sessionID, episode in
      guard let quiesced = episode.quiesce?.quiesced, let resumed = episode.quiesce?.resumed else { return nil }
      let length = resumed.epochMilliseconds - quiesced.epochMilliseconds
      guard length > limit else { return nil }
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "quiesced \(secondsText(length)), limit \(secondsText(limit))", [quiesced, resumed])
    }
  }
}

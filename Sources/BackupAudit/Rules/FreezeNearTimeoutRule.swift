/// `freeze-near-timeout`: the freeze lasted more than 80 % of the timeout, but not longer.
public struct FreezeNearTimeoutRule: AuditRule {
  public static let description = RuleDescription(
    id: .freezeNearTimeout, severity: .warning,
    summary: "a freeze lasted longer than 80 % of the freeze timeout, but not longer",
    explanation: "The next, slightly slower snapshot will pass the timeout and stall the "
      + "application",
    evidence: "the freeze-begin and thawed lines",
    remedy: "shorten the snapshot window or raise ExternalFreezeTimeout before it is exceeded")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    let timeout = context.configuration.freezeTimeoutMilliseconds
    let threshold = Int64(Double(timeout) * context.configuration.nearTimeoutFraction)
    return context.episodes.compactMap { session, episode in
      guard let length = thawedFreezeLength(episode), length > threshold, length <= timeout
      else { return nil }
      return finding(
        server: episode.server, session: session.id, at: episode.start,
        "frozen \(seconds(length)), \(Int((Double(length) * 100 / Double(timeout)).rounded(.down)))"
          + " % of the \(seconds(timeout)) timeout",
        [episode.freezeBegin!, episode.thawed!])
    }
  }
}

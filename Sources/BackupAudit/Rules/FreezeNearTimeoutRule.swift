/// `freeze-near-timeout`: the freeze lasted more than 80 % of the timeout, but not longer; or,
/// still running at the report time, has passed 80 % of it (SPEC §4).
public struct FreezeNearTimeoutRule: AuditRule {
  public static let description = RuleDescription(
    id: .freezeNearTimeout, severity: .warning,
    summary: "a freeze lasted longer than 80 % of the freeze timeout, but not longer, or is "
      + "still running past 80 % of it",
    explanation: "The next, slightly slower snapshot will pass the timeout and stall the "
      + "application; a freeze still running past 80 % of it will stall it within minutes",
    evidence: "the freeze-begin and thawed lines (the freeze-begin alone while it runs)",
    remedy: "shorten the snapshot window or raise ExternalFreezeTimeout before it is exceeded; "
      + "while it runs: finish the snapshot and thaw now")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    let timeout = context.configuration.freezeTimeoutMilliseconds
    let threshold = Int64(Double(timeout) * context.configuration.nearTimeoutFraction)
    func share(_ length: Int64) -> String {
      "\(Int((Double(length) * 100 / Double(timeout)).rounded(.down))) % of the "
        + "\(secondsText(timeout)) timeout"
    }
    return context.episodes.compactMap { sessionID, episode in
      if let length = episode.freeze?.thawedLength, let begin = episode.freeze?.begin,
        let thawed = episode.freeze?.thawed
      {
        guard length > threshold, length <= timeout else { return nil }
        return finding(
          server: episode.server, session: sessionID, at: episode.start,
          "frozen \(secondsText(length)), \(share(length))", [begin, thawed])
      }
      guard episode.kind == .freeze, context.isInProgress(episode),
        let elapsed = context.elapsed(episode), elapsed > threshold
      else { return nil }
      let thaw = episode.freeze?.thawBegin == nil ? "no thaw logged yet" : "thaw not confirmed yet"
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "still frozen \(secondsText(elapsed)) at report time, \(share(elapsed)), \(thaw)",
        [episode.opening, episode.freeze?.thawBegin].compactMap { $0 })
    }
  }
}

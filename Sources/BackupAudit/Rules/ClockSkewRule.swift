/// `clock-skew`: a member's simultaneous events are off the session median by more than the
/// skew tolerance.
public struct ClockSkewRule: AuditRule {
  public static let description = RuleDescription(
    id: .clockSkew, severity: .warning,
    summary: "a member's simultaneous events (checkpoint, quiesce) are off the session median by "
      + "more than the skew tolerance (default 2 s)",
    explanation: "The checkpoint and quiesce lines of one session are logged at the same moment "
      + "on every data server; when one is far off, that server's clock is wrong, and times "
      + "compared across servers (evidence, RPO) are off by as much",
    evidence: "the member's checkpoint or quiesce line",
    remedy: "synchronise the server's clock (NTP/chrony)")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    let tolerance = context.configuration.skewToleranceMilliseconds
    return context.sessions.flatMap { session -> [Finding] in
      let instants = session.synchronisedInstants
      guard instants.count >= 2, let median = session.medianInstant else { return [] }
      // Only the few servers off by more than the tolerance are sorted, by name.
      let skewed = instants.compactMap { server, instant in
        abs(instant - median) > tolerance ? server : nil
      }
      return skewed.sorted().compactMap { server in
        let offset = instants[server]! - median
        guard let episode = session.episodes.first(where: { $0.server == server }) else {
          return nil
        }
        let event = episode.checkpoint ?? episode.quiesce?.quiesced ?? episode.quiesce?.begin
        return finding(
          server: server, session: session.id, at: episode.start,
          "clock \(secondsText(abs(offset))) \(offset > 0 ? "ahead of" : "behind") the session "
            + "median, tolerance \(secondsText(tolerance))",
          [event].compactMap { $0 })
      }
    }
  }
}

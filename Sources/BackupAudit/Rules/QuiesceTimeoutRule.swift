/// `quiesce-timeout`: a Quiesce timed out.
public struct QuiesceTimeoutRule: AuditRule {
  public static let description = RuleDescription(
    id: .quiesceTimeout, severity: .critical,
    summary: "a Quiesce timed out",
    explanation: "When Quiesce times out, none of the data servers stays quiesced: backups taken "
      + "afterwards do not represent one logical moment",
    evidence: "the quiesce-begin line and the timeout line with the activities that did not quiesce",
    remedy: "look at the activities named (open transactions, ECP requests), allow a longer "
      + "TimeOut or a quieter moment, and take the backup again")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard let timeout = episode.quiesce?.timeout else { return nil }
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "quiesce timed out" + (timeout.reason.map { ": \($0)" } ?? ""),
        [episode.quiesce?.begin, timeout].compactMap { $0 })
    }
  }
}

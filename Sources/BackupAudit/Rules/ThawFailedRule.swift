/// `thaw-failed`: ExternalThaw reported a failure.
public struct ThawFailedRule: AuditRule {
  public static let description = RuleDescription(
    id: .thawFailed, severity: .critical,
    summary: "ExternalThaw reported a failure",
    explanation: "When ExternalThaw returns an error, one or more data servers may still be "
      + "suspended: user processes block once the freeze timeout passes or buffers fill",
    evidence: "the thaw failure line",
    remedy: "check every data server's write daemon now and call ExternalThaw again; then take "
      + "the backup again")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard let failure = episode.freeze?.thawFailed else { return nil }
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "thaw failed" + (failure.reason.map { ": \($0)" } ?? ""),
        [episode.freeze?.begin, failure].compactMap { $0 })
    }
  }
}

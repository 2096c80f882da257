import BackupEvents

/// `resume-without-quiesce`: a Resume with no quiesce open on that server.
public struct ResumeWithoutQuiesceRule: AuditRule {
  public static let description = RuleDescription(
    id: .resumeWithoutQuiesce, severity: .warning,
    summary: "a Resume with no quiesce open on that server",
    explanation: "Resume must be called by the job that called Quiesce; a Resume without one "
      + "means a script calls it blindly, or the quiesce was never logged on this server",
    evidence: "the resume lines",
    remedy: "check the backup job's Quiesce/Resume pairing and that Quiesce reaches every "
      + "data server")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard episode.kind == .quiesce, episode.quiesce?.begin == nil, episode.quiesce?.quiesced == nil,
        let resume = episode.quiesce?.resumeBegin ?? episode.quiesce?.resumed
      else { return nil }
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "resumed with no quiesce open", [resume, episode.quiesce?.resumed].compactMap { $0 }.uniqued())
    }
  }
}

extension Array where Element == BackupEvent {
  /// The events without repeats of the same line.
  func uniqued() -> [BackupEvent] {
    var seen: Set<String> = []
    return filter { seen.insert("\($0.path):\($0.line)").inserted }
  }
}

/// `checkpoint-mismatch`: members of one session log different checkpoint numbers, or one lacks it.
public struct CheckpointMismatchRule: AuditRule {
  public static let description = RuleDescription(
    id: .checkpointMismatch, severity: .critical,
    summary: "members of one session log different checkpoint numbers, or one lacks the checkpoint",
    explanation: "A restore recovers each data server's journal up to the coordinated checkpoint; "
      + "a member with another number, or none, cannot be recovered to the same logical moment",
    evidence: "each member's checkpoint line (or its episode's first line)",
    remedy: "take a new coordinated checkpoint (JournalCheckpoint or a new freeze) on every data "
      + "server")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.sessions.flatMap { session -> [Finding] in
      // Where every episode logged the session's number (most sessions), every member agrees.
      guard let expected = session.checkpoint,
        !session.episodes.allSatisfy({ $0.checkpointNumber == expected })
      else { return [] }
      // A member that logged the session's number in one of its episodes agrees, whatever a
      // second episode of it (a retried freeze) logged.
      let agreeing = Set(
        session.episodes.filter { $0.checkpointNumber == expected }.map(\.server))
      var reported: Set<String> = []
      return session.episodes.compactMap { episode in
        guard !agreeing.contains(episode.server), episode.freeze?.failed == nil,
          reported.insert(episode.server).inserted
        else { return nil }
        let message = episode.checkpointNumber.map {
          "logged checkpoint \($0), the session's is \(expected)"
        } ?? "logged no checkpoint, the session's is \(expected)"
        return finding(
          server: episode.server, session: session.id, at: episode.start, message,
          [episode.checkpoint ?? episode.opening].compactMap { $0 })
      }
    }
  }
}

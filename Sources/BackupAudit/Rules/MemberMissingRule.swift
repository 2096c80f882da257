/// `member-missing`: a cluster session has no episode on a member whose logs cover it.
public struct MemberMissingRule: AuditRule {
  public static let description = RuleDescription(
    id: .memberMissing, severity: .critical,
    summary: "a cluster session has no episode on a member whose evidence covers the session's time",
    explanation: "Every data server (the master and each shard) must be frozen, quiesced or "
      + "checkpointed by a cluster backup; a member that took no part cannot be restored to the "
      + "same logical moment as the others",
    evidence: "the session's first line on another member",
    remedy: "check that the shard is a data-storing member of the cluster the backup addresses "
      + "(ShardMasterNamespace) and that it was reachable")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.sessions.filter(\.kind.isClusterWide).flatMap { session in
      context.members.filter { !session.servers.contains($0) }.compactMap { member in
        guard context.covers(member, session) else { return nil }
        return finding(
          server: member, session: session.id, at: session.start,
          "no \(session.kind.rawValue) episode on \(member) while "
            + "\(ServerNameOrder.sorted(session.servers).joined(separator: ", ")) logged one",
          [session.episodes.first?.opening].compactMap { $0 })
      }
    }
  }
}

extension AuditContext {
  /// True when `server`'s logs span the whole of `session`.
  public func covers(_ server: String, _ session: CorrelatedSession) -> Bool {
    guard let coverage = coverage[server], let from = coverage.from, let to = coverage.to else {
      return false
    }
    return from <= session.start && to >= session.end
  }
}

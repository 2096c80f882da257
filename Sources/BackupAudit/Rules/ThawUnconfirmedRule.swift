/// `thaw-unconfirmed`: ExternalThaw began, and nothing confirmed that the system resumed.
public struct ThawUnconfirmedRule: AuditRule {
  public static let description = RuleDescription(
    id: .thawUnconfirmed, severity: .critical,
    summary: "ExternalThaw began (\"Resuming system\") but neither \"System resumed\", "
      + "\"Already resumed\" nor a thaw failure followed before the server's next backup event "
      + "or the end of its evidence",
    explanation: "Only ExternalThaw's \"System resumed\" says the write daemon ran again after a "
      + "freeze that held up to that point; without it the write daemon may still be suspended, "
      + "and whether the snapshot was taken inside the freeze cannot be told",
    evidence: "the freeze-begin and thaw-begin lines, and any unrecognised line that followed",
    remedy: "check on the server that the write daemon runs (Backup.General.IsWDSuspended()); "
      + "if the thaw logs its confirmation in another wording, add it to the catalogue "
      + "([[catalogue]] in the configuration, event = \"thawed\")")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard episode.kind == .freeze, let thaw = episode.freeze?.thawBegin,
        episode.ending == .unconfirmed
          || (episode.ending == .thawPending && !context.isInProgress(episode))
      else { return nil }
      let after = episode.ending == .unconfirmed
        ? "before the server's next backup event" : "before its log ends"
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "thaw began \(secondsText(thaw.epochMilliseconds - episode.start)) after the freeze and "
          + "was not confirmed \(after)",
        [episode.opening, thaw].compactMap { $0 }.uniqued() + episode.unrecognised)
    }
  }
}

extension Session {
  /// The reported form of a correlated session, with its verdict and restore tests: one member
  /// entry per episode (a server with two episodes in the session has two), with times,
  /// durations, journal files, clock offsets, and how long an episode still in progress has run.
  init(
    _ session: CorrelatedSession, verdict: Verdict, restoreTests: [RestoreTest],
    context: AuditContext
  ) {
    let median = session.medianInstant
    let instants = session.synchronisedInstants
    var members: [SessionMember] = []
    for episode in session.episodes {
      var member = SessionMember(server: episode.server)
      member.freezeBegin = episode.freeze?.begin?.epochMilliseconds
      member.frozen = episode.freeze?.frozen?.epochMilliseconds
      member.thawBegin = episode.freeze?.thawBegin?.epochMilliseconds
      member.thawed = episode.freeze?.thawed?.epochMilliseconds
      member.quiesced = episode.quiesce?.quiesced?.epochMilliseconds
      member.resumed = episode.quiesce?.resumed?.epochMilliseconds
      if let begin = member.freezeBegin, let end = member.thawed {
        member.durationSeconds = Double(end - begin) / 1000
      } else if episode.kind != .freeze, let begin = member.quiesced, let end = member.resumed {
        member.durationSeconds = Double(end - begin) / 1000
      }
      member.journalFile = episode.checkpoint?.journalFile ?? episode.freeze?.journalFile?.journalFile
      member.checkpoint = episode.checkpointNumber
      if let median, let instant = instants[episode.server], instants.count >= 2 {
        member.clockOffsetMilliseconds = instant - median
      }
      if context.isInProgress(episode), let elapsed = context.elapsed(episode) {
        member.elapsedSeconds = Double(elapsed) / 1000
      }
      members.append(member)
    }
    self.init(
      id: session.id, kind: session.kind, start: session.start, end: session.end,
      checkpoint: session.checkpoint, verdict: verdict, members: members,
      restoreTests: restoreTests)
  }
}

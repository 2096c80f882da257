/// Turns a correlated session into the reported `Session`: members' times, durations, journal
/// files and clock offsets.
enum SessionReport {
  static func session(
    _ session: CorrelatedSession, verdict: Verdict, restoreTests: [RestoreTest]
  ) -> Session {
    let median = session.medianInstant
    let instants = session.synchronisedInstants
    var members: [SessionMember] = []
    for episode in session.episodes where !members.contains(where: { $0.server == episode.server }) {
      var member = SessionMember(server: episode.server)
      member.freezeBegin = episode.freezeBegin?.epochMilliseconds
      member.frozen = episode.frozen?.epochMilliseconds
      member.thawBegin = episode.thawBegin?.epochMilliseconds
      member.thawed = episode.thawed?.epochMilliseconds
      member.quiesced = episode.quiesced?.epochMilliseconds
      member.resumed = episode.resumed?.epochMilliseconds
      if let begin = member.freezeBegin, let end = member.thawed {
        member.durationSeconds = Double(end - begin) / 1000
      } else if episode.kind != .freeze, let begin = member.quiesced, let end = member.resumed {
        member.durationSeconds = Double(end - begin) / 1000
      }
      member.journalFile = episode.checkpoint?.journalFile ?? episode.freezeJournalFile?.journalFile
      member.checkpoint = episode.checkpointNumber
      if let median, let instant = instants[episode.server], instants.count >= 2 {
        member.clockOffsetMilliseconds = instant - median
      }
      members.append(member)
    }
    return Session(
      id: session.id, kind: session.kind, start: session.start, end: session.end,
      checkpoint: session.checkpoint, verdict: verdict, members: members,
      restoreTests: restoreTests)
  }
}

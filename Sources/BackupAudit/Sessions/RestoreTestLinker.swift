import BackupEvents

/// Links restored copies of servers to the sessions whose snapshots they were started from
/// (SPEC §4): the copy's log ends with the freeze of that session, then a recovery block.
struct RestoreTestLinker {
  let configuration: AuditConfiguration

  /// Restore tests by session id.
  func link(_ restored: [ServerReading], to sessions: [CorrelatedSession]) -> [String: [RestoreTest]] {
    var tests: [String: [RestoreTest]] = [:]
    for reading in restored {
      let episodes = EpisodeBuilder.episodes(server: reading.server, events: reading.events)
      guard let frozen = episodes.last(where: { $0.kind == .freeze && $0.restart != nil }),
        let restart = frozen.restart
      else { continue }
      let source = configuration.restoredServers[reading.server] ?? nil
      let match = sessions.last { session in
        if let number = frozen.checkpointNumber, session.checkpoint == number { return true }
        guard let begin = frozen.freezeBegin else { return false }
        return session.episodes.contains { episode in
          (source == nil || episode.server == source)
            && episode.freezeBegin.map {
              abs($0.epochMilliseconds - begin.epochMilliseconds)
                <= configuration.skewToleranceMilliseconds
            } == true
        }
      }
      guard let match else { continue }
      tests[match.id, default: []].append(
        RestoreTest(server: reading.server, restoredFrom: source, restoredAt: restart.epochMilliseconds))
    }
    return tests
  }
}

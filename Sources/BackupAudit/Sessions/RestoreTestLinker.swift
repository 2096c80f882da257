import BackupEvents
import CivilTime

/// Links restored copies of servers to the sessions whose snapshots they were started from
/// (SPEC §4): the copy's log ends with the freeze of that session, then a recovery block.
///
/// The copy's log is the production server's up to the snapshot, so its freeze lines are the
/// production lines themselves: any of them (the freeze-begin, or "System suspended" when the
/// copy's log begins there, as the public Azure restore example's does) links it, by the same
/// local time and text, whatever zone either is read in. Checkpoint numbers repeat over the
/// years and are no key. A copy whose lines match none falls back to a freeze-begin within the
/// skew tolerance.
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
      let candidates = sessions.filter { session in
        session.episodes.contains { source == nil || $0.server == source }
      }
      guard let match = sameLines(frozen, in: candidates, source: source)
        ?? nearFreezeBegin(frozen, in: candidates, source: source)
      else { continue }
      tests[match.id, default: []].append(
        RestoreTest(server: reading.server, restoredFrom: source, restoredAt: restart.epochMilliseconds))
    }
    return tests
  }

  /// The latest session with an episode that logged one of the copy's freeze lines.
  private func sameLines(_ copy: Episode, in sessions: [CorrelatedSession], source: String?)
    -> CorrelatedSession?
  {
    let lines = Set(
      copy.events.filter { $0 != copy.restart }.map { Line(time: $0.localTime, text: $0.text) })
    guard !lines.isEmpty else { return nil }
    return sessions.last { session in
      session.episodes.contains { episode in
        (source == nil || episode.server == source)
          && episode.events.contains { lines.contains(Line(time: $0.localTime, text: $0.text)) }
      }
    }
  }

  private func nearFreezeBegin(_ copy: Episode, in sessions: [CorrelatedSession], source: String?)
    -> CorrelatedSession?
  {
    guard let begin = copy.freeze?.begin else { return nil }
    return sessions.last { session in
      session.episodes.contains { episode in
        (source == nil || episode.server == source)
          && episode.freeze?.begin.map {
            abs($0.epochMilliseconds - begin.epochMilliseconds)
              <= configuration.skewToleranceMilliseconds
          } == true
      }
    }
  }

  private struct Line: Hashable {
    var time: LocalTimestamp
    var text: String
  }
}

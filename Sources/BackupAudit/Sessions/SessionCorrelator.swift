import BackupEvents

/// Joins the episodes of every server into sessions (SPEC §4).
///
/// One sorted sweep per family (freezes; quiesces and checkpoints): an episode whose window
/// overlaps the growing session's, allowing for the skew tolerance on both sides, joins it.
/// A checkpoint number therefore joins episodes only within one backup window: numbers repeat
/// over the years (a restored server's counter goes back, a shard off by one logs the next
/// session's number), and two members of one window that log different numbers are one session
/// whose members disagree (`checkpoint-mismatch`), never two nights merged into one. A member
/// may have several episodes in one session. Cost: one sort, then linear; the sessions are made
/// from their groups on every core.
public struct SessionCorrelator: Sendable {
  /// Slack allowed on both sides of every window.
  public let toleranceMilliseconds: Int64

  /// Creates a correlator.
  public init(toleranceMilliseconds: Int64) {
    self.toleranceMilliseconds = toleranceMilliseconds
  }

  /// The sessions of `episodes` (all servers), in order of start, with unique ids.
  public func sessions(from episodes: [Episode]) -> [CorrelatedSession] {
    // The cluster's servers ranked in natural order once: each session orders its members by
    // these ranks, which among its own servers are in the same order as its own ranking.
    let names = ServerNameOrder.sorted(Set(episodes.map(\.server)))
    let rank = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    // The two families never share a session: each swept on its own core.
    let families = ResultSlots.concurrentMap([true, false]) { isFreeze in
      sweep(episodes.filter { ($0.kind == .freeze) == isFreeze })
    }
    let freezes = families[0].map { group in
      let isClusterWide = group.hasCheckpoint || group.hasSeveralServers
      return (group, isClusterWide ? SessionKind.clusterFreeze : .instanceFreeze)
    }
    let quiesces = families[1].map { group in
      (group, group.hasCheckpoint ? SessionKind.journalCheckpoint : .clusterQuiesce)
    }
    var sessions = ResultSlots.concurrentMap(freezes + quiesces) { group, kind in
      CorrelatedSession(kind: kind, episodes: group.episodes, rank: rank)
    }
    sessions.sort { ($0.start, $0.kind.rawValue) < ($1.start, $1.kind.rawValue) }
    var seen: [String: Int] = [:]
    for index in sessions.indices {
      let id = sessions[index].id
      seen[id, default: 0] += 1
      if let count = seen[id], count > 1 { sessions[index].id = "\(id)-\(count)" }
    }
    return sessions
  }

  /// A window being grown by the sweep.
  private struct Group {
    var episodes: [Episode]
    var end: Int64
    /// The server of the first episode.
    let firstServer: String
    /// True once an episode of another server than `firstServer` joined.
    var hasSeveralServers = false
    var hasCheckpoint: Bool

    init(_ episode: Episode, end: Int64) {
      episodes = [episode]
      self.end = end
      firstServer = episode.server
      hasCheckpoint = episode.checkpointNumber != nil
    }
  }

  /// Overlapping windows, in order of start.
  private func sweep(_ episodes: [Episode]) -> [Group] {
    let bounded = episodes.map { (episode: $0, start: $0.start, end: $0.end) }
      .sorted { ($0.start, $0.episode.server) < ($1.start, $1.episode.server) }
    var groups: [Group] = []
    for item in bounded {
      if let last = groups.indices.last,
        item.start - toleranceMilliseconds <= groups[last].end + toleranceMilliseconds
      {
        groups[last].episodes.append(item.episode)
        groups[last].end = max(groups[last].end, item.end)
        groups[last].hasSeveralServers =
          groups[last].hasSeveralServers || item.episode.server != groups[last].firstServer
        groups[last].hasCheckpoint = groups[last].hasCheckpoint || item.episode.checkpointNumber != nil
      } else {
        groups.append(Group(item.episode, end: item.end))
      }
    }
    return groups
  }
}

/// Joins the episodes of every server into sessions (SPEC §4).
///
/// The same checkpoint number joins episodes; checkpoint groups whose windows overlap are one
/// session whose members disagree (`checkpoint-mismatch`). Episodes without a checkpoint join
/// an overlapping session of their family, or group with other such episodes whose windows
/// overlap, allowing for the skew tolerance.
public struct SessionCorrelator: Sendable {
  /// Slack allowed on both sides of every window.
  public let toleranceMilliseconds: Int64

  /// Creates a correlator.
  public init(toleranceMilliseconds: Int64) {
    self.toleranceMilliseconds = toleranceMilliseconds
  }

  /// The sessions of `episodes` (all servers), in order of start, with unique ids.
  public func sessions(from episodes: [Episode]) -> [CorrelatedSession] {
    let freezes = episodes.filter { $0.kind == .freeze }
    let quiesces = episodes.filter { $0.kind != .freeze }
    var sessions =
      correlate(freezes, withCheckpoint: .clusterFreeze) { servers in
        servers.count > 1 ? .clusterFreeze : .instanceFreeze
      }
      + correlate(quiesces, withCheckpoint: .journalCheckpoint) { _ in .clusterQuiesce }
    sessions.sort { ($0.start, $0.kind.rawValue) < ($1.start, $1.kind.rawValue) }
    var seen: [String: Int] = [:]
    for index in sessions.indices {
      let id = sessions[index].id
      seen[id, default: 0] += 1
      if seen[id]! > 1 { sessions[index].id = "\(id)-\(seen[id]!)" }
    }
    return sessions
  }

  /// A window being grown by the sweep.
  private struct Group {
    var episodes: [Episode]
    var start: Int64
    var end: Int64
    var servers: Set<String>

    init(_ episodes: [Episode]) {
      self.episodes = episodes
      start = episodes.map(\.start).min()!
      end = episodes.map(\.end).max()!
      servers = Set(episodes.map(\.server))
    }

    mutating func add(_ other: [Episode]) {
      episodes += other
      start = min(start, other.map(\.start).min()!)
      end = max(end, other.map(\.end).max()!)
      servers.formUnion(other.map(\.server))
    }
  }

  private func overlaps(_ start: Int64, _ end: Int64, _ group: Group) -> Bool {
    start - toleranceMilliseconds <= group.end + toleranceMilliseconds
      && end + toleranceMilliseconds >= group.start - toleranceMilliseconds
  }

  private func correlate(
    _ episodes: [Episode], withCheckpoint checkpointKind: SessionKind,
    withoutCheckpoint kindOf: (Set<String>) -> SessionKind
  ) -> [CorrelatedSession] {
    // 1. By checkpoint number, then overlapping numbers merged.
    let numbered = Dictionary(grouping: episodes.filter { $0.checkpointNumber != nil }) {
      $0.checkpointNumber!
    }
    var checkpointGroups: [Group] = []
    for group in numbered.values.map(Group.init).sorted(by: { $0.start < $1.start }) {
      if let last = checkpointGroups.indices.last,
        overlaps(group.start, group.end, checkpointGroups[last])
      {
        checkpointGroups[last].add(group.episodes)
      } else {
        checkpointGroups.append(group)
      }
    }
    // 2. Episodes without a checkpoint join an overlapping checkpoint group that lacks their
    // server; the others group among themselves.
    var loose: [Group] = []
    let unnumbered = episodes.filter { $0.checkpointNumber == nil }.sorted { $0.start < $1.start }
    for episode in unnumbered {
      if let index = checkpointGroups.firstIndex(where: {
        !$0.servers.contains(episode.server) && overlaps(episode.start, episode.end, $0)
      }) {
        checkpointGroups[index].add([episode])
      } else if let last = loose.indices.last, overlaps(episode.start, episode.end, loose[last]),
        !loose[last].servers.contains(episode.server)
      {
        loose[last].add([episode])
      } else {
        loose.append(Group([episode]))
      }
    }
    return checkpointGroups.map { CorrelatedSession(kind: checkpointKind, episodes: $0.episodes) }
      + loose.map { CorrelatedSession(kind: kindOf($0.servers), episodes: $0.episodes) }
  }
}

import CivilTime

/// A session with the episodes that form it, before rules and verdicts.
public struct CorrelatedSession: Sendable, Equatable {
  public var id: String
  public var kind: SessionKind
  /// The members' episodes, by server name (in `ServerNameOrder`), then time.
  public let episodes: [Episode]

  /// Creates a session; the id is derived from the kind and the start.
  public init(kind: SessionKind, episodes: [Episode]) {
    // Each server's rank in natural order once, not a name comparison per pair of episodes.
    let names = ServerNameOrder.sorted(Set(episodes.map(\.server)))
    self.init(
      kind: kind, episodes: episodes,
      rank: Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) }))
  }

  /// Creates a session whose members are ordered by `rank`, every server's place in
  /// `ServerNameOrder` among at least this session's servers: the correlator ranks the
  /// cluster's servers once for all its sessions.
  init(kind: SessionKind, episodes: [Episode], rank: [String: Int]) {
    self.kind = kind
    let ordered = episodes.map { (rank: rank[$0.server] ?? 0, episode: $0) }
      .sorted { ($0.rank, $0.episode.start) < ($1.rank, $1.episode.start) }
      .map(\.episode)
    self.episodes = ordered
    start = episodes.map(\.start).min() ?? 0
    end = episodes.map(\.end).max() ?? 0
    servers = Set(ordered.map(\.server))
    checkpoint = Self.commonCheckpoint(of: ordered)
    let instants = Self.synchronisedInstants(of: ordered)
    synchronisedInstants = instants
    medianInstant = Self.median(of: instants.values.sorted())
    id = Self.identifier(start: start, kind: kind)
  }

  /// The earliest event of any member.
  public let start: Int64
  /// The latest event of any member.
  public let end: Int64

  // What the rules and the reported session read of it, derived once from `episodes` (which
  // never changes) rather than on every access: several rules and every member of the
  // reported session read them.

  /// The servers with an episode in this session.
  public let servers: Set<String>

  /// The checkpoint number most members logged (the smallest among equally common ones).
  public let checkpoint: Int?

  /// Each member's instant for the events every member logs at the same moment (the checkpoint,
  /// else the quiesce), used to estimate clock offsets.
  public let synchronisedInstants: [String: Int64]

  /// The median of `synchronisedInstants` (the mean of the middle two for an even count).
  public let medianInstant: Int64?

  private static func commonCheckpoint(of episodes: [Episode]) -> Int? {
    let numbers = episodes.compactMap(\.checkpointNumber)
    guard !numbers.isEmpty else { return nil }
    let counts = Dictionary(numbers.map { ($0, 1) }, uniquingKeysWith: +)
    return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
  }

  /// Each server's first instant among `episodes`, which hold each server's episodes next to
  /// one another (ordered by server): a server already has its instant exactly when it is the
  /// last one given one, so no key is looked up.
  private static func synchronisedInstants(of episodes: [Episode]) -> [String: Int64] {
    var instants: [String: Int64] = [:]
    instants.reserveCapacity(episodes.count)
    var lastServer: String?
    for episode in episodes where episode.server != lastServer {
      if let event = episode.checkpoint ?? episode.quiesce?.quiesced ?? episode.quiesce?.begin {
        instants[episode.server] = event.epochMilliseconds
        lastServer = episode.server
      }
    }
    return instants
  }

  private static func median(of sorted: [Int64]) -> Int64? {
    guard !sorted.isEmpty else { return nil }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// `20210811T034943Z-cluster-freeze`: stable across runs and windows of the same logs.
  static func identifier(start: Int64, kind: SessionKind) -> String {
    let text = CivilCalendar.rfc3339(epochMilliseconds: start)
    // The text is ASCII: filtered as bytes, not through Foundation's replacingOccurrences
    // (which bridged every session's id through NSString) or as Characters.
    let compact = String(
      decoding: text.utf8.prefix(19).filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ":") },
      as: UTF8.self)
    return "\(compact)Z-\(kind.rawValue)"
  }
}

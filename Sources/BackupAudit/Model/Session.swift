/// One member's part in a session: the times of its episode (milliseconds since the epoch, as
/// logged) and what it says.
public struct SessionMember: Sendable, Equatable, Codable {
  public var server: String
  public var freezeBegin: Int64?
  public var frozen: Int64?
  public var thawBegin: Int64?
  public var thawed: Int64?
  public var quiesced: Int64?
  public var resumed: Int64?
  /// Freeze-begin → thawed, or quiesced → resumed, in seconds (milliseconds kept).
  public var durationSeconds: Double?
  /// The journal file that ends at the session's checkpoint on this member.
  public var journalFile: String?
  /// The member's checkpoint number, when it logged one.
  public var checkpoint: Int?
  /// This member's clock estimated against the session's median (milliseconds; + is ahead).
  public var clockOffsetMilliseconds: Int64?
  /// For an episode still in progress at the report time: how long it has run (seconds since
  /// its freeze-begin or quiesce-begin); nil otherwise.
  public var elapsedSeconds: Double?

  /// Creates a member with no times.
  public init(server: String) {
    self.server = server
  }
}

/// A restored copy of a server that was started from this session's snapshot (SPEC §4).
public struct RestoreTest: Sendable, Equatable, Codable {
  /// The restored server's name.
  public var server: String
  /// The production server whose snapshot it was.
  public var restoredFrom: String?
  /// When the restored copy recovered (its recovery block's time).
  public var restoredAt: Int64

  /// Creates a restore test.
  public init(server: String, restoredFrom: String?, restoredAt: Int64) {
    self.server = server
    self.restoredFrom = restoredFrom
    self.restoredAt = restoredAt
  }
}

/// Episodes of several servers that form one backup (SPEC §4), with its verdict.
public struct Session: Sendable, Equatable, Codable {
  /// Stable across runs: the kind and the UTC start, e.g. `20210811T034943Z-cluster-freeze`.
  public var id: String
  public var kind: SessionKind
  public var start: Int64
  public var end: Int64
  /// The checkpoint number most members logged.
  public var checkpoint: Int?
  public var verdict: Verdict
  /// One entry per episode, by server name then time: a server with two episodes in the
  /// session has two.
  public var members: [SessionMember]
  public var restoreTests: [RestoreTest]

  /// Creates a session.
  public init(
    id: String, kind: SessionKind, start: Int64, end: Int64, checkpoint: Int?, verdict: Verdict,
    members: [SessionMember], restoreTests: [RestoreTest] = []
  ) {
    self.id = id
    self.kind = kind
    self.start = start
    self.end = end
    self.checkpoint = checkpoint
    self.verdict = verdict
    self.members = members
    self.restoreTests = restoreTests
  }

  /// The members' server names, each once, in the order of `members`.
  public var memberServers: [String] {
    var seen: Set<String> = []
    return members.map(\.server).filter { seen.insert($0).inserted }
  }
}

/// The ground truth of a simulated corpus: the sessions the model ran and the findings a
/// correct audit must report, with times as the servers logged them.
public struct SimulationTruth: Sendable, Equatable {
  /// One simulated data server.
  public struct Server: Sendable, Equatable {
    public var name: String
    /// The zone the server writes its log in.
    public var timeZone: String
    /// The zone `cluster.toml` gives it: `timeZone`, except for the server of a
    /// `zone-mismatch` (a zone with the same DST rules and another offset).
    public var configuredTimeZone: String
    /// `master` or `shard`.
    public var role: String
    public var clockOffsetMilliseconds: Int64
    public var driftPartsPerMillion: Int64
    /// Logged instants (UTC milliseconds) of the first and last entries written; nil until
    /// the logs are written.
    public var logFrom: Int64?
    public var logTo: Int64?
    /// For a restored server: the server whose snapshot it was started from.
    public var restoredFrom: String?
    /// The log layout (`iris`, `cache`, `structured-pairs`, `structured-json`).
    public var layout = "iris"
  }

  /// An instance started from a snapshot taken while frozen: its log copies the original's
  /// up to the snapshot, then shows the recovery block and a startup.
  public struct RestoreTest: Sendable, Equatable {
    public var server: String
    public var restoredFrom: String
    /// The session whose freeze the snapshot was taken in.
    public var session: String
    /// Logged instants: the snapshot, and the restored instance's recovery (to the second).
    public var snapshotTime: Int64
    public var restoredAt: Int64
  }

  /// One server's part in a session: the logged instants of its first and last events.
  public struct Member: Sendable, Equatable {
    public var server: String
    public var firstEventTime: Int64
    public var lastEventTime: Int64
  }

  /// One backup session, as logged.
  public struct Session: Sendable, Equatable {
    /// `S0001`, … in order of true start.
    public var id: String
    /// `cluster-freeze`, `cluster-quiesce`, `journal-checkpoint` or `instance-freeze`.
    public var kind: String
    /// The checkpoint number most members logged, if any did.
    public var checkpoint: Int?
    /// Earliest and latest member event (logged UTC milliseconds).
    public var start: Int64
    public var end: Int64
    public var members: [Member]
    /// The fault the scheduler staged in it (for reading the truth; not a finding).
    public var stagedFault: String?
    /// `consistent`, `degraded`, `inconsistent` or `unknown` from the worst severity of its
    /// findings (`rpo-exceeded` aside: it concerns the gap after the session), or
    /// `in-progress` when an episode is still running at the report time and nothing is
    /// critical.
    public var verdict: String
  }

  /// One finding a correct audit reports.
  public struct Finding: Sendable, Equatable, Hashable {
    public var rule: String
    public var severity: String
    /// The server concerned, nil for a cluster-wide finding.
    public var server: String?
    /// The session id, nil only for an RPO gap with no session at all.
    public var session: String?
    /// The logged start of the episode concerned, or the session's start.
    public var time: Int64
  }

  public var servers: [Server]
  public var sessions: [Session]
  public var findings: [Finding]
  /// Per server, per SPEC §3.3 event name: how many events a reader must extract.
  public var expectedEvents: [String: [String: Int]]
  /// Restored servers and the sessions they test (empty without `--restore-test`).
  public var restoreTests: [RestoreTest] = []
  /// The instant (UTC milliseconds) a correct audit is assumed to run, after every server's
  /// last entry; nil when nothing is in progress (then any time long after the logs will do).
  public var reportTime: Int64?
  /// The recovery point objective the `rpo-exceeded` findings assume (`--rpo 36h`).
  public static let recoveryPointObjective: Int64 = 36 * 3_600_000
  public static let freezeTimeout: Int64 = 600_000
  public static let nearTimeout: Int64 = 480_000
  public static let maximumQuiesce: Int64 = 300_000
  public static let skewTolerance: Int64 = 2_000
}

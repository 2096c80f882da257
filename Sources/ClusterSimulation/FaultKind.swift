/// A fault the simulator can inject: every audit rule with a log signature (named by its rule
/// ID, SPEC §5), scenario faults that real installations show and a correct audit must survive
/// (SPEC §8), and noise faults that look alarming but must produce no finding.
public enum FaultKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable, Comparable {
  case alreadyResumed = "already-resumed"
  case freezeFailed = "freeze-failed"
  case thawFailed = "thaw-failed"
  case freezeTimeoutExceeded = "freeze-timeout-exceeded"
  case freezeNearTimeout = "freeze-near-timeout"
  case neverThawed = "never-thawed"
  case crashWhileFrozen = "crash-while-frozen"
  case unjournaledDatabases = "unjournaled-databases"
  case overlappingFreeze = "overlapping-freeze"
  case quiesceTimeout = "quiesce-timeout"
  case neverResumed = "never-resumed"
  case quiesceTooLong = "quiesce-too-long"
  case resumeWithoutQuiesce = "resume-without-quiesce"
  case memberMissing = "member-missing"
  case checkpointMismatch = "checkpoint-mismatch"
  case clockSkew = "clock-skew"
  case rpoExceeded = "rpo-exceeded"
  case insufficientEvidence = "insufficient-evidence"
  case ambiguousLocalTime = "ambiguous-local-time"
  /// ExternalThaw logs "Resuming system" on one member and no confirmation follows.
  case thawUnconfirmed = "thaw-unconfirmed"
  /// A backup class logs a wording the catalogue does not know, inside a freeze.
  case unrecognisedBackupMessage = "unrecognised-backup-message"
  /// `cluster.toml` gives one server a zone with the same DST rules and another offset.
  case zoneMismatch = "zone-mismatch"
  /// A shard logs the checkpoint number of the next or the previous session (a scenario:
  /// the truth reports `checkpoint-mismatch` for that shard, nothing for the neighbour).
  case checkpointCollision = "checkpoint-collision"
  /// The last backup is still running when every log ends (a scenario: the truth gains a
  /// report time, and the session's verdict is `in-progress`).
  case backupInProgress = "backup-in-progress"
  /// Lines that merely mention ExternalFreeze or Backup.General (a task, a status query).
  case decoyLines = "decoy-lines"
  /// `Daemon WRTDMN (pid …) died. Freezing system`, then a forced restart: not a backup freeze.
  case writeDaemonDied = "write-daemon-died"
  /// A burst of ordinary severe errors.
  case severeNoise = "severe-noise"

  /// True for the faults that must produce no finding.
  public var isNoise: Bool {
    switch self {
    case .decoyLines, .writeDaemonDied, .severeNoise: return true
    default: return false
    }
  }

  /// True for the scenario faults, whose name is no rule ID (see `truthRule`).
  public var isScenario: Bool {
    self == .checkpointCollision || self == .backupInProgress
  }

  /// The faults that name an audit rule, in the catalogue's order.
  public static var rules: [FaultKind] { allCases.filter { !$0.isNoise && !$0.isScenario } }

  /// The rule the truth reports for the fault: its own for a rule fault, `checkpoint-mismatch`
  /// for a collision; nil for noise and for a backup in progress, which yields at most a
  /// `freeze-near-timeout` (when the report time is past 80 % of the timeout).
  public var truthRule: String? {
    switch self {
    case .checkpointCollision: return FaultKind.checkpointMismatch.rawValue
    case .backupInProgress, .decoyLines, .writeDaemonDied, .severeNoise: return nil
    default: return rawValue
    }
  }

  /// The rule's severity (SPEC §5); nil for noise and scenario faults. An unrecognised
  /// message is a warning for a line of severity 0–1 and critical for 2–3: this is the former.
  public var severity: String? {
    switch self {
    case .freezeNearTimeout, .unjournaledDatabases, .overlappingFreeze, .quiesceTooLong,
      .resumeWithoutQuiesce, .clockSkew, .ambiguousLocalTime, .unrecognisedBackupMessage,
      .zoneMismatch:
      return "warning"
    case .insufficientEvidence: return "unknown"
    case .decoyLines, .writeDaemonDied, .severeNoise, .checkpointCollision, .backupInProgress:
      return nil
    default: return "critical"
    }
  }

  /// The kind of backup session the fault is staged in.
  var stage: FaultStage {
    switch self {
    case .alreadyResumed, .thawFailed, .freezeTimeoutExceeded, .freezeNearTimeout,
      .crashWhileFrozen, .unjournaledDatabases, .overlappingFreeze, .checkpointMismatch:
      return .clusterFreeze
    case .quiesceTimeout, .quiesceTooLong, .resumeWithoutQuiesce, .memberMissing, .clockSkew:
      return .clusterQuiesce
    case .freezeFailed: return .instanceFreeze
    case .thawUnconfirmed, .unrecognisedBackupMessage: return .anyFreeze
    case .checkpointCollision: return .checkpointed
    case .neverThawed, .neverResumed, .backupInProgress: return .lastNight
    case .rpoExceeded: return .skippedNights
    case .insufficientEvidence, .ambiguousLocalTime, .zoneMismatch: return .special
    case .decoyLines, .writeDaemonDied, .severeNoise: return .daytime
    }
  }

  /// Orders faults by their place in the catalogue.
  public static func < (lhs: FaultKind, rhs: FaultKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// Where a fault is staged: which night's session it takes over, or none.
enum FaultStage: Sendable, Equatable {
  case clusterFreeze, clusterQuiesce, instanceFreeze, lastNight, skippedNights, special, daytime
  /// A cluster freeze or an instance freeze, chosen at random.
  case anyFreeze
  /// A session that logs a checkpoint number: a cluster freeze or a journal checkpoint.
  case checkpointed

  /// True for the stages that take a night of their own.
  var takesNight: Bool {
    switch self {
    case .clusterFreeze, .clusterQuiesce, .instanceFreeze, .skippedNights, .anyFreeze,
      .checkpointed:
      return true
    case .lastNight, .special, .daytime:
      return false
    }
  }
}

/// The three documented approaches of a sharded cluster backup (SPEC §2), plus the
/// single-instance freeze.
public enum BackupApproach: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
  /// `Backup.ShardedCluster.ExternalFreeze` / `ExternalThaw` with the internal checkpoint.
  case freeze
  /// `Backup.ShardedCluster.Quiesce` / `Resume` from one job.
  case quiesce
  /// `Backup.ShardedCluster.JournalCheckpoint` after uncoordinated backups.
  case checkpoint
  /// `Backup.General.ExternalFreeze` / `ExternalThaw` on one instance (Azure pre/post-scripts).
  case instance
}

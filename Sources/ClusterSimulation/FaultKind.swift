/// A fault the simulator can inject: every audit rule with a log signature (named by its rule
/// ID, SPEC §5), and noise faults that look alarming but must produce no finding.
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
  /// Lines that merely mention ExternalFreeze or Backup.General (a task, a status query).
  case decoyLines = "decoy-lines"
  /// `Daemon WRTDMN (pid …) died. Freezing system`, then a forced restart: not a backup freeze.
  case writeDaemonDied = "write-daemon-died"
  /// A burst of ordinary severity-2 errors.
  case severeNoise = "severe-noise"

  /// True for the faults that must produce no finding.
  public var isNoise: Bool {
    switch self {
    case .decoyLines, .writeDaemonDied, .severeNoise: return true
    default: return false
    }
  }

  /// The faults that name an audit rule, in the catalogue's order.
  public static var rules: [FaultKind] { allCases.filter { !$0.isNoise } }

  /// The rule's severity (SPEC §5); nil for noise faults.
  public var severity: String? {
    switch self {
    case .freezeNearTimeout, .unjournaledDatabases, .overlappingFreeze, .quiesceTooLong,
      .resumeWithoutQuiesce, .clockSkew, .ambiguousLocalTime:
      return "warning"
    case .insufficientEvidence: return "unknown"
    case .decoyLines, .writeDaemonDied, .severeNoise: return nil
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
    case .neverThawed, .neverResumed: return .lastNight
    case .rpoExceeded: return .skippedNights
    case .insufficientEvidence, .ambiguousLocalTime: return .special
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

/// The stable rule identifiers of SPEC §5; users' scripts and monitoring rely on them.
public enum RuleID: String, Sendable, Codable, CaseIterable, Comparable {
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
  case thawUnconfirmed = "thaw-unconfirmed"
  case unrecognisedBackupMessage = "unrecognised-backup-message"
  case zoneMismatch = "zone-mismatch"

  public static func < (left: RuleID, right: RuleID) -> Bool { left.rawValue < right.rawValue }
}

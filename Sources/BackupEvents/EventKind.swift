/// The backup-related events of the message catalogue (SPEC §3.3); raw values are the names
/// the `events` output and the configuration use.
public enum EventKind: String, Sendable, Codable, CaseIterable, Comparable {
  case freezeBegin = "freeze-begin"
  case unjournaledDatabase = "unjournaled-database"
  case unjournaledSummary = "unjournaled-summary"
  case journalSwitch = "journal-switch"
  case freezeJournalFile = "freeze-journal-file"
  case frozen
  case freezeFailed = "freeze-failed"
  case thawBegin = "thaw-begin"
  case thawed
  case alreadyResumed = "already-resumed"
  case thawFailed = "thaw-failed"
  case quiesceBegin = "quiesce-begin"
  case quiesced
  case quiesceTimeout = "quiesce-timeout"
  case resumeBegin = "resume-begin"
  case resumed
  case journalCheckpoint = "journal-checkpoint"
  case startup
  case recovery
  case abnormalShutdown = "abnormal-shutdown"
  case cleanShutdown = "clean-shutdown"
  /// `Instance '…' starting on node … on MM/DD/YYYY HH:MM:SS.mmm UTC`: the server states its
  /// own UTC time (IRIS 2024.1 and later).
  case instanceStart = "instance-start"
  /// A message of the backup classes that no catalogue entry matches (SPEC §3.3): kept as an
  /// event so that nothing a backup class logs is dropped.
  case unrecognised

  /// True for the events the backup classes log (`Backup.General`, `Backup.ShardedCluster`).
  public var isBackupClassMessage: Bool {
    switch self {
    case .journalSwitch, .startup, .recovery, .abnormalShutdown, .cleanShutdown, .instanceStart:
      false
    default: true
    }
  }

  public static func < (left: EventKind, right: EventKind) -> Bool {
    left.rawValue < right.rawValue
  }
}

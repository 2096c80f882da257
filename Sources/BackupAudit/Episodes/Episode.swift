import BackupEvents

/// What an episode is on its server (SPEC §4).
public enum EpisodeKind: String, Sendable, Codable {
  /// freeze-begin … thawed, with the internal quiesce and checkpoint inside it.
  case freeze
  /// quiesce-begin … resumed outside any freeze; with a checkpoint it is approach 1's
  /// JournalCheckpoint, without one approach 2's Quiesce/Resume.
  case quiesce
  /// A checkpoint line with no quiesce around it.
  case checkpoint
}

/// How an episode ended.
public enum EpisodeEnding: String, Sendable, Codable {
  /// Thawed, or resumed.
  case completed
  /// ExternalThaw said "Already resumed".
  case alreadyResumed
  /// Freezing failed, or a quiesce timed out.
  case failed
  /// The server restarted (startup, recovery, abnormal shutdown) while it was open.
  case restart
  /// Another quiesce began while this one was open.
  case superseded
  /// Still open when the server's evidence ends (in progress, or never finished: the rules
  /// decide with the report time).
  case endOfEvidence
  /// ExternalThaw began, and the server's next backup event came with no "System resumed",
  /// "Already resumed" or thaw failure before it.
  case unconfirmed
  /// ExternalThaw began and the server's evidence ended before anything followed it.
  case thawPending
  /// A checkpoint with no window.
  case instant
}

/// One server's part of one backup: the events of a freeze, a quiesce or a checkpoint.
public struct Episode: Sendable, Equatable {
  public var server: String
  public var kind: EpisodeKind
  public var freezeBegin: BackupEvent?
  public var frozen: BackupEvent?
  public var freezeJournalFile: BackupEvent?
  public var freezeFailed: BackupEvent?
  public var thawBegin: BackupEvent?
  public var thawed: BackupEvent?
  public var alreadyResumed: BackupEvent?
  public var thawFailed: BackupEvent?
  public var quiesceBegin: BackupEvent?
  public var quiesced: BackupEvent?
  public var quiesceTimeout: BackupEvent?
  public var resumeBegin: BackupEvent?
  public var resumed: BackupEvent?
  public var checkpoint: BackupEvent?
  public var unjournaled: [BackupEvent] = []
  /// freeze-begin lines logged while this freeze was already open.
  public var overlappingFreezes: [BackupEvent] = []
  /// Backup-class messages no catalogue entry matched, logged while this episode was open.
  public var unrecognised: [BackupEvent] = []
  /// The startup, recovery or abnormal-shutdown that ended it.
  public var restart: BackupEvent?
  /// True when "Already resumed" came after this episode's own freeze failure (the Azure
  /// pre-script's thaw after a failed freeze), which confirms nothing was left frozen.
  public var isThawAfterFailure = false
  public var ending: EpisodeEnding

  /// Creates an open episode.
  public init(server: String, kind: EpisodeKind, ending: EpisodeEnding = .endOfEvidence) {
    self.server = server
    self.kind = kind
    self.ending = ending
  }

  /// Every event of the episode, in time order.
  public var events: [BackupEvent] {
    let named: [BackupEvent?] = [
      freezeBegin, frozen, freezeJournalFile, freezeFailed, thawBegin, thawed, alreadyResumed,
      thawFailed, quiesceBegin, quiesced, quiesceTimeout, resumeBegin, resumed, checkpoint, restart,
    ]
    return (named.compactMap { $0 } + unjournaled + overlappingFreezes + unrecognised)
      .sorted { ($0.epochMilliseconds, $0.line) < ($1.epochMilliseconds, $1.line) }
  }

  /// The earliest event's instant.
  public var start: Int64 { events.first?.epochMilliseconds ?? 0 }
  /// The latest event's instant.
  public var end: Int64 { events.last?.epochMilliseconds ?? 0 }
  /// The first line of the episode: the freeze-begin or quiesce-begin when there is one.
  public var opening: BackupEvent? {
    freezeBegin ?? quiesceBegin ?? events.first
  }
  /// The checkpoint number it logged.
  public var checkpointNumber: Int? { checkpoint?.checkpoint }
  /// True for quiesce episodes that were a JournalCheckpoint (approach 1).
  public var isCheckpointOnly: Bool { kind != .freeze && checkpoint != nil }
  /// True while a quiesce inside this episode has begun and not resumed.
  var isQuiesceOpen: Bool {
    (quiesceBegin != nil || quiesced != nil) && resumed == nil && quiesceTimeout == nil
  }
}

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

/// The steps of a Quiesce … Resume: on its own (approach 2, or JournalCheckpoint's, approach
/// 1), or inside a freeze, whose coordinated checkpoint runs one.
public struct QuiesceSteps: Sendable, Equatable {
  public var begin: BackupEvent?
  public var quiesced: BackupEvent?
  public var timeout: BackupEvent?
  public var resumeBegin: BackupEvent?
  public var resumed: BackupEvent?
  /// The JournalCheckpoint line logged with it.
  public var checkpoint: BackupEvent?

  /// No step yet.
  public init() {}

  /// True while it has begun and neither resumed nor timed out.
  var isOpen: Bool { (begin != nil || quiesced != nil) && resumed == nil && timeout == nil }

  var events: [BackupEvent?] { [begin, quiesced, timeout, resumeBegin, resumed, checkpoint] }
}

/// The steps of an ExternalFreeze … ExternalThaw on one server.
public struct FreezeSteps: Sendable, Equatable {
  public var begin: BackupEvent?
  public var frozen: BackupEvent?
  public var journalFile: BackupEvent?
  public var failed: BackupEvent?
  public var thawBegin: BackupEvent?
  public var thawed: BackupEvent?
  public var alreadyResumed: BackupEvent?
  public var thawFailed: BackupEvent?
  /// The "not journalled" warnings of the freeze-begin.
  public var unjournaled: [BackupEvent] = []
  /// freeze-begin lines logged while this freeze was already open.
  public var overlapping: [BackupEvent] = []
  /// True when "Already resumed" came after this freeze failed (or never reported "System
  /// suspended"), which confirms nothing was left frozen.
  public var isThawAfterFailure = false
  /// The coordinated checkpoint's own Quiesce, checkpoint line and Resume.
  public var inner = QuiesceSteps()

  /// No step yet.
  public init() {}

  /// freeze-begin → thawed, when both were logged.
  public var thawedLength: Int64? {
    guard let begin, let thawed else { return nil }
    return thawed.epochMilliseconds - begin.epochMilliseconds
  }

  var events: [BackupEvent?] {
    [begin, frozen, journalFile, failed, thawBegin, thawed, alreadyResumed, thawFailed]
      + inner.events
  }
}

/// What an episode holds, by kind: each case carries only what that kind can log.
public enum EpisodeBody: Sendable, Equatable {
  case freeze(FreezeSteps)
  case quiesce(QuiesceSteps)
  /// A checkpoint line with no quiesce around it.
  case checkpoint(BackupEvent)
}

/// One server's part of one backup: a freeze, a quiesce or a checkpoint (SPEC §4).
///
/// Made whole by `EpisodeBuilder`; its events and bounds are stored when it is made (and when
/// the builder changes it), never recomputed on access.
public struct Episode: Sendable, Equatable {
  public let server: String
  public private(set) var body: EpisodeBody
  public private(set) var ending: EpisodeEnding
  /// The startup, recovery or abnormal-shutdown that ended it.
  public private(set) var restart: BackupEvent?
  /// Backup-class messages no catalogue entry matched, logged while it was open.
  public private(set) var unrecognised: [BackupEvent]
  /// Every event of the episode, in time order.
  public private(set) var events: [BackupEvent] = []
  /// The earliest and latest events' instants.
  public private(set) var start: Int64 = 0
  public private(set) var end: Int64 = 0

  /// Creates an episode; its events and bounds are derived once, here.
  public init(
    server: String, body: EpisodeBody, ending: EpisodeEnding, restart: BackupEvent? = nil,
    unrecognised: [BackupEvent] = []
  ) {
    self.server = server
    self.body = body
    self.ending = ending
    self.restart = restart
    self.unrecognised = unrecognised
    seal()
  }

  /// Changes the body (the builder joins a late event to a finished episode), then derives
  /// the events and bounds again.
  mutating func update(_ change: (inout EpisodeBody) -> Void) {
    change(&body)
    seal()
  }

  private mutating func seal() {
    var all: [BackupEvent?]
    switch body {
    case .freeze(let freeze): all = freeze.events
    case .quiesce(let quiesce): all = quiesce.events
    case .checkpoint(let event): all = [event]
    }
    let extra: [BackupEvent] =
      (freeze.map { $0.unjournaled + $0.overlapping } ?? []) + unrecognised
    all.append(restart)
    events = (all.compactMap { $0 } + extra)
      .sorted { ($0.epochMilliseconds, $0.line) < ($1.epochMilliseconds, $1.line) }
    start = events.first?.epochMilliseconds ?? 0
    end = events.last?.epochMilliseconds ?? 0
  }

  public var kind: EpisodeKind {
    switch body {
    case .freeze: .freeze
    case .quiesce: .quiesce
    case .checkpoint: .checkpoint
    }
  }

  /// The freeze's steps, for a freeze.
  public var freeze: FreezeSteps? {
    if case .freeze(let steps) = body { steps } else { nil }
  }

  /// The quiesce's steps: a quiesce's own, or a freeze's inner ones.
  public var quiesce: QuiesceSteps? {
    switch body {
    case .freeze(let freeze): freeze.inner
    case .quiesce(let quiesce): quiesce
    case .checkpoint: nil
    }
  }

  /// The checkpoint line it logged, whatever its kind.
  public var checkpoint: BackupEvent? {
    switch body {
    case .freeze(let freeze): freeze.inner.checkpoint
    case .quiesce(let quiesce): quiesce.checkpoint
    case .checkpoint(let event): event
    }
  }

  /// The checkpoint number it logged.
  public var checkpointNumber: Int? { checkpoint?.checkpoint }

  /// The first line of the episode: the freeze-begin or quiesce-begin when there is one.
  public var opening: BackupEvent? {
    freeze?.begin ?? quiesce?.begin ?? events.first
  }
}

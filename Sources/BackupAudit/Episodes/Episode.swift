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
/// the builder changes it), never recomputed on access. A value, whose parts live in one
/// immutable box: the correlator, the sessions and every rule pass episodes around, and a copy
/// then costs one reference count, not one for each string of each of its events.
public struct Episode: Sendable, Equatable {
  public let server: String
  private var storage: Storage

  /// What it holds, by kind, made again from the stored steps (the builder's use, not the
  /// rules': they read `freeze`, `quiesce` and `checkpoint`, which copy no payload).
  public var body: EpisodeBody {
    if let freeze = storage.freeze { return .freeze(freeze) }
    if let quiesce = storage.quiesce { return .quiesce(quiesce) }
    guard let checkpoint = storage.checkpoint else {
      preconditionFailure("an episode with neither steps nor a checkpoint line")
    }
    return .checkpoint(checkpoint)
  }
  public var ending: EpisodeEnding { storage.ending }
  /// The startup, recovery or abnormal-shutdown that ended it.
  public var restart: BackupEvent? { storage.restart }
  /// Backup-class messages no catalogue entry matched, logged while it was open.
  public var unrecognised: [BackupEvent] { storage.unrecognised }
  /// Every event of the episode, in time order.
  public var events: [BackupEvent] { storage.events }
  /// The events whose local time a DST change made ambiguous or skipped, in time order
  /// (nearly always none: found once, not by each walk of `events`).
  public var inexactLocalTimes: [BackupEvent] { storage.inexactLocalTimes }
  /// The earliest and latest events' instants.
  public var start: Int64 { storage.start }
  public var end: Int64 { storage.end }

  /// Creates an episode; its events and bounds are derived once, here.
  public init(
    server: String, body: EpisodeBody, ending: EpisodeEnding, restart: BackupEvent? = nil,
    unrecognised: [BackupEvent] = []
  ) {
    self.server = server
    storage = Storage(body: body, ending: ending, restart: restart, unrecognised: unrecognised)
  }

  /// Changes the body (the builder joins a late event to a finished episode), then derives
  /// the events and bounds again.
  mutating func update(_ change: (inout EpisodeBody) -> Void) {
    var body = self.body
    change(&body)
    storage = Storage(
      body: body, ending: storage.ending, restart: storage.restart,
      unrecognised: storage.unrecognised)
  }

  public static func == (left: Episode, right: Episode) -> Bool {
    left.server == right.server && (left.storage === right.storage || left.storage == right.storage)
  }

  /// An episode's parts and what is derived from them, never changed once made.
  ///
  /// The body is kept as its parts (`freeze`, `quiesce`, `checkpoint`), each stored, so that
  /// reading one costs a load: every rule reads them for every episode, and taking them out of
  /// the body's case on each access copied its whole payload (a freeze's sixteen events).
  private final class Storage: Sendable, Equatable {
    let ending: EpisodeEnding
    let restart: BackupEvent?
    let unrecognised: [BackupEvent]
    let events: [BackupEvent]
    let inexactLocalTimes: [BackupEvent]
    let start: Int64
    let end: Int64
    let kind: EpisodeKind
    /// The freeze's steps; set exactly when `kind` is `.freeze`.
    let freeze: FreezeSteps?
    /// A quiesce's own steps, or a freeze's inner ones; nil exactly for a checkpoint.
    let quiesce: QuiesceSteps?
    /// The checkpoint line of any kind; never nil for a checkpoint.
    let checkpoint: BackupEvent?
    let opening: BackupEvent?

    init(body: EpisodeBody, ending: EpisodeEnding, restart: BackupEvent?, unrecognised: [BackupEvent]) {
      self.ending = ending
      self.restart = restart
      self.unrecognised = unrecognised
      var all: [BackupEvent?]
      var extra = unrecognised
      switch body {
      case .freeze(let freeze):
        all = freeze.events
        extra = freeze.unjournaled + freeze.overlapping + unrecognised
        (kind, self.freeze, self.quiesce) = (.freeze, freeze, freeze.inner)
        checkpoint = freeze.inner.checkpoint
      case .quiesce(let quiesce):
        all = quiesce.events
        (kind, self.freeze, self.quiesce, checkpoint) = (.quiesce, nil, quiesce, quiesce.checkpoint)
      case .checkpoint(let event):
        all = [event]
        (kind, self.freeze, self.quiesce, checkpoint) = (.checkpoint, nil, nil, event)
      }
      all.append(restart)
      let events = (all.compactMap { $0 } + extra)
        .sorted { ($0.epochMilliseconds, $0.line) < ($1.epochMilliseconds, $1.line) }
      self.events = events
      inexactLocalTimes = events.filter { $0.timeStatus != .exact }
      start = events.first?.epochMilliseconds ?? 0
      end = events.last?.epochMilliseconds ?? 0
      switch body {
      case .freeze(let freeze): opening = freeze.begin ?? freeze.inner.begin ?? events.first
      case .quiesce(let quiesce): opening = quiesce.begin ?? events.first
      case .checkpoint: opening = events.first
      }
    }

    static func == (left: Storage, right: Storage) -> Bool {
      // The steps say everything the body does: `quiesce` and `checkpoint` only repeat a
      // freeze's, and a checkpoint episode is its line.
      left.freeze == right.freeze && left.quiesce == right.quiesce
        && left.checkpoint == right.checkpoint && left.ending == right.ending
        && left.restart == right.restart
        && left.unrecognised == right.unrecognised
    }
  }

  public var kind: EpisodeKind { storage.kind }

  /// The freeze's steps, for a freeze.
  ///
  /// Yielded in place, so `episode.freeze?.begin` copies one event, not every step.
  public var freeze: FreezeSteps? {
    _read { yield storage.freeze }
  }

  /// The quiesce's steps: a quiesce's own, or a freeze's inner ones.
  public var quiesce: QuiesceSteps? {
    _read { yield storage.quiesce }
  }

  /// The checkpoint line it logged, whatever its kind.
  public var checkpoint: BackupEvent? { storage.checkpoint }

  /// The checkpoint number it logged.
  public var checkpointNumber: Int? { checkpoint?.checkpoint }

  /// The first line of the episode: the freeze-begin or quiesce-begin when there is one.
  public var opening: BackupEvent? { storage.opening }
}

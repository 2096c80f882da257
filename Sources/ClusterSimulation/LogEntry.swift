/// One entry the model writes into a server's log: backup messages, journal switches,
/// startups, recoveries and the messages that explain the model's state. Ordinary noise is
/// not stored: the writer draws it on the fly.
struct LogEntry: Sendable, Equatable {
  /// How the entry is laid out in the file.
  enum Shape: Sendable, Equatable {
    /// `MM/DD/YY-HH:MM:SS:mmm (pid) severity [Category] text`, then continuation lines.
    case standard
    /// A blank line and the `*** Recovery started at <date>` block, with no timestamp prefix.
    case recoveryBlock
  }

  /// The true instant (UTC milliseconds); the server's clock decides what is written.
  var time: Int64
  /// The process that logs it.
  var pid: Int
  /// 0 info, 1 warning, 2 severe, 3 fatal.
  var severity: Int
  /// The category without brackets, or nil for an entry without one.
  var category: String?
  /// The message after the category (may be empty, as in the Startup block).
  var text: String
  /// Lines that continue the entry, written as they are.
  var continuation: [String] = []
  var shape: Shape = .standard
  /// The SPEC §3.3 event name a reader must extract from this entry, or nil.
  var event: String?
}

/// The model's record of one backup episode on one server: a freeze, a quiesce, or a
/// checkpoint, with the true instants of the state changes that the rules look at.
struct Episode: Sendable, Equatable {
  /// What the episode is.
  enum Kind: String, Sendable, Equatable {
    case freeze, quiesce, checkpoint
  }

  var kind: Kind
  /// Index of the session in the plan.
  var session: Int
  var server: Int
  /// True instants of every event entry of the episode, in order.
  var eventTimes: [Int64] = []
  /// The checkpoint number the server logged, if it logged one.
  var checkpoint: Int?
  /// The true instant of the step coordinated across servers (the quiesce-begin).
  var coordinated: Int64?

  /// freeze-begin, frozen, thaw-begin (the first), thawed (true instants).
  var freezeBegin: Int64?
  var frozen: Int64?
  var thawBegin: Int64?
  var thawed: Int64?
  /// Freezing failed (the server logged freeze-failed, or a wording the catalogue does not
  /// know, and never "System suspended").
  var failed = false
  /// A thaw found the write daemon already running and logged "Already resumed".
  var alreadyResumed = false
  /// A thaw logged a failure.
  var thawFailed = false
  /// The server crashed while frozen; its restart ended the freeze.
  var crashed = false
  /// Another freeze began while this one held the server frozen.
  var overlapping = false
  /// Databases the freeze warned were not journalled.
  var unjournaled = 0
  /// The severities of the lines in unknown wordings (`unrecognised` events) it logged.
  var unrecognisedSeverities: [Int] = []

  /// quiesce-begin, quiesced, resumed (true instants).
  var quiesceBegin: Int64?
  var quiesced: Int64?
  var resumed: Int64?
  /// The quiesce timed out on this server.
  var timedOut = false
  /// For an orphan Resume (logged with no quiesce open): its resume-begin instant.
  var orphanResume: Int64?
  /// When a crash ended the episode: the instant of the recovery block (whole seconds).
  var recovery: Int64?
  /// The write daemon's true suspension interval, for the record.
  var suspendedFrom: Int64?
  var suspendedTo: Int64?

  /// The first event's instant.
  var start: Int64 { eventTimes.first ?? 0 }
  /// The last event's instant.
  var end: Int64 { eventTimes.last ?? 0 }
}

/// One server's journal: the current file and the numbering IRIS uses
/// (`/iris/journal1/YYYYMMDD.NNN`, NNN restarting at 001 each local day).
struct JournalState: Sendable, Equatable {
  var directory: String
  var date: CivilDate
  var sequence: Int

  /// The current file's path.
  var current: String {
    let stamp = "\(date.year)\(TimeText.pad(date.month, 2))\(TimeText.pad(date.day, 2))"
    return "\(directory)\(stamp).\(TimeText.pad(sequence, 3))"
  }

  /// Moves to the next file on a local day; returns the file that ended.
  mutating func switchFile(on localDate: CivilDate) -> String {
    let ended = current
    if localDate != date {
      date = localDate
      sequence = 1
    } else {
      sequence += 1
    }
    return ended
  }
}

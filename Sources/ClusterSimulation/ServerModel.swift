/// The model of one data server: its clock and zone, journal, write daemon, global buffer
/// pool, processes and up/down state. Operations move it forward in (true) time and append
/// the entries it would log; backup episodes are recorded for the truth.
struct ServerModel: Sendable {
  /// The write daemon suspends user processes that update the database after this long
  /// (600 s, or `ExternalFreezeTimeout`).
  static let freezeTimeout: Int64 = 600_000

  let index: Int
  var name: String
  /// `master`, `shard`, or `restored` for an instance started from a snapshot.
  var role: String
  var clock: ServerClock
  let zone: ZoneTable
  var rng: SplitMix64

  /// Everything logged so far, in order of true time.
  var entries: [LogEntry] = []
  /// Every backup episode, in order of start.
  var episodes: [Episode] = []
  /// Intervals (true time) when the instance was down and logged nothing.
  var downIntervals: [ClosedRange<Int64>] = []

  /// The index in `episodes` of the freeze holding the server frozen, if any.
  var openFreeze: Int?
  /// The index in `episodes` of the quiesce holding the server quiesced, if any.
  var openQuiesce: Int?
  /// True while the instance runs.
  var isUp = true
  /// When the write daemon was suspended, while it is.
  var suspendedSince: Int64?
  /// Whether the timeout or a full buffer pool has suspended user processes already.
  var userProcessesSuspended = false
  var bufferPoolFull = false
  /// How long the global buffers last while the write daemon is suspended (changes a bit
  /// each freeze; always more than a normal freeze lasts).
  var bufferPoolEndurance: Int64 = 900_000
  /// Databases whose journaling an operator has turned off.
  var unjournaledDatabases: [String] = []
  /// Whether each startup logs `Instance '…' starting on node …` (IRIS 2024.1 and later, in
  /// the IRIS and structured layouts; not Caché).
  var writesInstanceStart = true

  var journal: JournalState
  var nextSizeSwitch: Int64
  var nextMidnight: Int64
  /// The last instant the model has processed.
  var now: Int64
  private var lastPid: Int
  /// Daemon pids of the current boot: CONTROL, WRTDMN, JRNDMN, GARCOL.
  var daemonPids: [Int] = []

  init(
    index: Int, name: String, role: String, clock: ServerClock, zone: ZoneTable,
    rng: SplitMix64, start: Int64
  ) {
    self.index = index
    self.name = name
    self.role = role
    self.clock = clock
    self.zone = zone
    self.rng = rng
    self.now = start
    let startDate = ServerModel.localDate(zone.local(clock.shown(start)))
    journal = JournalState(
      directory: "/iris/journal\(index % 2 + 1)/", date: startDate,
      sequence: self.rng.int(in: 1...3))
    lastPid = self.rng.int(in: 2_000...90_000)
    nextSizeSwitch = start + self.rng.int64(in: 3_600_000...14_400_000)
    nextMidnight = 0
    nextMidnight = midnight(after: start)
    daemonPids = (0..<4).map { _ in newPid() }
  }

  /// A new process id, as the kernel hands them out (increasing, wrapping at 4194304).
  mutating func newPid() -> Int {
    lastPid += rng.int(in: 1...37)
    if lastPid > 4_194_000 { lastPid = 1_000 + rng.below(5_000) }
    return lastPid
  }

  /// Appends an entry and, when it is an event of an open episode, records it there.
  mutating func log(
    _ time: Int64, pid: Int, severity: Int = 0, category: String? = BackupMessages.utility,
    _ text: String, event: String? = nil, continuation: [String] = [],
    episode: Int? = nil
  ) {
    entries.append(
      LogEntry(
        time: time, pid: pid, severity: severity, category: category,
        text: text, continuation: continuation, event: event))
    if let episode, event != nil { episodes[episode].eventTimes.append(time) }
    now = max(now, time)
  }

  /// Switches the journal to a new file at `time`, logging the two-line message; returns
  /// the file that ended.
  @discardableResult
  mutating func switchJournal(_ time: Int64, pid: Int, episode: Int? = nil) -> String {
    let ended = journal.switchFile(on: ServerModel.localDate(zone.local(clock.shown(time))))
    log(
      time, pid: pid, category: BackupMessages.generic, BackupMessages.journalHeader,
      event: "journal-switch", continuation: [BackupMessages.journalSwitched(journal.current)],
      episode: episode)
    return ended
  }

  /// Runs the background activity up to `time`: size and midnight journal switches, and the
  /// consequences of a long suspension of the write daemon.
  mutating func advance(to time: Int64) {
    while true {
      let timeout = suspendedSince.map { $0 + ServerModel.freezeTimeout } ?? Int64.max
      let bufferFull = suspendedSince.map { $0 + bufferPoolEndurance } ?? Int64.max
      let pendingTimeout = userProcessesSuspended ? Int64.max : timeout
      let pendingBuffer = bufferPoolFull ? Int64.max : bufferFull
      let next = min(nextSizeSwitch, nextMidnight, pendingTimeout, pendingBuffer)
      guard next <= time else { break }
      if next == pendingTimeout {
        userProcessesSuspended = true
        log(
          next, pid: daemonPids[1], severity: 1,
          "Write daemon suspended for 600 seconds: processes updating databases are now suspended")
      } else if next == pendingBuffer {
        bufferPoolFull = true
        userProcessesSuspended = true
        log(
          next, pid: daemonPids[1], severity: 1,
          "Global buffer pool is full while the write daemon is suspended: processes updating databases are suspended"
        )
      } else if next == nextMidnight {
        if isUp { switchJournal(next, pid: daemonPids[2]) }
        nextMidnight = midnight(after: next + 3_600_000)
      } else {
        backgroundSwitch(at: next)
      }
    }
    now = max(now, time)
  }

  private mutating func backgroundSwitch(at time: Int64) {
    let local = zone.local(clock.shown(time))
    // A journal switch in a repeated DST hour would be an event with an ambiguous time;
    // the model keeps those for the backups that are staged there on purpose.
    let nearAmbiguous =
      zone.isAmbiguous(local: local) || zone.isAmbiguous(local: local + 3_600_000)
      || zone.isAmbiguous(local: local - 3_600_000)
    if isUp && openQuiesce == nil && !nearAmbiguous {
      switchJournal(time, pid: daemonPids[2])
    }
    nextSizeSwitch = time + rng.int64(in: 7_200_000...28_800_000)
  }

  /// The next local midnight after `instant`, as a true instant.
  func midnight(after instant: Int64) -> Int64 {
    let local = zone.local(clock.shown(instant))
    let nextDay = (TimeText.floorDivide(local, 86_400_000) + 1) * 86_400_000
    return instant + (nextDay - local)
  }

  /// The local calendar date of a local wall time.
  static func localDate(_ local: Int64) -> CivilDate {
    CivilDate(daysSinceEpoch: Int(TimeText.floorDivide(local, 86_400_000)))
  }

  /// The server's written local time is ambiguous (a repeated DST hour) at a true instant.
  func isAmbiguous(at instant: Int64) -> Bool {
    let local = zone.local(clock.shown(instant))
    return zone.isAmbiguous(local: local) || zone.isSkipped(local: local)
  }
}

#if canImport(Glibc)
  import Glibc
#endif

/// What writing one server's logs produced.
struct WrittenLog: Sendable, Equatable {
  /// Logged instants (UTC milliseconds) of the first and last entries.
  var logFrom: Int64?
  var logTo: Int64?
  /// The files written, relative to the server's folder, oldest first.
  var files: [String]
  var bytes: Int
}

/// Writes one server's `messages.log` (or `cconsole.log`, and rotated files): the model's
/// entries merged in time order with noise drawn on the fly, formatted by hand into a
/// reusable buffer in the server's layout.
struct ServerLogWriter {
  let server: ServerModel
  let directory: String
  let evidenceStart: Int64
  let end: Int64
  let noisePerHour: Int
  let rotateBytes: Int
  let layout: LogLayout
  let catalogue: NoiseCatalogue
  /// The share of noise messages replaced by a decoy (0–1), and the decoys' catalogue.
  let decoyShare: Double
  let decoys: NoiseCatalogue

  /// How long after the log's first entry the noise begins (a startup takes about a second).
  static let quietStart: Int64 = 1_500

  private let sink = ByteSink()
  private var rng: SplitMix64
  /// The decoys' own stream: drawing a decoy never shifts the ordinary noise's draws.
  private var decoyRng: SplitMix64
  private var zone: ZoneCursor
  private var formatter: EntryFormatter
  private var firstLocal: Int64?
  private var lastLocal: Int64?
  private var rotated: [String] = []
  private var daemonPids: [Int] = []
  private var userPid = 0
  private var bytes = 0

  init(
    server: ServerModel, directory: String, evidenceStart: Int64, end: Int64,
    noisePerHour: Int, rotateBytes: Int, layout: LogLayout, catalogue: NoiseCatalogue,
    decoyShare: Double, decoys: NoiseCatalogue, rng: SplitMix64
  ) {
    self.server = server
    self.directory = directory
    self.evidenceStart = evidenceStart
    self.end = end
    self.noisePerHour = noisePerHour
    self.rotateBytes = rotateBytes
    self.layout = layout
    self.catalogue = catalogue
    self.decoyShare = decoyShare
    self.decoys = decoys
    formatter = EntryFormatter(sink: sink, layout: layout)
    self.rng = rng
    decoyRng = rng.derived(0x6465_636F_7973)
    zone = ZoneCursor(table: server.zone)
  }

  /// Writes everything and returns the spans and files.
  mutating func write() throws(SimulationError) -> WrittenLog {
    let entries = server.entries.enumerated().sorted {
      ($0.element.time, $0.offset) < ($1.element.time, $1.offset)
    }
    .map(\.element)
    refreshPids()
    try sink.open(directory + "/" + layout.fileName)
    let meanGap = noisePerHour > 0 ? 3_600_000_000 / Int64(noisePerHour) : Int64.max
    // Noise begins once the log's first entry (its startup, or a restored copy's frozen line)
    // is written: a log begins with what the model put first.
    let first = entries.first { $0.time >= evidenceStart }?.time ?? evidenceStart
    let noiseStart = (max(first, evidenceStart) + ServerLogWriter.quietStart) * 1000
    var noise = noisePerHour > 0 ? noiseStart + rng.int64(in: 0...meanGap) : Int64.max
    var index = 0
    var downIndex = 0
    let down = server.downIntervals
    while true {
      let entryTime = index < entries.count ? entries[index].time : Int64.max
      let noiseTime = noise == Int64.max ? Int64.max : noise / 1000
      if entryTime == Int64.max && noiseTime >= end { break }
      if entryTime <= noiseTime {
        if entryTime >= evidenceStart { try writeEntry(entries[index]) }
        index += 1
        continue
      }
      if noiseTime >= end {
        noise = Int64.max
        continue
      }
      while downIndex < down.count && down[downIndex].upperBound < noiseTime { downIndex += 1 }
      if downIndex >= down.count || noiseTime < down[downIndex].lowerBound {
        try writeNoise(at: noiseTime)
      }
      noise += 1 + rng.int64(in: 0...(2 * meanGap))
    }
    try sink.close()
    bytes += sink.fileBytes
    let span = (
      firstLocal.map(server.zone.instant(local:)), lastLocal.map(server.zone.instant(local:))
    )
    return WrittenLog(
      logFrom: span.0, logTo: span.1, files: rotated + [layout.fileName], bytes: bytes)
  }

  private mutating func refreshPids() {
    daemonPids = (0..<6).map { _ in 1_000 + rng.below(60_000) }
    userPid = 20_000 + rng.below(100_000)
  }

  /// The local wall time a true instant is written in; rotates first when the file is full.
  private mutating func prepare(_ instant: Int64) throws(SimulationError) -> Int64 {
    let local = zone.local(instant + server.clock.error(at: instant))
    if rotateBytes > 0 && sink.fileBytes >= rotateBytes { try rotate(local) }
    if firstLocal == nil { firstLocal = local }
    lastLocal = local
    return local
  }

  private mutating func writeEntry(_ entry: LogEntry) throws(SimulationError) {
    try sink.flushIfFull()
    if entry.shape == .recoveryBlock {
      try writeRecovery(entry)
      return
    }
    if entry.event == "startup" { refreshPids() }
    let local = try prepare(entry.time)
    formatter.begin(
      local: local, pid: entry.pid, severity: entry.severity,
      category: entry.category.map { Array($0.utf8) }, hasText: !entry.text.isEmpty)
    formatter.text(entry.text)
    for (index, line) in entry.continuation.enumerated() {
      formatter.continuation(line, first: index == 0 && entry.text.isEmpty)
    }
    formatter.end()
  }

  /// The recovery block, dated in its own text (`*** Recovery started at Wed Aug 11 06:12:30
  /// 2021`, local time to the second): in the classic layouts a blank line and the block with
  /// no timestamp prefix; in the structured ones an entry whose text is the block.
  private mutating func writeRecovery(_ entry: LogEntry) throws(SimulationError) {
    let exact = try prepare(entry.time)
    let local = TimeText.floorDivide(exact, 1000) * 1000
    let day = TimeText.floorDivide(local, 86_400_000)
    let date = CivilDate(daysSinceEpoch: Int(day))
    let dayText = date.day < 10 ? " \(date.day)" : "\(date.day)"
    let clock = TimeText.clock(Int(local - day * 86_400_000), separator: ":").dropLast(4)
    let title =
      "*** Recovery started at \(TimeText.dayNames[date.weekday]) "
      + "\(TimeText.monthNames[date.month - 1]) \(dayText) \(clock) \(date.year)"
    if layout.isStructured {
      formatter.begin(local: local, pid: entry.pid, severity: 0, category: nil, hasText: true)
      formatter.text(([title] + entry.continuation).joined(separator: "\n"))
      formatter.end()
      return
    }
    sink.append("\n" + title + "\n")
    for line in entry.continuation {
      sink.append(line)
      sink.append(UInt8(ascii: "\n"))
    }
  }

  private mutating func writeNoise(at instant: Int64) throws(SimulationError) {
    try sink.flushIfFull()
    let template = catalogue.template(for: rng.below(catalogue.totalWeight))
    let pid: Int
    if template.isDaemon {
      pid = daemonPids[rng.below(daemonPids.count)]
    } else {
      userPid += 1 + rng.below(40)
      if userPid > 4_190_000 { userPid = 2_000 }
      pid = userPid
    }
    // A decoy replaces the ordinary message, whose draws are still made: the noise's timing
    // and every later message stay what they are without decoys.
    let decoy =
      decoyRng.chance(decoyShare) ? decoys.template(for: decoyRng.below(decoys.totalWeight)) : nil
    let shown = decoy ?? template
    // Decoys are logged by user processes (monitoring jobs), never by a daemon.
    let shownPid = decoy != nil && template.isDaemon && !shown.isDaemon ? userPid : pid
    let local = try prepare(instant)
    formatter.begin(
      local: local, pid: shownPid, severity: Int(shown.severity),
      category: shown.category, hasText: true)
    let sink = self.sink
    if let decoy {
      Self.render(template.parts, pid: pid, using: &rng, into: nil)
      Self.render(decoy.parts, pid: shownPid, using: &decoyRng, into: sink)
    } else {
      Self.render(template.parts, pid: pid, using: &rng, into: sink)
    }
    formatter.end()
  }

  /// Writes a template's parts into `sink`, drawing its numbers and choices from `generator`;
  /// with no sink, only draws (so that a replaced message leaves the stream where it was).
  private static func render(
    _ parts: [NoiseCatalogue.Part], pid: Int, using generator: inout SplitMix64,
    into sink: ByteSink?
  ) {
    for part in parts {
      switch part {
      case .text(let bytes): sink?.append(bytes)
      case .number(let low, let high):
        let number = low + generator.below(high - low + 1)
        sink?.appendDecimal(number)
      case .choice(let choices):
        let choice = choices[generator.below(choices.count)]
        sink?.append(choice)
      case .pid: sink?.appendDecimal(pid)
      }
    }
  }

  /// Renames the full `messages.log` to `messages.old_YYYYMMDD` (`cconsole.log` to
  /// `cconsole.old_YYYYMMDD`; local date of the rotation; `_2`, `_3`… for a second rotation
  /// that day) and starts a new one.
  private mutating func rotate(_ local: Int64) throws(SimulationError) {
    try sink.close()
    bytes += sink.fileBytes
    let date = ServerModel.localDate(local)
    let stamp =
      layout.rotatedPrefix
      + "\(date.year)\(TimeText.pad(date.month, 2))\(TimeText.pad(date.day, 2))"
    var name = stamp
    var suffix = 2
    while rotated.contains(name) {
      name = "\(stamp)_\(suffix)"
      suffix += 1
    }
    guard Glibc.rename(directory + "/" + layout.fileName, directory + "/" + name) == 0 else {
      throw .cannotWrite(path: directory + "/" + name, reason: String(cString: strerror(errno)))
    }
    rotated.append(name)
    try sink.open(directory + "/" + layout.fileName)
  }
}

import LogParsing
import LogReading

/// One server's part of the files a `ServerLogReader` reads: its entries, events and input
/// summaries. A plain log is one stream; a file holding several servers (docker compose, a
/// syslog archive) gives one stream per server named in it, so that each server's continuation
/// lines join that server's entry even when other servers' lines come between them.
final class ServerStream {
  let name: String
  let options: ReadingOptions
  private let catalogue: CompiledCatalogue
  private let converter: LocalTimeConverter
  private let extractor: EventExtractor
  private var overlap: OverlapFilter
  private let droppedKinds: Set<EventKind>
  /// The messages of this server's event texts, each kept once.
  private let texts = EventTextTable()
  private(set) var events: [BackupEvent] = []
  private(set) var inputs: [InputSummary] = []

  // The file being read, from `startFile` to `finishFile`.
  private var scanner: EntryScanner?
  private var summary: InputSummary
  private var watched: (checkedUntil: Int64, keptFrom: Int64) = (.min, .max)
  private var lines = 0
  private var malformedLines = 0
  /// True between `startFile` and `finishFile`.
  private(set) var isInFile = false
  /// Where the current file's events start in `events`.
  private var fileEventsStart = 0
  /// True once a file of this server came through a syslog relay, which may reorder lines
  /// (rsyslog's disk-assisted queues send what spilled to disk later).
  private var mayBeReordered = false

  init(name: String, options: ReadingOptions, catalogue: CompiledCatalogue) {
    self.name = name
    self.options = options
    self.catalogue = catalogue
    converter = LocalTimeConverter(timeZone: options.timeZone)
    extractor = EventExtractor(catalogue: catalogue, usesPrefilter: options.usesPrefilter)
    overlap = OverlapFilter(limit: options.maximumOverlapEntries)
    droppedKinds = options.droppedKinds
    summary = InputSummary(server: name, path: "")
  }

  /// Starts the stream's part of `path`; `nextFirst` is the next file's first instant.
  func startFile(
    _ path: String, size: Int, nextFirst: Int64?, legacyYear: LegacyYearPolicy
  ) {
    overlap.startFile(keepingFrom: nextFirst)
    summary = InputSummary(server: name, path: path)
    summary.bytes = size
    lines = 0
    malformedLines = 0
    fileEventsStart = events.count
    // Most entries are far from the files' overlaps and no event: the scanner need not hand
    // them out.
    watched = overlap.watchedInstants
    var configuration = options.scanner
    if options.usesPrefilter && catalogue.lineMarker != nil && watched.checkedUntil < .max
      && watched.checkedUntil + 1 <= watched.keptFrom
    {
      configuration.unmarkedEntriesSkipped = (watched.checkedUntil + 1)..<watched.keptFrom
    }
    scanner = EntryScanner(converter: converter, legacyYear: legacyYear, configuration: configuration)
    isInFile = true
  }

  /// Takes the stream's next line.
  @inline(__always)
  func scan(_ line: Line) {
    lines += 1
    scanner!.scan(line, emit)
  }

  /// The current file's scanner with the function that takes its entries, for a caller that
  /// feeds it every line of a file: kept in a local, it retains nothing per line (a line given
  /// to `scan` loads, and retains, the stream's optional scanner and its stored handler each
  /// time). Lines fed this way are counted with `countLines`.
  func feed() -> Feed {
    Feed(scanner: scanner!, emit: emit)
  }

  /// A file's scanner and its entry handler; see `feed()`.
  struct Feed {
    let scanner: EntryScanner
    let emit: (Entry) -> Void

    @inline(__always)
    func callAsFunction(_ line: Line) {
      scanner.scan(line, emit)
    }

    /// Gives the scanner a run of unmarked lines (`EntryScanner.scanUnmarkedRun`); the lines
    /// it took are counted with `countLines` too.
    @inline(__always)
    func run(_ lines: LineReader.UnmarkedLines, maximumLineLength: Int) -> (bytes: Int, lines: Int) {
      scanner.scanUnmarkedRun(lines, maximumLineLength: maximumLineLength, emit)
    }
  }

  /// Counts lines of the current file given to its scanner through a `Feed`.
  func countLines(_ count: Int) {
    lines += count
  }

  /// The entry handler, made once: a method reference formed per line retains the stream.
  private lazy var emit: (Entry) -> Void = { [unowned self] entry in self.handle(entry) }

  /// Lines of the current file given to this stream, malformed ones counted with it included.
  var fileLines: Int { lines + malformedLines }

  /// The first line of the current file's entry that may still take continuation lines.
  var openEntryLine: Int? { scanner?.openEntryLine }

  /// The year year-less timestamps are in, in the current file.
  var legacyYearInUse: Int? { scanner?.legacyYearInUse }

  /// Forgets the last file's events from line `line` on: their lines were not whole yet.
  func discardEvents(fromLine line: Int) {
    events.removeSubrange(
      (events[fileEventsStart...].firstIndex { $0.line >= line } ?? events.count)..<events.count)
  }

  /// Counts a line of the file that belongs to this stream's server but could not be read.
  func countMalformed(_ count: Int) {
    malformedLines += count
  }

  private func handle(_ entry: Entry) {
    let instant = entry.epochMilliseconds
    if instant <= watched.checkedUntil || instant >= watched.keptFrom {
      guard overlap.admit(entry) else {
        summary.duplicateEntries += 1
        return
      }
    }
    // Unmarked: the catalogue's marker found none of its literals in the entry's lines.
    guard entry.isMarked else { return }
    if var event = extractor.event(in: entry, server: name, path: summary.path),
      droppedKinds.isEmpty || !droppedKinds.contains(event.kind)
    {
      event.compactText(sharing: texts)
      events.append(event)
    }
  }

  /// Ends the stream's part of the file with what the reader counted and what went wrong.
  /// `fileLines` is the file's own line count when the file holds this server alone.
  func finishFile(
    _ statistics: LineStatistics, envelope: Envelope, decoder: EnvelopeDecoder.Statistics?,
    holdsOneServer: Bool, sha256: String?, failure: String?, isKept: Bool = true,
    range: InputRange? = nil
  ) {
    guard let scanner else { return }
    scanner.finish(emit)
    defer {
      self.scanner = nil
      isInFile = false
    }
    guard isKept else {
      overlap.finishFile(lastInstant: nil)
      return
    }
    summary.record(statistics, scanner.statistics)
    summary.unparsedLines += malformedLines
    if !holdsOneServer { summary.lines = lines + malformedLines }
    if envelope.transport == .syslog || envelope.transport == .syslog5424 {
      mayBeReordered = true
    }
    if envelope != .plain {
      summary.envelope = envelope.description
      if holdsOneServer { summary.containerLines = decoder?.containerLines ?? 0 }
    }
    summary.sha256 = sha256
    summary.failure = failure
    summary.range = range
    let unmatched = extractor.takeMatchErrors()
    summary.matchErrors = unmatched.count
    if unmatched.count > 0 && summary.failure == nil {
      // Read in part: lines that may be events could not be told apart from the others.
      summary.failure =
        "\(summary.path): \(unmatched.count) entries could not be matched against the "
        + "catalogue: \(unmatched.last ?? "PCRE2 error"); simplify the configured pattern"
    }
    overlap.finishFile(lastInstant: scanner.statistics.lastEpochMilliseconds)
    inputs.append(summary)
  }

  /// Records a file that could not be opened at all.
  func recordUnreadable(_ path: String, size: Int, failure: String) {
    var summary = InputSummary(server: name, path: path)
    summary.bytes = size
    summary.failure = failure
    inputs.append(summary)
  }

  /// What was read of this server: its events in reading order, or, after a syslog relay, in
  /// the order of their own times (the relay's order kept among equal times).
  var reading: ServerReading {
    var ordered = events
    if mayBeReordered {
      ordered = events.enumerated()
        .sorted { ($0.element.epochMilliseconds, $0.offset) < ($1.element.epochMilliseconds, $1.offset) }
        .map(\.element)
    }
    return ServerReading(
      server: name, timeZone: options.timeZone.identifier, events: ordered, inputs: inputs)
  }
}

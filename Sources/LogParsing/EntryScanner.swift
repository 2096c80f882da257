#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import LogReading

/// Assembles lines into entries (SPEC §3.1): a timestamped line starts an entry, the lines after
/// it that start with no timestamp continue it, a `*** Recovery started at` line starts an entry
/// of its own, and each structured-log line is an entry by itself.
///
/// The scanner is the state machine: what each line is, when an entry opens, continues and is
/// handed out, and what is counted. The entry being assembled lives in an `OpenEntry`, whose
/// buffers are made once per scanner and reused from entry to entry, and whose text is capped,
/// so memory does not grow with the input.
public final class EntryScanner {
  /// Limits that keep memory bounded.
  public struct Configuration: Sendable {
    /// The most bytes of an entry's text kept (the rest is dropped and counted).
    public var maximumTextLength = 1 << 16
    /// The most bytes of an entry's first line kept for evidence.
    public var maximumEvidenceLength = 4096
    /// The fast path: entries with no marked line (`Line.isMarked`) timed in this range may be
    /// counted and not handed out, because the caller has no use for them. One-line entries
    /// with a full timestamp, and name/value structured lines without escapes, are then left
    /// out without their header even being parsed; the others are handed out as usual. Nil
    /// hands out every entry.
    public var unmarkedEntriesSkipped: Range<Int64>?

    /// Creates a configuration.
    public init(
      maximumTextLength: Int = 1 << 16, maximumEvidenceLength: Int = 4096,
      unmarkedEntriesSkipped: Range<Int64>? = nil
    ) {
      self.maximumTextLength = maximumTextLength
      self.maximumEvidenceLength = maximumEvidenceLength
      self.unmarkedEntriesSkipped = unmarkedEntriesSkipped
    }
  }

  /// What the scanner is in the middle of.
  private enum State {
    /// No entry yet: a line without a timestamp is junk.
    case beforeFirstEntry
    /// An entry is open and takes continuation lines.
    case open
    /// The last entry was a structured line, which has no continuations.
    case structured
    /// The last entry start was unusable; its continuation lines are unusable too.
    case discarding
  }

  private let converter: LocalTimeConverter
  private let legacyYear: LegacyYearPolicy
  private let configuration: Configuration
  private var state = State.beforeFirstEntry
  /// The entry being assembled, in buffers made once here and reused for every entry.
  private let entry: OpenEntry
  /// What has been counted so far.
  public var statistics: EntryStatistics { counts }
  // Private, so that the optimiser sees every access and needs no run-time exclusivity checks.
  private var counts = EntryStatistics()
  /// The previous entry's instant, for counting entries out of order.
  private var previousEpochMilliseconds = Int64.min
  /// The year legacy timestamps are in, once the first one was dated, and its month.
  public private(set) var legacyYearInUse: Int?
  private var lastLegacyMonth = 0
  /// The date word of the last line `runInstant` dated by its calendar (0: none, as no date
  /// word is), and the instant at which that day starts.
  private var runDate: UInt64 = 0
  private var runDayStart: Int64 = 0
  /// The same for the JSON form's `when` values: the bytes of `YYYY-MM-DD` (none at first: no
  /// date is all zeros) and the start of that day.
  private var jsonRunDate: (word: UInt64, day: UInt16) = (0, 0)
  private var jsonRunDayStart: Int64 = 0

  /// Creates a scanner for one input of a server in `converter`'s zone.
  public init(
    converter: LocalTimeConverter, legacyYear: LegacyYearPolicy = .unknown,
    configuration: Configuration = Configuration()
  ) {
    self.converter = converter
    self.legacyYear = legacyYear
    self.configuration = configuration
    entry = OpenEntry(
      maximumTextLength: configuration.maximumTextLength,
      maximumEvidenceLength: configuration.maximumEvidenceLength)
  }

  /// Takes the next line; calls `emit` with the entry before it when this line starts a new one.
  public func scan(_ line: Line, _ emit: (Entry) throws -> Void) rethrows {
    let bytes = line.bytes
    if line.containsNUL {
      counts.unparsedLines += 1
      counts.binaryLines += 1
      return
    }
    if !line.isMarked && configuration.unmarkedEntriesSkipped != nil
      && bytes.count <= configuration.maximumEvidenceLength
    {
      // The fast path: the same entry the general code would open, its header read later if
      // at all. The name/value structured form too when nothing in it is escaped, so that its
      // text is a part of the line as written and the marker saw all of it.
      if let timestamp = LineClassifier.fullTimestamp(bytes) {
        try openPending(line, timestamp: timestamp, layout: .iris, emit)
        return
      }
      // The first byte tells the structured forms apart: `{` for JSON, `w` of `when=`.
      if state != .open && bytes.first == UInt8(ascii: "{") {
        if let timestamp = StructuredLogLine.jsonTimestamp(bytes) {
          try openPending(line, timestamp: timestamp, layout: .structuredJSON, emit)
          return
        }
      } else if state != .open, let timestamp = StructuredLogLine.pairsTimestamp(bytes) {
        try openPending(line, timestamp: timestamp, layout: .structuredPairs, emit)
        return
      }
    }
    switch LineClassifier.classify(bytes) {
    case .entry(var header):
      if header.layout == .legacy {
        guard let year = resolveLegacyYear(header.timestamp) else {
          try finishEntry(emit)
          discard()
          return
        }
        header.timestamp.year = year
        guard header.timestamp.isValid else {
          try finishEntry(emit)
          discard(impossible: true)
          return
        }
      }
      try finishEntry(emit)
      open(line, header: header)
    case .recovery(let time):
      try finishEntry(emit)
      open(
        line,
        header: EntryHeader(
          layout: .recovery, timestamp: time, pid: nil, severity: nil, category: nil,
          messageStart: 0))
    case .impossibleTimestamp:
      try finishEntry(emit)
      discard(impossible: true)
    case .other:
      if state != .open, let structured = StructuredLogLine.parse(bytes) {
        try finishEntry(emit)
        openStructured(line, structured)
        return
      }
      switch state {
      case .open: entry.appendContinuation(line)
      // Blank lines before the first entry (a Windows log starts with three) or between the
      // one-line entries of a structured log are nothing, not unparsed text.
      case .beforeFirstEntry, .structured: if !Self.isBlank(bytes) { counts.unparsedLines += 1 }
      case .discarding: counts.unparsedLines += 1
      }
    }
  }

  /// Takes whole lines from the start of `run`, lines the reader's marker found nothing in and
  /// that hold no NUL byte (`LineReader.UnmarkedRun`), and says how many bytes and lines it took.
  ///
  /// The fast path of the fast path: the entries that `scan` would open pending and then skip
  /// (timed in `unmarkedEntriesSkipped`, first line whole in the evidence; IRIS entries of one
  /// line or more, and lines of the structured log's JSON form) are counted exactly as `scan`
  /// counts them, their bytes never copied nor their headers read. It takes nothing unless the
  /// run starts with such an entry, stops at the first line it would have to look at more
  /// closely (another layout, a line that may be a timestamp of another form, a time outside
  /// the range or, in the IRIS layout, on a day that changes its UTC offset, a line longer than
  /// `maximumLineLength`). The last entry it began, whose continuation lines may still come, it
  /// leaves to `scan`, unless the marked line after the clean bytes, whole in the buffer, starts
  /// an entry (`startsAnEntry`).
  public func scanUnmarkedRun(
    _ run: LineReader.UnmarkedLines, maximumLineLength: Int, _ emit: (Entry) throws -> Void
  ) rethrows -> (bytes: Int, lines: Int) {
    guard let skipped = configuration.unmarkedEntriesSkipped,
      configuration.maximumTextLength >= configuration.maximumEvidenceLength,
      let base = run.bytes.baseAddress
    else { return (0, 0) }
    let count = run.clean
    let maximumEvidenceLength = configuration.maximumEvidenceLength
    // The entry begun in the run and not yet counted: its layout (nil: none yet), its instant,
    // its first line and how long its text has grown (nil while it is one line long).
    var entryLayout: EntryLayout?
    var entryInstant: Int64 = 0
    var entryLine = UnsafeRawBufferPointer(start: base, count: 0)
    var entryText: Int?
    var lines = 0
    // The lines before the entry begun last, all counted.
    var taken = (bytes: 0, lines: 0)
    // What the entries taken add to the counts, kept in locals until the end.
    var tally = RunTally(previous: previousEpochMilliseconds)
    defer { record(tally) }
    var position = 0
    // True when every line ending before `clean` was read: the next line holds a mark.
    var readsToTheMark = false
    while position < count {
      var begun: (layout: EntryLayout, instant: Int64, line: UnsafeRawBufferPointer)?
      let newline: Int
      if base.load(fromByteOffset: position, as: UInt8.self) == UInt8(ascii: "{")
        && (entryLayout.map { $0 == .structuredJSON } ?? (state != .open))
      {
        // A line of the JSON form where `scan` would read one (after no open entry), its end
        // found by the same pass that reads it.
        guard
          let read = FlatJSONScanner.lineAndLastWhen(
            UnsafeRawBufferPointer(start: base + position, count: count - position)),
          read.length <= maximumEvidenceLength,
          let instant = jsonRunInstant(
            UnsafeRawBufferPointer(
              start: base + position + read.when.lowerBound, count: read.when.count))
        else { break }
        let end = position + read.length
        newline = base.load(fromByteOffset: end, as: UInt8.self) == 0x0D ? end + 1 : end
        guard newline - position <= maximumLineLength else { break }
        begun = (.structuredJSON, instant, UnsafeRawBufferPointer(start: base + position, count: read.length))
      } else {
        guard let found = memchr(base + position, 0x0A, count - position) else {
          readsToTheMark = true
          break
        }
        newline = base.distance(to: UnsafeRawPointer(found))
        guard newline - position <= maximumLineLength else { break }
        var stop = newline
        if stop > position && base.load(fromByteOffset: stop - 1, as: UInt8.self) == 0x0D {
          stop -= 1
        }
        let line = UnsafeRawBufferPointer(start: base + position, count: stop - position)
        if let instant = runInstant(line) {
          // An IRIS entry whose first line `scan` would keep whole, or none.
          guard line.count <= maximumEvidenceLength else { break }
          begun = (.iris, instant, line)
        } else {
          // A continuation line of an IRIS entry, as `scan` reads one: no digit or `*` first
          // (either might start an entry of another layout or a recovery block).
          guard entryLayout == .iris,
            line.first.map({ !LineClassifier.isDigit($0) && $0 != 0x2A }) ?? true
          else { break }
          entryText = (entryText ?? runMessageLength(entryLine)) + 1 + line.count
        }
      }
      if let begun {
        guard skipped.contains(begun.instant) else { break }
        if entryLayout != nil {
          tally.count(
            entryInstant,
            isTruncated: entryText.map { $0 > configuration.maximumTextLength } ?? false)
          taken = (position, lines)
        } else {
          // The entry open before the run ends here, as `scan` would end it at this line.
          try finishEntry(emit)
        }
        entryLayout = begun.layout
        entryInstant = begun.instant
        entryLine = begun.line
        entryText = nil
      }
      lines += 1
      position = newline + 1
    }
    if (readsToTheMark || position == count) && entryLayout != nil
      && startsAnEntry(run, at: position, maximumLineLength: maximumLineLength)
    {
      // The marked line after them starts an entry, so the last one begun is whole.
      tally.count(
        entryInstant,
        isTruncated: entryText.map { $0 > configuration.maximumTextLength } ?? false)
      taken = (position, lines)
    }
    return taken
  }

  /// True when the line at `start` of `run`, whole in the buffer, is one `scan` would begin
  /// an entry with whatever came before it: an IRIS timestamp first, no NUL byte (a line with
  /// one is dropped and ends nothing), no longer than the reader's limit.
  private func startsAnEntry(
    _ run: LineReader.UnmarkedLines, at start: Int, maximumLineLength: Int
  ) -> Bool {
    let bytes = run.bytes
    guard start < bytes.count, let base = bytes.baseAddress,
      let found = memchr(base + start, 0x0A, bytes.count - start)
    else { return false }
    let newline = base.distance(to: UnsafeRawPointer(found))
    guard run.firstNUL > newline, newline - start <= maximumLineLength else { return false }
    var stop = newline
    if stop > start && base.load(fromByteOffset: stop - 1, as: UInt8.self) == 0x0D { stop -= 1 }
    return LineClassifier.fullTimestamp(
      UnsafeRawBufferPointer(start: base + start, count: stop - start)) != nil
  }

  /// The instant of a line `LineClassifier.fullTimestamp` accepts, on a day with one UTC offset;
  /// nil otherwise. The last date's word and the start of its day are kept, so a line of the
  /// same day costs its clock alone.
  @inline(__always)
  private func runInstant(_ line: UnsafeRawBufferPointer) -> Int64? {
    if let clock = LineClassifier.clockMilliseconds(line, date: runDate) {
      return runDayStart + clock
    }
    guard let timestamp = LineClassifier.fullTimestamp(line),
      let dayStart = converter.uniformDayStart(of: timestamp)
    else { return nil }
    runDate = line.baseAddress!.loadUnaligned(as: UInt64.self)
    runDayStart = dayStart
    return dayStart
      + Int64(((timestamp.hour * 60 + timestamp.minute) * 60 + timestamp.second) * 1000
        + timestamp.millisecond)
  }

  /// The instant of a JSON line's last `when` value (`FlatJSONScanner`'s) that
  /// `StructuredLogLine.jsonTimestamp` would accept (`convert`'s), nil for any other. The last
  /// date of a day with one UTC offset is kept with the start of its day, so a line of the same
  /// day costs its clock's check, not the calendar's.
  @inline(__always)
  private func jsonRunInstant(_ value: UnsafeRawBufferPointer) -> Int64? {
    guard let timestamp = StructuredLogLine.parseWhen(value) else { return nil }
    let clock = Int64(
      ((timestamp.hour * 60 + timestamp.minute) * 60 + timestamp.second) * 1000
        + timestamp.millisecond)
    // `parseWhen` read ten date bytes; the same ten bytes are the same valid date.
    let date = value.loadUnaligned(as: UInt64.self)
    let day = value.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
    if date == jsonRunDate.word && day == jsonRunDate.day {
      guard timestamp.hour <= 23, timestamp.minute <= 59, timestamp.second <= 60,
        timestamp.millisecond <= 999
      else { return nil }
      return jsonRunDayStart + clock
    }
    guard timestamp.isValid else { return nil }
    guard let dayStart = converter.uniformDayStart(of: timestamp) else {
      return converter.convert(timestamp).epochMilliseconds
    }
    jsonRunDate = (date, day)
    jsonRunDayStart = dayStart
    return dayStart + clock
  }

  /// The length of the message of a first line `fullTimestamp` accepted: what `scan` keeps of
  /// it as the text before its continuation lines.
  private func runMessageLength(_ line: UnsafeRawBufferPointer) -> Int {
    let header = LineClassifier.header(
      line, after: LineClassifier.fullTimestampLength,
      timestamp: LocalTimestamp(year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0),
      hasYear: true)
    return line.count - min(header.messageStart, line.count)
  }

  /// What the entries a run took add to the counts, as `begin` and `finishEntry` count an
  /// entry that is skipped.
  private struct RunTally {
    var previous: Int64
    var entries = 0
    var outOfOrder = 0
    var truncated = 0
    var first = Int64.max
    var last = Int64.min

    init(previous: Int64) {
      self.previous = previous
    }

    @inline(__always)
    mutating func count(_ instant: Int64, isTruncated: Bool) {
      if instant < previous { outOfOrder += 1 }
      previous = instant
      entries += 1
      first = min(first, instant)
      last = max(last, instant)
      if isTruncated { truncated += 1 }
    }
  }

  /// Adds a run's tally to the counts.
  private func record(_ tally: RunTally) {
    guard tally.entries > 0 else { return }
    previousEpochMilliseconds = tally.previous
    counts.entries += tally.entries
    counts.outOfOrderEntries += tally.outOfOrder
    counts.truncatedEntries += tally.truncated
    counts.firstEpochMilliseconds = min(counts.firstEpochMilliseconds ?? .max, tally.first)
    counts.lastEpochMilliseconds = max(counts.lastEpochMilliseconds ?? .min, tally.last)
  }

  /// True for a line of spaces, tabs and carriage returns only.
  private static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }

  /// The line number of the entry that is open and may still take continuation lines, before
  /// `finish`: where a reading that stops here must start again so as not to cut the entry in
  /// two. Nil when none is (a structured line takes none).
  public var openEntryLine: Int? {
    state == .open ? entry.firstLineNumber : nil
  }

  /// Emits the last open entry; call once at the end of the input.
  public func finish(_ emit: (Entry) throws -> Void) rethrows {
    try finishEntry(emit)
    state = .beforeFirstEntry
  }

  private func discard(impossible: Bool = false) {
    counts.unparsedLines += 1
    if impossible { counts.impossibleTimestamps += 1 }
    state = .discarding
  }

  private func open(_ line: Line, header: EntryHeader) {
    begin(line, timestamp: header.timestamp, layout: header.layout, isMarked: line.isMarked)
    entry.read(header, firstLine: line.bytes)
    state = .open
  }

  /// Opens a fast-path entry whose header is read only if it is handed out: the line passed
  /// `fullTimestamp`, `pairsTimestamp` or `jsonTimestamp` and fits in the evidence whole.
  private func openPending(
    _ line: Line, timestamp: LocalTimestamp, layout: EntryLayout, _ emit: (Entry) throws -> Void
  ) rethrows {
    try finishEntry(emit)
    begin(line, timestamp: timestamp, layout: layout, isMarked: false)
    entry.deferHeader()
    state = layout == .structuredPairs || layout == .structuredJSON ? .structured : .open
  }

  private func openStructured(_ line: Line, _ structured: StructuredLogLine) {
    // The text was unescaped, so a literal may be in it and not in the line as written.
    begin(line, timestamp: structured.timestamp, layout: structured.layout, isMarked: true)
    entry.read(structured)
    state = .structured
  }

  /// Starts a new entry at `line`, and counts it.
  private func begin(
    _ line: Line, timestamp: LocalTimestamp, layout: EntryLayout, isMarked: Bool
  ) {
    let converted = converter.convert(timestamp)
    entry.begin(
      line, timestamp: timestamp, layout: layout, epochMilliseconds: converted.epochMilliseconds,
      timeStatus: converted.status, isMarked: isMarked)
    if converted.epochMilliseconds < previousEpochMilliseconds {
      counts.outOfOrderEntries += 1
    }
    previousEpochMilliseconds = converted.epochMilliseconds
    counts.entries += 1
    counts.firstEpochMilliseconds = min(
      counts.firstEpochMilliseconds ?? .max, converted.epochMilliseconds)
    counts.lastEpochMilliseconds = max(
      counts.lastEpochMilliseconds ?? .min, converted.epochMilliseconds)
  }

  /// Hands out the open entry, if any: one whose header is still pending may be skipped (the
  /// fast path), the others go to `emit`.
  private func finishEntry(_ emit: (Entry) throws -> Void) rethrows {
    guard state == .open || state == .structured else { return }
    state = .discarding
    if entry.isTextTruncated { counts.truncatedEntries += 1 }
    if entry.isHeaderPending {
      if let skipped = configuration.unmarkedEntriesSkipped,
        skipped.contains(entry.epochMilliseconds)
      {
        return
      }
      entry.readPendingHeader()
    }
    try entry.withEntry(emit)
  }

  /// The year of a legacy timestamp: the policy's year for the first one, then one more each
  /// time the month steps far backwards (December to January).
  private func resolveLegacyYear(_ time: LocalTimestamp) -> Int? {
    if legacyYearInUse == nil {
      guard let first = legacyYear.firstYear(month: time.month, day: time.day) else { return nil }
      legacyYearInUse = first.year
      counts.legacyYearSource = first.source
    } else if time.month + 6 < lastLegacyMonth {
      legacyYearInUse! += 1
    }
    lastLegacyMonth = time.month
    return legacyYearInUse
  }
}

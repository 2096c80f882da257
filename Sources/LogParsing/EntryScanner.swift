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

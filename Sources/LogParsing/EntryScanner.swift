import LogReading

/// Assembles lines into entries (SPEC §3.1): a timestamped line starts an entry, the lines after
/// it that start with no timestamp continue it, a `*** Recovery started at` line starts an entry
/// of its own, and each structured-log line is an entry by itself.
///
/// Buffers are reused from entry to entry, and an entry's text is capped, so memory does not grow
/// with the input.
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
  /// What has been counted so far.
  public var statistics: EntryStatistics { counts }
  // Private, so that the optimiser sees every access and needs no run-time exclusivity checks.
  private var counts = EntryStatistics()

  // The open entry. Its bytes live in buffers allocated once and reused from entry to entry,
  // so a line costs a copy into them and no allocation.
  /// The message: `text[..<textCount]`, at most `maximumTextLength` bytes; while
  /// `textInEvidence` is set, it is `evidence[textStart..<evidenceCount]` instead, which saves
  /// copying the message of the many entries that are one line long.
  private let text: UnsafeMutableRawBufferPointer
  private var textCount = 0
  private var textInEvidence = false
  private var textStart = 0
  /// The first line: `evidence[..<evidenceCount]`, at most `maximumEvidenceLength` bytes.
  private let evidence: UnsafeMutableRawBufferPointer
  private var evidenceCount = 0
  /// The category's bytes in `evidence`, when they lie there.
  private var categoryInEvidence: Range<Int>?
  /// The category's bytes otherwise (structured lines, or far into a long first line).
  private var categoryCopy: [UInt8] = []
  private var hasCategory = false
  private var layout = EntryLayout.iris
  private var lineNumber = 0
  private var lineCount = 0
  private var timestamp = LocalTimestamp(year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0)
  private var epochMilliseconds: Int64 = 0
  private var timeStatus = LocalTimeStatus.exact
  private var pid: Int?
  private var severity: Int?
  private var firstLineMessageLength = 0
  private var isTextTruncated = false
  /// True when a line of the open entry was marked by the reader's marker.
  private var isMarked = false
  /// True while the open entry's header (pid, severity, category, where its message starts) has
  /// not been read from `evidence`, which then holds its whole first line (the fast path).
  private var isHeaderPending = false
  /// The year legacy timestamps are in, once the first one was dated, and its month.
  private var legacyYearInUse: Int?
  private var lastLegacyMonth = 0

  /// Creates a scanner for one input of a server in `converter`'s zone.
  public init(
    converter: LocalTimeConverter, legacyYear: LegacyYearPolicy = .unknown,
    configuration: Configuration = Configuration()
  ) {
    self.converter = converter
    self.legacyYear = legacyYear
    self.configuration = configuration
    text = .allocate(byteCount: max(configuration.maximumTextLength, 1), alignment: 16)
    evidence = .allocate(byteCount: max(configuration.maximumEvidenceLength, 1), alignment: 16)
  }

  deinit {
    text.deallocate()
    evidence.deallocate()
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
      if state != .open, let timestamp = StructuredLogLine.pairsTimestamp(bytes) {
        try openPending(line, timestamp: timestamp, layout: .structuredPairs, emit)
        return
      }
      if state != .open, let timestamp = StructuredLogLine.jsonTimestamp(bytes) {
        try openPending(line, timestamp: timestamp, layout: .structuredJSON, emit)
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
      case .open: appendContinuation(line)
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
    begin(line, timestamp: header.timestamp, layout: header.layout)
    isMarked = line.isMarked
    apply(header, firstLine: line.bytes)
    state = .open
  }

  /// Opens a fast-path entry whose header is read only if it is handed out.
  private func openPending(
    _ line: Line, timestamp: LocalTimestamp, layout: EntryLayout, _ emit: (Entry) throws -> Void
  ) rethrows {
    try finishEntry(emit)
    begin(line, timestamp: timestamp, layout: layout)
    isMarked = false
    isHeaderPending = true
    state = layout == .structuredPairs || layout == .structuredJSON ? .structured : .open
  }

  /// Reads the header of a fast-path entry from its first line, kept whole in `evidence`.
  private func readPendingHeader() {
    isHeaderPending = false
    let firstLine = UnsafeRawBufferPointer(rebasing: evidence[..<evidenceCount])
    if layout == .structuredPairs || layout == .structuredJSON {
      // `pairsTimestamp` or `jsonTimestamp` accepted the line, so the full parse does too.
      if let structured = StructuredLogLine.parse(firstLine) { apply(structured) }
      return
    }
    apply(
      LineClassifier.header(firstLine, after: 21, timestamp: timestamp, hasYear: true),
      firstLine: firstLine)
  }

  /// Sets the open entry's header fields and first message from its first line.
  private func apply(_ header: EntryHeader, firstLine bytes: UnsafeRawBufferPointer) {
    layout = header.layout
    pid = header.pid
    severity = header.severity
    if let range = header.category {
      hasCategory = true
      if range.upperBound <= evidenceCount {
        categoryInEvidence = range
      } else {
        categoryCopy.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
      }
    }
    let messageStart = min(header.messageStart, bytes.count)
    let messageLength = bytes.count - messageStart
    if bytes.count == evidenceCount && messageLength <= configuration.maximumTextLength {
      textInEvidence = true
      textStart = messageStart
      firstLineMessageLength = messageLength
    } else {
      appendText(UnsafeRawBufferPointer(rebasing: bytes[messageStart...]))
      firstLineMessageLength = textCount
    }
  }

  private func openStructured(_ line: Line, _ structured: StructuredLogLine) {
    begin(line, timestamp: structured.timestamp, layout: structured.layout)
    // The text was unescaped, so a literal may be in it and not in the line as written.
    isMarked = true
    apply(structured)
    state = .structured
  }

  /// Sets the open entry's fields from a structured line.
  private func apply(_ structured: StructuredLogLine) {
    pid = structured.pid
    severity = structured.severity
    if let name = structured.category {
      hasCategory = true
      categoryCopy.append(contentsOf: name.utf8)
    }
    var message = structured.text
    message.withUTF8 { appendText(UnsafeRawBufferPointer($0)) }
    let written = UnsafeRawBufferPointer(rebasing: text[..<textCount])
    firstLineMessageLength = written.firstIndex(of: 0x0A) ?? textCount
  }

  /// Resets the open entry's fields for a new entry starting at `line`.
  private func begin(_ line: Line, timestamp: LocalTimestamp, layout: EntryLayout) {
    textCount = 0
    textInEvidence = false
    isHeaderPending = false
    pid = nil
    severity = nil
    // Touch the copy only when it was used: the array costs run-time exclusivity checks.
    if hasCategory && categoryInEvidence == nil { categoryCopy.removeAll(keepingCapacity: true) }
    categoryInEvidence = nil
    hasCategory = false
    isTextTruncated = line.isTruncated
    self.layout = layout
    self.timestamp = timestamp
    lineNumber = line.number
    lineCount = 1
    evidenceCount = min(line.bytes.count, max(configuration.maximumEvidenceLength, 0))
    if evidenceCount > 0 {
      evidence.baseAddress!.copyMemory(from: line.bytes.baseAddress!, byteCount: evidenceCount)
    }
    let converted = converter.convert(timestamp)
    if converted.epochMilliseconds < previousEpochMilliseconds {
      counts.outOfOrderEntries += 1
    }
    previousEpochMilliseconds = converted.epochMilliseconds
    epochMilliseconds = converted.epochMilliseconds
    timeStatus = converted.status
    counts.entries += 1
    counts.firstEpochMilliseconds = min(
      counts.firstEpochMilliseconds ?? .max, converted.epochMilliseconds)
    counts.lastEpochMilliseconds = max(
      counts.lastEpochMilliseconds ?? .min, converted.epochMilliseconds)
  }

  /// The previous entry's instant, for counting entries out of order.
  private var previousEpochMilliseconds = Int64.min

  private func appendContinuation(_ line: Line) {
    if isHeaderPending { readPendingHeader() }
    lineCount += 1
    if line.isMarked { isMarked = true }
    if textInEvidence {
      // The message no longer fits in the evidence: copy it to where lines get appended.
      textInEvidence = false
      textCount = evidenceCount - textStart
      if textCount > 0 {
        text.baseAddress!.copyMemory(from: evidence.baseAddress! + textStart, byteCount: textCount)
      }
    }
    guard textCount < configuration.maximumTextLength else {
      isTextTruncated = true
      return
    }
    if textCount < text.count {
      text[textCount] = 0x0A
      textCount += 1
    }
    appendText(line.bytes)
  }

  private func appendText(_ bytes: UnsafeRawBufferPointer) {
    let room = min(configuration.maximumTextLength, text.count) - textCount
    let count = min(bytes.count, max(room, 0))
    if bytes.count > room { isTextTruncated = true }
    if count > 0 {
      (text.baseAddress! + textCount).copyMemory(from: bytes.baseAddress!, byteCount: count)
      textCount += count
    }
  }

  private func finishEntry(_ emit: (Entry) throws -> Void) rethrows {
    guard state == .open || state == .structured else { return }
    state = .discarding
    if isTextTruncated { counts.truncatedEntries += 1 }
    if isHeaderPending {
      if let skipped = configuration.unmarkedEntriesSkipped, skipped.contains(epochMilliseconds) {
        return
      }
      readPendingHeader()
    }
    if let range = categoryInEvidence {
      try emit(entry(category: UnsafeRawBufferPointer(rebasing: evidence[range])))
    } else if hasCategory {
      try categoryCopy.withUnsafeBytes { try emit(entry(category: $0)) }
    } else {
      try emit(entry(category: nil))
    }
  }

  /// The open entry, as a view of the scanner's buffers.
  private func entry(category: UnsafeRawBufferPointer?) -> Entry {
    Entry(
      layout: layout, line: lineNumber, lineCount: lineCount, timestamp: timestamp,
      epochMilliseconds: epochMilliseconds, timeStatus: timeStatus, pid: pid, severity: severity,
      rawFirstLine: UnsafeRawBufferPointer(rebasing: evidence[..<evidenceCount]),
      category: category,
      text: textInEvidence
        ? UnsafeRawBufferPointer(rebasing: evidence[textStart..<evidenceCount])
        : UnsafeRawBufferPointer(rebasing: text[..<textCount]),
      firstLineMessageLength: firstLineMessageLength, isTextTruncated: isTextTruncated,
      isMarked: isMarked)
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

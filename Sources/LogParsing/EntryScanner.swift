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

    /// Creates a configuration.
    public init(maximumTextLength: Int = 1 << 16, maximumEvidenceLength: Int = 4096) {
      self.maximumTextLength = maximumTextLength
      self.maximumEvidenceLength = maximumEvidenceLength
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
  public private(set) var statistics = EntryStatistics()

  // The open entry. `text`, `evidence` and `category` keep their capacity between entries.
  private var text: [UInt8] = []
  private var evidence: [UInt8] = []
  private var category: [UInt8] = []
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
    text.reserveCapacity(configuration.maximumTextLength)
    evidence.reserveCapacity(configuration.maximumEvidenceLength)
  }

  /// Takes the next line; calls `emit` with the entry before it when this line starts a new one.
  public func scan(_ line: Line, _ emit: (Entry) throws -> Void) rethrows {
    let bytes = line.bytes
    if line.containsNUL {
      statistics.unparsedLines += 1
      statistics.binaryLines += 1
      return
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
      open(line, header: EntryHeader(
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
      case .open: appendContinuation(bytes)
      case .beforeFirstEntry, .structured, .discarding: statistics.unparsedLines += 1
      }
    }
  }

  /// Emits the last open entry; call once at the end of the input.
  public func finish(_ emit: (Entry) throws -> Void) rethrows {
    try finishEntry(emit)
    state = .beforeFirstEntry
  }

  private func discard(impossible: Bool = false) {
    statistics.unparsedLines += 1
    if impossible { statistics.impossibleTimestamps += 1 }
    state = .discarding
  }

  private func open(_ line: Line, header: EntryHeader) {
    let bytes = line.bytes
    begin(line, timestamp: header.timestamp, layout: header.layout)
    pid = header.pid
    severity = header.severity
    if let range = header.category {
      hasCategory = true
      category.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
    }
    appendText(UnsafeRawBufferPointer(rebasing: bytes[min(header.messageStart, bytes.count)...]))
    firstLineMessageLength = text.count
    state = .open
  }

  private func openStructured(_ line: Line, _ structured: StructuredLogLine) {
    begin(line, timestamp: structured.timestamp, layout: structured.layout)
    pid = structured.pid
    severity = structured.severity
    if let name = structured.category {
      hasCategory = true
      category.append(contentsOf: name.utf8)
    }
    var message = structured.text
    message.withUTF8 { appendText(UnsafeRawBufferPointer($0)) }
    firstLineMessageLength = text.firstIndex(of: 0x0A) ?? text.count
    state = .structured
  }

  /// Resets the open entry's fields for a new entry starting at `line`.
  private func begin(_ line: Line, timestamp: LocalTimestamp, layout: EntryLayout) {
    text.removeAll(keepingCapacity: true)
    evidence.removeAll(keepingCapacity: true)
    category.removeAll(keepingCapacity: true)
    hasCategory = false
    isTextTruncated = line.isTruncated
    self.layout = layout
    self.timestamp = timestamp
    lineNumber = line.number
    lineCount = 1
    evidence.append(
      contentsOf: UnsafeRawBufferPointer(
        rebasing: line.bytes[..<min(line.bytes.count, configuration.maximumEvidenceLength)]))
    let converted = converter.convert(timestamp)
    if converted.epochMilliseconds < previousEpochMilliseconds {
      statistics.outOfOrderEntries += 1
    }
    previousEpochMilliseconds = converted.epochMilliseconds
    epochMilliseconds = converted.epochMilliseconds
    timeStatus = converted.status
    statistics.entries += 1
    statistics.firstEpochMilliseconds = min(
      statistics.firstEpochMilliseconds ?? .max, converted.epochMilliseconds)
    statistics.lastEpochMilliseconds = max(
      statistics.lastEpochMilliseconds ?? .min, converted.epochMilliseconds)
  }

  /// The previous entry's instant, for counting entries out of order.
  private var previousEpochMilliseconds = Int64.min

  private func appendContinuation(_ bytes: UnsafeRawBufferPointer) {
    lineCount += 1
    guard text.count < configuration.maximumTextLength else {
      isTextTruncated = true
      return
    }
    text.append(0x0A)
    appendText(bytes)
  }

  private func appendText(_ bytes: UnsafeRawBufferPointer) {
    let room = configuration.maximumTextLength - text.count
    if bytes.count > room {
      isTextTruncated = true
      if room > 0 { text.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<room])) }
    } else {
      text.append(contentsOf: bytes)
    }
  }

  private func finishEntry(_ emit: (Entry) throws -> Void) rethrows {
    guard state == .open || state == .structured else { return }
    state = .discarding
    if isTextTruncated { statistics.truncatedEntries += 1 }
    try text.withUnsafeBytes { textBytes in
      try evidence.withUnsafeBytes { evidenceBytes in
        try category.withUnsafeBytes { categoryBytes in
          try emit(
            Entry(
              layout: layout, line: lineNumber, lineCount: lineCount, timestamp: timestamp,
              epochMilliseconds: epochMilliseconds, timeStatus: timeStatus, pid: pid,
              severity: severity, rawFirstLine: evidenceBytes,
              category: hasCategory ? categoryBytes : nil, text: textBytes,
              firstLineMessageLength: firstLineMessageLength, isTextTruncated: isTextTruncated))
        }
      }
    }
  }

  /// The year of a legacy timestamp: the policy's year for the first one, then one more each
  /// time the month steps far backwards (December to January).
  private func resolveLegacyYear(_ time: LocalTimestamp) -> Int? {
    if legacyYearInUse == nil {
      guard let first = legacyYear.firstYear(month: time.month, day: time.day) else { return nil }
      legacyYearInUse = first.year
      statistics.legacyYearSource = first.source
    } else if time.month + 6 < lastLegacyMonth {
      legacyYearInUse! += 1
    }
    lastLegacyMonth = time.month
    return legacyYearInUse
  }
}

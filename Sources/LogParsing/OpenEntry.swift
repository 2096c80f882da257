import LogReading

/// The entry an `EntryScanner` is assembling: its fields, and its bytes in two buffers
/// allocated once, with the scanner, and reused from entry to entry, so that a line costs a
/// copy into them and never an allocation.
///
/// It owns the bytes; the scanner owns the state machine (what a line is, when an entry opens
/// and is handed out) and the counts. The `Entry` handed to `withEntry`'s body is a view of
/// these buffers, valid until the next `begin`.
final class OpenEntry {
  /// The most bytes of the message kept (the rest is dropped and `isTextTruncated` set).
  private let maximumTextLength: Int
  /// The most bytes of the first line kept for evidence.
  private let maximumEvidenceLength: Int

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
  /// The entry's instant, in milliseconds since the epoch.
  private(set) var epochMilliseconds: Int64 = 0
  private var timeStatus = LocalTimeStatus.exact
  private var pid: Int?
  private var severity: Int?
  private var firstLineMessageLength = 0
  /// True when a line of the entry was longer than the reader's limit, or its text was cut at
  /// `maximumTextLength`.
  private(set) var isTextTruncated = false
  /// True when a line of the entry was marked by the reader's marker.
  private var isMarked = false
  /// True while the header (pid, severity, category, where the message starts) has not been
  /// read from `evidence`, which then holds the whole first line (the scanner's fast path).
  private(set) var isHeaderPending = false

  /// Allocates the buffers, each at least a byte long.
  init(maximumTextLength: Int, maximumEvidenceLength: Int) {
    self.maximumTextLength = maximumTextLength
    self.maximumEvidenceLength = maximumEvidenceLength
    text = .allocate(byteCount: max(maximumTextLength, 1), alignment: 16)
    evidence = .allocate(byteCount: max(maximumEvidenceLength, 1), alignment: 16)
  }

  deinit {
    text.deallocate()
    evidence.deallocate()
  }

  /// Resets every field for a new entry starting at `line`, at `epochMilliseconds` (the
  /// scanner's conversion of `timestamp`), and copies the line into `evidence`. The header is
  /// then read by `read(_:firstLine:)` or `read(_:)`, or left pending by `deferHeader()`.
  func begin(
    _ line: Line, timestamp: LocalTimestamp, layout: EntryLayout,
    epochMilliseconds: Int64, timeStatus: LocalTimeStatus, isMarked: Bool
  ) {
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
    evidenceCount = min(line.bytes.count, max(maximumEvidenceLength, 0))
    if evidenceCount > 0 {
      evidence.baseAddress!.copyMemory(from: line.bytes.baseAddress!, byteCount: evidenceCount)
    }
    self.epochMilliseconds = epochMilliseconds
    self.timeStatus = timeStatus
    self.isMarked = isMarked
  }

  /// The number of the entry's first line.
  var firstLineNumber: Int { lineNumber }

  /// Leaves the header to be read from `evidence` when the entry is handed out, if it is.
  ///
  /// Call only when the whole first line is in `evidence` (no longer than
  /// `maximumEvidenceLength`) and was accepted by `LineClassifier.fullTimestamp` (IRIS layout)
  /// or `StructuredLogLine.pairsTimestamp` or `jsonTimestamp` (structured layouts).
  func deferHeader() {
    isHeaderPending = true
  }

  /// Reads the pending header from the first line, kept whole in `evidence`.
  func readPendingHeader() {
    isHeaderPending = false
    let firstLine = UnsafeRawBufferPointer(rebasing: evidence[..<evidenceCount])
    if layout == .structuredPairs || layout == .structuredJSON {
      // `pairsTimestamp` or `jsonTimestamp` accepted the line, so the full parse does too.
      if let structured = StructuredLogLine.parse(firstLine) { read(structured) }
      return
    }
    // `fullTimestamp` accepted the line: its first `fullTimestampLength` bytes are the
    // timestamp, with a year, and the header begins right after them.
    read(
      LineClassifier.header(
        firstLine, after: LineClassifier.fullTimestampLength, timestamp: timestamp,
        hasYear: true),
      firstLine: firstLine)
  }

  /// Sets the header fields and the first line's message from `header`, read from `bytes`
  /// (the first line as read, or its copy in `evidence`).
  func read(_ header: EntryHeader, firstLine bytes: UnsafeRawBufferPointer) {
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
    if bytes.count == evidenceCount && messageLength <= maximumTextLength {
      textInEvidence = true
      textStart = messageStart
      firstLineMessageLength = messageLength
    } else {
      appendText(UnsafeRawBufferPointer(rebasing: bytes[messageStart...]))
      firstLineMessageLength = textCount
    }
  }

  /// Sets the fields and the message from a structured line.
  func read(_ structured: StructuredLogLine) {
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

  /// Appends a continuation line to the message, after a `\n`.
  func appendContinuation(_ line: Line) {
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
    guard textCount < maximumTextLength else {
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
    let room = min(maximumTextLength, text.count) - textCount
    let count = min(bytes.count, max(room, 0))
    if bytes.count > room { isTextTruncated = true }
    if count > 0 {
      (text.baseAddress! + textCount).copyMemory(from: bytes.baseAddress!, byteCount: count)
      textCount += count
    }
  }

  /// Calls `body` with the entry, a view of the buffers; its header must have been read.
  func withEntry(_ body: (Entry) throws -> Void) rethrows {
    if let range = categoryInEvidence {
      try body(entry(category: UnsafeRawBufferPointer(rebasing: evidence[range])))
    } else if hasCategory {
      try categoryCopy.withUnsafeBytes { try body(entry(category: $0)) }
    } else {
      try body(entry(category: nil))
    }
  }

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
}

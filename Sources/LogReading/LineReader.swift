#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits a byte source into whole lines with one reusable buffer (after ripgrep's line buffer).
///
/// The buffer holds `[0, end)` valid bytes; `position` is the start of the first line not yet
/// handed out. `fill()` rolls `[position, end)` to the front, reads more, and doubles the
/// buffer while a line does not fit, up to `maximumLineLength`; past that the line is handed
/// out truncated and the rest of it is skipped and counted, so one enormous line cannot take
/// the memory with it.
public final class LineReader {
  /// Tuning knobs; the defaults suit real logs.
  public struct Configuration: Sendable {
    /// The buffer's starting size in bytes; 0 and 1 work (tests use them).
    public var initialCapacity: Int = 1 << 16
    /// The longest line handed out whole; longer lines are truncated to this many bytes.
    public var maximumLineLength: Int = 1 << 20

    /// Creates a configuration.
    public init(initialCapacity: Int = 1 << 16, maximumLineLength: Int = 1 << 20) {
      self.initialCapacity = initialCapacity
      self.maximumLineLength = max(1, maximumLineLength)
    }
  }

  private let source: ByteSource
  private let configuration: Configuration
  /// The buffer; its size only grows, and never beyond `maximumLineLength + 1`.
  private var storage: UnsafeMutableRawBufferPointer
  /// Start of the unread bytes; `position <= end`.
  private var position = 0
  /// End of the valid bytes; `end <= storage.count`.
  private var end = 0
  private var isSourceFinished = false
  /// What has been counted so far.
  public private(set) var statistics = LineStatistics()

  /// Creates a reader over `source`.
  public init(source: ByteSource, configuration: Configuration = Configuration()) {
    self.source = source
    self.configuration = configuration
    let capacity = min(max(configuration.initialCapacity, 0), configuration.maximumLineLength + 1)
    storage = .allocate(byteCount: capacity, alignment: 16)
  }

  deinit {
    storage.deallocate()
  }

  /// Calls `body` with every line in order, the final unterminated one included.
  public func forEachLine(_ body: (Line) throws -> Void) throws {
    var lineNumber = 0
    while true {
      if let newline = findNewline(from: position) {
        lineNumber += 1
        try deliver(from: position, to: newline, number: lineNumber, isTruncated: false, body)
        position = newline + 1
        continue
      }
      let pending = end - position
      if isSourceFinished {
        if pending > 0 {
          lineNumber += 1
          statistics.hasUnterminatedLastLine = true
          try deliver(from: position, to: end, number: lineNumber, isTruncated: false, body)
          position = end
        }
        return
      }
      if pending > configuration.maximumLineLength {
        lineNumber += 1
        let cut = position + configuration.maximumLineLength
        try deliver(from: position, to: cut, number: lineNumber, isTruncated: true, body)
        try skipRestOfLine(alreadyBuffered: end - cut)
        continue
      }
      try fill()
    }
  }

  /// Hands `[start, stop)` to `body`, without a trailing carriage return.
  private func deliver(
    from start: Int, to stop: Int, number: Int, isTruncated: Bool, _ body: (Line) throws -> Void
  ) throws {
    statistics.lines += 1
    var stop = stop
    if !isTruncated, stop > start, storage[stop - 1] == 0x0D { stop -= 1 }
    let bytes = UnsafeRawBufferPointer(rebasing: storage[start..<stop])
    try body(Line(bytes: bytes, number: number, isTruncated: isTruncated))
  }

  /// Makes room and reads more bytes; grows the buffer when the pending line fills it.
  private func fill() throws {
    let pending = end - position
    if position > 0 && pending > 0 {
      storage.baseAddress!.copyMemory(from: storage.baseAddress! + position, byteCount: pending)
    }
    position = 0
    end = pending
    if end == storage.count {
      let limit = configuration.maximumLineLength + 1
      let grown = min(max(storage.count * 2, 1), limit)
      let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: grown, alignment: 16)
      if end > 0 { larger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end) }
      storage.deallocate()
      storage = larger
    }
    let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
    if count == 0 {
      isSourceFinished = true
    } else {
      statistics.bytes += count
      end += count
    }
  }

  /// Discards bytes up to and including the next newline, counting them.
  private func skipRestOfLine(alreadyBuffered: Int) throws {
    statistics.truncatedLines += 1
    position = end - alreadyBuffered
    while true {
      if let newline = findNewline(from: position) {
        statistics.skippedBytes += newline - position
        position = newline + 1
        return
      }
      statistics.skippedBytes += end - position
      position = end
      if isSourceFinished {
        statistics.hasUnterminatedLastLine = true
        return
      }
      try fill()
    }
  }

  /// The index of the first `\n` in `[from, end)`, if any.
  private func findNewline(from start: Int) -> Int? {
    guard start < end else { return nil }
    let base = UnsafeRawPointer(storage.baseAddress!)
    guard let found = memchr(base + start, 0x0A, end - start) else { return nil }
    return base.distance(to: UnsafeRawPointer(found))
  }
}

extension LineReader {
  /// Calls `body` with every line of `bytes` held in memory: the slice path, which must hand out
  /// exactly the lines the streaming path does.
  public static func forEachLine(
    in bytes: UnsafeRawBufferPointer, maximumLineLength: Int = 1 << 20, _ body: (Line) throws -> Void
  ) rethrows -> LineStatistics {
    var statistics = LineStatistics()
    statistics.bytes = bytes.count
    var start = 0
    var number = 0
    let limit = max(1, maximumLineLength)
    while start < bytes.count {
      let newline = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start)
      let terminatorIndex = newline.map { bytes.baseAddress!.distance(to: UnsafeRawPointer($0)) }
      let stop = terminatorIndex ?? bytes.count
      number += 1
      statistics.lines += 1
      if terminatorIndex == nil { statistics.hasUnterminatedLastLine = true }
      if stop - start > limit {
        statistics.truncatedLines += 1
        statistics.skippedBytes += stop - start - limit
        let line = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + limit)])
        try body(Line(bytes: line, number: number, isTruncated: true))
      } else {
        var lineStop = stop
        if lineStop > start, bytes[lineStop - 1] == 0x0D { lineStop -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[start..<lineStop])
        try body(Line(bytes: line, number: number, isTruncated: false))
      }
      start = stop + 1
    }
    return statistics
  }
}

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
///
/// NUL bytes and the configured marker's marks are looked for over the whole buffered run of
/// lines at once, not line by line: one search tells where the next hit is, and every line
/// before it is known clean without being looked at again.
public final class LineReader {
  /// Tuning knobs; the defaults suit real logs.
  public struct Configuration: Sendable {
    /// The buffer's starting size in bytes; 0 and 1 work (tests use them).
    public var initialCapacity: Int = 1 << 18
    /// The longest line handed out whole; longer lines are truncated to this many bytes.
    public var maximumLineLength: Int = 1 << 20
    /// Finds the lines worth a closer look (`Line.isMarked`); nil marks every line.
    public var marker: (any LineMarker)?

    /// Creates a configuration.
    public init(
      initialCapacity: Int = 1 << 18, maximumLineLength: Int = 1 << 20,
      marker: (any LineMarker)? = nil
    ) {
      self.initialCapacity = initialCapacity
      self.maximumLineLength = max(1, maximumLineLength)
      self.marker = marker
    }
  }

  private let source: ByteSource?
  // The configuration's values, each apart: reading them from a stored `Configuration` copied
  // the whole struct, its marker retained, for every line.
  private let maximumLineLength: Int
  private let marker: (any LineMarker)?
  /// False when `storage` is bytes the caller holds (`forEachLine(in:)`), read in place.
  private let ownsStorage: Bool
  /// The buffer; its size only grows, and never beyond `maximumLineLength + 1`.
  private var storage: UnsafeMutableRawBufferPointer
  /// Start of the unread bytes; `position <= end`.
  private var position = 0
  /// End of the valid bytes; `end <= storage.count`.
  private var end = 0
  private var isSourceFinished = false
  /// What has been counted so far.
  public var statistics: LineStatistics { counts }
  // Private, so that the optimiser sees every access and needs no run-time exclusivity checks.
  private var counts = LineStatistics()

  /// Creates a reader over `source`.
  public init(source: ByteSource, configuration: Configuration = Configuration()) {
    self.source = source
    maximumLineLength = configuration.maximumLineLength
    marker = configuration.marker
    ownsStorage = true
    let capacity = min(max(configuration.initialCapacity, 0), configuration.maximumLineLength + 1)
    storage = .allocate(byteCount: max(capacity, 1), alignment: 16)
    if capacity == 0 {
      // Keep the documented capacity 0 (the first fill grows it) while owning a real pointer.
      storage = UnsafeMutableRawBufferPointer(rebasing: storage[0..<0])
    }
  }

  /// A reader of `bytes` in place: its whole input is already in the buffer and the source is
  /// finished, so the same loop splits it without copying a byte.
  private init(borrowing bytes: UnsafeRawBufferPointer, configuration: Configuration) {
    source = nil
    maximumLineLength = configuration.maximumLineLength
    marker = configuration.marker
    if let base = bytes.baseAddress, !bytes.isEmpty {
      storage = UnsafeMutableRawBufferPointer(mutating: UnsafeRawBufferPointer(start: base, count: bytes.count))
      ownsStorage = false
    } else {
      storage = .allocate(byteCount: 1, alignment: 16)
      ownsStorage = true
    }
    end = bytes.count
    isSourceFinished = true
    counts.bytes = bytes.count
  }

  deinit {
    if ownsStorage { storage.deallocate() }
  }

  /// Calls `body` with every line in order, the final unterminated one included.
  public func forEachLine(_ body: (Line) throws -> Void) throws {
    try forEachLine(body, runs: Self.noRuns, offersRuns: false, refill: fill)
  }

  /// Calls `body` with every line in order, as `forEachLine(_:)` does, except the lines that
  /// `runs` takes: with a marker, the lines before the next mark or NUL byte (`UnmarkedLines`)
  /// are offered to `runs` first, and the whole lines it says it consumed are counted and
  /// numbered but not handed to `body`.
  public func forEachLine(_ body: (Line) throws -> Void, runs: UnmarkedRun) throws {
    try forEachLine(body, runs: runs, offersRuns: true, refill: fill)
  }

  /// What the reader offers a run handler: the buffered bytes from the next line's start, of
  /// which the first `clean` hold no mark and no NUL byte.
  public struct UnmarkedLines {
    /// The bytes read and not yet handed out, from the next line's start.
    public let bytes: UnsafeRawBufferPointer
    /// How many of `bytes` come before the first mark or NUL byte (at least one).
    public let clean: Int
    /// The offset in `bytes` of the first NUL byte, `Int.max` when there is none.
    public let firstNUL: Int
  }

  /// What takes runs of unmarked lines: it consumes whole lines from the start of the bytes,
  /// each ending with its `\n` within the first `clean` bytes (it may look at the line after
  /// them), and says how many bytes and lines; (0, 0) leaves them all to the line handler.
  public typealias UnmarkedRun = (UnmarkedLines) -> (bytes: Int, lines: Int)

  private static func noRuns(_ lines: UnmarkedLines) -> (bytes: Int, lines: Int) { (0, 0) }

  /// The one line-splitting loop of both paths; `refill` reads more (never called once the
  /// source is finished, so the in-place path passes one that does nothing).
  private func forEachLine(
    _ body: (Line) throws -> Void, runs: UnmarkedRun, offersRuns: Bool,
    refill: () throws -> Void
  ) rethrows {
    let marksEverything = marker == nil
    let offersRuns = offersRuns && !marksEverything
    var number = 0
    // No newline lies in `[position, newlineSearchFrom)`.
    var newlineSearchFrom = position
    // The next NUL and the next mark at or after the current line, as buffer offsets; `unsearched`
    // when unknown (after a fill), `Int.max` when there is none before `end`.
    var nextNUL = Self.unsearched
    var nextMark = Self.unsearched
    while true {
      let base = UnsafeRawPointer(storage.baseAddress!)
      let start = position
      let stop = end
      if offersRuns && start < stop {
        if nextNUL < start { nextNUL = Self.search(0, base, from: start, to: stop) }
        if nextMark < start { nextMark = mark(base, from: start, to: stop) }
        let runEnd = min(nextNUL, nextMark, stop)
        if runEnd > start {
          let taken = runs(
            UnmarkedLines(
              bytes: UnsafeRawBufferPointer(start: base + start, count: stop - start),
              clean: runEnd - start, firstNUL: nextNUL == .max ? .max : nextNUL - start))
          if taken.lines > 0 && taken.bytes > 0 {
            number += taken.lines
            counts.lines += taken.lines
            position = start + taken.bytes
            newlineSearchFrom = position
            continue
          }
        }
      }
      if newlineSearchFrom < stop,
        let found = memchr(base + newlineSearchFrom, 0x0A, stop - newlineSearchFrom)
      {
        let newline = base.distance(to: UnsafeRawPointer(found))
        number += 1
        if nextNUL < start { nextNUL = Self.search(0, base, from: start, to: stop) }
        if !marksEverything && nextMark < start { nextMark = mark(base, from: start, to: stop) }
        if newline - start > maximumLineLength {
          // Only bytes read in place hold a line longer than the limit with its terminator;
          // the streaming buffer never grows past the limit.
          try deliverCut(from: start, lineEnd: newline, number: number, nextNUL: nextNUL, body)
          position = newline + 1
          newlineSearchFrom = newline + 1
          continue
        }
        var lineStop = newline
        if lineStop > start && base.load(fromByteOffset: lineStop - 1, as: UInt8.self) == 0x0D {
          lineStop -= 1
        }
        counts.lines += 1
        position = newline + 1
        newlineSearchFrom = newline + 1
        try body(
          Line(
            bytes: UnsafeRawBufferPointer(start: base + start, count: lineStop - start),
            number: number, isTruncated: false, containsNUL: nextNUL < newline,
            isMarked: marksEverything || nextMark < newline))
        continue
      }
      newlineSearchFrom = stop
      let pending = stop - start
      if isSourceFinished {
        if pending > 0 {
          number += 1
          counts.hasUnterminatedLastLine = true
          if nextNUL < start { nextNUL = Self.search(0, base, from: start, to: stop) }
          if pending > maximumLineLength {
            try deliverCut(from: start, lineEnd: stop, number: number, nextNUL: nextNUL, body)
          } else {
            if !marksEverything && nextMark < start { nextMark = mark(base, from: start, to: stop) }
            try deliver(
              from: start, to: stop, number: number, isTruncated: false,
              containsNUL: nextNUL < stop, isMarked: marksEverything || nextMark < stop, body)
          }
          position = stop
        }
        return
      }
      if pending > maximumLineLength {
        number += 1
        let cut = start + maximumLineLength
        if nextNUL < start { nextNUL = Self.search(0, base, from: start, to: stop) }
        try deliver(
          from: start, to: cut, number: number, isTruncated: true, containsNUL: nextNUL < cut,
          isMarked: true, body)
        try skipRestOfLine(alreadyBuffered: stop - cut, refill: refill)
        newlineSearchFrom = position
        nextNUL = Self.unsearched
        nextMark = Self.unsearched
        continue
      }
      let shift = position
      try refill()
      newlineSearchFrom -= shift
      nextNUL = Self.unsearched
      nextMark = Self.unsearched
    }
  }

  /// The offset of a search that has not run since the buffer last moved.
  private static let unsearched = -1

  /// The offset of the first `byte` in `[from, to)` of `base`, or `Int.max`.
  @inline(__always)
  private static func search(_ byte: Int32, _ base: UnsafeRawPointer, from: Int, to: Int) -> Int {
    guard from < to, let found = memchr(base + from, byte, to - from) else { return .max }
    return base.distance(to: UnsafeRawPointer(found))
  }

  /// The offset of the marker's first mark in `[from, to)` of `base`, or `Int.max`.
  private func mark(_ base: UnsafeRawPointer, from: Int, to: Int) -> Int {
    guard from < to, let marker = marker,
      let offset = marker.firstMark(
        in: UnsafeRawBufferPointer(start: base + from, count: to - from))
    else { return .max }
    return from + offset
  }

  /// Hands out the first `maximumLineLength` bytes of the whole line `[start, lineEnd)`, held in
  /// the buffer (read in place), and counts the rest as skipped.
  private func deliverCut(
    from start: Int, lineEnd: Int, number: Int, nextNUL: Int, _ body: (Line) throws -> Void
  ) rethrows {
    let cut = start + maximumLineLength
    counts.truncatedLines += 1
    counts.skippedBytes += lineEnd - cut
    try deliver(
      from: start, to: cut, number: number, isTruncated: true, containsNUL: nextNUL < cut,
      isMarked: true, body)
  }

  /// Hands `[start, stop)` to `body`, without a trailing carriage return.
  private func deliver(
    from start: Int, to stop: Int, number: Int, isTruncated: Bool, containsNUL: Bool,
    isMarked: Bool, _ body: (Line) throws -> Void
  ) rethrows {
    counts.lines += 1
    var stop = stop
    if !isTruncated, stop > start, storage[stop - 1] == 0x0D { stop -= 1 }
    let bytes = UnsafeRawBufferPointer(rebasing: storage[start..<stop])
    try body(
      Line(
        bytes: bytes, number: number, isTruncated: isTruncated, containsNUL: containsNUL,
        isMarked: isMarked))
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
      let limit = maximumLineLength + 1
      let grown = min(max(storage.count * 2, 1), limit)
      let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: grown, alignment: 16)
      if end > 0 { larger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end) }
      storage.deallocate()
      storage = larger
    }
    guard let source else {
      isSourceFinished = true
      return
    }
    let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
    if count == 0 {
      isSourceFinished = true
    } else {
      counts.bytes += count
      end += count
    }
  }

  /// Discards bytes up to and including the next newline, counting them.
  private func skipRestOfLine(alreadyBuffered: Int, refill: () throws -> Void) rethrows {
    counts.truncatedLines += 1
    position = end - alreadyBuffered
    while true {
      if let newline = findNewline(from: position) {
        counts.skippedBytes += newline - position
        position = newline + 1
        return
      }
      counts.skippedBytes += end - position
      position = end
      if isSourceFinished {
        counts.hasUnterminatedLastLine = true
        return
      }
      try refill()
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
  /// Calls `body` with every line of `bytes` held in memory, read in place by the same loop as
  /// a stream (no second splitter to keep equal to the first).
  public static func forEachLine(
    in bytes: UnsafeRawBufferPointer, maximumLineLength: Int = 1 << 20,
    marker: (any LineMarker)? = nil, _ body: (Line) throws -> Void
  ) rethrows -> LineStatistics {
    let reader = LineReader(
      borrowing: bytes,
      configuration: Configuration(maximumLineLength: maximumLineLength, marker: marker))
    try reader.forEachLine(body, runs: noRuns, offersRuns: false, refill: {})
    return reader.statistics
  }

  /// `forEachLine(in:maximumLineLength:marker:_:)` with the runs of unmarked lines offered to
  /// `runs` first (`forEachLine(_:runs:)`).
  public static func forEachLine(
    in bytes: UnsafeRawBufferPointer, maximumLineLength: Int = 1 << 20,
    marker: (any LineMarker)? = nil, _ body: (Line) throws -> Void, runs: UnmarkedRun
  ) rethrows -> LineStatistics {
    let reader = LineReader(
      borrowing: bytes,
      configuration: Configuration(maximumLineLength: maximumLineLength, marker: marker))
    try reader.forEachLine(body, runs: runs, offersRuns: true, refill: {})
    return reader.statistics
  }
}

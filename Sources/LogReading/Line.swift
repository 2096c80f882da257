#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One line handed to a reader's caller: borrowed bytes, valid only during the callback.
public struct Line {
  /// The line's bytes without its terminator (`\n` or `\r\n`); at most the reader's limit.
  public let bytes: UnsafeRawBufferPointer
  /// 1-based line number in its input.
  public let number: Int
  /// True when the line was longer than the limit and its tail was skipped.
  public let isTruncated: Bool
  /// True when the line holds a NUL byte (binary data, not text).
  public let containsNUL: Bool
  /// False only when the reader's `LineMarker` found no mark in the line, so nothing in it can
  /// be an event; true when a mark was found, the line was truncated, or no marker was used.
  public let isMarked: Bool

  /// Creates a line view with what the reader already knows about its bytes.
  public init(
    bytes: UnsafeRawBufferPointer, number: Int, isTruncated: Bool, containsNUL: Bool,
    isMarked: Bool
  ) {
    self.bytes = bytes
    self.number = number
    self.isTruncated = isTruncated
    self.containsNUL = containsNUL
    self.isMarked = isMarked
  }
}

/// What a reader counted while handing out lines.
public struct LineStatistics: Sendable, Equatable, Codable {
  /// Bytes read from the source (after decompression).
  public var bytes: Int = 0
  /// Lines handed out, the final unterminated one included.
  public var lines: Int = 0
  /// Lines whose tail beyond the limit was skipped.
  public var truncatedLines: Int = 0
  /// Bytes skipped in truncated lines.
  public var skippedBytes: Int = 0
  /// True when the input did not end with a line terminator.
  public var hasUnterminatedLastLine = false

  /// Creates empty statistics.
  public init() {}
}

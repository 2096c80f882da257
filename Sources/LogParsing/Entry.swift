/// One log entry, its first line and continuation lines joined: a borrowed view, valid only
/// during the scanner's callback.
public struct Entry {
  public let layout: EntryLayout
  /// 1-based number of the entry's first line in its file.
  public let line: Int
  /// How many lines the entry spans.
  public let lineCount: Int
  /// The wall-clock time as written, its year resolved for the legacy layout.
  public let timestamp: LocalTimestamp
  /// The instant, in milliseconds since the epoch, in the server's zone.
  public let epochMilliseconds: Int64
  public let timeStatus: LocalTimeStatus
  public let pid: Int?
  public let severity: Int?
  /// The first line as read (at most the scanner's evidence limit), for evidence.
  public let rawFirstLine: UnsafeRawBufferPointer
  /// The category (`[Utility.Event]` without brackets, or irislogd's `event`), if any.
  public let category: UnsafeRawBufferPointer?
  /// The message: the first line after its header, then each continuation line after a `\n`.
  public let text: UnsafeRawBufferPointer
  /// `text[..<firstLineMessageLength]` is the first line's message.
  public let firstLineMessageLength: Int
  /// True when `text` was cut at the scanner's limit.
  public let isTextTruncated: Bool
  /// False when the reader's marker found no mark in any of the entry's lines, so no literal
  /// of the catalogue is in its text; true otherwise (and always for structured lines).
  public let isMarked: Bool

  /// The first line's message, without continuation lines.
  public var firstLineMessage: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: text[..<firstLineMessageLength])
  }

  /// A 64-bit FNV-1a hash of the first line and the text; equal entries hash equal.
  public func fingerprint() -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in rawFirstLine {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    for byte in text {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash ^ UInt64(truncatingIfNeeded: lineCount)
  }
}

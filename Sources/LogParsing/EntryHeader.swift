/// What the first line of an entry says before the message: when, who, how severe, what kind.
///
/// Byte offsets point into the first line as read; the message starts at `messageStart`.
public struct EntryHeader: Sendable, Equatable {
  public var layout: EntryLayout
  /// The time as written; for the legacy layout `year` is 0 until the reader sets it.
  public var timestamp: LocalTimestamp
  public var pid: Int?
  /// 0 info, 1 warning, 2 severe, 3 fatal; nil where the layout has none.
  public var severity: Int?
  /// The `[Category]` without brackets, as a byte range of the line.
  public var category: Range<Int>?
  /// Where the message begins in the line.
  public var messageStart: Int

  /// Creates a header.
  public init(
    layout: EntryLayout, timestamp: LocalTimestamp, pid: Int?, severity: Int?,
    category: Range<Int>?, messageStart: Int
  ) {
    self.layout = layout
    self.timestamp = timestamp
    self.pid = pid
    self.severity = severity
    self.category = category
    self.messageStart = messageStart
  }
}

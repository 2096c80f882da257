/// What an entry scanner counted in one input.
public struct EntryStatistics: Sendable, Equatable, Codable {
  /// Entries found (every layout).
  public var entries = 0
  /// Lines that are neither an entry nor a continuation of one: junk before the first entry,
  /// lines with NUL bytes, impossible timestamps and their continuations, broken structured lines.
  public var unparsedLines = 0
  /// Entries whose date or time cannot exist (13/45/26-…), among `unparsedLines`.
  public var impossibleTimestamps = 0
  /// Lines holding NUL bytes, among `unparsedLines`.
  public var binaryLines = 0
  /// Entries timed earlier than the entry before them.
  public var outOfOrderEntries = 0
  /// Entries whose text was cut at the scanner's limit.
  public var truncatedEntries = 0
  /// The earliest and latest entry instants (milliseconds since the epoch).
  public var firstEpochMilliseconds: Int64?
  public var lastEpochMilliseconds: Int64?
  /// How the year of legacy (year-less) timestamps was chosen, when any were read.
  public var legacyYearSource: String?

  /// Creates empty statistics.
  public init() {}
}

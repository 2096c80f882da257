import LogParsing
import LogReading

/// What was read from one input file: the evidence an audit report cites about its inputs.
public struct InputSummary: Sendable, Equatable, Codable {
  public var server: String
  public var path: String
  /// The file's size on disk (compressed size for gzip files).
  public var bytes: Int
  /// Bytes after decompression.
  public var decodedBytes: Int
  public var lines: Int
  /// Earliest and latest entry instants, in milliseconds since the epoch.
  public var firstEpochMilliseconds: Int64?
  public var lastEpochMilliseconds: Int64?
  public var entries: Int
  public var unparsedLines: Int
  public var impossibleTimestamps: Int
  public var binaryLines: Int
  public var truncatedLines: Int
  public var outOfOrderEntries: Int
  /// Entries also present in the file before this one (rotation overlap), read only once.
  public var duplicateEntries: Int
  /// How the year of year-less timestamps was chosen, when the file has any.
  public var legacyYearSource: String?
  /// Entries PCRE2 gave up on (a match limit hit by a configured pattern): whether they are
  /// events is not known, so the file counts as read in part.
  public var matchErrors: Int
  /// Why the file could not be read, or could be read only in part.
  public var failure: String?
  /// The SHA-256 of the file's bytes as stored (compressed bytes for gzip files; for standard
  /// input, the bytes read), as 64 lowercase hex digits, computed while the file was read.
  ///
  /// Set only when every byte was read, up to the end of the file: nil when it could not be
  /// opened, when a read failed, or when damaged gzip data stopped the reading before the end,
  /// because the hash of part of a file is not the file's hash. A gzip stream that is cut short
  /// is read to its end, so it has both a `failure` and its hash.
  public var sha256: String?
  /// The envelope the file's lines were read in (`cri+iris-main`, `syslog`, …), nil for a plain
  /// log (SPEC §3.1).
  public var envelope: String?
  /// Lines of a container's own output around an `iris-main` log: neither the log nor unparsed.
  public var containerLines = 0
  /// How a reading planned by a `FilePlanner` (the evidence ledger's) read the file; nil for
  /// any other reading.
  public var range: InputRange?

  /// An empty summary for `path`.
  public init(server: String, path: String) {
    self.server = server
    self.path = path
    bytes = 0
    decodedBytes = 0
    lines = 0
    entries = 0
    unparsedLines = 0
    impossibleTimestamps = 0
    binaryLines = 0
    truncatedLines = 0
    outOfOrderEntries = 0
    duplicateEntries = 0
    matchErrors = 0
  }

  mutating func record(_ lines: LineStatistics, _ entries: EntryStatistics) {
    decodedBytes = lines.bytes
    self.lines = lines.lines
    truncatedLines = lines.truncatedLines
    firstEpochMilliseconds = entries.firstEpochMilliseconds
    lastEpochMilliseconds = entries.lastEpochMilliseconds
    self.entries = entries.entries
    unparsedLines = entries.unparsedLines
    impossibleTimestamps = entries.impossibleTimestamps
    binaryLines = entries.binaryLines
    outOfOrderEntries = entries.outOfOrderEntries
    legacyYearSource = entries.legacyYearSource
  }
}

/// Everything read from one server.
public struct ServerReading: Sendable, Equatable {
  public var server: String
  /// The IANA zone its times were read in.
  public var timeZone: String
  /// Events in reading order (files by first timestamp, lines in order).
  public var events: [BackupEvent]
  /// One summary per file, in reading order.
  public var inputs: [InputSummary]

  /// Creates a reading; the evidence ledger rebuilds readings from its rows.
  public init(server: String, timeZone: String, events: [BackupEvent], inputs: [InputSummary]) {
    self.server = server
    self.timeZone = timeZone
    self.events = events
    self.inputs = inputs
  }

  /// The files that could not be read, wholly or in part.
  public var failures: [InputSummary] { inputs.filter { $0.failure != nil } }
}

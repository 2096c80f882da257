import BackupEvents

/// One input file as the audit's result names it: what it is, its hash, and what reading it
/// counted — the evidence a report cites about its inputs, so that the writers need nothing of
/// the reading stage.
public struct AuditInput: Sendable, Equatable, Codable {
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
  /// Entries PCRE2 gave up on; the file then counts as read in part.
  public var matchErrors: Int
  /// How the year of year-less timestamps was chosen, when the file has any.
  public var legacyYearSource: String?
  /// Why the file could not be read, or could be read only in part.
  public var failure: String?
  /// The SHA-256 of the file's bytes as stored, when every byte was read; nil otherwise.
  public var sha256: String?
  /// The envelope the file was read in (`plain`, `cri+iris-main`, `syslog`, …).
  public var envelope: String
  /// Lines of a container's own output around an `iris-main` log.
  public var containerLines: Int
  /// How the evidence ledger read the file, when not whole in one go; nil otherwise.
  public var reading: InputReading?

  /// The audit's record of what the reader counted in one file.
  public init(_ summary: InputSummary) {
    server = summary.server
    path = summary.path
    bytes = summary.bytes
    decodedBytes = summary.decodedBytes
    lines = summary.lines
    firstEpochMilliseconds = summary.firstEpochMilliseconds
    lastEpochMilliseconds = summary.lastEpochMilliseconds
    entries = summary.entries
    unparsedLines = summary.unparsedLines
    impossibleTimestamps = summary.impossibleTimestamps
    binaryLines = summary.binaryLines
    truncatedLines = summary.truncatedLines
    outOfOrderEntries = summary.outOfOrderEntries
    duplicateEntries = summary.duplicateEntries
    matchErrors = summary.matchErrors
    legacyYearSource = summary.legacyYearSource
    failure = summary.failure
    sha256 = summary.sha256
    envelope = summary.envelope ?? "plain"
    containerLines = summary.containerLines
    reading = summary.range.flatMap(InputReading.init)
  }

  /// An input with nothing counted, for `path` of `server`.
  public init(server: String, path: String) {
    self.init(InputSummary(server: server, path: path))
  }
}

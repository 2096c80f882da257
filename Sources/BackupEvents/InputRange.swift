/// What a reader planned by a `FilePlanner` read of one file: which file it was, the bytes it
/// read and their hash, and where the next reading must start so as not to cut an entry in two.
///
/// Invariants: `readFrom <= resumeOffset <= readTo`; `resumeOffset` is a line boundary with
/// `resumeLine` lines before it; `carried` counts the bytes from `resumeOffset` to `readTo`,
/// which the next reading reads again.
public struct InputRange: Sendable, Equatable, Codable {
  /// The file's device, inode, and the SHA-256 of its first `prefixBytes` bytes.
  public var device: Int64
  public var inode: Int64
  public var prefixBytes: Int
  public var prefixSHA256: String
  /// The bytes read: `readFrom..<readTo` of the file as stored.
  public var readFrom: Int64
  public var readTo: Int64
  /// How many lines lie before `readFrom`.
  public var lineBase: Int
  /// The number of the last line read.
  public var lastLine: Int
  /// The SHA-256 of the bytes `readFrom..<readTo`, hex; nil when a read failed. The file's own
  /// hash only when `readFrom` is 0.
  public var sha256: String?
  /// Where the next reading starts: the start of the entry still open at the end (it may take
  /// continuation lines), of a line carried in parts not all come yet, or of an unterminated
  /// last line; `readTo` when none is.
  public var resumeOffset: Int64
  /// How many lines lie before `resumeOffset`.
  public var resumeLine: Int
  /// The year year-less timestamps were in at the end.
  public var legacyYear: Int?
  /// The counts of the bytes the next reading reads again.
  public var carried: InputFigures
  /// Why the file was read from its start again, if it was.
  public var restart: InputRestart?
  /// `FileStart.continues`, handed back.
  public var continues: Int64?

  /// Creates a range.
  public init(
    device: Int64, inode: Int64, prefixBytes: Int, prefixSHA256: String, readFrom: Int64,
    readTo: Int64, lineBase: Int, lastLine: Int, sha256: String?, resumeOffset: Int64,
    resumeLine: Int, legacyYear: Int?, carried: InputFigures, restart: InputRestart?,
    continues: Int64?
  ) {
    self.device = device
    self.inode = inode
    self.prefixBytes = prefixBytes
    self.prefixSHA256 = prefixSHA256
    self.readFrom = readFrom
    self.readTo = readTo
    self.lineBase = lineBase
    self.lastLine = lastLine
    self.sha256 = sha256
    self.resumeOffset = resumeOffset
    self.resumeLine = resumeLine
    self.legacyYear = legacyYear
    self.carried = carried
    self.restart = restart
    self.continues = continues
  }
}

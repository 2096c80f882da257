import BackupEvents

/// How the evidence ledger's latest reading of a file read it, when that was not the whole file
/// in one go (SPEC §11): the bytes it read and their SHA-256, where the ledger stopped, and why
/// the file was read from its start again, if it was.
///
/// A file read on from where the ledger stopped has no whole-file hash: `sha256` covers the
/// bytes `from..<to` only, the part this reading read.
public struct InputReading: Sendable, Equatable, Codable {
  /// The bytes read: `from..<to` of the file as stored.
  public var from: Int64
  public var to: Int64
  /// The SHA-256 of those bytes, hex; nil when a read failed.
  public var sha256: String?
  /// The bytes whose entries the ledger holds: the next reading starts here.
  public var recordedTo: Int64
  /// Why the file was read from its start again although the ledger had recorded a part of it.
  public var restart: InputRestart?

  /// Creates a reading.
  public init(from: Int64, to: Int64, sha256: String?, recordedTo: Int64, restart: InputRestart?) {
    self.from = from
    self.to = to
    self.sha256 = sha256
    self.recordedTo = recordedTo
    self.restart = restart
  }

  /// The reading `range` describes, when it was not of the whole file in one go; nil otherwise.
  public init?(_ range: InputRange) {
    guard range.readFrom > 0 || range.restart != nil else { return nil }
    from = range.readFrom
    to = range.readTo
    sha256 = range.sha256
    recordedTo = range.resumeOffset
    restart = range.restart
  }
}

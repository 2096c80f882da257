import LogReading

/// Where a reader starts a file, as the caller decides from the file's identity: the evidence
/// ledger reads on from where it stopped (SPEC §11).
///
/// Invariant: `offset` is a line boundary at which no entry was open, `lineBase` lines lie before
/// it, and the file is not compressed when `offset > 0`.
public struct FileStart: Sendable, Equatable {
  /// The first byte to read.
  public var offset: Int64 = 0
  /// How many lines lie before `offset`: the first line read is line `lineBase + 1`.
  public var lineBase = 0
  /// The envelope the file's first reading detected; nil detects it (from offset 0 only, since
  /// the lines of a file's middle may not say what its beginning did).
  public var envelope: Envelope?
  /// The year year-less timestamps were in at `offset`.
  public var legacyYear: Int?
  /// The instant of the file's first entry, when known: spares looking at its beginning to order
  /// a server's files.
  public var firstInstant: Int64?
  /// True when nothing was added since the caller recorded the file: it is not read at all.
  public var isSkipped = false
  /// Why a file the caller had recorded is read from the start again.
  public var restart: InputRestart?
  /// The caller's name for the reading this one continues, handed back in `InputRange`.
  public var continues: Int64?

  /// The whole file, from its first byte.
  public static let whole = FileStart()

  /// Creates a start.
  public init(
    offset: Int64 = 0, lineBase: Int = 0, envelope: Envelope? = nil, legacyYear: Int? = nil,
    firstInstant: Int64? = nil, isSkipped: Bool = false, restart: InputRestart? = nil,
    continues: Int64? = nil
  ) {
    self.offset = offset
    self.lineBase = lineBase
    self.envelope = envelope
    self.legacyYear = legacyYear
    self.firstInstant = firstInstant
    self.isSkipped = isSkipped
    self.restart = restart
    self.continues = continues
  }
}

/// Decides where each file of a server starts: given the server's name and its files'
/// identities (in the server's order), one start per file. Called from the reading threads.
public typealias FilePlanner = @Sendable (_ server: String, _ files: [FileIdentity]) -> [FileStart]

/// Why a file is read from its start again although a part of it was recorded.
public struct InputRestart: Sendable, Equatable, Codable {
  /// What happened to the file recorded under this path.
  public enum Reason: String, Sendable, Codable {
    /// Another file is there (another beginning, or another inode where no rotation went).
    case replaced
    /// The same file, shorter than what was read of it (copytruncate, `> messages.log`).
    case truncated
  }

  public var reason: Reason
  /// How many bytes of the file recorded before had been read.
  public var recordedBytes: Int64

  /// Creates a restart.
  public init(reason: Reason, recordedBytes: Int64) {
    self.reason = reason
    self.recordedBytes = recordedBytes
  }
}

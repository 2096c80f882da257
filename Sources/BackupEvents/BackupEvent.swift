import Foundation
import LogParsing

/// A backup-related event read from one server's log, with where it was read and what it says.
public struct BackupEvent: Sendable, Equatable, Codable {
  public var server: String
  public var path: String
  /// 1-based number of the entry's first line in `path`.
  public var line: Int
  /// The instant, in milliseconds since the epoch.
  public var epochMilliseconds: Int64
  /// The wall-clock time as written in the log.
  public var localTime: LocalTimestamp
  /// Whether the wall-clock time was ambiguous or skipped by a DST change.
  public var timeStatus: LocalTimeStatus
  public var pid: Int?
  public var severity: Int?
  public var category: String?
  public var kind: EventKind
  /// The checkpoint number of a `journal-checkpoint`.
  public var checkpoint: Int?
  /// The journal file named by a switch, a freeze or a checkpoint.
  public var journalFile: String?
  /// The database folder of an `unjournaled-database` warning.
  public var directory: String?
  /// The number of databases of an `unjournaled-summary` warning.
  public var count: Int?
  /// The reason or activities a failure or timeout gives; an `unrecognised` message's text.
  public var reason: String?
  /// The UTC instant an `instance-start` states (milliseconds since the epoch).
  public var statedUTC: Int64?
  /// The class and method of an `unrecognised` message: `General.ExternalThaw`.
  public var method: String?
  /// The entry's first line as written (invalid UTF-8 replaced), for evidence.
  public var text: String

  /// Creates an event.
  public init(
    server: String, path: String, line: Int, epochMilliseconds: Int64, localTime: LocalTimestamp,
    timeStatus: LocalTimeStatus = .exact, pid: Int?, severity: Int?, category: String?,
    kind: EventKind, checkpoint: Int? = nil, journalFile: String? = nil, directory: String? = nil,
    count: Int? = nil, reason: String? = nil, statedUTC: Int64? = nil, method: String? = nil,
    text: String
  ) {
    self.server = server
    self.path = path
    self.line = line
    self.epochMilliseconds = epochMilliseconds
    self.localTime = localTime
    self.timeStatus = timeStatus
    self.pid = pid
    self.severity = severity
    self.category = category
    self.kind = kind
    self.checkpoint = checkpoint
    self.journalFile = journalFile
    self.directory = directory
    self.count = count
    self.reason = reason
    self.statedUTC = statedUTC
    self.method = method
    self.text = text
  }
}

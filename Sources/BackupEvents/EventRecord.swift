import LogParsing

/// One line of the `events` output (SPEC §6): exactly these fields, keys sorted.
public struct EventRecord: Encodable, Equatable, Sendable {
  public var server: String
  public var path: String
  public var line: Int
  /// RFC 3339 UTC with milliseconds.
  public var time: String
  /// As written, ISO 8601 without a zone.
  public var localTime: String
  public var pid: Int?
  public var severity: Int?
  public var category: String?
  public var event: String
  public var checkpoint: Int?
  public var journalFile: String?
  /// The UTC time an `instance-start` states, RFC 3339.
  public var statedUTC: String?

  /// The record of `event`.
  public init(_ event: BackupEvent) {
    server = event.server
    path = event.path
    line = event.line
    time = CivilCalendar.rfc3339(epochMilliseconds: event.epochMilliseconds)
    localTime = event.localTime.iso8601
    pid = event.pid
    severity = event.severity
    category = event.category
    self.event = event.kind.rawValue
    checkpoint = event.checkpoint
    journalFile = event.journalFile
    statedUTC = event.statedUTC.map { CivilCalendar.rfc3339(epochMilliseconds: $0) }
  }

  enum CodingKeys: String, CodingKey {
    case server, path, line, time, pid, severity, category, event, checkpoint
    case localTime = "local_time"
    case journalFile = "journal_file"
    case statedUTC = "stated_utc"
  }

  /// `pid`, `severity` and `category` are always present (null when the layout has none);
  /// `checkpoint`, `journal_file` and `stated_utc` only where the message carries one.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(server, forKey: .server)
    try container.encode(path, forKey: .path)
    try container.encode(line, forKey: .line)
    try container.encode(time, forKey: .time)
    try container.encode(localTime, forKey: .localTime)
    try container.encode(pid, forKey: .pid)
    try container.encode(severity, forKey: .severity)
    try container.encode(category, forKey: .category)
    try container.encode(event, forKey: .event)
    try container.encodeIfPresent(checkpoint, forKey: .checkpoint)
    try container.encodeIfPresent(journalFile, forKey: .journalFile)
    try container.encodeIfPresent(statedUTC, forKey: .statedUTC)
  }
}

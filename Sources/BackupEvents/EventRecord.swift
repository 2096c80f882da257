import LogParsing

/// One event line of the `events` output (SPEC §6), keys sorted: `type` `event`, the fields
/// SPEC §6 names, and what else the audit needs to judge the event exactly as if it had read
/// the log itself (`audit --events`): the cited line's `text`, and `time_status`, `directory`,
/// `count`, `reason`, `method` where they apply.
public struct EventRecord: Codable, Equatable, Sendable {
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
  /// The entry's first line as written (the evidence a finding cites).
  public var text: String
  /// `ambiguous` or `skipped` when a DST change made the local time so; absent when exact.
  public var timeStatus: String?
  public var directory: String?
  public var count: Int?
  public var reason: String?
  public var method: String?

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
    text = event.text
    timeStatus = event.timeStatus == .exact ? nil : event.timeStatus.rawValue
    directory = event.directory
    count = event.count
    reason = event.reason
    method = event.method
  }

  enum CodingKeys: String, CodingKey {
    case type, server, path, line, time, pid, severity, category, event, checkpoint, text
    case directory, count, reason, method
    case localTime = "local_time"
    case journalFile = "journal_file"
    case statedUTC = "stated_utc"
    case timeStatus = "time_status"
  }

  /// `pid`, `severity` and `category` are always present (null when the layout has none); the
  /// others only where the message carries one.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode("event", forKey: .type)
    try container.encode(server, forKey: .server)
    try container.encode(path, forKey: .path)
    try container.encode(line, forKey: .line)
    try container.encode(time, forKey: .time)
    try container.encode(localTime, forKey: .localTime)
    try container.encode(pid, forKey: .pid)
    try container.encode(severity, forKey: .severity)
    try container.encode(category, forKey: .category)
    try container.encode(event, forKey: .event)
    try container.encode(text, forKey: .text)
    try container.encodeIfPresent(checkpoint, forKey: .checkpoint)
    try container.encodeIfPresent(journalFile, forKey: .journalFile)
    try container.encodeIfPresent(statedUTC, forKey: .statedUTC)
    try container.encodeIfPresent(timeStatus, forKey: .timeStatus)
    try container.encodeIfPresent(directory, forKey: .directory)
    try container.encodeIfPresent(count, forKey: .count)
    try container.encodeIfPresent(reason, forKey: .reason)
    try container.encodeIfPresent(method, forKey: .method)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    server = try container.decode(String.self, forKey: .server)
    path = try container.decode(String.self, forKey: .path)
    line = try container.decode(Int.self, forKey: .line)
    time = try container.decode(String.self, forKey: .time)
    localTime = try container.decode(String.self, forKey: .localTime)
    pid = try container.decodeIfPresent(Int.self, forKey: .pid)
    severity = try container.decodeIfPresent(Int.self, forKey: .severity)
    category = try container.decodeIfPresent(String.self, forKey: .category)
    event = try container.decode(String.self, forKey: .event)
    text = try container.decode(String.self, forKey: .text)
    checkpoint = try container.decodeIfPresent(Int.self, forKey: .checkpoint)
    journalFile = try container.decodeIfPresent(String.self, forKey: .journalFile)
    statedUTC = try container.decodeIfPresent(String.self, forKey: .statedUTC)
    timeStatus = try container.decodeIfPresent(String.self, forKey: .timeStatus)
    directory = try container.decodeIfPresent(String.self, forKey: .directory)
    count = try container.decodeIfPresent(Int.self, forKey: .count)
    reason = try container.decodeIfPresent(String.self, forKey: .reason)
    method = try container.decodeIfPresent(String.self, forKey: .method)
  }

  /// The event this record was made from; nil when a field is not what `init(_:)` writes.
  public var backupEvent: BackupEvent? {
    guard let instant = CivilCalendar.epochMilliseconds(rfc3339: time),
      let local = LocalTimestamp(iso8601: localTime), let kind = EventKind(rawValue: event),
      let status = LocalTimeStatus(rawValue: timeStatus ?? "exact")
    else { return nil }
    var stated: Int64?
    if let statedUTC {
      guard let instant = CivilCalendar.epochMilliseconds(rfc3339: statedUTC) else { return nil }
      stated = instant
    }
    return BackupEvent(
      server: server, path: path, line: line, epochMilliseconds: instant, localTime: local,
      timeStatus: status, pid: pid, severity: severity, category: category, kind: kind,
      checkpoint: checkpoint, journalFile: journalFile, directory: directory, count: count,
      reason: reason, statedUTC: stated, method: method, text: text)
  }
}
